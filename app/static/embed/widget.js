/*! crv-search: the search of the virtual resource centre 8.7, as a web component. No dependencies.
 *
 *   <script src="https://CENTRE/embed/v1/widget.js" defer></script>
 *   <crv-search key="crv_pk_…" lang="fr" sector="cocoa" per-page="10" theme="light"></crv-search>
 *
 * Served after widget-text.js (STRINGS, CSS, adoptStyles, settingUp), both inside one function: app/routers/embed.py,
 * whose /embed/demo builds this snippet with codes chosen by name. Attributes: key (publishable key; none = anonymous quota),
 * lang (fr|en: the interface, and the results' language, as the centre's own search page: sent as the `lang` filter;
 * fewer than FEW_RESULTS found, a button offers the other language's, counted by one more request), all-languages
 * (boolean: both versions, the reader's first, sent as prefer_lang only, no offer), type, country, region, sector,
 * risk, audience, publisher (filters this instance always applies, comma-separated codes, named under the box:
 * "Limited to: …"; publisher's are organisations', /v1/facet-search?facet=publisher), per-page (1-50), theme
 * (light|dark|auto), facets (comma-separated, default "type,country,sector,risk", "none" for none), query (initial
 * words), api (base URL of the API; default: where this script was loaded from), heading-level (2-6, default 3: the
 * results' headings). A value it ignores or clamps (facets="pays", per-page="200") is said once in the console. A
 * facet whose values the element's filters or the key's fixed filters (the answer's fixed_filters) fix is hidden.
 * Facets, hits and filters are labelled from the answer's facet_labels: one request per search (two when few are
 * found). No words: newest first, each hit dated. Events: "crv-search:results" (detail: the API's response) after
 * each search. The status line (a polite live region) also names the words the results are without (left_out). A
 * widget narrower than NARROW_REM (its own width) folds its filters behind a "Filters" button, results first.
 * A refusal's detail goes to the console. A refused attribute value (400, 422) is shown in the API's words (which
 * suggest the code) only where the page is set up (settingUp: a file, localhost, the centre's own page); visitors
 * elsewhere read a plain message in their language and a link to the centre's search, as for a refused key or
 * origin. No answer at all is "unreachable or blocked". No <style> element and no style="" attribute: a host page's
 * Content-Security-Policy needs only script-src and connect-src for the centre.
 */
(function () {
  "use strict";
  if (!window.customElements || window.customElements.get("crv-search")) return;

  var SCRIPT = document.currentScript;
  var DEFAULT_API = (function () {
    try { return new URL("../../", SCRIPT && SCRIPT.src ? SCRIPT.src : location.href).href.replace(/\/$/, ""); }
    catch (e) { return location.origin; }
  })();
  var DEBOUNCE_MS = 250;
  var FACET_VALUES_SHOWN = 8;
  var FEW_RESULTS = 5;  // fewer, the other language's are offered: as on the centre's search page (search_page.py)
  var NARROW_REM = 35;  // narrower, the filters no longer fit beside the results (12 + 1.5 + 20 rem, and padding)
  var FACET_ORDER = ["type", "country", "sector", "risk"];
  var FILTERS = FACET_ORDER.concat(["region", "audience", "publisher"]);  // the filter attributes: these 3 no facet
  var SEARCH_PAGES = { fr: "/fr/recherche", en: "/en/search" };  // the centre's own, where a refused key leads
  var NEWEST_FIRST = "published_at:desc";  // without words: what is new under the filters, not titles A–Z
  var MAX_PER_PAGE = 50;
  var DEFAULT_PER_PAGE = 10;
  var DEFAULT_HEADING = 3;  // the results' headings, h2 to h6: one level under the host page's own heading
  var THEMES = ["light", "dark", "auto"];

  class CrvSearch extends HTMLElement {
    static get observedAttributes() {
      return ["key", "lang", "all-languages", "per-page", "theme", "facets", "api", "query", "heading-level"]
        .concat(FILTERS);
    }

    constructor() {
      super();
      this._root = this.attachShadow({ mode: "open" });
      this._selected = {};
      this._expanded = {};
      this._labels = {};  // language → facet → code → label, from every answer (a ticked value keeps its label)
      this._fixed = {};  // the key's fixed filters, as the last answer names them
      this._page = 1;
      this._other = false;  // the other language's results shown (the offer taken), until words are typed
      this._offered = null;  // the other language's answer to the words and filters shown, when offered
      this._timer = null;
      this._countdown = null;
      this._controller = null;
      this._built = false;
      this._warned = {};  // the console warnings already given: each once
      this._adopted = adoptStyles(this._root);
      var self = this;
      this._observer = window.ResizeObserver ? new ResizeObserver(function () { self._fit(); }) : null;
    }

    connectedCallback() {
      if (!this.hasAttribute("theme")) this.setAttribute("theme", "light");
      if (!this._built) this._build();
      if (this._observer) this._observer.observe(this);
      this._checkAttributes();
      this._search();
    }

    disconnectedCallback() {
      clearTimeout(this._timer); clearInterval(this._countdown);
      if (this._controller) this._controller.abort();
      if (this._observer) this._observer.disconnect();
    }

    attributeChangedCallback(name, oldValue, newValue) {
      if (!this._built || oldValue === newValue) return;
      this._checkAttributes();
      if (name === "theme") return;
      if (name === "heading-level") { if (this._lastResponse) this._renderHits(this._lastResponse); return; }
      if (name === "lang") this._build();
      if (name === "query") this._input.value = newValue || "";
      this._searchAnew();
    }

    get lang() {
      var lang = (this.getAttribute("lang") || document.documentElement.lang || "fr").slice(0, 2).toLowerCase();
      return STRINGS[lang] ? lang : "fr";
    }

    get _t() { return STRINGS[this.lang]; }

    get _api() { return (this.getAttribute("api") || DEFAULT_API).replace(/\/+$/, ""); }

    get _perPage() {
      var n = parseInt(this.getAttribute("per-page") || String(DEFAULT_PER_PAGE), 10);
      return isNaN(n) ? DEFAULT_PER_PAGE : Math.min(Math.max(n, 1), MAX_PER_PAGE);
    }

    get _headingLevel() {
      var n = parseInt(this.getAttribute("heading-level") || String(DEFAULT_HEADING), 10);
      return isNaN(n) ? DEFAULT_HEADING : Math.min(Math.max(n, 2), 6);
    }

    _warn(message) {
      if (this._warned[message] || !window.console) return;
      this._warned[message] = true;
      console.warn("crv-search: " + message);
    }

    // What the widget ignores or clamps, told once to the webmaster (the visitor sees a working widget).
    _checkAttributes() {
      var self = this;
      var at = function (name) { var v = self.getAttribute(name); return v === null ? null : v.trim(); };
      if (at("per-page") !== null && at("per-page") !== String(this._perPage)) {
        this._warn(CONSOLE.number("per-page", at("per-page"), 1, MAX_PER_PAGE, this._perPage));
      }
      if (at("heading-level") !== null && at("heading-level") !== String(this._headingLevel)) {
        this._warn(CONSOLE.number("heading-level", at("heading-level"), 2, 6, this._headingLevel));
      }
      list(at("facets") === "none" ? "" : at("facets")).forEach(function (name) {
        if (FACET_ORDER.indexOf(name) < 0) self._warn(CONSOLE.facet(at("facets"), name, FACET_ORDER));
      });
      if (THEMES.concat(null).indexOf(at("theme")) < 0) this._warn(CONSOLE.choice("theme", at("theme"), THEMES));
      if (at("lang") !== null && at("lang").slice(0, 2).toLowerCase() !== this.lang) {
        this._warn(CONSOLE.choice("lang", at("lang"), Object.keys(STRINGS), this.lang));
      }
    }

    get _presets() {
      var presets = {};
      var self = this;
      FILTERS.forEach(function (name) {
        var values = list(self.getAttribute(name));
        if (values.length) presets[name] = values;
      });
      return presets;
    }

    get _facetNames() {
      var wanted = this.getAttribute("facets");
      var names = wanted === null ? FACET_ORDER : wanted.trim() === "none" ? [] : list(wanted);
      var presets = this._presets;
      return names.filter(function (n) { return FACET_ORDER.indexOf(n) >= 0 && !presets[n]; });
    }

    _build() {
      var t = this._t;
      var self = this;
      var previous = this._input ? this._input.value : this.getAttribute("query") || "";
      this._root.textContent = "";
      if (!this._adopted) this._root.appendChild(el("style", { text: CSS }));
      this._input = el("input", {
        id: "q", type: "search", autocomplete: "off", spellcheck: "false", enterkeyhint: "search",
        placeholder: t.placeholder, "aria-describedby": "hint", "aria-controls": "results",
      });
      this._input.value = previous;
      var form = el("form", { role: "search", "aria-label": t.landmark }, [
        el("label", { class: "q", for: "q", text: t.label }),
        this._input,
        el("p", { id: "hint", class: "hint", text: t.hint }),
      ]);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        clearTimeout(self._timer);
        self._searchAnew();
      });
      this._input.addEventListener("input", function () {
        clearTimeout(self._timer);
        self._timer = setTimeout(function () { self._searchAnew(false, true); }, DEBOUNCE_MS);
      });
      this._input.addEventListener("keydown", function (event) {
        if (event.key === "ArrowDown") {
          var first = self._resultLinks()[0];
          if (first) { event.preventDefault(); first.focus(); }
        } else if (event.key === "Escape" && self._input.value) {
          event.preventDefault();
          self._input.value = "";
          self._searchAnew();
        }
      });
      this._scope = el("p", { class: "scope", hidden: true });
      this._facetBox = el("div", {
        class: "facets", id: "filters", role: "group", "aria-label": t.filters, hidden: true,
      });
      this._toggle = el("button", { type: "button", class: "toggle", "aria-controls": "filters" });
      this._toggle.addEventListener("click", function () { self._fold(!self._open); });
      this._status = el("p", { class: "status", role: "status", "aria-live": "polite", "aria-atomic": "true" });
      this._error = el("div", { class: "error", role: "alert", hidden: true });
      this._offer = el("p", { class: "offer", "aria-live": "polite" });  // comes after the count: said after it
      this._results = el("ol", { class: "results", id: "results", "aria-label": t.results });
      this._results.addEventListener("keydown", function (event) { self._moveInResults(event); });
      this._prev = el("button", { type: "button", class: "prev", text: "← " + t.previous });
      this._next = el("button", { type: "button", class: "next", text: t.next + " →" });
      this._pageLabel = el("span", { class: "page" });
      this._prev.addEventListener("click", function () { self._goTo(self._page - 1); });
      this._next.addEventListener("click", function () { self._goTo(self._page + 1); });
      this._pager = el("nav", { class: "pager", "aria-label": t.pagination, hidden: true }, [
        this._prev, this._pageLabel, this._next,
      ]);
      this._main = el("section", { class: "main", "aria-label": t.results, "aria-busy": "false" }, [
        this._status, this._offer, this._error, this._results, this._pager,
      ]);
      this._box = el("div", { class: "crv", part: "container", lang: this.lang }, [
        form, this._scope, this._toggle, el("div", { class: "layout" }, [this._facetBox, this._main]),
      ]);
      this._root.appendChild(this._box);
      this._built = true;
      this._fit();
      this._fold(!!this._open);
      if (this._lastResponse) this._render(this._lastResponse);
    }

    _fit() {  // by its own width, not the viewport's; within 8 px it stays as it is (a scrollbar coming and going)
      var limit = NARROW_REM * (parseFloat(getComputedStyle(document.documentElement).fontSize) || 16);
      var width = this.getBoundingClientRect().width;
      if (Math.abs(width - limit) > 8) this._narrow = width < limit;
      this._box.classList.toggle("narrow", !!this._narrow);
    }

    _fold(open) {  // the filters behind their button (shown on a narrow widget), which counts those ticked
      this._open = open;
      this._facetBox.classList.toggle("open", open);
      this._toggle.setAttribute("aria-expanded", String(open));
      this._toggle.hidden = this._facetBox.hidden;
      this._toggle.textContent = this._t.filters + (this._active ? " (" + this._active + ")" : "");
    }

    _resultLinks() { return Array.prototype.slice.call(this._results.querySelectorAll("a")); }

    _moveInResults(event) {
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp" && event.key !== "Home" && event.key !== "End") return;
      var links = this._resultLinks();
      var index = links.indexOf(this._root.activeElement);
      if (index < 0) return;
      event.preventDefault();
      if (event.key === "Home") links[0].focus();
      else if (event.key === "End") links[links.length - 1].focus();
      else if (event.key === "ArrowDown" && index < links.length - 1) links[index + 1].focus();
      else if (event.key === "ArrowUp") (index === 0 ? this._input : links[index - 1]).focus();
    }

    // New words, filters or settings: from the first page; in the widget's language again, but for a filter ticked
    // among the other language's results (keepLanguage). typing: sent as the person types (see _url).
    _searchAnew(keepLanguage, typing) {
      this._page = 1;
      if (!keepLanguage) this._other = false;
      this._search(false, typing);
    }

    _goTo(page) { this._page = Math.max(1, page); this._search(true); }

    _learn(body) {  // the answer labels every value it holds (facets and hits), in its reader's language
      var lang = body.language || this.lang;
      var known = this._labels[lang] || (this._labels[lang] = {});
      var given = body.facet_labels || {};
      Object.keys(given).forEach(function (name) {
        known[name] = known[name] || {};
        Object.keys(given[name] || {}).forEach(function (code) { known[name][code] = given[name][code]; });
      });
      this._fixed = body.fixed_filters || {};
    }

    _label(facet, code) { return ((this._labels[this.lang] || {})[facet] || {})[code] || code; }

    get _otherLang() { return this.lang === "fr" ? "en" : "fr"; }

    // The `lang` filter: the widget's language, or the other once its offer is taken; none with all-languages,
    // whose results hold both versions of each resource, the reader's first (prefer_lang).
    get _resultsLang() {
      if (this.hasAttribute("all-languages")) return null;
      return this._other ? this._otherLang : this.lang;
    }

    _url(language, typing) {
      var url = new URL(this._api + "/v1/search");
      var params = url.searchParams;
      var key = this.getAttribute("key");
      if (key) params.set("key", key);
      var q = this._input.value.trim().slice(0, 500);
      params.set("q", q);
      params.set("prefer_lang", this.lang);  // the reader's: the labels' language, and all-languages' order
      if (language) params.set("lang", language);
      if (!q) params.set("sort", NEWEST_FIRST);
      params.set("page", String(this._page));
      params.set("per_page", String(this._perPage));
      var presets = this._presets;
      var selected = this._selected;
      FILTERS.forEach(function (name) {
        (presets[name] || []).forEach(function (v) { params.append(name, v); });
        Object.keys(selected[name] || {}).forEach(function (v) {
          if (selected[name][v] && !(presets[name] || []).length) params.append(name, v);
        });
      });
      this._facetNames.forEach(function (name) { params.append("facets", name); });
      if (typing) params.set("typing", "1");  // « trav » not counted as a search; no header: no CORS preflight
      return url.href;
    }

    // The centre's own search page (or its snippet builder, /embed/demo), in the widget's language: the words and the
    // element's filters, which the builder takes by name too (country="Côte d'Ivoire": CI, said there).
    _sitePage(q, builder) {
      var url = new URL(this._api + (builder ? "/embed/demo?lang=" + this.lang : SEARCH_PAGES[this.lang]));
      var presets = this._presets;
      if (q) url.searchParams.set("q", q);
      FILTERS.forEach(function (name) {
        (presets[name] || []).forEach(function (v) { url.searchParams.append(name, v); });
      });
      return url.href;
    }

    _fetch(url, controller) {
      var init = { headers: { Accept: "application/json" }, credentials: "omit" };
      if (controller) init.signal = controller.signal;
      return fetch(url, init).then(function (response) {
        var body = response.json().catch(function () { return {}; });  // a proxy's HTML page: no details
        return body.then(function (b) { return { response: response, body: b }; });
      });
    }

    _search(focusResults, typing) {
      var self = this;
      var t = this._t;
      clearInterval(this._countdown);
      if (this._controller) this._controller.abort();
      var controller = typeof AbortController === "function" ? new AbortController() : null;
      this._controller = controller;
      this._offered = null;
      this._main.setAttribute("aria-busy", "true");
      this._status.textContent = t.loading;
      var language = this._resultsLang;
      var other = language === this.lang ? this._url(this._otherLang, typing) : null;  // the offer's, same words, page
      this._fetch(this._url(language, typing), controller)
        .then(function (result) {
          if (controller && controller.signal.aborted) return;
          self._main.setAttribute("aria-busy", "false");
          if (!result.response.ok) { self._failed(result.response, result.body); return; }
          self._show(result.body, focusResults);
          if (other && self._page === 1 && (result.body.total || 0) < FEW_RESULTS) self._askOther(other, controller);
        })
        .catch(function (error) {
          if (error && error.name === "AbortError") return;
          self._main.setAttribute("aria-busy", "false");
          self._warn(CONSOLE.unreachable(self._api, String(error)));
          self._showError(navigator.onLine === false ? t.offline : t.network, true, settingUp(self._api) && t.console);
        });
    }

    _show(body, focusResults) {
      this._error.hidden = true;  // its text goes with the next error
      this._lastResponse = body;
      this._render(body);
      if (focusResults) { var first = this._resultLinks()[0]; (first || this._status).focus(); }
      this.dispatchEvent(new CustomEvent("crv-search:results", { detail: body }));
    }

    // Few found in the widget's language: the same search in the other, offered with its count when it finds any.
    // Its answer is kept, so taking the offer asks nothing more; a refusal of this one is not the visitor's concern.
    _askOther(url, controller) {
      var self = this;
      this._fetch(url, controller)
        .then(function (result) {
          if ((controller && controller.signal.aborted) || !result.response.ok || !(result.body.total > 0)) return;
          self._offered = result.body;
          self._renderOffer();
        })
        .catch(function () {});
    }

    _takeOffer() {  // the other language's results, from the answer kept; or back to the widget's
      var answer = this._offered;  // none while a new search is under way
      if (this._other) { this._other = false; this._page = 1; this._search(true); }
      else if (answer) { this._other = true; this._offered = null; this._show(answer, true); }
    }

    _renderOffer() {  // the button stays while its words do: a live region reads a change only
      var self = this;
      var answer = this._offered;
      var text = this._other ? this._t.back : answer ? this._t.countIn(answer.total, this._otherLang) : "";
      if (this._offer.textContent === text) return;
      this._offer.textContent = "";
      if (!text) return;
      var button = el("button", { type: "button", class: "other-language", text: text });
      button.addEventListener("click", function () { self._takeOffer(); });
      this._offer.appendChild(button);
    }

    _renderScope() {  // what this instance is limited to: the element's filters and the key's fixed ones
      var self = this;
      var presets = this._presets;
      var fixed = this._fixed;
      var labels = [];
      FILTERS.forEach(function (name) {
        (presets[name] || []).concat(fixed[name] || []).forEach(function (code) {
          var label = self._label(name, code);
          if (labels.indexOf(label) < 0) labels.push(label);
        });
      });
      this._scope.hidden = !labels.length;
      this._scope.textContent = labels.length ? this._t.limited(labels) : "";
    }

    _failed(response, body) {
      var t = this._t;
      var self = this;
      var status = response.status;
      if (body && body.detail && window.console) console.warn("crv-search: " + status + " " + String(body.detail));
      if (status === 429) {
        var seconds = parseInt(response.headers.get("Retry-After") || "", 10);
        if (isNaN(seconds) || seconds < 1) seconds = 30;
        // Counted down where it is read; the alert says it once, not every second (aria-live off inside it).
        var left = el("span", { class: "seconds", "aria-live": "off", text: String(seconds) });
        // The centre's own search page is not under this quota: the visitor can go on there meanwhile.
        this._showError(t.quota(left), false, this._onSite());
        var until = Date.now() + seconds * 1000;
        this._countdown = setInterval(function () {
          var more = Math.ceil((until - Date.now()) / 1000);
          if (more > 0) left.textContent = String(more);
          else self._search();
        }, 1000);
      } else if (status === 401 || status === 403) {
        // A page opened as a file has no origin (Origin: null) that any key could list: said, not "this site".
        var message = status === 401 ? t.invalidKey : window.origin === "null" ? t.fileOrigin : t.forbidden;
        this._showError(message, false, this._onSite());
      } else if (status === 400 || status === 422) {
        // A value the API refuses (country="Côte d'Ivoire"): its words name the attribute and suggest the code, shown
        // in full where the page is set up (settingUp), the webmaster looking there before the console; the site's
        // visitors read a plain message in their language, with the same words on the centre's own search page.
        var detail = body && body.detail ? String(body.detail) : "";
        var shown = detail && settingUp(this._api);
        if (detail && !shown) this._warn(CONSOLE.hidden(this._api));
        this._showError(t.invalid, false, shown ? [t.settings(detail), [t.setupOnly + " ", el("a", {
          class: "builder", href: this._sitePage("", true), text: t.builder,
        })]] : this._onSite());
      } else {
        this._showError(t.unavailable, true);
      }
    }

    _onSite() {  // the same words on the centre's own search page, with the element's filters: no key needed there
      var q = this._input.value.trim();
      return el("a", { class: "on-site", href: this._sitePage(q), text: this._t.onSite(q) });
    }

    // message, then each of ways (a paragraph's text, node, or array of them), then the button to try again
    _showError(message, retry, ways) {
      var self = this;
      // Nothing of the last answer stays: its results, count and filters would pass for the words now in the box.
      this._lastResponse = null;
      this._status.textContent = "";
      this._offered = null;
      this._renderOffer();
      this._results.textContent = "";
      this._pager.hidden = true;
      this._facetBox.textContent = "";
      this._facetBox.hidden = true;
      this._fold(!!this._open);
      this._error.textContent = "";
      this._error.appendChild(el("p", null, [].concat(message)));
      [].concat(ways || []).forEach(function (way) { self._error.appendChild(el("p", null, [].concat(way))); });
      if (retry) {
        var button = el("button", { type: "button", class: "retry", text: this._t.retry });
        button.addEventListener("click", function () { self._search(); });
        this._error.appendChild(el("p", null, [button]));
      }
      this._error.hidden = false;
    }

    _render(body) {
      var t = this._t;
      var last = Math.max(1, body.total_pages || 1);  // the API's: within its result window
      this._learn(body);
      var paged = body.total > 0 && last > 1;
      var count = this._other ? t.countIn(body.total || 0, this._otherLang) + "." : t.count(body.total || 0);
      this._status.textContent = count + (paged ? " " + t.page(body.page, last) + "." : "");
      // Found without some of the words typed (nothing held them all): said in the live region, on a line of its own.
      var leftOut = body.left_out || [];
      if (leftOut.length) this._status.appendChild(el("span", { class: "left-out" }, [" ", t.leftOut(leftOut)]));
      this._renderScope();
      this._renderOffer();
      this._renderHits(body);
      this._renderFacets(body.facets || {});
      this._pager.hidden = last <= 1;
      this._prev.disabled = body.page <= 1;
      this._next.disabled = body.page >= last;
      this._pageLabel.textContent = t.page(body.page, last);
    }

    _renderHits(body) {
      var self = this;
      var t = this._t;
      this._results.textContent = "";
      var hits = body.hits || [];
      if (!hits.length) {
        this._results.appendChild(el("li", { class: "empty", text: t.noResults }));
        var places = placeOffer(body.places, t);  // a region no text names: its country's resources
        if (places) this._results.appendChild(places);
        return;
      }
      var heading = "h" + this._headingLevel;
      var dated = !body.query;  // no words: newest first, each hit's date says why it comes where it does
      hits.forEach(function (hit) {
        var highlights = hit.highlights || {};
        var title = el(heading, { class: "title" });
        var url = safeUrl(hit.url);
        var link = el(url ? "a" : "span", url ? { href: url, lang: hit.language } : { lang: hit.language });
        appendHighlight(link, highlights.title || escapeForHighlight(hit.title));
        title.appendChild(link);
        var meta = [self._label("type", hit.type)].concat((hit.countries || []).slice(0, 4).map(function (c) {
          return self._label("country", c);
        }));
        var snippetSource = highlights.body && highlights.body.indexOf("<mark>") >= 0
          ? blocksApart(highlights.body) : highlights.summary || escapeForHighlight(hit.summary);
        var snippet = appendHighlight(el("p", { class: "snippet", lang: hit.language }), snippetSource);
        var parts = [title, el("p", { class: "meta", text: meta.join(" · ") })];
        if (dated && hit.published_at) {
          var when = el("time", { datetime: hit.published_at, text: formatDate(hit.published_at, self.lang) });
          parts.push(el("p", { class: "date" }, t.published(when)));
        }
        parts.push(snippet);
        self._results.appendChild(el("li", { class: "hit" }, [el("article", null, parts)]));
      });
    }

    _renderFacets(facets) {
      var self = this;
      var t = this._t;
      var fixed = this._fixed;  // fixed by the key: its counts only list the fixed values, nothing to choose
      var names = this._facetNames.filter(function (name) { return !(fixed[name] || []).length; });
      this._facetBox.textContent = "";
      this._active = 0;
      names.forEach(function (name) {
        var counts = facets[name] || {};
        var selected = self._selected[name] || {};
        Object.keys(selected).forEach(function (v) { if (selected[v]) self._active++; });
        var values = Object.keys(counts).filter(function (v) { return counts[v] > 0 || selected[v]; });
        Object.keys(selected).forEach(function (v) { if (selected[v] && values.indexOf(v) < 0) values.push(v); });
        if (!values.length) return;
        values.sort(function (a, b) {
          return (counts[b] || 0) - (counts[a] || 0) || self._label(name, a).localeCompare(self._label(name, b));
        });
        var expanded = self._expanded[name];
        var shown = expanded ? values : values.filter(function (v, i) { return i < FACET_VALUES_SHOWN || selected[v]; });
        var fieldset = el("fieldset", { class: "facet", "data-facet": name }, [el("legend", { text: t.facet[name] })]);
        shown.forEach(function (value) {
          var id = "f-" + name + "-" + value.replace(/[^A-Za-z0-9_-]/g, "_");
          var box = el("input", { type: "checkbox", id: id, value: value, checked: !!selected[value] });
          box.addEventListener("change", function () {
            self._selected[name] = self._selected[name] || {};
            self._selected[name][value] = box.checked;
            self._searchAnew(true);
            self._restoreFocus = id;
          });
          fieldset.appendChild(el("div", { class: "opt" }, [
            box,
            el("label", { for: id }, [
              self._label(name, value) + " ",
              el("span", { class: "n", text: "(" + fmt(counts[value] || 0, self.lang) + ")" }),
            ]),
          ]));
        });
        if (values.length > FACET_VALUES_SHOWN) {
          var more = el("button", {
            type: "button", class: "more", "aria-expanded": expanded ? "true" : "false", text: expanded ? t.less : t.more,
          });
          more.addEventListener("click", function () {
            self._expanded[name] = !expanded;
            self._renderFacets(self._lastResponse.facets || {});
            var again = self._facetBox.querySelector("fieldset[data-facet='" + name + "'] button.more");
            if (again) again.focus();
          });
          fieldset.appendChild(more);
        }
        self._facetBox.appendChild(fieldset);
      });
      this._facetBox.hidden = !this._facetBox.firstChild;  // no value to choose: no box, and no "Filters" button
      this._fold(!!this._open);
      if (this._restoreFocus) {
        var target = this._root.getElementById(this._restoreFocus);
        if (target) target.focus();
        this._restoreFocus = null;
      }
    }
  }

  window.customElements.define("crv-search", CrvSearch);
})();
