"""The centre's tools (type ``tool``): at least ten, in both languages, each rendered as DOCX and ODT from its own
Markdown and opened again to check that every section and table made it into the document."""

import functools
import io
from pathlib import Path

import docx
import pytest
from odf import opendocument, teletype
from odf import table as odf_table
from odf import text as odf_text

from app.services import content as content_service
from app.services import documents
from tests.helpers import corpus_report

ROOT = Path(__file__).resolve().parents[2]
TOOLS = sorted((ROOT / "content" / "resources" / "tools").glob("tool-*.md"))


@functools.cache
def _files() -> dict[str, content_service.ContentFile]:
    return {Path(f.path).name: f for f in corpus_report().files}


def _document(path: Path) -> tuple[documents.Document, list[str], int]:
    item = _files()[path.name]
    blocks = documents.parse(item.body, lambda key: f"https://example.org/{key}")
    headings = [line[3:].strip() for line in item.body.splitlines() if line.startswith("## ")]
    tables = sum(1 for b in blocks if b.kind == "table")
    document = documents.Document(
        title=item.meta.title,
        summary=item.meta.summary,
        blocks=blocks,
        sources=[(s.title, str(s.url)) for s in item.meta.sources],
        footer="crv",
        sources_label="Sources",
    )
    return document, headings, tables


def test_at_least_ten_tools_in_both_languages() -> None:
    keys = {path.name.rsplit(".", 2)[0] for path in TOOLS}
    assert len(keys) >= 10
    for key in keys:
        assert {p.name for p in TOOLS if p.name.startswith(key + ".")} == {f"{key}.fr.md", f"{key}.en.md"}


@pytest.mark.parametrize("path", TOOLS, ids=lambda p: p.name)
def test_tool_opens_as_docx_and_odt(path: Path) -> None:
    document, headings, tables = _document(path)
    opened = docx.Document(io.BytesIO(documents.to_docx(document)))
    docx_headings = [p.text for p in opened.paragraphs if p.style is not None and p.style.name == "Heading 2"]
    assert docx_headings[: len(headings)] == [h.replace("**", "") for h in headings]
    assert len(opened.tables) == tables
    odt = opendocument.load(io.BytesIO(documents.to_odt(document)))
    odt_headings = [teletype.extractText(h) for h in odt.getElementsByType(odf_text.H)]
    assert odt_headings[0] == document.title
    assert odt_headings[1 : len(headings) + 1] == [h.replace("**", "") for h in headings]
    assert len(odt.getElementsByType(odf_table.Table)) == tables
    text = " ".join(teletype.extractText(p) for p in odt.getElementsByType(odf_text.P))
    assert document.sources[0][1] in text


# What a buyer fills in on a model letter, in each language: who writes, to whom, when, by when, and who signs.
LETTER_PLACEHOLDERS = {
    "fr": (
        "[Nom de votre organisation]",
        "[Nom du fournisseur]",
        "[date]",
        "[date limite de réponse]",
        "[Nom, fonction",
    ),
    "en": ("[Name of your organisation]", "[Supplier name]", "[date]", "[reply deadline]", "[Name, position"),
}
LETTER_SUBJECT = {"fr": "Objet", "en": "Subject"}


def _letters(path: Path) -> list[str]:
    """The model letters of a tool: its blockquotes that have a subject line."""
    body = _files()[path.name].body
    quotes = ["\n".join(block) for block in _blocks(body.splitlines())]
    language = path.name.rsplit(".", 2)[1]
    return [quote for quote in quotes if f"> {LETTER_SUBJECT[language]}" in quote]


def _blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.startswith(">"):
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def test_model_letters_show_what_the_buyer_fills_in() -> None:
    """A model letter to a supplier leaves nothing to guess: the sender, the supplier, the date, the reply deadline and
    the signature are placeholders in square brackets, in both languages; the generic « [entreprise] » is gone."""
    letters = {path.name: _letters(path) for path in TOOLS}
    assert {name for name, found in letters.items() if found} >= {
        "tool-origin-information-request.fr.md",
        "tool-origin-information-request.en.md",
    }
    for name, found in letters.items():
        language = name.rsplit(".", 2)[1]
        for letter in found:
            for placeholder in LETTER_PLACEHOLDERS[language]:
                assert placeholder in letter, (name, placeholder)
            assert "[entreprise]" not in letter and "[company]" not in letter, name
