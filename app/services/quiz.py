"""A quiz's answers told apart from its questions, so that a printed page keeps the questions and gives the answers
in an answer key at its end, on a page of its own (resource.html, the print styles of site.css): a trainer hands out
the questions and keeps the key. On screen, quiz.js puts each answer behind a « Show the answer » button, so that a
learner can test themself; the editable copies (app/services/documents.py) move the answers to a key of their own by
the same label (:func:`answer_label`).

A quiz is an ordered list whose items give their answer after a bold label, as the training modules write them
(docs/content-format.md, "Quizzes"): « 1. Question? **Answer:** the answer. », « **Réponse :** » in French. The
body is taken as rendered and sanitised (:func:`app.services.markdown.render_markdown`): in each such item the answer,
its label with it, is wrapped in ``<span class="quiz-answer">`` and copied to the key under its question's number;
the list is marked ``ol.quiz`` and carries its buttons' words, in the quiz's language, for quiz.js.
The markup is never split: an item whose answer runs over several paragraphs, or whose label sits inside a link or
an emphasis, keeps its answer inline, and the key goes without it; a list holding another list is left as it is.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from app.i18n import N_, gettext

# An answer's label, the colon inside the bold, and the language of the quiz it is written in: the quiz's buttons
# speak it (a page's body is in its resource's one language, which the label's word names).
LABELS = {"Answer": "en", "Réponse": "fr"}
_WORDS = "|".join(LABELS)
# The label as rendered: French typesetting puts a no-break space before the colon, which nh3 writes « &nbsp; ».
_LABEL = re.compile(rf"<strong>(?P<word>{_WORDS})(?:\s|&nbsp;|\u00a0)*:</strong>")
_LABEL_TEXT = re.compile(rf"(?P<word>{_WORDS})\s*:")  # \s: the no-break space too
_MARKERS = tuple(f"<strong>{word}" for word in LABELS)  # a quick look before the lists are read
# What quiz.js writes on its buttons, in the list's data attributes (the script has no catalog of its own)
_BUTTONS = {
    "data-show-answer": N_("Show the answer"),
    "data-show-all": N_("Show all the answers"),
    "data-hide-all": N_("Hide all the answers"),
}
# An ordered list with no list inside it (what markdown-it writes: « <ol> » or « <ol start="3"> »).
_FLAT_LIST = re.compile(r'<ol(?: start="(?P<start>\d+)")?>(?P<items>(?:(?!<[ou]l[\s>]|</[ou]l>).)*)</ol>', re.DOTALL)
_ITEM = re.compile(r"<li>(?P<content>.*?)</li>", re.DOTALL)
_PARAGRAPH_END = re.compile(r"</p>\s*$")
_INLINE_TAG = re.compile(r"<(/?)(a|em|strong|del|code|sup|sub)\b")


@dataclass(frozen=True, slots=True)
class QuizAnswer:
    number: int  # its question's number in the list
    html: Markup  # the answer without its label


AnswerKey = Sequence[Sequence[QuizAnswer]]  # the answers of each quiz of the page, in its order


def separate_answers(body_html: str) -> tuple[Markup, AnswerKey]:
    """``body_html`` with each quiz answer wrapped (``span.quiz-answer``, its item ``li.quiz-question``), and the
    answers of each quiz; the body as it is and no quiz where none is found."""
    if not any(marker in body_html for marker in _MARKERS):
        return Markup(body_html), ()
    key: list[list[QuizAnswer]] = []

    def quiz(found: re.Match[str]) -> str:
        number = int(found["start"] or 1)
        answers: list[QuizAnswer] = []

        def item(listed: re.Match[str]) -> str:
            nonlocal number
            wrapped = _wrapped(listed["content"], number, answers)
            number += 1
            return listed[0] if wrapped is None else f'<li class="quiz-question">{wrapped}</li>'

        items = _ITEM.sub(item, found["items"])
        if not answers:
            return found[0]
        key.append(answers)
        start, end = found.start("items") - found.start(), found.end("items") - found.start()
        language = next(language for word, language in LABELS.items() if f"<strong>{word}" in items)
        opening = found[0][: start - 1]  # « <ol » or « <ol start="3" », without its « > »
        return f"{opening}{_quiz_attributes(language)}>{items}{found[0][end:]}"

    html = _FLAT_LIST.sub(quiz, body_html)
    return Markup(html), tuple(tuple(answers) for answers in key)


def answer_label(text: str) -> str | None:
    """The language of the quiz whose answer label ``text`` is (« Réponse : », a bold run's whole text, as the
    editable copies read it), None when it is none."""
    label = _LABEL_TEXT.fullmatch(text.strip())
    return LABELS[label["word"]] if label else None


def _quiz_attributes(language: str) -> str:
    """The attributes that mark a quiz's list, with the words of its buttons in ``language``."""
    words = "".join(f' {name}="{escape(gettext(language, message))}"' for name, message in _BUTTONS.items())
    return f' class="quiz"{words}'


def _wrapped(content: str, number: int, answers: list[QuizAnswer]) -> str | None:
    """An item's content with its answer wrapped, the answer added to ``answers``; None when it has none that can be
    told apart without splitting the markup."""
    label = _LABEL.search(content)
    if label is None or not _top_level(content[: label.start()]):
        return None
    answer = content[label.end() :]
    tail = _PARAGRAPH_END.search(answer)  # a loose list's item: the answer ends its paragraph
    body = answer[: tail.start()] if tail else answer
    if "<p>" in body or "</p>" in body or not body.strip():
        return None
    answers.append(QuizAnswer(number, Markup(body.strip())))
    return f'{content[: label.start()]}<span class="quiz-answer">{label[0]}{body}</span>{tail[0] if tail else ""}'


def _top_level(before: str) -> bool:
    """Whether every link, emphasis or code opened before the label is closed before it."""
    depth = 0
    for tag in _INLINE_TAG.finditer(before):
        depth += -1 if tag[1] else 1
        if depth < 0:
            return False
    return depth == 0
