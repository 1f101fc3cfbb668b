// A « Print » button (button.js-print, hidden in the page's HTML): shown and made to print the page here, so that
// without JavaScript there is no button that does nothing (the browser's own Print still works, with the page's
// print styles). A file of the centre's own, for its Content-Security-Policy allows no inline handler.
(function () {
  document.querySelectorAll("button.js-print").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
