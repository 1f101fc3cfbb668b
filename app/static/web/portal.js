// The partner portal's enhancements; every form works without them.
// 1. Taxonomy pickers: a filter box narrows the checkboxes as you type (labels and codes, accents ignored).
// 2. Live preview: the body is rendered by the server's sanitiser (the public pages' one) as you type.
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  document.querySelectorAll("[data-picker]").forEach(function (picker) {
    var filter = picker.querySelector(".picker-filter");
    if (!filter) return;
    filter.hidden = false;
    filter.addEventListener("input", function () {
      var wanted = fold(filter.value.trim());
      picker.querySelectorAll(".picker-options label").forEach(function (label) {
        var box = label.querySelector("input");
        var match = !wanted || fold(label.textContent).indexOf(wanted) !== -1 || (box && box.checked);
        label.hidden = !match;
      });
    });
  });
  var form = document.getElementById("resource-form");
  var body = document.getElementById("f-body");
  var preview = document.getElementById("preview");
  if (!form || !body || !preview) return;
  var token = form.querySelector("input[name=csrf_token]").value;
  var url = document.documentElement.lang === "en" ? "/en/partner/preview" : "/fr/espace-partenaire/apercu";
  var language = form.querySelector("[name=language]");
  var timer = null;
  function refresh() {
    var data = new URLSearchParams();
    data.set("body", body.value);
    if (language) data.set("language", language.value); // the page shows it in its language's typography
    fetch(url, {
      method: "POST",
      headers: { "X-CSRF-Token": token, "Content-Type": "application/x-www-form-urlencoded" },
      body: data.toString(),
      credentials: "same-origin"
    }).then(function (response) {
      return response.ok ? response.text() : null;
    }).then(function (html) {
      if (html !== null) preview.innerHTML = html; // sanitised by the server (nh3), as on the public pages
    }).catch(function () {});
  }
  body.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  });
  if (language) language.addEventListener("change", refresh);
  if (body.value && !preview.innerHTML.trim()) refresh();
})();
