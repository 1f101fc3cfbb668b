/*! crv-search: the search of the virtual resource centre 8.7, as a web component. No dependencies.
 *
 *   <script src="https://CENTRE/embed/v1/widget.js" defer></script>
 *   <crv-search key="crv_pk_…" lang="fr" sector="cocoa" per-page="10" theme="light"></crv-search>
 *
 * Attributes: key (publishable key; none = anonymous quota), lang (fr|en: the interface, and the results' version
 * ranked first; the other language's versions follow, never hidden: sent as prefer_lang), type, country,
 * sector, risk, publisher (filters this instance always applies, comma-separated codes; publisher's, listed by
 * /v1/facet-search?facet=publisher, are organisations': a partner's own searches its resources), per-page (1-50), theme
 * (light|dark|auto), facets (comma-separated, default "type,country,sector,risk", "none" for none), query (initial
 * words), api (base URL of the API; default: where this script was loaded from). A facet whose values the
 * element's filters or the key's fixed filters (the answer's fixed_filters) fix is hidden. Facets and hits are
 * labelled from the answer's facet_labels: one request per search, nothing else.
 * Events: "crv-search:results" (detail: the API's response) on the element after each search. When no resource
 * holds every word typed, the status line (a polite live region) also names the words the results are without
 * (the response's left_out). A widget narrower than NARROW_REM (its own width, not the viewport's) folds its filters
 * behind a "Filters" button, results first. A refusal's detail (bad filter, key, origin) goes to the console.
 */
(function () {
  "use strict";
  if (!window.customElements || window.customElements.get("crv-search")) return;

  var SCRIPT = document.currentScript;
  var DEFAULT_API = (function () {
    try { return new URL("../../", SCRIPT && SCRIPT.src ? SCRIPT.src : location.href).href.replace(/\/$/, ""); }
    catch (e) { return location.origin; }
  })();
  var MAX_RESULT_WINDOW = 1000;
  var DEBOUNCE_MS = 250;
  var FACET_VALUES_SHOWN = 8;
  var NARROW_REM = 35;  // narrower, the filters no longer fit beside the results (12 + 1.5 + 20 rem, and padding)
  var FACET_ORDER = ["type", "country", "sector", "risk"];
  var FILTERS = FACET_ORDER.concat(["publisher"]);  // the filter attributes: publisher has no facet here

  var STRINGS = {
    fr: {
      landmark: "Centre de ressources virtuel 8.7",
      label: "Rechercher dans le centre de ressources",
      placeholder: "cacao, Côte d’Ivoire, travail forcé…",
      hint: "Les résultats s’affichent pendant la saisie. Flèche bas pour parcourir les résultats.",
      filters: "Filtres",
      facet: { type: "Type de ressource", country: "Pays", sector: "Secteur", risk: "Risque" },
      more: "Voir plus",
      less: "Voir moins",
      results: "Résultats",
      loading: "Recherche en cours…",
      count: function (n) { return n === 0 ? "Aucun résultat." : n === 1 ? "1 résultat." : fmt(n, "fr") + " résultats."; },
      leftOut: function (words) {
        return "Aucun résultat n’a tous les mots\u00a0: voici ceux sans «\u00a0" + words.join("\u00a0», «\u00a0") +
          "\u00a0».";
      },
      page: function (p, t) { return "Page " + p + " sur " + t; },
      previous: "Page précédente",
      next: "Page suivante",
      pagination: "Pagination des résultats",
      noResults: "Aucune ressource ne correspond. Essayez d’autres mots ou retirez un filtre.",
      quota: function (s) { return "Trop de recherches en peu de temps. Nouvel essai automatique dans " + s + " s."; },
      invalidKey: "La clé d’intégration de ce site est invalide, expirée ou révoquée. Prévenez le webmestre.",
      forbidden: "Ce site n’est pas autorisé à utiliser cette clé d’intégration.",
      offline: "Pas de connexion réseau. Vérifiez votre connexion puis réessayez.",
      network: "Le centre de ressources est injoignable. Réessayez plus tard.",
      unavailable: "La recherche est momentanément indisponible. Réessayez dans un instant.",
      invalid: "La recherche n’a pas pu aboutir.",
      retry: "Réessayer",
    },
    en: {
      landmark: "Virtual resource centre 8.7",
      label: "Search the resource centre",
      placeholder: "cocoa, Côte d’Ivoire, forced labour…",
      hint: "Results appear as you type. Press Down arrow to move through the results.",
      filters: "Filters",
      facet: { type: "Resource type", country: "Country", sector: "Sector", risk: "Risk" },
      more: "Show more",
      less: "Show less",
      results: "Results",
      loading: "Searching…",
      count: function (n) { return n === 0 ? "No results." : n === 1 ? "1 result." : fmt(n, "en") + " results."; },
      leftOut: function (words) {
        return "No result has every word: showing results without “" + words.join("”, “") + "”.";
      },
      page: function (p, t) { return "Page " + p + " of " + t; },
      previous: "Previous page",
      next: "Next page",
      pagination: "Results pages",
      noResults: "No resource matches. Try other words or remove a filter.",
      quota: function (s) { return "Too many searches in a short time. Trying again automatically in " + s + " s."; },
      invalidKey: "This site’s embedding key is invalid, expired or revoked. Please tell the webmaster.",
      forbidden: "This site is not allowed to use this embedding key.",
      offline: "No network connection. Check your connection and try again.",
      network: "The resource centre cannot be reached. Try again later.",
      unavailable: "Search is temporarily unavailable. Try again in a moment.",
      invalid: "The search could not be completed.",
      retry: "Try again",
    },
  };

  function fmt(n, lang) { try { return n.toLocaleString(lang); } catch (e) { return String(n); } }

  var DARK = "--crv-bg: #16191d; --crv-ink: #e8eaed; --crv-muted: #b4bac2; --crv-line: #4a525c; " +
    "--crv-accent: #8cc4ff; --crv-tint: #22272e; --crv-mark: #7a5c00; --crv-mark-ink: #ffffff; --crv-error: #ffb4b4; " +
    "--crv-error-bg: #3b1a1a; --crv-focus: #fbbf24;";  // one dark palette: theme="dark", and "auto" in a dark system
  var CSS = [
    ":host { display: block; --crv-bg: #ffffff; --crv-ink: #1b1f24; --crv-muted: #4a525c; --crv-line: #c9ced6;",
    "  --crv-accent: #0b5cad; --crv-tint: #f3f5f8; --crv-mark: #fde68a; --crv-mark-ink: #1b1f24; --crv-error: #9b1c1c;",
    "  --crv-error-bg: #fdecec; --crv-focus: #b45309; color: var(--crv-ink); background: var(--crv-bg);",
    "  font: 1rem/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; contain: content; }",
    ":host([hidden]) { display: none; }",
    ":host([theme='dark']) { " + DARK + " }",
    "@media (prefers-color-scheme: dark) { :host([theme='auto']) { " + DARK + " } }",
    "*, *::before, *::after { box-sizing: border-box; }",
    ".crv { padding: 0.75rem; }",
    "label.q { display: block; font-weight: 600; margin-bottom: 0.25rem; }",
    "input[type='search'] { width: 100%; font: inherit; padding: 0.55rem 0.75rem; color: var(--crv-ink);",
    "  background: var(--crv-bg); border: 2px solid var(--crv-muted); border-radius: 6px; }",
    "input[type='search']::placeholder { color: var(--crv-muted); opacity: 1; }",
    ".hint { margin: 0.25rem 0 0.75rem; font-size: 0.85rem; color: var(--crv-muted); }",
    ":focus-visible { outline: 3px solid var(--crv-focus); outline-offset: 2px; }",
    "input[type='search']:focus-visible { outline-offset: 0; }",
    ".layout { display: flex; flex-wrap: wrap; gap: 1rem 1.5rem; align-items: flex-start; }",
    ".facets { flex: 1 1 12rem; max-width: 100%; }",
    ".main { flex: 999 1 20rem; min-width: 0; }",
    "fieldset { border: 1px solid var(--crv-line); border-radius: 6px; margin: 0 0 0.75rem; padding: 0.4rem 0.75rem 0.6rem; }",
    "legend { font-weight: 600; padding: 0 0.25rem; }",
    ".opt { display: flex; gap: 0.4rem; align-items: baseline; padding: 0.1rem 0; }",
    ".opt input { margin: 0; accent-color: var(--crv-accent); }",
    ".opt .n { color: var(--crv-muted); font-size: 0.85rem; }",
    "button { font: inherit; color: var(--crv-accent); background: none; border: 1px solid var(--crv-line);",
    "  border-radius: 6px; padding: 0.3rem 0.7rem; cursor: pointer; }",
    "button:disabled { color: var(--crv-muted); cursor: default; border-style: dashed; }",
    "button.more { border: 0; padding: 0.1rem 0; text-decoration: underline; }",
    ".status { margin: 0 0 0.5rem; color: var(--crv-muted); min-height: 1.5em; }",
    ".left-out { display: block; color: var(--crv-ink); }",
    ".error { margin: 0 0 0.75rem; padding: 0.5rem 0.75rem; color: var(--crv-error); background: var(--crv-error-bg);",
    "  border-left: 4px solid var(--crv-error); border-radius: 4px; }",
    ".facets[hidden], .error[hidden], .pager[hidden], .toggle { display: none; }",
    ".narrow .toggle:not([hidden]) { display: inline-block; margin: 0 0 0.75rem; }",
    ".narrow .facets:not(.open) { display: none; }",
    "ol.results { list-style: none; margin: 0; padding: 0; }",
    "li.hit { padding: 0.6rem 0; border-bottom: 1px solid var(--crv-line); }",
    "li.hit h3 { font-size: 1.05rem; margin: 0 0 0.2rem; line-height: 1.35; }",
    "li.hit a { color: var(--crv-accent); text-underline-offset: 0.15em; }",
    ".meta { margin: 0 0 0.2rem; font-size: 0.85rem; color: var(--crv-muted); }",
    ".snippet { margin: 0; }",
    "mark { background: var(--crv-mark); color: var(--crv-mark-ink); padding: 0 0.1em; border-radius: 2px; }",
    ".pager { display: flex; gap: 0.75rem; align-items: center; margin-top: 0.75rem; flex-wrap: wrap; }",
    "@media (prefers-reduced-motion: no-preference) { li.hit { transition: background-color 0.15s; } }",
  ].join("\n");

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) {
        if (attrs[name] === null || attrs[name] === undefined || attrs[name] === false) return;
        if (name === "text") node.textContent = attrs[name];
        else node.setAttribute(name, attrs[name] === true ? "" : attrs[name]);
      });
    }
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  var ENTITIES = { "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#x27;": "'", "&#39;": "'", "&amp;": "&" };

  function unescapeText(t) { return t.replace(/&(?:lt|gt|quot|amp|#x27|#39);/g, function (e) { return ENTITIES[e]; }); }

  /* Appends an API highlight (HTML-escaped text with <mark>…</mark>) as text nodes and <mark> elements only:
   * no markup of the string is ever parsed as HTML. */
  function appendHighlight(parent, highlighted) {
    var marked = false;
    String(highlighted).split(/(<mark>|<\/mark>)/).forEach(function (part) {
      if (part === "<mark>") { marked = true; return; }
      if (part === "</mark>") { marked = false; return; }
      if (!part) return;
      var text = document.createTextNode(unescapeText(part));
      if (marked) parent.appendChild(el("mark", null, [text]));
      else parent.appendChild(text);
    });
    return parent;
  }

  // The body's blocks (heading, paragraph, table row) are lines, which HTML runs together: one not ending a
  // sentence is followed by a middle dot, as on the centre's search page (app/services/site/search_page.py).
  function blocksApart(body) {
    return body.replace(/([^.!?\u2026:;])\n/g, "$1 \u00b7 ").replace(/\n/g, " ");
  }

  function safeUrl(url) {
    try { var parsed = new URL(url, location.href); } catch (e) { return null; }
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
  }

  function list(value) { return (value || "").split(",").map(function (v) { return v.trim(); }).filter(Boolean); }

  class CrvSearch extends HTMLElement {
    static get observedAttributes() {
      return ["key", "lang", "per-page", "theme", "facets", "api", "query"].concat(FILTERS);
    }

    constructor() {
      super();
      this._root = this.attachShadow({ mode: "open" });
      this._selected = {};
      this._expanded = {};
      this._labels = {};  // language → facet → code → label, from every answer (a ticked value keeps its label)
      this._fixed = {};  // the key's fixed filters, as the last answer names them
      this._page = 1;
      this._timer = null;
      this._retryTimer = null;
      this._controller = null;
      this._built = false;
      var self = this;
      this._observer = window.ResizeObserver ? new ResizeObserver(function () { self._fit(); }) : null;
    }

    connectedCallback() {
      if (!this.hasAttribute("theme")) this.setAttribute("theme", "light");
      if (!this._built) this._build();
      if (this._observer) this._observer.observe(this);
      this._search();
    }

    disconnectedCallback() {
      clearTimeout(this._timer); clearTimeout(this._retryTimer);
      if (this._controller) this._controller.abort();
      if (this._observer) this._observer.disconnect();
    }

    attributeChangedCallback(name, oldValue, newValue) {
      if (!this._built || oldValue === newValue || name === "theme") return;
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
      var n = parseInt(this.getAttribute("per-page") || "10", 10);
      return isNaN(n) ? 10 : Math.min(Math.max(n, 1), 50);
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
      this._root.appendChild(el("style", { text: CSS }));
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
        self._timer = setTimeout(function () { self._searchAnew(); }, DEBOUNCE_MS);
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
      this._facetBox = el("div", { class: "facets", id: "filters", role: "group", "aria-label": t.filters });
      this._toggle = el("button", { type: "button", class: "toggle", "aria-controls": "filters" });
      this._toggle.addEventListener("click", function () { self._fold(!self._open); });
      this._status = el("p", { class: "status", role: "status", "aria-live": "polite", "aria-atomic": "true" });
      this._error = el("div", { class: "error", role: "alert", hidden: true });
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
        this._status, this._error, this._results, this._pager,
      ]);
      this._box = el("div", { class: "crv", part: "container", lang: this.lang }, [
        form, this._toggle, el("div", { class: "layout" }, [this._facetBox, this._main]),
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

    _searchAnew() { this._page = 1; this._search(); }  // new words, filters or settings: from the first page

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

    _url() {
      var url = new URL(this._api + "/v1/search");
      var params = url.searchParams;
      var key = this.getAttribute("key");
      if (key) params.set("key", key);
      params.set("q", this._input.value.trim().slice(0, 500));
      params.set("prefer_lang", this.lang);  // a preference, not the `lang` filter: nothing is hidden
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
      return url.href;
    }

    _search(focusResults) {
      var self = this;
      var t = this._t;
      clearTimeout(this._retryTimer);
      if (this._controller) this._controller.abort();
      var controller = typeof AbortController === "function" ? new AbortController() : null;
      this._controller = controller;
      this._main.setAttribute("aria-busy", "true");
      this._status.textContent = t.loading;
      fetch(this._url(), {
        headers: { Accept: "application/json" },
        credentials: "omit",
        signal: controller ? controller.signal : undefined,
      })
        .then(function (response) {
          var body = response.json().catch(function () { return {}; });  // a proxy's HTML page: no details
          return body.then(function (b) { return { response: response, body: b }; });
        })
        .then(function (result) {
          if (controller && controller.signal.aborted) return;
          self._main.setAttribute("aria-busy", "false");
          if (result.response.ok) {
            self._error.hidden = true;  // its text goes with the next error
            self._lastResponse = result.body;
            self._render(result.body);
            if (focusResults) { var first = self._resultLinks()[0]; (first || self._status).focus(); }
            self.dispatchEvent(new CustomEvent("crv-search:results", { detail: result.body }));
          } else {
            self._failed(result.response, result.body);
          }
        })
        .catch(function (error) {
          if (error && error.name === "AbortError") return;
          self._main.setAttribute("aria-busy", "false");
          self._showError(navigator.onLine === false ? t.offline : t.network, true);
        });
    }

    _failed(response, body) {
      var t = this._t;
      var self = this;
      var status = response.status;
      if (body && body.detail && window.console) console.warn("crv-search: " + status + " " + String(body.detail));
      if (status === 429) {
        var seconds = parseInt(response.headers.get("Retry-After") || "", 10);
        if (isNaN(seconds) || seconds < 1) seconds = 30;
        this._showError(t.quota(seconds), false);
        this._retryTimer = setTimeout(function () { self._search(); }, seconds * 1000);
      } else if (status === 401 || status === 403) {
        this._showError(status === 401 ? t.invalidKey : t.forbidden, false);
      } else if (status === 400 || status === 422) {
        this._showError(t.invalid, false);  // the API's detail, for the webmaster, is in the console
      } else {
        this._showError(t.unavailable, true);
      }
    }

    _showError(message, retry) {
      var self = this;
      this._status.textContent = "";
      this._error.textContent = "";
      this._error.appendChild(el("p", { style: "margin:0", text: message }));
      if (retry) {
        var button = el("button", { type: "button", class: "retry", text: this._t.retry });
        button.addEventListener("click", function () { self._search(); });
        this._error.appendChild(el("p", { style: "margin:0.4rem 0 0" }, [button]));
      }
      this._error.hidden = false;
    }

    _render(body) {
      var t = this._t;
      var last = Math.max(1, Math.min(body.total_pages || 1, Math.floor(MAX_RESULT_WINDOW / this._perPage)));
      this._learn(body);
      var paged = body.total > 0 && last > 1;
      this._status.textContent = t.count(body.total || 0) + (paged ? " " + t.page(body.page, last) + "." : "");
      // Found without some of the words typed (nothing held them all): said in the live region, on a line of its own.
      var leftOut = body.left_out || [];
      if (leftOut.length) this._status.appendChild(el("span", { class: "left-out" }, [" ", t.leftOut(leftOut)]));
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
        return;
      }
      hits.forEach(function (hit) {
        var highlights = hit.highlights || {};
        var title = el("h3");
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
        self._results.appendChild(el("li", { class: "hit" }, [
          el("article", null, [title, el("p", { class: "meta", text: meta.join(" · ") }), snippet]),
        ]));
      });
    }

    _renderFacets(facets) {
      var self = this;
      var t = this._t;
      var fixed = this._fixed;  // fixed by the key: its counts only list the fixed values, nothing to choose
      var names = this._facetNames.filter(function (name) { return !(fixed[name] || []).length; });
      this._facetBox.textContent = "";
      this._facetBox.hidden = names.length === 0;
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
            self._searchAnew();
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
      this._fold(!!this._open);
      if (this._restoreFocus) {
        var target = this._root.getElementById(this._restoreFocus);
        if (target) target.focus();
        this._restoreFocus = null;
      }
    }
  }

  function escapeForHighlight(text) {
    return String(text || "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  window.customElements.define("crv-search", CrvSearch);
})();
