"""A quiz's answers told apart from its questions (app/services/quiz.py), on the body as rendered and sanitised."""

import pytest

from app.services.markdown import render_markdown
from app.services.quiz import answer_label, separate_answers
from app.services.typography import typeset_markdown
from tests.services.training_quizzes import ModuleQuiz, module_quizzes


def separated(markdown: str, language: str = "en") -> tuple[str, list[list[tuple[int, str]]]]:
    body, key = separate_answers(render_markdown(typeset_markdown(markdown, language)))
    return str(body), [[(a.number, str(a.html)) for a in answers] for answers in key]


def test_each_answer_is_wrapped_and_copied_to_the_key_under_its_number() -> None:
    body, key = separated(
        "## Knowledge check\n\n"
        "1. Is all work by children child labour? **Answer:** no; see [the ILO](https://www.ilo.org/).\n"
        "2. A question asked without its answer.\n"
        "3. Name the four activities. **Answer:** raising awareness,\n   identifying, supporting, following up.\n"
    )
    assert key == [
        [
            (1, 'no; see <a href="https://www.ilo.org/" rel="nofollow noopener">the ILO</a>.'),
            (3, "raising awareness,\nidentifying, supporting, following up."),
        ]
    ]
    assert (
        '<li class="quiz-question">Is all work by children child labour? <span class="quiz-answer">'
        '<strong>Answer:</strong> no; see <a href="https://www.ilo.org/" rel="nofollow noopener">the ILO</a>.'
        "</span></li>"
    ) in body
    assert "<li>A question asked without its answer.</li>" in body  # counted, left as it is


def test_a_french_answer_and_a_loose_list_keep_their_paragraphs() -> None:
    body, key = separated("1. Une question ? **Réponse :** oui.\n\n2. Une autre ? **Réponse :** non.\n", "fr")
    assert key == [[(1, "oui."), (2, "non.")]]
    assert (
        '<li class="quiz-question">\n<p>Une question\u202f? <span class="quiz-answer"><strong>Réponse&nbsp;:</strong>'
        " oui.</span></p>\n</li>"
    ) in body


# Lists whose answers stay under their questions, on the page as in the editable copies (test_documents_quiz)
LEFT_IN_PLACE = [
    "Just text, **Answer:** in a paragraph.",  # not a list
    "- A bullet? **Answer:** not a quiz's numbered question.",
    "- **Réponse** : the label's colon outside it (a methodology's list)",
    "1. *An emphasis **Answer:** around the label* splits nothing.",
    "1. [A link **Answer:** around the label](https://example.org/) neither.",
    "1. An answer over two paragraphs? **Answer:** first\n\n   second paragraph.",
    "1. A question with a list inside. **Answer:** see\n   - a\n   - b",
    "1. A label with nothing after it? **Answer:**",
]


@pytest.mark.parametrize("markdown", LEFT_IN_PLACE)
def test_what_cannot_be_told_apart_without_splitting_the_markup_stays_as_it_is(markdown: str) -> None:
    html = render_markdown(markdown)
    body, key = separate_answers(html)
    assert str(body) == html and key == ()


def test_each_quiz_of_a_page_has_its_own_list_in_the_key() -> None:
    _, key = separated("1. A? **Answer:** a.\n\nBetween.\n\n1. B? **Answer:** b.\n2. C? **Answer:** c.\n")
    assert key == [[(1, "a.")], [(1, "b."), (2, "c.")]]


@pytest.mark.parametrize("module", module_quizzes(), ids=lambda module: module.name)
def test_every_answer_of_the_training_modules_goes_to_the_key(module: ModuleQuiz) -> None:
    """The modules of content/ write one bold label per answer: each is found, none is left inline."""
    body, key = separated(module.body, module.language)
    assert module.labels > 0 and sum(len(answers) for answers in key) == module.labels
    assert body.count('class="quiz-answer"') == module.labels


WORDS = {
    "en": ' class="quiz" data-show-answer="Show the answer" data-show-all="Show all the answers"'
    ' data-hide-all="Hide all the answers"',
    "fr": ' class="quiz" data-show-answer="Voir la réponse" data-show-all="Afficher toutes les réponses"'
    ' data-hide-all="Masquer toutes les réponses"',
}


def test_a_quiz_s_list_carries_its_buttons_words_in_the_quiz_s_language() -> None:
    """quiz.js builds the buttons from the list's data attributes: without the script nothing is hidden or added."""
    english, _ = separated("Before.\n\n1. A? **Answer:** a.\n2. B? **Answer:** b.\n")
    assert english.startswith("<p>Before.</p>\n<ol" + WORDS["en"] + '>\n<li class="quiz-question">')
    french, _ = separated("1. Une question ? **Réponse :** oui.\n", "fr")
    assert french.startswith("<ol" + WORDS["fr"] + ">")
    assert "hidden" not in english + french and "<button" not in english + french


def test_only_a_list_with_an_answer_told_apart_is_marked_as_a_quiz() -> None:
    body, _ = separated("1. A question.\n2. Another.\n\nThen:\n\n1. A? **Answer:** a.\n")
    assert body.count('class="quiz"') == 1 and body.startswith("<ol>\n<li>A question.</li>")


@pytest.mark.parametrize(
    ("text", "language"),
    [("Answer:", "en"), ("Réponse\u00a0:", "fr"), ("Réponse :", "fr"), (" Réponse: ", "fr"), ("Answer", None),
     ("Answers:", None), ("Réponse : oui", None), ("The answer:", None)],
)  # fmt: skip
def test_an_answer_s_label_as_the_editable_copies_read_it(text: str, language: str | None) -> None:
    assert answer_label(text) == language
