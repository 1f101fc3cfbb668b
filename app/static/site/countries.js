// The country index without a page load: the region and finding filters and the sort (its select or a column
// header) apply to the rows already in the page, the count is announced in the status region, and the URL follows
// (replaceState: the same link as the server's page for that state). Without this script the form submits and the
// headers are links: the server renders the same page.
(function () {
  "use strict";
  var form = document.getElementById("country-filters");
  var table = document.getElementById("country-table");
  var status = document.getElementById("country-count");
  if (!form || !table || !status || !window.history || !window.URLSearchParams) return;
  var sorts = table.getAttribute("data-sorts").split(" ");
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var path = form.getAttribute("action");
  var headers = table.querySelectorAll("thead th[data-sort]");

  function state() {
    return { region: form.elements.region.value, finding: form.elements.finding.value, sort: form.elements.sort.value };
  }

  function query(s) {
    var params = new URLSearchParams();
    if (s.region) params.set("region", s.region);
    if (s.finding) params.set("finding", s.finding);
    if (s.sort && s.sort !== "name") params.set("sort", s.sort);
    var text = params.toString();
    return text ? "?" + text : "";
  }

  function rank(row, column) {
    return Number(row.getAttribute("data-ranks").split(" ")[column]);
  }

  function apply() {
    var s = state();
    var column = Math.max(0, sorts.indexOf(s.sort));
    var shown = 0;
    rows.sort(function (a, b) { return rank(a, column) - rank(b, column); });
    rows.forEach(function (row) {
      var visible = (!s.region || row.getAttribute("data-region") === s.region) &&
        (!s.finding || row.getAttribute("data-finding") === s.finding);
      row.hidden = !visible;
      if (visible) shown += 1;
      body.appendChild(row);
    });
    Array.prototype.forEach.call(headers, function (th) {
      var code = th.getAttribute("data-sort");
      if (code === s.sort) th.setAttribute("aria-sort", th.getAttribute("data-direction"));
      else th.removeAttribute("aria-sort");
      th.querySelector("a").setAttribute("href", path + query({ region: s.region, finding: s.finding, sort: code }));
    });
    var sortLabel = form.elements.sort.options[form.elements.sort.selectedIndex].text;
    var parts = status.querySelectorAll("span");
    parts[0].textContent = status.getAttribute("data-count")
      .replace("{shown}", String(shown)).replace("{total}", String(rows.length));
    if (parts[1]) parts[1].textContent = ". " + status.getAttribute("data-sorted") + sortLabel;
    history.replaceState(history.state, "", path + query(s));
    var notice = document.getElementById("query-notice");  // it named values of the query just replaced
    if (notice) notice.hidden = true;
    var switcher = document.querySelector("a.lang-switch");
    if (switcher) switcher.setAttribute("href", switcher.getAttribute("href").split("?")[0] + query(s));
  }

  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    apply();
  });
  table.tHead.addEventListener("click", function (event) {
    var link = event.target.closest("th[data-sort] a");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    form.elements.sort.value = link.parentNode.getAttribute("data-sort");
    apply();
    link.focus();
  });
})();
