// The screening results' buttons act in place: the state buttons filter the table's rows, the order buttons sort
// them (by the rank the server gave each row for "most serious first", else by line). Without JavaScript they post
// the form back and the server answers with the filtered, sorted table; here each form's hidden field follows the
// other form's choice, so that a later post (a download, a correction too) agrees with what is shown.
(function () {
  var filters = document.querySelector(".js-filters");
  var order = document.querySelector(".js-order");
  var body = document.querySelector("#screening-results tbody");
  if (!filters || !order || !body) return;
  function press(form, attribute, button) {
    form.querySelectorAll("button[" + attribute + "]").forEach(function (other) {
      other.setAttribute("aria-pressed", other === button ? "true" : "false");
    });
  }
  filters.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-state]");
    if (!button) return;
    event.preventDefault();
    var state = button.getAttribute("data-state");
    Array.prototype.forEach.call(body.rows, function (row) {
      row.hidden = state !== "" && row.getAttribute("data-state") !== state;
    });
    press(filters, "data-state", button);
    document.querySelectorAll("input[type=hidden][name=state]").forEach(function (field) {
      field.value = state;  // the order's form and the corrections'
    });
  });
  order.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-order]");
    if (!button) return;
    event.preventDefault();
    var key = button.getAttribute("data-order") ? "data-rank" : "data-line";
    Array.prototype.slice.call(body.rows)
      .sort(function (a, b) { return Number(a.getAttribute(key)) - Number(b.getAttribute(key)); })
      .forEach(function (row) { body.appendChild(row); });
    press(order, "data-order", button);
    document.querySelectorAll("input[type=hidden][name=order]").forEach(function (field) {
      field.value = button.getAttribute("data-order");  // the filters' form and the downloads'
    });
  });
})();
