// A « Copy » button beside lines to copy (button.js-copy, hidden in the page's HTML; its data-copy names the
// read-only textarea that holds them): shown and made to copy here, so that without JavaScript there is no button
// that does nothing — the textarea is still selected and copied by hand. What happened is said in the live region
// the button's aria-describedby names (present from the start, so that screen readers announce its changes):
// data-copied once copied; data-failed, the lines selected, where the browser refuses (no clipboard, or no
// permission). A file of the centre's own, for its Content-Security-Policy allows no inline handler.
(function () {
  document.querySelectorAll("button.js-copy").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = document.getElementById(button.getAttribute("aria-describedby"));
    if (!source || !status) return;
    function say(text) {
      status.textContent = "";  // emptied first: the same words said again are announced again
      window.setTimeout(function () { status.textContent = text; }, 50);
    }
    function selected() {
      source.focus();
      source.select();
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
      say(button.getAttribute(copied ? "data-copied" : "data-failed"));
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      if (!navigator.clipboard || !navigator.clipboard.writeText) return selected();
      navigator.clipboard.writeText(source.value).then(function () {
        say(button.getAttribute("data-copied"));
      }, selected);
    });
  });
})();
