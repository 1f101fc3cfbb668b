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
from dataclasses import replace

from app.i18n import N_, format_number, gettext, ngettext
from app.schemas.screening import ColumnsRead
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
    """What the page says above its results: the columns read and how many of the buyer's others its downloads keep,
    or the order a list without a header was read in; "" for a JSON list."""
    if parsed.read is None:
        if not parsed.fixed:
            return ""
        order = ", ".join(gettext(lang, ROLES[role]) for role in parsed.fixed)
        return gettext(lang, "Your list has no header: its columns were read in the order %(columns)s.", columns=order)
    sentence = gettext(lang, "Columns read: %(columns)s.", columns=named(parsed.read, lang))
    others = len(parsed.columns) - (parsed.read.category is not None)  # the category is read, and kept too
    if not others:
        return sentence
    kept = ngettext(
        lang,
        "Your other column is kept in the downloads.",
        "Your %(count)s other columns are kept in the downloads.",
        others,
        count=format_number(others, lang),
    )
    return f"{sentence} {kept}"


def carry(parsed: ParsedInput) -> str:
    """What the results' form carries of the columns read: their names (JSON), a list without a header's order, or
    "" for neither."""
    if parsed.read is not None:
        return parsed.read.model_dump_json()
    return json.dumps(list(parsed.fixed)) if parsed.fixed else ""


def restore(parsed: ParsedInput, carried: object) -> ParsedInput:
    """The list the results' form sent back (:func:`app.services.screening_input.parse_carried`) with the columns
    read it carried (:func:`carry`); unchanged for none, or for a value that is not one (a form of an older page)."""
    if not isinstance(carried, str) or not carried:
        return parsed
    try:
        value = json.loads(carried)
        if not isinstance(value, list):
            return replace(parsed, read=ColumnsRead.model_validate(value))
    except ValueError:  # not JSON, or not columns read (pydantic's ValidationError is a ValueError)
        return parsed
    fixed = tuple(role for role in value if role in FIXED_ROLES)
    return replace(parsed, fixed=fixed) if len(fixed) == len(value) else parsed
