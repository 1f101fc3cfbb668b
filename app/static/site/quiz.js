// A quiz on screen (ol.quiz, marked by app/services/quiz.py): each answer (span.quiz-answer) hidden behind a
// « Show the answer » button put before it, and one button after the list to show or hide them all, so that a
// learner answers before reading. Without JavaScript the answers stay under their questions, and no button does
// nothing. The buttons' words come from the list's data attributes, rendered in the page's language. Print shows
// none of this: its styles leave the answers to the key at the end. A file of the centre's own, for its
// Content-Security-Policy allows no inline handler.
(function () {
  document.querySelectorAll("ol.quiz").forEach(function (list, quiz) {
    var toggles = [];
    var all = null;  // the button for them all, where there are two answers or more

    function button(text, className) {
      var made = document.createElement("button");
      made.type = "button";
      made.className = "secondary " + className;
      made.textContent = text;
      return made;
    }
    function shown(toggle) { return toggle.getAttribute("aria-expanded") === "true"; }
    function show(toggle, open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      document.getElementById(toggle.getAttribute("aria-controls")).hidden = !open;
    }
    function sayAll() {  // the words of what pressing it will do
      if (all) all.textContent = list.getAttribute(toggles.every(shown) ? "data-hide-all" : "data-show-all");
    }

    list.querySelectorAll(".quiz-answer").forEach(function (answer, index) {
      answer.id = "quiz-" + (quiz + 1) + "-answer-" + (index + 1);
      var toggle = button(list.getAttribute("data-show-answer"), "quiz-toggle");
      toggle.setAttribute("aria-controls", answer.id);
      answer.parentNode.insertBefore(toggle, answer);
      show(toggle, false);
      toggle.addEventListener("click", function () {
        show(toggle, !shown(toggle));
        sayAll();
      });
      toggles.push(toggle);
    });
    list.classList.add("quiz-ready");
    if (toggles.length < 2) return;
    all = button("", "quiz-all");
    all.setAttribute("aria-controls", toggles.map(function (t) { return t.getAttribute("aria-controls"); }).join(" "));
    all.addEventListener("click", function () {
      var open = !toggles.every(shown);
      toggles.forEach(function (toggle) { show(toggle, open); });
      sayAll();
    });
    sayAll();
    var line = document.createElement("p");
    line.className = "quiz-all-line";
    line.appendChild(all);
    list.parentNode.insertBefore(line, list.nextSibling);
  });
})();
