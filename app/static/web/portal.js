// The partner portal's enhancements; every form works without them.
// 1. Taxonomy pickers: a filter box narrows the checkboxes as you type (names, and the other names in data-words:
//    the other language's, synonyms, the code; accents and case ignored), best first: the name itself (« Or » for
//    « or »), then names with a word starting so, then other names with one, then the rest holding it anywhere
//    (« Cuir », whose « leather » holds « the »), each group in its order. Ticked options stay in sight, after them.
//    Enter in the box ticks the first option found (« Aller » on a phone's keyboard: not the form's first button),
//    empties the box for the next one and says what was chosen, or that nothing was found; in an empty box it goes
//    to the first option. Escape empties it. A polite live region says how many are found (not the ticked ones
//    kept in sight). Above the list, what is ticked (.picker-chosen, written by the server) follows the boxes, each
//    a button that unticks it (« Retirer Côte d’Ivoire »). The list is folded (a <details>, its summary counting
//    what is ticked): the filter opens it while it narrows it, and folds it again once emptied.
// 2. Unsaved text: while you type, this tab keeps a copy of a form[data-keep]'s fields (sessionStorage, under the
//    form's address and its data-keep-key if any — the desk's reasons are kept per submission, through the editor's
//    correction, never offered on a later one —; never the CSRF token, a password, a hidden field nor the fields of
//    [data-keep-skip]). When the page comes back showing other values (a send refused because the form had expired,
//    a page reloaded or left), a button offers the copy back to the person who typed it — nothing is put in by
//    itself — and a status line tells screen readers. The resource's version the copy was typed on comes back with
//    it, so a save made meanwhile is a conflict the server reports, not overwritten (not a [data-keep-skip] one: the
//    desk's reason, typed before the editor's correction, is posted with the corrected version). A save that went
//    through drops the copy sent: the portal says so (?notice=saved, withdrawn or submitted…), or answers a new
//    resource's form with the form that edits it (created, though not yet submittable).
// 3. Live preview: the body is rendered by the server's sanitiser (the public pages' one) as you type. It is no live
//    region (a screen reader read the whole body again at every pause): a status line says « Preview updated »,
//    once the typing has paused for a while, and the preview says which language it is in.
// 4. Character counts: under a field[data-length-count] (web/_field.html's counted(); its maxlength the server's
//    limit), « 312 / 600 caractères » as it is typed, and read with the field. Screen readers are told the
//    characters left only near the limit (its last tenth), politely, once the typing has paused: not a word at
//    every keystroke.
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
    var list = picker.querySelector(".picker-options");
    var details = picker.querySelector("details.picker-list");
    var tally = details && details.querySelector("summary");
    var unfolded = false; // opened by the filter, not by the person: folded again once the filter is emptied
    var labels = Array.prototype.slice.call(list.querySelectorAll("label"));
    var options = labels.map(function (label) {
      var name = label.querySelector("[data-words]");
      var shown = label.textContent.trim();
      var own = fold(shown);
      var others = fold(name ? name.getAttribute("data-words") : "");
      return {
        label: label, box: label.querySelector("input"), name: shown, own: own, others: others,
        words: [own.split(/[^a-z0-9]+/), others.split(/[^a-z0-9]+/)]
      };
    });
    var WORST = 4; // not found: a ticked option, kept in sight after the ones found
    function rank(option, wanted) {
      if (option.own === wanted) return 0;
      for (var group = 0; group < 2; group += 1) {
        var starts = option.words[group].some(function (word) { return word.indexOf(wanted) === 0; });
        if (starts || (group === 0 && option.own.indexOf(wanted) === 0)) return group + 1; // « Côte d'… »
      }
      return (option.own + " " + option.others).indexOf(wanted) !== -1 ? 3 : WORST;
    }
    filter.hidden = false;
    var chosen = picker.querySelector(".picker-chosen");
    function say(text) { // after the count's own words (narrow() empties them first)
      if (status) status.textContent = text;
    }
    function tickedOptions() {
      return options.filter(function (option) { return option.box.checked; });
    }
    function untick(option) { // a chosen item's button: the box unticked, the focus on the next item, else the box
      var at = tickedOptions().indexOf(option);
      option.box.checked = false;
      option.box.dispatchEvent(new Event("change", { bubbles: true })); // lists them again; the copy kept follows
      narrow(); // unticked, an option not found leaves the list
      var buttons = chosen.querySelectorAll("button");
      (buttons[Math.min(at, buttons.length - 1)] || filter).focus();
      say(chosen.getAttribute("data-removed").replace("{name}", option.name));
    }
    function listChosen() { // in the page's order, as the server writes them
      var now = tickedOptions();
      if (tally) tally.textContent = tally.getAttribute("data-summary").replace("{count}", now.length);
      if (!chosen) return;
      var items = chosen.querySelector("ul");
      items.textContent = "";
      now.forEach(function (option) {
        var item = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "secondary";
        button.setAttribute("aria-label", chosen.getAttribute("data-remove").replace("{name}", option.name));
        var mark = document.createElement("span");
        mark.setAttribute("aria-hidden", "true");
        mark.textContent = " \u00d7";
        button.append(option.name, mark);
        button.addEventListener("click", function () { untick(option); });
        item.appendChild(button);
        items.appendChild(item);
      });
      chosen.hidden = now.length === 0;
    }
    if (chosen) chosen.classList.add("removable");
    picker.addEventListener("change", function (event) { // a box ticked, or put back by the copy kept in the tab
      if (event.target.type === "checkbox") listChosen(); // not the filter's (at its blur: focus on a chosen item)
    });
    window.addEventListener("pageshow", listChosen); // after the browser put back the boxes it kept
    listChosen();
    if (tally) tally.addEventListener("click", function () { unfolded = false; }); // the person's: left as they set it
    function unfold(open) {
      if (!details || details.open === open || (!open && !unfolded)) return;
      details.open = open;
      unfolded = open;
    }
    var best = null; // the first option found, which Enter ticks
    function narrow() {
      var wanted = fold(filter.value.trim());
      var ranked = options.map(function (option, i) {
        return { option: option, rank: wanted ? rank(option, wanted) : 0, at: i };
      });
      ranked.sort(function (a, b) { return a.rank - b.rank || a.at - b.at; }); // each group in the page's order
      var found = 0;
      best = null;
      ranked.forEach(function (item) {
        var match = item.rank < WORST;
        item.option.label.hidden = !match && !item.option.box.checked; // ticked: kept in sight, not counted
        list.appendChild(item.option.label); // in rank order: moved, its box's state kept
        if (match) found += 1;
        if (match && !best) best = item.option;
      });
      unfold(Boolean(wanted));
      none.hidden = found > 0;
      var count = found ? status.getAttribute("data-count").replace("{count}", found) : none.textContent;
      status.textContent = wanted ? count : "";
    }
    filter.addEventListener("input", narrow);
    filter.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault(); // not the form's first button (it saves the draft)
        if (!filter.value.trim()) {
          var first = list.querySelector("label:not([hidden]) input");
          if (details) details.open = true;
          if (first) first.focus();
        } else if (!best) { // said apart from the count, so that it is heard again
          say(status.getAttribute("data-nothing").replace("{typed}", filter.value.trim()));
        } else {
          var found = best;
          if (!found.box.checked) {
            found.box.checked = true;
            found.box.dispatchEvent(new Event("change", { bubbles: true }));
          }
          filter.value = "";
          narrow();
          say(chosen ? chosen.getAttribute("data-added").replace("{name}", found.name) : "");
        }
      } else if (event.key === "Escape" && filter.value) {
        event.preventDefault();
        filter.value = "";
        narrow();
      }
    });
  });
  var SENT = "crv-unsaved-sent"; // the key of the copy of the form last sent from this tab
  function storage(action, key, value) {
    try { return sessionStorage[action](key, value); } catch (e) { return null; } // storage off or full
  }
  var sent = storage("getItem", SENT);
  storage("removeItem", SENT);
  if (sent && /^(saved|withdrawn|submitted(_unfindable)?)$/.test(new URLSearchParams(location.search).get("notice") || "")) {
    storage("removeItem", sent);
  }
  function keep(form) {
    // getAttribute: form.action would be the buttons named "action"
    var key = "crv-unsaved:" + new URL(form.getAttribute("action") || "", location.href).pathname +
      (form.hasAttribute("data-keep-key") ? "@" + form.getAttribute("data-keep-key") : "");
    var box = document.getElementById(form.getAttribute("data-keep"));
    var offer = box && box.querySelector("[data-offer]");
    var status = box && box.querySelector("[role=status]");
    var version = form.querySelector("input[name=version]:not([data-keep-skip])");
    // the person signed in: on a shared computer, the next one is never offered the text of the one before
    var owner = form.getAttribute("data-keep-owner") || "";
    var timer = null;
    if (sent && sent !== key && sent === "crv-unsaved:" + location.pathname) {
      storage("removeItem", sent); // the answer to a new resource's form edits it: it was created, text and all
    }
    function kept(field) {
      return field.name && field.name !== "csrf_token" && !field.closest("[data-keep-skip]") &&
        !/^(hidden|password|file|submit|button|reset|image)$/.test(field.type);
    }
    function ticked(field) {
      return field.type === "checkbox" || field.type === "radio";
    }
    function fields() { // {name: [values in the page's order]}; a box's name: the values ticked
      var values = {};
      Array.prototype.forEach.call(form.elements, function (field) {
        if (!kept(field)) return;
        var list = values[field.name] || (values[field.name] = []);
        if (!ticked(field) || field.checked) list.push(field.value);
      });
      return values;
    }
    function save() {
      clearTimeout(timer);
      timer = null;
      var copy = { owner: owner, version: version ? version.value : "", fields: fields() };
      storage("setItem", key, JSON.stringify(copy));
    }
    function restore(copy) { // returns the first field it changed
      var seen = {}, first = null;
      Array.prototype.forEach.call(form.elements, function (field) {
        var list = kept(field) && copy.fields[field.name];
        if (!Array.isArray(list)) return;
        var before = ticked(field) ? field.checked : field.value;
        if (ticked(field)) {
          field.checked = list.indexOf(field.value) !== -1;
        } else {
          seen[field.name] = (seen[field.name] || 0) + 1;
          if (seen[field.name] <= list.length) field.value = list[seen[field.name] - 1];
        }
        if (before === (ticked(field) ? field.checked : field.value)) return;
        if (ticked(field)) field.dispatchEvent(new Event("change", { bubbles: true })); // its picker lists it
        if (!first) first = field;
      });
      if (version && copy.version) version.value = copy.version;
      return first;
    }
    var pending = null;
    function settle(said, focus) {
      pending = null;
      offer.hidden = true;
      status.textContent = status.getAttribute(said);
      (focus || form.querySelector("input:not([type=hidden]), select, textarea")).focus();
    }
    function check() { // at pageshow: after the browser has put back what it kept of the form (Back, reload)
      if (sent === key && form.querySelector("[aria-invalid=true]")) {
        save(); // the server answered the send with this form, what was sent in it and its problems: nothing to offer
        return;
      }
      var copy = null;
      try { copy = JSON.parse(storage("getItem", key)); } catch (e) {}
      if (copy && owner && copy.owner !== owner) storage("removeItem", key); // someone else's: dropped
      var own = copy && owner && copy.owner === owner && copy.fields;
      pending = own && JSON.stringify(copy.fields) !== JSON.stringify(fields()) ? copy : null;
      offer.hidden = !pending;
      status.textContent = pending ? status.getAttribute("data-offered") : "";
    }
    if (offer && status) {
      window.addEventListener("pageshow", check);
      offer.querySelector("[data-restore]").addEventListener("click", function () {
        var first = restore(pending);
        settle("data-restored", first);
        var body = form.querySelector("[name=body]");
        if (body) body.dispatchEvent(new Event("input", { bubbles: true })); // the preview follows
      });
      offer.querySelector("[data-discard]").addEventListener("click", function () {
        storage("removeItem", key);
        settle("data-discarded");
      });
    }
    function later() {
      if (pending) return; // the copy offered stays until it is restored or discarded
      clearTimeout(timer);
      timer = setTimeout(save, 400);
    }
    form.addEventListener("input", later);
    form.addEventListener("change", later);
    window.addEventListener("pagehide", function () { if (timer) save(); });
    form.addEventListener("submit", function () {
      pending = null; // sent without restoring it: the copy is now what was sent
      if (offer) offer.hidden = true;
      save();
      storage("setItem", SENT, key);
    });
  }
  document.querySelectorAll("form[data-keep]").forEach(keep);
  document.querySelectorAll("[data-length-count][maxlength]").forEach(function (field) {
    var limit = parseInt(field.getAttribute("maxlength"), 10);
    if (!(limit > 0)) return;
    var lang = document.documentElement.lang;
    var near = Math.max(10, Math.floor(limit / 10));
    var shown = document.createElement("p");
    shown.className = "hint length-count";
    shown.id = field.id + "-count";
    var said = document.createElement("p"); // not the count itself: it changes at every keystroke
    said.className = "visually-hidden";
    said.setAttribute("role", "status");
    (field.closest("label") || field).insertAdjacentElement("afterend", shown);
    shown.insertAdjacentElement("afterend", said);
    var described = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", (described ? described + " " : "") + shown.id);
    var telling = null, told = null;
    function number(n) { return n.toLocaleString(lang); }
    function count(announce) {
      var length = field.value.length; // as maxlength counts
      shown.textContent = field.getAttribute("data-length-count")
        .replace("{count}", number(length)).replace("{limit}", number(limit));
      var left = Math.max(limit - length, 0);
      clearTimeout(telling);
      if (left > near) { // far from the limit: nothing to say (and said again when it comes near)
        told = null;
        said.textContent = "";
      } else if (announce) {
        telling = setTimeout(function () {
          if (left === told) return;
          told = left;
          said.textContent = field.getAttribute("data-length-left").replace("{left}", number(left));
        }, 1000);
      }
    }
    field.addEventListener("input", function () { count(true); });
    window.addEventListener("pageshow", function () { count(false); }); // after the browser put back what it kept
    count(false);
  });
  var form = document.getElementById("resource-form");
  var body = document.getElementById("f-body");
  var preview = document.getElementById("preview");
  if (!form || !body || !preview) return;
  var token = form.querySelector("input[name=csrf_token]").value;
  var url = document.documentElement.lang === "en" ? "/en/partner/preview" : "/fr/espace-partenaire/apercu";
  var language = form.querySelector("[name=language]");
  var said = document.getElementById("preview-status");
  var timer = null;
  var telling = null;
  function tell() { // once the person has stopped typing: not a word while they type
    clearTimeout(telling);
    if (!said) return;
    said.textContent = "";
    telling = setTimeout(function () { said.textContent = said.getAttribute("data-updated"); }, 1500);
  }
  function refresh(announce) { // announce: after the person's typing or choice, not the page's first rendering
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
      if (html === null) return;
      preview.innerHTML = html; // sanitised by the server (nh3), as on the public pages
      if (language) preview.lang = language.value;
      if (announce) tell();
    }).catch(function () {});
  }
  body.addEventListener("input", function () {
    clearTimeout(timer);
    clearTimeout(telling);
    timer = setTimeout(function () { refresh(true); }, 300);
  });
  if (language) {
    language.addEventListener("change", function () {
      ["f-summary", "f-body"].forEach(function (id) { // a browser's spelling checker follows them too
        var field = document.getElementById(id);
        if (field) field.lang = language.value;
      });
      refresh(true);
    });
  }
  if (body.value && !preview.innerHTML.trim()) refresh(false);
})();
