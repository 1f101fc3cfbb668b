"""Which of the buyer's columns the screening read as what, told by the buyer's own names: above the page's results
(« Colonnes lues : pays — « Pays de provenance » ; produit — « Désignation article ». Vos 3 autres colonnes sont
gardées dans les téléchargements. »), on the workbook's summary (:mod:`app.services.screening_report`) and in the
API's ``columns_read``. A list with « Pays » and « Pays de provenance », or « Article » and « Description », can be
checked. A list without a header is said to be read in its fixed order (a list pasted as « produit ; pays » then
shows why nothing was recognised); a JSON list, whose keys are fixed, is said nothing.

The page keeps nothing between two posts and the list its results' form carries has the page's own header
(:func:`app.services.screening_input.carry`): the form carries what was read beside it (:func:`carry`,
:func:`restore`).
"""

import json
from collections.abc import Sequence
from dataclasses import replace

from app.i18n import N_, format_number, gettext, ngettext
from app.schemas.screening import ColumnsRead, SheetsRead
from app.services.screening_input import ParsedInput

# Each role as the buyer is told it, in the order it is said (the keys are ColumnsRead's fields).
ROLES = {
    "country": N_("country"),
    "product": N_("product"),
    "category": N_("category (where the product is missing or unknown)"),
    "reference": N_("reference"),
    "line": N_("line number"),
}
FIXED_ROLES = ("reference", "country", "product")  # those of a list without a header (ParsedInput.fixed)
SHEETS = "sheets"  # the carried columns' key for a workbook's sheets (carry)
# A workbook's other sheets that hold a list (sheets_said): one sheet is screened.
OTHER_SHEET = N_(
    "The sheet %(names)s also holds a list, which was not read: send it as a file of its own, or copy its lines into "
    "the sheet read."
)
OTHER_SHEETS = N_(
    "The sheets %(names)s also hold lists, which were not read: send each as a file of its own, or copy their lines "
    "into the sheet read."
)


def named(read: ColumnsRead, lang: str) -> str:
    """« pays — « Pays de provenance » ; produit — « Désignation article » »: each role read and its column's name,
    as the page and the workbook's summary say them."""
    names = read.model_dump()
    parts = (
        gettext(lang, "%(role)s — “%(name)s”", role=gettext(lang, role), name=names[key])
        for key, role in ROLES.items()
        if names[key] is not None
    )
    return ("\u202f; " if lang == "fr" else "; ").join(parts)  # French: a narrow no-break space before « ; »


def said(parsed: ParsedInput, lang: str) -> str:
    """What the page says above its results: the sheet of a workbook read, the columns read and how many of the
    buyer's others its downloads keep, or the order a list without a header was read in; "" for a JSON list."""
    sheets = sheets_said(parsed, lang)
    if parsed.read is None:
        if not parsed.fixed:
            return sheets
        order = ", ".join(gettext(lang, ROLES[role]) for role in parsed.fixed)
        fixed = gettext(lang, "Your list has no header: its columns were read in the order %(columns)s.", columns=order)
        return f"{sheets} {fixed}".strip()
    sentence = gettext(lang, "Columns read: %(columns)s.", columns=named(parsed.read, lang))
    others = len(parsed.columns) - (parsed.read.category is not None)  # the category is read, and kept too
    if not others:
        return f"{sheets} {sentence}".strip()
    kept = ngettext(
        lang,
        "Your other column is kept in the downloads.",
        "Your %(count)s other columns are kept in the downloads.",
        others,
        count=format_number(others, lang),
    )
    return f"{sheets} {sentence} {kept}".strip()


def sheets_said(parsed: ParsedInput, lang: str) -> str:
    """The sheet of a workbook read, where another visible sheet holds anything or another sheet a list, and the
    other sheets that hold a list, which were not read (one sheet is screened): a workbook of a list a sheet per year
    or per site was screened on its first sheet, and the buyer was not told that the others were not. "" for a
    workbook of one sheet (a hidden lookup table beside it is not said) or a text list."""
    return sheets_sentence(parsed.sheet, parsed.other_sheets, lang)


def sheets_sentence(sheet: str, other_sheets: Sequence[tuple[str, bool]], lang: str) -> str:
    """:func:`sheets_said` of a sheet's name and the others' (name, hidden), whether a parsed list's or a result's
    (:func:`result_sheets_said`)."""
    if not sheet:
        return ""
    sentence = gettext(lang, "Sheet read: “%(name)s”.", name=sheet)
    if not other_sheets:
        return sentence
    names = ", ".join(
        gettext(lang, "“%(name)s” (hidden)", name=name) if hidden else gettext(lang, "“%(name)s”", name=name)
        for name, hidden in other_sheets
    )
    others = gettext(lang, OTHER_SHEET if len(other_sheets) == 1 else OTHER_SHEETS, names=names)
    return f"{sentence} {others}"


def result_sheets_said(sheets: SheetsRead | None, lang: str) -> str:
    """:func:`sheets_sentence` of a result's ``sheets`` (the workbook's and the command line's summary); "" for
    none."""
    if sheets is None:
        return ""
    return sheets_sentence(sheets.read, [(sheet.name, sheet.hidden) for sheet in sheets.not_read], lang)


def carry(parsed: ParsedInput) -> str:
    """What the results' form carries of the columns read: their names (JSON), a list without a header's order, or
    "" for neither; with a workbook's sheet read and its others (:func:`sheets_said`), wrapped beside them."""
    if parsed.read is not None:
        columns = parsed.read.model_dump_json()
    else:
        columns = json.dumps(list(parsed.fixed)) if parsed.fixed else ""
    if not parsed.sheet:
        return columns
    sheets = {"sheet": parsed.sheet, "other_sheets": [list(other) for other in parsed.other_sheets]}
    return json.dumps({SHEETS: sheets, "columns": columns})


def restore(parsed: ParsedInput, carried: object) -> ParsedInput:
    """The list the results' form sent back (:func:`app.services.screening_input.parse_carried`) with the columns
    read it carried (:func:`carry`); unchanged for none, or for a value that is not one (a form of an older page)."""
    if not isinstance(carried, str) or not carried:
        return parsed
    try:
        value = json.loads(carried)
        if isinstance(value, dict) and SHEETS in value:
            return restore(_sheets(parsed, value[SHEETS]), value.get("columns"))
        if not isinstance(value, list):
            return replace(parsed, read=ColumnsRead.model_validate(value))
    except ValueError:  # not JSON, or not columns read (pydantic's ValidationError is a ValueError)
        return parsed
    fixed = tuple(role for role in value if role in FIXED_ROLES)
    return replace(parsed, fixed=fixed) if len(fixed) == len(value) else parsed


def _sheets(parsed: ParsedInput, carried: object) -> ParsedInput:
    """``parsed`` with the sheets :func:`carry` carried, unchanged for a value that is not them."""
    if not isinstance(carried, dict) or not isinstance(carried.get("sheet"), str):
        return parsed
    others = carried.get("other_sheets")
    if not isinstance(others, list):
        return parsed
    pairs = tuple((str(o[0]), bool(o[1])) for o in others if isinstance(o, list) and len(o) == 2)
    return replace(parsed, sheet=carried["sheet"], other_sheets=pairs)
