"""A training module's editable copies (app/services/documents.py) as its printed page: each quiz question in place
without its answer, the answers in an answer key at the end, on a page of its own, by the rules of
app/services/quiz.py."""

import io

import docx
import pytest
from odf import opendocument, teletype
from odf import text as odf_text

from app.services import documents
from app.services.documents import Answer, Run, answer_key, parse
from app.services.quiz import answer_label
from tests.services.test_quiz import LEFT_IN_PLACE
from tests.services.training_quizzes import ModuleQuiz, module_quizzes

QUIZ = (
    "## Knowledge check\n\n"
    "1. Is all work by children child labour? **Answer:** no; see [the ILO](https://www.ilo.org/).\n"
    "2. A question asked without its answer.\n"
    "3. Name the four activities. **Answer:** raising awareness,\n   identifying, supporting, following up.\n"
)


def document(markdown: str, label: str = "Answer key") -> documents.Document:
    return documents.Document(
        title="A module",
        summary="For trainers.",
        blocks=parse(markdown),
        sources=[("ILO", "https://www.ilo.org/")],
        footer="crv",
        sources_label="Sources",
        answer_key_label=label,
    )


def test_a_question_keeps_its_place_and_its_answer_goes_to_the_key() -> None:
    blocks = parse(QUIZ)
    items = [(b.number, "".join(r.text for r in b.runs)) for b in blocks if b.kind == "item"]
    assert items == [
        (1, "Is all work by children child labour?"),
        (2, "A question asked without its answer."),
        (3, "Name the four activities."),
    ]
    assert answer_key(blocks) == [
        [
            Answer(1, [Run("no; see "), Run("the ILO", href="https://www.ilo.org/"), Run(".")]),
            Answer(3, [Run("raising awareness,"), Run(" "), Run("identifying, supporting, following up.")]),
        ]
    ]


@pytest.mark.parametrize("markdown", LEFT_IN_PLACE)
def test_what_the_page_leaves_under_its_question_the_documents_leave_too(markdown: str) -> None:
    blocks = parse(markdown)
    assert answer_key(blocks) == []
    assert any("Answer" in run.text or "Réponse" in run.text for block in blocks for run in block.runs)


def test_each_quiz_has_its_own_list_in_the_key() -> None:
    key = answer_key(parse("1. A? **Answer:** a.\n\nBetween.\n\n1. B? **Answer:** b.\n2. C? **Answer:** c.\n"))
    assert [[(a.number, a.runs[0].text) for a in answers] for answers in key] == [[(1, "a.")], [(1, "b."), (2, "c.")]]


def test_the_docx_key_is_on_a_page_of_its_own_after_the_text() -> None:
    opened = docx.Document(io.BytesIO(documents.to_docx(document(QUIZ, "Corrigé"))))
    paragraphs = [p.text for p in opened.paragraphs]
    question = paragraphs.index("Is all work by children child labour?")
    heading = paragraphs.index("Corrigé")
    assert heading > paragraphs.index("crv") > question  # after the text, its sources and its footer
    assert opened.paragraphs[heading].style.name == "Heading 2"  # type: ignore[union-attr]
    assert opened.paragraphs[heading].paragraph_format.page_break_before is True
    assert paragraphs[heading + 1 :] == [
        "1. no; see the ILO (https://www.ilo.org/).",
        "3. raising awareness, identifying, supporting, following up.",
    ]
    assert not any("no; see" in text for text in paragraphs[:heading])


def test_the_odt_key_is_on_a_page_of_its_own_after_the_text() -> None:
    opened = opendocument.load(io.BytesIO(documents.to_odt(document(QUIZ))))
    texts = [(e.qname[1], teletype.extractText(e)) for e in opened.text.childNodes]
    heading = texts.index(("h", "Answer key"))
    assert texts[heading + 1 :] == [
        ("p", "1. no; see the ILO (https://www.ilo.org/)."),
        ("p", "3. raising awareness, identifying, supporting, following up."),
    ]
    assert not any("no; see" in text for _, text in texts[:heading])
    assert "1. Is all work by children child labour?" in [
        teletype.extractText(p) for p in opened.getElementsByType(odf_text.P)
    ]
    style = opened.text.childNodes[heading].getAttribute("stylename")
    breaks = [
        properties.getAttribute("breakbefore")
        for named in opened.automaticstyles.childNodes
        if named.getAttribute("name") == style
        for properties in named.childNodes
    ]
    assert breaks == ["page"]


def test_a_document_without_a_quiz_has_no_key() -> None:
    plain = document("1. Choose a **quiet place**.\n2. Explain the purpose.\n")
    assert "Answer key" not in [p.text for p in docx.Document(io.BytesIO(documents.to_docx(plain))).paragraphs]
    odt = opendocument.load(io.BytesIO(documents.to_odt(plain)))
    assert "Answer key" not in [teletype.extractText(h) for h in odt.getElementsByType(odf_text.H)]


@pytest.mark.parametrize("module", module_quizzes(), ids=lambda module: module.name)
def test_every_answer_of_the_training_modules_goes_to_the_key(module: ModuleQuiz) -> None:
    """As many answers in the documents' key as on the page's (tests/services/test_quiz.py): one per label."""
    blocks = parse(module.body)
    assert sum(len(answers) for answers in answer_key(blocks)) == module.labels
    assert not any(r.bold and answer_label(r.text) for b in blocks for r in b.runs)  # none left
