// The search page without a page load: results follow the typing and the ticks, the URL follows the results
// (so links can be shared and Back works). Without this script the form submits and the server renders the same.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form || !window.fetch || !window.history || !window.DOMParser) return;
  document.documentElement.classList.add("js");
  var timer = null;
  var pending = null;
  var statusRegion = document.getElementById("search-status");
  var statusTimer = null;
  // How long the results must stay before the count is said: while one types, each pause brings results, and
  // saying every count would talk over the typing; a second after the last update, the count is the one wanted.
  var STATUS_DELAY = 1000;

  // Wide, the filters stand open beside the results (site.css hides their summary); narrow, they fold behind it.
  var filters = document.getElementById("search-filters");
  var wide = window.matchMedia("(min-width: 50.01rem)");
  function unfold() { if (filters && wide.matches) filters.open = true; }
  unfold();
  if (wide.addEventListener) wide.addEventListener("change", unfold);

  function urlOf(f) {
    var params = new URLSearchParams(new FormData(f));
    var kept = new URLSearchParams();
    params.forEach(function (value, key) { if (value !== "" && !(key === "sort" && value === "relevance")) kept.append(key, value); });
    var query = kept.toString();
    return f.action.split("?")[0] + (query ? "?" + query : "");
  }

  // Where the keyboard was, told so that it survives the swap: the control by its id (the sort select), its name and
  // value (a filter's checkbox), its filter (a « More »), a link of the active filters by its place in their list.
  // Nothing when the focus is outside what the swap replaces (the search box, the filters' fold stay as they are).
  function focusKey(active) {
    if (!active || !active.closest || !active.closest("#results, .facets")) return null;
    if (active.id) return { id: active.id };
    if (active.type === "checkbox") return { name: active.name, value: active.value };
    var facet = active.closest("fieldset[data-facet]");
    if (facet && active.tagName === "SUMMARY") return { more: facet.getAttribute("data-facet") };
    var chips = active.closest(".chips");
    if (chips) return { chip: Array.prototype.indexOf.call(chips.querySelectorAll("a"), active) };
    return {};
  }

  // Back where the keyboard was, as a keyboard user expects: on the same control when the new results still have
  // it (a sort chosen with the arrows, a filter ticked); on the link that took a removed filter's place in the list
  // (the next filter, else « Clear all filters »); else, when the control went (the last filter removed, all of
  // them cleared, a suggestion followed), on the results, whose heading is read and whose next Tab is the sort;
  // the search box in last resort. Focus left on a replaced control would fall to the top of the page.
  function refocus(key) {
    if (!key) return;
    var target = null;
    if (key.id) target = document.getElementById(key.id);
    else if (key.name) target = form.querySelector('input[name="' + CSS.escape(key.name) + '"][value="' + CSS.escape(key.value) + '"]');
    else if (key.more) target = form.querySelector('fieldset[data-facet="' + CSS.escape(key.more) + '"] summary');
    else if (key.chip !== undefined) {
      var links = form.querySelectorAll(".chips a");
      target = links[Math.min(key.chip, links.length - 1)] || null;
    }
    (target || document.getElementById("results") || document.getElementById("q")).focus();
  }

  // The count of the new results, said once they have settled: the status region stays from the page's load and
  // only its text changes, which screen readers announce (a region inserted with its text already in is often not).
  // Emptied first, so that the same count after another filter is said again.
  function announce() {
    var count = document.getElementById("result-count");
    if (!statusRegion || !count) return;
    clearTimeout(statusTimer);
    statusRegion.textContent = "";
    var text = count.textContent.replace(/\s+/g, " ").trim();
    statusTimer = setTimeout(function () { statusRegion.textContent = text; }, STATUS_DELAY);
  }

  function swap(html, focusResults) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fresh = doc.getElementById("search-form");
    if (!fresh) return;
    var results = document.getElementById("results");
    var facets = form.querySelector(".facets");
    var key = focusKey(document.activeElement);
    var open = {};
    facets.querySelectorAll("details[open]").forEach(function (d) { open[d.parentNode.getAttribute("data-facet")] = true; });
    facets.replaceWith(fresh.querySelector(".facets"));
    results.replaceWith(doc.getElementById("results"));
    var newFacets = form.querySelector(".facets");
    Object.keys(open).forEach(function (name) {
      var d = newFacets.querySelector('fieldset[data-facet="' + name + '"] details');
      if (d) d.open = true;
    });
    document.title = doc.title;
    var switcher = document.querySelector(".lang-switch");
    var freshSwitcher = doc.querySelector(".lang-switch");
    if (switcher && freshSwitcher) switcher.setAttribute("href", freshSwitcher.getAttribute("href"));
    // A new page of results is read from its top: focus alone leaves a long list scrolled to its end.
    if (focusResults) {
      var fresh = document.getElementById("results");
      fresh.focus({ preventScroll: true });
      fresh.scrollIntoView({ block: "start" });
    }
    else refocus(key);
    announce();
  }

  function load(url, push, focusResults) {
    if (pending) pending.abort();
    clearTimeout(statusTimer); // the count waiting to be said is of results being replaced
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
    clearTimeout(statusTimer); // not a word while the words change
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
    // The results' own links: the filters to remove, the pages, the ways out, the words as corrected.
    if (link.closest(".chips, .pagination, .no-results") || link.classList.contains("correction")) {
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
