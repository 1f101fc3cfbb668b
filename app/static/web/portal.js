// The partner portal's enhancements; every form works without them.
// 1. Taxonomy pickers: a filter box narrows the checkboxes as you type (names, and the other names in data-words:
//    the other language's, synonyms, the code; accents and case ignored). Ticked options stay in sight. Enter in the
//    box goes to the first option shown instead of submitting the form; Escape empties it. A polite live region says
//    how many are shown.
// 2. Live preview: the body is rendered by the server's sanitiser (the public pages' one) as you type.
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[’']/g, "'").toLowerCase();
  }
  document.querySelectorAll("[data-picker]").forEach(function (picker) {
    var filter = picker.querySelector(".picker-filter");
    if (!filter) return;
    var status = picker.querySelector("[data-count]");
    var none = picker.querySelector(".picker-none");
    var labels = Array.prototype.slice.call(picker.querySelectorAll(".picker-options label"));
    var texts = labels.map(function (label) {
      var name = label.querySelector("[data-words]");
      return fold(label.textContent + " " + (name ? name.getAttribute("data-words") : ""));
    });
    filter.hidden = false;
    function narrow() {
      var wanted = fold(filter.value.trim());
      var shown = 0;
      labels.forEach(function (label, i) {
        var box = label.querySelector("input");
        var match = !wanted || texts[i].indexOf(wanted) !== -1 || (box && box.checked);
        label.hidden = !match;
        if (match) shown += 1;
      });
      if (none) none.hidden = shown > 0;
      if (status) status.textContent = wanted ? status.getAttribute("data-count").replace("{count}", shown) : "";
    }
    filter.addEventListener("input", narrow);
    filter.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault(); // not the form's first button (the preview)
        var first = labels.filter(function (label) { return !label.hidden; })[0];
        if (first) first.querySelector("input").focus();
      } else if (event.key === "Escape" && filter.value) {
        event.preventDefault();
        filter.value = "";
        narrow();
      }
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
      credentials: "same-origin",
      redirect: "manual" // signed out meanwhile: no sign-in page in the preview
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
