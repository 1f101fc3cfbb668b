"""Editable documents (DOCX and ODT) generated from a resource's Markdown, the same source as its web page.

The Markdown is parsed once into a small list of blocks (headings, paragraphs, list items, tables, rules) made of
runs of text (bold, italic, link); each writer turns those blocks into its format. Internal ``crv:`` links are
resolved to the centre's public URLs, and every link is written out in full after its text so that a printed form
keeps it. A quiz's answers are moved to an answer key at the end, on a page of its own, as the printed page does and
by the same rules (:mod:`app.services.quiz`): the trainer hands out the questions and keeps the key.
"""

import io
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time
from enum import StrEnum
from typing import Any, NamedTuple

import docx
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from markdown_it.token import Token
from odf import dc as odf_dc
from odf import meta as odf_meta
from odf import style as odf_style
from odf import table as odf_table
from odf import text as odf_text
from odf.opendocument import OpenDocumentText
from sqlalchemy.orm import Session

from app import licences
from app.i18n import gettext
from app.models import Resource
from app.services.markdown import INTERNAL_SCHEME, LinkResolver, tokens
from app.services.quiz import answer_label
from app.services.resources import link_resolver, resource_url


class DocumentFormat(StrEnum):
    docx = "docx"
    odt = "odt"


MEDIA_TYPES = {
    DocumentFormat.docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    DocumentFormat.odt: "application/vnd.oasis.opendocument.text",
}


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None


@dataclass(slots=True)
class Block:
    kind: str  # heading | paragraph | item | table | rule
    runs: list[Run] = field(default_factory=list)
    level: int = 0  # heading level, or list depth (1 = top level)
    ordered: bool = False
    number: int = 0  # position of an item in an ordered list
    rows: list[list[list[Run]]] = field(default_factory=list)  # table: rows of cells of runs
    quiz: int = 0  # a quiz's question: its quiz's number in the document (1 = the first), its answer in ``answer``
    answer: list[Run] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Document:
    title: str
    summary: str
    blocks: Sequence[Block]
    sources: Sequence[tuple[str, str]]
    footer: str
    sources_label: str
    answer_key_label: str = "Answer key"
    # What a word processor shows in the file's properties and checks the spelling in, instead of its library's
    # defaults (« python-docx », a 2013 date, American English)
    language: str = "en"
    author: str = ""
    created: date | None = None
    modified: date | None = None


LOCALES = {"fr": "fr-FR", "en": "en-GB"}


def _inline(token: Token, resolve: LinkResolver | None) -> list[Run]:
    runs: list[Run] = []
    bold = italic = False
    href: str | None = None
    for child in token.children or []:
        if child.type in ("strong_open", "strong_close"):
            bold = child.type == "strong_open"
        elif child.type in ("em_open", "em_close"):
            italic = child.type == "em_open"
        elif child.type == "link_open":
            target = str(child.attrs.get("href", ""))
            if target.startswith(INTERNAL_SCHEME):
                target = (resolve(target[len(INTERNAL_SCHEME) :]) if resolve else None) or ""
            href = target or None
        elif child.type == "link_close":
            href = None
        elif child.type in ("text", "code_inline"):
            runs.append(Run(child.content, bold, italic, href))
        elif child.type in ("softbreak", "hardbreak"):
            runs.append(Run(" ", bold, italic, href))
    return runs


@dataclass(slots=True)
class _List:
    """A list being read: what numbers its next item, and what tells whether it is a quiz."""

    ordered: bool
    number: int
    items: list[tuple[Block, int]] = field(default_factory=list)  # each item and the paragraphs it holds
    nested: bool = False  # holds another list: left as it is, as on the page


def parse(markdown: str, resolve: LinkResolver | None = None) -> list[Block]:
    """Blocks of ``markdown`` (CommonMark with tables), ready for any writer; a quiz's questions marked, each with
    its answer apart (:func:`_quiz`)."""
    blocks: list[Block] = []
    lists: list[_List] = []
    quizzes = 0
    pending: Block | None = None  # heading or item waiting for its inline content
    table: Block | None = None
    for token in tokens(markdown):
        kind = token.type
        if kind == "heading_open":
            pending = Block("heading", level=int(token.tag[1:]))
        elif kind in ("bullet_list_open", "ordered_list_open"):
            if lists:
                lists[-1].nested = True
            lists.append(_List(kind == "ordered_list_open", int(token.attrs.get("start", 1) or 1)))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            if _quiz(lists.pop(), quizzes + 1):
                quizzes += 1
        elif kind == "list_item_open":
            current = lists[-1]
            pending = Block("item", level=len(lists), ordered=current.ordered, number=current.number)
            current.items.append((pending, 0))
            current.number += 1
        elif kind == "table_open":
            table = Block("table")
        elif kind == "table_close" and table is not None:
            blocks.append(table)
            table = None
        elif kind == "tr_open" and table is not None:
            table.rows.append([])
        elif kind == "hr":
            blocks.append(Block("rule"))
        elif kind == "inline":
            runs = _inline(token, resolve)
            if table is None and lists and lists[-1].items:  # one more paragraph in the list's last item
                item, paragraphs = lists[-1].items[-1]
                lists[-1].items[-1] = (item, paragraphs + 1)
            if table is not None:
                table.rows[-1].append(runs)
            elif pending is not None:
                pending.runs = runs
                blocks.append(pending)
                pending = None
            else:
                blocks.append(Block("paragraph", runs=runs))
    return blocks


def _quiz(listed: _List, number: int) -> bool:
    """Whether ``listed`` is a quiz, quiz ``number`` of the document: a numbered list without a list inside, with
    items of one paragraph each giving its answer after a bold label (« **Réponse :** »), outside any link or
    emphasis. Each such item keeps its question and holds its answer apart; the others are left as they are, as
    :func:`app.services.quiz.separate_answers` leaves them on the page."""
    if not listed.ordered or listed.nested:
        return False
    found = False
    for item, paragraphs in listed.items:
        label = next((i for i, run in enumerate(item.runs) if run.bold and answer_label(run.text)), None)
        if paragraphs != 1 or label is None or item.runs[label].italic or item.runs[label].href:
            continue
        answer = _stripped(item.runs[label + 1 :])
        if answer:
            item.runs, item.answer, item.quiz = _stripped(item.runs[:label]), answer, number
            found = True
    return found


def _stripped(runs: Sequence[Run]) -> list[Run]:
    """``runs`` without the spaces that began or ended them, none left empty; empty when they hold no text."""
    kept = [*runs]
    if kept:
        kept[0] = replace(kept[0], text=kept[0].text.lstrip())
        kept[-1] = replace(kept[-1], text=kept[-1].text.rstrip())
    return [run for run in kept if run.text]


class Answer(NamedTuple):
    number: int  # its question's number
    runs: list[Run]


def answer_key(blocks: Sequence[Block]) -> list[list[Answer]]:
    """The answers of each quiz of ``blocks``, in their order."""
    key: list[list[Answer]] = []
    for block in blocks:
        if block.quiz:
            if len(key) < block.quiz:
                key.append([])
            key[-1].append(Answer(block.number, block.answer))
    return key


def _link_text(run: Run) -> str:
    return f"{run.text} ({run.href})" if run.href and run.href != run.text else run.text


# -- DOCX ---------------------------------------------------------------------------------------------------------


def _docx_runs(paragraph: Any, runs: Sequence[Run]) -> None:
    for run in runs:
        added = paragraph.add_run(_link_text(run))
        added.bold = run.bold or None
        added.italic = run.italic or None


def _docx_properties(out: Any, document: Document) -> None:
    properties = out.core_properties
    properties.title = document.title
    properties.subject = document.summary[:255]
    properties.author = properties.last_modified_by = document.author
    properties.comments = ""
    properties.keywords = ""
    properties.language = LOCALES.get(document.language, document.language)
    if document.created:
        properties.created = datetime.combine(document.created, time(), UTC)
    if document.modified:
        properties.modified = datetime.combine(document.modified, time(), UTC)
    properties.revision = 1
    # the styles' default run language: the proofing language of every paragraph that sets none
    defaults = out.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = run_defaults.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        run_defaults.append(language)
    language.set(qn("w:val"), LOCALES.get(document.language, document.language))


def to_docx(document: Document) -> bytes:
    out = docx.Document()
    _docx_properties(out, document)
    out.add_heading(document.title, level=0)
    out.add_paragraph().add_run(document.summary).italic = True
    for block in document.blocks:
        if block.kind == "heading":
            _docx_runs(out.add_heading(level=min(block.level, 9)), block.runs)
        elif block.kind == "item":
            base = "List Number" if block.ordered else "List Bullet"
            _docx_runs(out.add_paragraph(style=base if block.level == 1 else f"{base} 2"), block.runs)
        elif block.kind == "table" and block.rows:
            width = max(len(row) for row in block.rows)
            table = out.add_table(rows=len(block.rows), cols=width)
            table.style = "Table Grid"
            for r, row in enumerate(block.rows):
                for c, cell in enumerate(row):
                    _docx_runs(table.cell(r, c).paragraphs[0], cell)
                    if r == 0:
                        for run in table.cell(r, c).paragraphs[0].runs:
                            run.bold = True
        elif block.kind == "rule":
            out.add_paragraph().add_run().add_break(WD_BREAK.LINE)
        else:
            _docx_runs(out.add_paragraph(), block.runs)
    if document.sources:
        out.add_heading(document.sources_label, level=2)
        for title, url in document.sources:
            out.add_paragraph(f"{title} — {url}", style="List Bullet")
    out.add_paragraph().add_run(document.footer).italic = True
    key = answer_key(document.blocks)
    if key:
        out.add_heading(document.answer_key_label, level=2).paragraph_format.page_break_before = True
        for answers in key:  # numbered as their questions, not by Word's list, which would count on across quizzes
            for answer in answers:
                _docx_runs(out.add_paragraph(), [Run(f"{answer.number}. "), *answer.runs])
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


# -- ODT ----------------------------------------------------------------------------------------------------------


def _odt_styles(out: OpenDocumentText) -> dict[str, Any]:
    styles: dict[str, Any] = {}
    for name, props in (
        ("bold", {"fontweight": "bold"}),
        ("italic", {"fontstyle": "italic"}),
        ("bolditalic", {"fontweight": "bold", "fontstyle": "italic"}),
    ):
        span = odf_style.Style(name=name, family="text")
        span.addElement(odf_style.TextProperties(**props))
        out.automaticstyles.addElement(span)
        styles[name] = span
    for level, size in ((0, "20pt"), (1, "17pt"), (2, "14pt"), (3, "12pt"), (4, "11pt")):
        heading = odf_style.Style(name=f"Heading{level}", family="paragraph")
        heading.addElement(odf_style.TextProperties(fontsize=size, fontweight="bold"))
        heading.addElement(odf_style.ParagraphProperties(margintop="0.3cm", marginbottom="0.15cm"))
        out.styles.addElement(heading)
        styles[f"h{level}"] = heading
    key = odf_style.Style(name="AnswerKey", family="paragraph", parentstylename=styles["h2"])
    key.addElement(odf_style.ParagraphProperties(breakbefore="page"))
    out.automaticstyles.addElement(key)
    styles["key"] = key
    cell = odf_style.Style(name="Cell", family="table-cell")
    cell.addElement(odf_style.TableCellProperties(border="0.5pt solid #000000", padding="0.1cm"))
    out.automaticstyles.addElement(cell)
    styles["cell"] = cell
    return styles


def _odt_runs(element: Any, runs: Sequence[Run], styles: dict[str, Any]) -> Any:
    for run in runs:
        name = "bolditalic" if run.bold and run.italic else "bold" if run.bold else "italic" if run.italic else ""
        text = _link_text(run)
        element.addElement(odf_text.Span(stylename=styles[name], text=text) if name else odf_text.Span(text=text))
    return element


def _odt_properties(out: OpenDocumentText, document: Document) -> None:
    out.meta.addElement(odf_dc.Title(text=document.title))
    out.meta.addElement(odf_dc.Subject(text=document.summary))
    out.meta.addElement(odf_dc.Language(text=LOCALES.get(document.language, document.language)))
    if document.author:
        out.meta.addElement(odf_meta.InitialCreator(text=document.author))
        out.meta.addElement(odf_dc.Creator(text=document.author))
    if document.created:
        out.meta.addElement(odf_meta.CreationDate(text=f"{document.created.isoformat()}T00:00:00"))
    if document.modified:
        out.meta.addElement(odf_dc.Date(text=f"{document.modified.isoformat()}T00:00:00"))


def to_odt(document: Document) -> bytes:
    out = OpenDocumentText()
    _odt_properties(out, document)
    styles = _odt_styles(out)
    body = out.text
    body.addElement(odf_text.H(outlinelevel=1, stylename=styles["h0"], text=document.title))
    body.addElement(_odt_runs(odf_text.P(), [Run(document.summary, italic=True)], styles))
    current_list: Any = None
    for block in document.blocks:
        if block.kind != "item":
            current_list = None
        if block.kind == "heading":
            level = min(block.level, 4)
            heading = odf_text.H(outlinelevel=level, stylename=styles[f"h{level}"])
            body.addElement(_odt_runs(heading, block.runs, styles))
        elif block.kind == "item":
            if current_list is None:
                current_list = odf_text.List()
                body.addElement(current_list)
            prefix = f"{block.number}. " if block.ordered else "• "
            indent = "    " * (block.level - 1)
            item = odf_text.ListItem()
            item.addElement(_odt_runs(odf_text.P(), [Run(indent + prefix), *block.runs], styles))
            current_list.addElement(item)
        elif block.kind == "table" and block.rows:
            width = max(len(row) for row in block.rows)
            table = odf_table.Table()
            table.addElement(odf_table.TableColumn(numbercolumnsrepeated=width))
            for r, row in enumerate(block.rows):
                table_row = odf_table.TableRow()
                for cell_runs in row + [[]] * (width - len(row)):
                    runs = [Run(x.text, True, x.italic, x.href) for x in cell_runs] if r == 0 else cell_runs
                    cell = odf_table.TableCell(stylename=styles["cell"])
                    cell.addElement(_odt_runs(odf_text.P(), runs, styles))
                    table_row.addElement(cell)
                table.addElement(table_row)
            body.addElement(table)
        elif block.kind == "rule":
            body.addElement(odf_text.P())
        else:
            body.addElement(_odt_runs(odf_text.P(), block.runs, styles))
    if document.sources:
        body.addElement(odf_text.H(outlinelevel=2, stylename=styles["h2"], text=document.sources_label))
        for title, url in document.sources:
            body.addElement(odf_text.P(text=f"• {title} — {url}"))
    body.addElement(_odt_runs(odf_text.P(), [Run(document.footer, italic=True)], styles))
    key = answer_key(document.blocks)
    if key:
        body.addElement(odf_text.H(outlinelevel=2, stylename=styles["key"], text=document.answer_key_label))
        for answers in key:
            for answer in answers:
                body.addElement(_odt_runs(odf_text.P(), [Run(f"{answer.number}. "), *answer.runs], styles))
    buffer = io.BytesIO()
    out.write(buffer)
    return buffer.getvalue()


def render(document: Document, fmt: DocumentFormat) -> bytes:
    return to_docx(document) if fmt == DocumentFormat.docx else to_odt(document)


LABELS = {
    "fr": {"sources": "Sources", "footer": "{site} — {url} — licence {licence} ({licence_url})"},
    "en": {"sources": "Sources", "footer": "{site} — {url} — licence {licence} ({licence_url})"},
}
SITE = {"fr": "Centre de ressources virtuel 8.7", "en": "Virtual resource centre 8.7"}


def document_for(session: Session, resource: Resource, base_url: str) -> Document:
    """The resource as a document: title, summary, body, sources and a footer naming the centre, page and licence."""
    language = resource.language if resource.language in LABELS else "en"
    labels = LABELS[language]
    url = resource_url(base_url, resource.language, resource.slug)
    return Document(
        title=resource.title,
        summary=resource.summary,
        blocks=parse(resource.body, link_resolver(session, base_url, resource.language)),
        sources=[(str(s["title"]), str(s["url"])) for s in resource.sources],
        footer=labels["footer"].format(
            site=SITE[language],
            url=url,
            licence=licences.label(resource.licence, language),
            licence_url=licences.reading_page(resource.licence, language),
        ),
        sources_label=labels["sources"],
        answer_key_label=gettext(language, "Answer key"),
        language=language,
        author=resource.publisher,
        created=resource.published_at,
        modified=resource.updated_at,
    )


def filename(resource: Resource, fmt: DocumentFormat) -> str:
    return f"{resource.slug}.{fmt.value}"
