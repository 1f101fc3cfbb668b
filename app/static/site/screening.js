// The screening results' state buttons filter the table's rows in place (without JavaScript they post the form
// back and the server answers with the filtered table).
(function () {
  var form = document.querySelector(".js-filters");
  if (!form) return;
  form.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-state]");
    if (!button) return;
    event.preventDefault();
    var state = button.getAttribute("data-state");
    document.querySelectorAll("#screening-results tbody tr").forEach(function (row) {
      row.hidden = state !== "" && row.getAttribute("data-state") !== state;
    });
    form.querySelectorAll("button[data-state]").forEach(function (other) {
      other.setAttribute("aria-pressed", other === button ? "true" : "false");
    });
  });
})();
