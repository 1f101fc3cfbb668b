/* crv-search's words (French, English; the console's in English), styles, text helpers and where the page is set up
 * (settingUp). Served before widget.js, both inside one function (app/routers/embed.py, /embed/v1/widget.js): one
 * script for the host page, and nothing here among its globals. */
"use strict";

function fmt(n, lang) { try { return n.toLocaleString(lang); } catch (e) { return String(n); } }

var STRINGS = {
  fr: {
    landmark: "Centre de ressources virtuel 8.7",
    label: "Rechercher dans le centre de ressources",
    placeholder: "cacao, Côte d’Ivoire, travail forcé…",
    hint: "Les résultats s’affichent pendant la saisie. Flèche bas pour parcourir les résultats.",
    filters: "Filtres",
    facet: { type: "Type de ressource", country: "Pays", sector: "Secteur", risk: "Risque" },
    limited: function (labels) { return "Limité à\u00a0: " + labels.join(", "); },
    more: "Voir plus",
    less: "Voir moins",
    results: "Résultats",
    loading: "Recherche en cours…",
    count: function (n) { return n === 0 ? "Aucun résultat." : n === 1 ? "1 résultat." : fmt(n, "fr") + " résultats."; },
    // n results in a language: the offer of the other language's (a button), and the count once they are shown
    countIn: function (n, lang) {
      var where = lang === "en" ? " en anglais" : " en français";
      return (n === 0 ? "Aucun résultat" : n === 1 ? "1 résultat" : fmt(n, "fr") + " résultats") + where;
    },
    back: "Revenir aux résultats en français",
    leftOut: function (words) {
      return "Aucun résultat n’a tous les mots\u00a0: voici ceux sans «\u00a0" + words.join("\u00a0», «\u00a0") +
        "\u00a0».";
    },
    page: function (p, t) { return "Page " + p + " sur " + t; },
    previous: "Page précédente",
    next: "Page suivante",
    pagination: "Pagination des résultats",
    noResults: "Aucune ressource ne correspond. Essayez d’autres mots ou retirez un filtre.",
    // the words typed name a region of n countries (the answer's places), as the centre's search page says it
    places: function (region, n) {
      return "«\u00a0" + region + (n === 1 ? "\u00a0» est une région de ce pays" :
        "\u00a0» est le nom d’une région de chacun de ces pays") + ", dont vous pouvez parcourir les ressources\u00a0: ";
    },
    // the seconds: an element the widget counts down
    quota: function (seconds) {
      return ["Trop de recherches en peu de temps. Nouvel essai automatique dans ", seconds, "\u00a0s."];
    },
    invalidKey: "La clé d’intégration de ce site est invalide, expirée ou révoquée. Prévenez le webmestre.",
    forbidden: "Ce site n’est pas autorisé à utiliser cette clé d’intégration.",
    onSite: function (q) {
      return q ? "Rechercher «\u00a0" + q + "\u00a0» sur le site du centre de ressources"
        : "Rechercher sur le site du centre de ressources";
    },
    offline: "Pas de connexion réseau. Vérifiez votre connexion puis réessayez.",
    network: "Le centre de ressources est injoignable ou bloqué. Réessayez plus tard.",
    unavailable: "La recherche est momentanément indisponible. Réessayez dans un instant.",
    invalid: "La recherche n’a pas pu aboutir.",
    // While the page is set up (settingUp) only: the API's problem (English), which names the attribute's value and
    // suggests the code; then where it shows, and the page that writes the snippet with the right codes.
    settings: function (detail) { return "Réglage du composant à corriger\u00a0: " + detail; },
    setupOnly: "Ce détail ne s’affiche que pendant la mise en place, sur votre ordinateur ou sur la page du " +
      "centre\u00a0: les visiteurs de votre site lisent seulement que la recherche n’a pas pu aboutir.",
    builder: "Choisir les codes dans le générateur d’extrait",
    console: "Détails dans la console du navigateur.",
    // a key refused to a page opened as a file (Origin: null): no site to allow, whatever the key lists
    fileOrigin: "Cette page est ouverte comme un fichier\u00a0: la clé d’intégration ne fonctionne que sur une " +
      "page servie en http(s) depuis un site qu’elle autorise (voir la console).",
    published: function (date) { return ["Publication\u00a0: ", date]; },  // date: a <time> element
    retry: "Réessayer",
  },
  en: {
    landmark: "Virtual resource centre 8.7",
    label: "Search the resource centre",
    placeholder: "cocoa, Côte d’Ivoire, forced labour…",
    hint: "Results appear as you type. Press Down arrow to move through the results.",
    filters: "Filters",
    facet: { type: "Resource type", country: "Country", sector: "Sector", risk: "Risk" },
    limited: function (labels) { return "Limited to: " + labels.join(", "); },
    more: "Show more",
    less: "Show less",
    results: "Results",
    loading: "Searching…",
    count: function (n) { return n === 0 ? "No results." : n === 1 ? "1 result." : fmt(n, "en") + " results."; },
    countIn: function (n, lang) {
      var where = lang === "fr" ? " in French" : " in English";
      return (n === 0 ? "No results" : n === 1 ? "1 result" : fmt(n, "en") + " results") + where;
    },
    back: "Back to the results in English",
    leftOut: function (words) {
      return "No result has every word: showing results without “" + words.join("”, “") + "”.";
    },
    page: function (p, t) { return "Page " + p + " of " + t; },
    previous: "Previous page",
    next: "Next page",
    pagination: "Results pages",
    noResults: "No resource matches. Try other words or remove a filter.",
    places: function (region, n) {
      return "“" + region + (n === 1 ? "” is a region of this country" : "” is the name of a region in each of these " +
        "countries") + ", whose resources you can browse: ";
    },
    quota: function (seconds) {
      return ["Too many searches in a short time. Trying again automatically in ", seconds, "\u00a0s."];
    },
    invalidKey: "This site’s embedding key is invalid, expired or revoked. Please tell the webmaster.",
    forbidden: "This site is not allowed to use this embedding key.",
    onSite: function (q) {
      return q ? "Search for “" + q + "” on the resource centre’s site" : "Search on the resource centre’s site";
    },
    offline: "No network connection. Check your connection and try again.",
    network: "The resource centre cannot be reached or is blocked. Try again later.",
    unavailable: "Search is temporarily unavailable. Try again in a moment.",
    invalid: "The search could not be completed.",
    settings: function (detail) { return "A setting of this component needs correcting: " + detail; },
    setupOnly: "This detail only shows while setting up, on your computer or on the centre’s page: your site’s " +
      "visitors only read that the search could not be completed.",
    builder: "Choose the codes with the snippet builder",
    console: "Details in the browser’s console.",
    fileOrigin: "This page is opened as a file: the embedding key only works on a page served over http(s) from a " +
      "site it allows (see the console).",
    published: function (date) { return ["Published ", date]; },
    retry: "Try again",
  },
};

// The shadow DOM's text, built without ever parsing markup: elements, the API's highlights, dates, addresses.
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

/* Nothing found, and the words name a region of a country no text names (the answer's places: « Dhaka »): each
 * country, linked to its resources on the centre's search page, with their count; null without any. */
function placeOffer(places, t) {
  var links = [];
  (places || []).forEach(function (place) {
    var url = safeUrl(place.url);
    if (!url) return;
    if (links.length) links.push(", ");
    links.push(el("a", { href: url, text: place.name }), " (" + t.count(place.total).replace(/\.$/, "") + ")");
  });
  if (!links.length) return null;
  return el("li", { class: "places" }, [el("p", null, [t.places(places[0].region, places.length)].concat(links))]);
}

// "2026-11-26" as its reader reads it: « 26 novembre 2026 », "26 November 2026"; the ISO date where it can't.
function formatDate(iso, lang) {
  var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso));
  if (!parts) return String(iso);
  try {
    var moment = new Date(Date.UTC(+parts[1], +parts[2] - 1, +parts[3]));
    return moment.toLocaleDateString(lang === "en" ? "en-GB" : "fr-FR",
      { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  } catch (e) { return String(iso); }
}

function escapeForHighlight(text) {
  return String(text || "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

// What the console tells the webmaster, in English as the API's problems are: an attribute's value the widget
// ignores or clamps, and a search that got no answer at all.
var CONSOLE = {
  number: function (name, value, low, high, used) {
    return name + '="' + value + '" is not a whole number from ' + low + " to " + high + ": " + used + " is used.";
  },
  facet: function (value, name, known) {
    return 'facets="' + value + '": "' + name + '" is not a facet, ignored (' + known.join(", ") + ', or "none").';
  },
  choice: function (name, value, known, used) {
    return name + '="' + value + '" is not ' + known.join(", ") + ": " + (used || known[0]) + " is used.";
  },
  hidden: function (api) {
    return "this page's visitors read a plain message instead of that detail, which the widget shows in full on a " +
      "page opened as a file or served from localhost; " + api + "/embed/demo writes the snippet with codes " +
      "chosen by name.";
  },
  unreachable: function (api, error) {
    return "no answer from " + api + "/v1/search (" + error + "): the centre is down or the api attribute is wrong, " +
      "or the request was blocked — by the page's Content-Security-Policy (connect-src must allow " + api + "), an " +
      "extension, or CORS.";
  },
};

/* Where a webmaster sets the widget up, a refused setting is shown in the widget in full, in the API's words: a page
 * opened as a file or served from this computer (localhost, 127.x, [::1]), and the centre's own (its snippet
 * builder, /embed/demo). Anywhere else the site's visitors read a plain message; the console has the detail always. */
function settingUp(api) {
  var host = location.hostname;
  if (location.protocol === "file:" || host === "localhost" || /\.localhost$/.test(host) || host === "[::1]" ||
    /^127(\.\d{1,3}){3}$/.test(host)) return true;
  try { return new URL(api).origin === location.origin; } catch (e) { return false; }
}

var DARK = "--crv-bg: #16191d; --crv-ink: #e8eaed; --crv-muted: #b4bac2; --crv-line: #4a525c; " +
  "--crv-accent: #8cc4ff; --crv-tint: #22272e; --crv-mark: #7a5c00; --crv-mark-ink: #ffffff; --crv-error: #ffb4b4; " +
  "--crv-error-bg: #3b1a1a; --crv-focus: #fbbf24;";  // one dark palette: theme="dark", and "auto" in a dark system
// Adopted as a constructed stylesheet (widget.js, adoptStyles): no <style> element, no style="" attribute, so a
// host page's Content-Security-Policy `style-src 'self'` leaves the widget styled.
var CSS = [
  ":host { display: block; --crv-bg: #ffffff; --crv-ink: #1b1f24; --crv-muted: #4a525c; --crv-line: #c9ced6;",
  "  --crv-accent: #0b5cad; --crv-tint: #f3f5f8; --crv-mark: #fde68a; --crv-mark-ink: #1b1f24; --crv-error: #9b1c1c;",
  "  --crv-error-bg: #fdecec; --crv-focus: #b45309; color: var(--crv-ink); background: var(--crv-bg);",
  "  font: 1rem/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; contain: content; }",
  ":host([hidden]) { display: none; }",
  ":host([theme='dark']) { " + DARK + " }",
  "@media (prefers-color-scheme: dark) { :host([theme='auto']) { " + DARK + " } }",
  "*, *::before, *::after { box-sizing: border-box; }",
  "[hidden] { display: none !important; }",
  ".crv { padding: 0.75rem; }",
  "label.q { display: block; font-weight: 600; margin-bottom: 0.25rem; }",
  "input[type='search'] { width: 100%; font: inherit; padding: 0.55rem 0.75rem; color: var(--crv-ink);",
  "  background: var(--crv-bg); border: 2px solid var(--crv-muted); border-radius: 6px; }",
  "input[type='search']::placeholder { color: var(--crv-muted); opacity: 1; }",
  ".hint { margin: 0.25rem 0 0.75rem; font-size: 0.85rem; color: var(--crv-muted); }",
  ".scope { margin: -0.25rem 0 0.75rem; font-size: 0.9rem; font-weight: 600; }",
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
  ".offer { margin: 0 0 0.5rem; }",
  ".offer:empty { margin: 0; }",  // still there, empty: a live region reads what is added to it
  ".error { margin: 0 0 0.75rem; padding: 0.5rem 0.75rem; color: var(--crv-error); background: var(--crv-error-bg);",
  "  border-left: 4px solid var(--crv-error); border-radius: 4px; }",
  ".error p { margin: 0; }",
  ".error p + p { margin-top: 0.4rem; }",
  ".error a { color: inherit; text-underline-offset: 0.15em; }",
  ".toggle { display: none; }",
  ".narrow .toggle:not([hidden]) { display: inline-block; margin: 0 0 0.75rem; }",
  ".narrow .facets:not(.open) { display: none; }",
  "ol.results { list-style: none; margin: 0; padding: 0; }",
  "li.hit { padding: 0.6rem 0; border-bottom: 1px solid var(--crv-line); }",
  "li.places p { margin: 0.5rem 0 0; }",
  "li.places a { color: var(--crv-accent); text-underline-offset: 0.15em; }",
  "li.hit .title { font-size: 1.05rem; margin: 0 0 0.2rem; line-height: 1.35; }",
  "li.hit a { color: var(--crv-accent); text-underline-offset: 0.15em; }",
  ".meta, .date { margin: 0 0 0.2rem; font-size: 0.85rem; color: var(--crv-muted); }",
  ".snippet { margin: 0; }",
  "mark { background: var(--crv-mark); color: var(--crv-mark-ink); padding: 0 0.1em; border-radius: 2px; }",
  ".pager { display: flex; gap: 0.75rem; align-items: center; margin-top: 0.75rem; flex-wrap: wrap; }",
  "@media (prefers-reduced-motion: no-preference) { li.hit { transition: background-color 0.15s; } }",
].join("\n");

var SHEET = null;  // one constructed stylesheet, adopted by every instance
/* CSP's style-src governs <style> elements and style="" attributes, not a constructed stylesheet: adopted, the
 * widget keeps its looks on a host page under `style-src 'self'`. False where unsupported (a <style> then). */
function adoptStyles(root) {
  if (!("adoptedStyleSheets" in root) || typeof CSSStyleSheet !== "function") return false;
  try {
    if (!SHEET) { SHEET = new CSSStyleSheet(); SHEET.replaceSync(CSS); }
    root.adoptedStyleSheets = [SHEET];
    return true;
  } catch (e) { return false; }
}
