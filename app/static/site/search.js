// The search page without a page load: results follow the typing and the ticks, the URL follows the results
// (so links can be shared and Back works). Without this script the form submits and the server renders the same.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form || !window.fetch || !window.history || !window.DOMParser) return;
  document.documentElement.classList.add("js");
  var timer = null;
  var pending = null;

  function urlOf(f) {
    var params = new URLSearchParams(new FormData(f));
    var kept = new URLSearchParams();
    params.forEach(function (value, key) { if (value !== "" && !(key === "sort" && value === "relevance")) kept.append(key, value); });
    var query = kept.toString();
    return f.action.split("?")[0] + (query ? "?" + query : "");
  }

  function swap(html, focusResults) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fresh = doc.getElementById("search-form");
    if (!fresh) return;
    var results = document.getElementById("results");
    var facets = form.querySelector(".facets");
    var active = document.activeElement;
    var activeKey = active && active.name ? active.name + "=" + active.value : null;
    var open = {};
    facets.querySelectorAll("details[open]").forEach(function (d) { open[d.parentNode.getAttribute("data-facet")] = true; });
    facets.replaceWith(fresh.querySelector(".facets"));
    results.replaceWith(doc.getElementById("results"));
    var newFacets = form.querySelector(".facets");
    Object.keys(open).forEach(function (name) {
      var d = newFacets.querySelector('fieldset[data-facet="' + name + '"] details');
      if (d) d.open = true;
    });
    if (activeKey && active.type === "checkbox") {
      var same = form.querySelector('input[name="' + active.name + '"][value="' + CSS.escape(active.value) + '"]');
      if (same) same.focus();
    }
    document.title = doc.title;
    var switcher = document.querySelector(".lang-switch");
    var freshSwitcher = doc.querySelector(".lang-switch");
    if (switcher && freshSwitcher) switcher.setAttribute("href", freshSwitcher.getAttribute("href"));
    if (focusResults) document.getElementById("results").focus();
  }

  function load(url, push, focusResults) {
    if (pending) pending.abort();
    pending = new AbortController();
    document.getElementById("results").classList.add("busy");
    fetch(url, { signal: pending.signal, headers: { Accept: "text/html" } })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        swap(html, focusResults);
        if (push === "push") history.pushState({ crv: true }, "", url);
        else if (push === "replace") history.replaceState({ crv: true }, "", url);
      })
      .catch(function (error) { if (error.name !== "AbortError") window.location.href = url; });
  }

  form.addEventListener("input", function (event) {
    if (event.target.name !== "q") return;
    clearTimeout(timer);
    // typing replaces the history entry: Back leaves the search rather than undoing letters
    timer = setTimeout(function () { load(urlOf(form), "replace"); }, 250);
  });
  form.addEventListener("change", function (event) {
    if (event.target.name === "q") return;
    load(urlOf(form), "push");
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    load(urlOf(form), "push");
  });
  form.addEventListener("click", function (event) {
    var link = event.target.closest("a");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    if (link.closest(".chips") || link.closest(".pagination") || link.closest(".no-results")) {
      if (link.pathname !== window.location.pathname) return;
      event.preventDefault();
      var input = document.getElementById("q");
      var q = new URL(link.href).searchParams.get("q") || "";
      if (input) input.value = q;
      load(link.href, "push", link.closest(".pagination") !== null);
    }
  });
  window.addEventListener("popstate", function () {
    var input = document.getElementById("q");
    if (input) input.value = new URLSearchParams(window.location.search).get("q") || "";
    load(window.location.href, null);
  });
})();
