// The screening results' buttons act in place where every line is in the table (data-complete): the state buttons
// filter its rows (the one of the lines new or changed since an earlier screening by their data-changed), the order
// buttons sort them (by the rank the server gave each row for "most serious first", else by line). Elsewhere (a list
// longer than a page, or a page filtered by the server) they post the form, as they do without JavaScript, and the
// server answers with the page asked for. In place, the form's hidden fields follow the choice, so that a later post
// (a download, a correction, a page) agrees with what is shown; the note beside the downloads says which lines they
// hold.
(function () {
  // On a page of results, the header's language switch leads to the results form's button that posts them to the
  // other language's page (a plain link would lose them, nothing being kept on the server): pressed at once here, as
  // the link promised. Without JavaScript the link takes the keyboard to the button.
  var button = document.querySelector("#results-in-other-language");
  if (!button) return;
  document.querySelectorAll("a.lang-switch").forEach(function (link) {
    if (link.getAttribute("href") !== "#" + button.id) return;
    link.addEventListener("click", function (event) {
      event.preventDefault();
      button.click();
    });
  });
})();
(function () {
  var form = document.querySelector("#screening-results-form");
  var filters = document.querySelector(".js-filters[data-complete]");
  var order = document.querySelector(".js-order[data-complete]");
  var body = document.querySelector("#screening-results tbody");
  if (!form || !filters || !order || !body) return;
  var scope = document.querySelector("#download-scope");
  var status = document.querySelector("#screening-status");
  // What changed in place, said once: a button's pressed state alone is not announced as a change of the table. A
  // choice made within the delay replaces the one before it, which is not said after it.
  var saying = null;
  function say(group, button) {
    if (!status) return;
    clearTimeout(saying);
    status.textContent = "";
    var copy = button.cloneNode(true);  // its words, not its symbol (hidden from screen readers)
    copy.querySelectorAll("[aria-hidden=true]").forEach(function (symbol) { symbol.remove(); });
    var text = group.getAttribute("data-said") + copy.textContent.replace(/\s+/g, " ").trim();
    saying = setTimeout(function () { status.textContent = text; }, 100);
  }
  function press(group, attribute, button) {
    group.querySelectorAll("button[" + attribute + "]").forEach(function (other) {
      other.setAttribute("aria-pressed", other === button ? "true" : "false");
    });
  }
  filters.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-state]");
    if (!button) return;
    event.preventDefault();
    var state = button.getAttribute("data-state");
    Array.prototype.forEach.call(body.rows, function (row) {
      // "changed": the lines new or changed since an earlier screening (data-changed), whatever their state
      var shown = state === "changed" ? row.hasAttribute("data-changed") : row.getAttribute("data-state") === state;
      row.hidden = state !== "" && !shown;
    });
    press(filters, "data-state", button);
    say(filters, button);
    form.elements.state.value = state;
    if (scope) scope.textContent = button.getAttribute("data-scope");
  });
  order.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-order]");
    if (!button) return;
    event.preventDefault();
    var key = button.getAttribute("data-order") === "severity" ? "data-rank" : "data-line";
    Array.prototype.slice.call(body.rows)
      .sort(function (a, b) { return Number(a.getAttribute(key)) - Number(b.getAttribute(key)); })
      .forEach(function (row) { body.appendChild(row); });
    press(order, "data-order", button);
    say(order, button);
    form.elements.order.value = button.getAttribute("data-order");
  });
})();
