// The search page without a page load: results follow the typing and the ticks, the URL follows the results
// (so links can be shared and Back works). Without this script the form submits and the server renders the same.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form || !window.fetch || !window.history || !window.DOMParser) return;
  // The form and the results beside it (search.html): the results' controls (the sort, the links of the active
  // filters and of the pages) are outside the form, so their events are listened for on what holds both.
  var layout = form.parentNode;
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
      var links = layout.querySelectorAll(".chips a");
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

  // Offline (the request never got an answer), the page stays as it is, the words and ticks kept, and the status
  // region says so in the page's language; the last request is sent again when the browser is back online.
  // Loading the address instead would put the browser's own « No internet » page in place of the search.
  var failed = null;
  function offline(url, push, focusResults, typing) {
    failed = { url: url, push: push, focusResults: focusResults, typing: typing };
    document.getElementById("results").classList.remove("busy");
    if (!statusRegion) return;
    clearTimeout(statusTimer);
    statusRegion.textContent = "";
    var text = statusRegion.getAttribute("data-offline") || "";
    // Shown as well as said: on a phone nothing else tells that the results are the former ones.
    statusRegion.classList.remove("visually-hidden");
    statusTimer = setTimeout(function () { statusRegion.textContent = text; }, 100); // emptied first: said again
  }
  window.addEventListener("online", function () {
    if (!failed) return;
    var again = failed;
    failed = null;
    load(again.url, again.push, again.focusResults, again.typing);
  });

  // A search sent as the person types is marked (?typing=1): the server answers it alike but does not count it in the
  // editors' « searches without results » (app/services/search_statistics.py), where « trav », « travai » were
  // counted as searches that found nothing. The mark is in the request only, never in the address shown or kept.
  function unmarked(address) {
    var parsed = new URL(address, window.location.href);
    parsed.searchParams.delete("typing");
    return parsed.href;
  }

  function load(url, push, focusResults, typing) {
    if (pending) pending.abort();
    clearTimeout(statusTimer); // the count waiting to be said is of results being replaced
    failed = null;
    if (statusRegion && !statusRegion.classList.contains("visually-hidden")) {
      statusRegion.textContent = "";
      statusRegion.classList.add("visually-hidden");
    }
    var controller = pending = new AbortController();
    var shown = url;
    document.getElementById("results").classList.add("busy");
    var requested = typing ? url + (url.indexOf("?") < 0 ? "?" : "&") + "typing=1" : url;
    fetch(requested, { signal: controller.signal, headers: { Accept: "text/html" } })
      .then(function (response) {
        shown = unmarked(response.url || url); // after a redirect (a page past the last one), the address shown
        // An answer this script cannot show (not a page: a quota's JSON, say) is left to the browser, as the server
        // meant it; so is a page without the search in it (a server error's), below. The search's own 503
        // (« search unavailable ») has its form, and is shown here like any results.
        if ((response.headers.get("Content-Type") || "").indexOf("text/html") !== 0) return null;
        return response.text();
      })
      .then(function (html) {
        if (controller !== pending) return;
        if (html === null || html.indexOf('id="search-form"') < 0) { window.location.href = url; return; }
        swap(html, focusResults);
        if (push === "push") history.pushState({ crv: true }, "", shown);
        else if (push === "replace") history.replaceState({ crv: true }, "", shown);
      }, function (error) {
        // No answer at all (offline, the connection dropped): fetch and text() reject; an abort is a newer request.
        if (error.name !== "AbortError" && controller === pending) offline(url, push, focusResults, typing);
      });
  }

  // How long the words must rest before they are searched: twice the typist's usual gap between keys (the median
  // of the last five; a gap over 2 s is a pause, not a pace), between 450 ms and 1 s, 800 ms before the second
  // key. A fixed 250 ms sent a request for nearly every letter at a phone's pace (300 to 600 ms a key), each paying
  // the network's latency and some of its bytes before the next one aborted it; twice the pace waits out the
  // typist's own slower keys. The filters, the sort, Enter and the pages stay immediate.
  var gaps = [];
  var lastKey = 0;
  function typingWait() {
    var now = Date.now();
    if (lastKey && now - lastKey < 2000) {
      gaps.push(now - lastKey);
      if (gaps.length > 5) gaps.shift();
    }
    lastKey = now;
    if (!gaps.length) return 800;
    var sorted = gaps.slice().sort(function (a, b) { return a - b; });
    return Math.min(1000, Math.max(450, 2 * sorted[Math.floor(sorted.length / 2)]));
  }

  form.addEventListener("input", function (event) {
    if (event.target.name !== "q") return;
    clearTimeout(timer);
    clearTimeout(statusTimer); // not a word while the words change
    // The answer on its way is for words already changed: stopped now, it takes no more of a slow connection.
    if (pending) pending.abort();
    // typing replaces the history entry: Back leaves the search rather than undoing letters
    timer = setTimeout(function () { load(urlOf(form), "replace", false, true); }, typingWait());
  });
  layout.addEventListener("change", function (event) {
    if (event.target.form !== form || event.target.name === "q") return;
    load(urlOf(form), "push");
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    load(urlOf(form), "push");
  });
  // « Show the N results » (narrow screens, search.html): the filters fold, the results come to the top of the screen
  // with the keyboard on them, and their count is said at once (the ticks before it have been said already).
  function showResults() {
    if (filters) filters.open = false;
    var results = document.getElementById("results");
    results.focus({ preventScroll: true });
    results.scrollIntoView({ block: "start" });
    var count = document.getElementById("result-count");
    if (!statusRegion || !count) return;
    clearTimeout(statusTimer);
    statusRegion.textContent = "";
    var text = count.textContent.replace(/\s+/g, " ").trim();
    statusTimer = setTimeout(function () { statusRegion.textContent = text; }, 100);
  }

  layout.addEventListener("click", function (event) {
    if (event.target.closest("#show-results")) { showResults(); return; }
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
