"""A resource's reference as a reference manager reads it, each format parsed back: RIS a tag per line, BibTeX
braces that balance once LaTeX's specials are escaped, CSL-JSON the fields citeproc needs; the organisation that
published it is one name, never a person's first and last."""

import json
import re
from datetime import date

import pytest

from app.services.citation_formats import CitationFormat, Reference, bibtex, csl_json, render, ris, tex

TRICKY = Reference(
    key="enfance-cacao-2026-passerelles-fr",
    title="25\u00a0% des enfants & 100_% «\u00a0#1\u00a0» {sic} ~ ^ \\ $ <b> |\u202f?",
    author="Enfance & Cacao – Agir ensemble",
    site="Centre de ressources virtuel 8.7",
    issued=date(2026, 3, 15),
    accessed=date(2026, 12, 4),
    url="https://crv.example.org/fr/ressources/passerelles",
    language="fr",
    abstract="Une ligne,\nune autre.",
)
CENTRE = Reference(
    key="crv-2026-cote-d-ivoire-en",
    title="Côte d'Ivoire: child labour",
    author="Virtual resource centre 8.7",
    site=None,
    issued=date(2026, 1, 1),
    accessed=date(2026, 12, 4),
    url="https://crv.example.org/en/resources/cote-d-ivoire",
    language="en",
    abstract="Summary.",
)


def ris_tags(text: str) -> list[tuple[str, str]]:
    """RIS as Zotero's importer reads it: ``XX  - value`` per CRLF-ended line, TY first and ER last."""
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    lines = text.removesuffix("\r\n").split("\r\n")
    parsed = [re.fullmatch(r"([A-Z][A-Z0-9])  - (.*)", line) for line in lines]
    assert all(parsed), lines
    return [(match.group(1), match.group(2)) for match in parsed if match]


def test_ris_is_a_web_page_with_the_organisation_as_one_name() -> None:
    tags = ris_tags(ris(TRICKY))
    assert tags[0] == ("TY", "ELEC") and tags[-1] == ("ER", "")
    found = dict(tags)
    assert found["TI"] == TRICKY.title
    # no comma: Zotero's RIS importer keeps a name without one whole (single field), as an institution
    assert found["AU"] == "Enfance & Cacao – Agir ensemble" and "," not in found["AU"]
    assert found["T2"] == "Centre de ressources virtuel 8.7"  # the site, Zotero's « Website Title »
    assert (found["PY"], found["DA"], found["Y2"]) == ("2026", "2026/03/15", "2026/12/04")
    assert (found["LA"], found["UR"]) == ("fr", TRICKY.url)
    assert found["AB"] == "Une ligne, une autre."  # one line: a new line would end the tag
    assert "T2" not in dict(ris_tags(ris(CENTRE)))  # the centre is the author: not said twice


def unescaped_braces(text: str) -> str:
    return re.sub(r"\\[{}]", "", text)


def bibtex_fields(entry: str) -> tuple[str, str, dict[str, str]]:
    """An entry's type, key and fields, read as BibTeX reads them: each value the text between its outer braces."""
    head = re.match(r"@(\w+)\{([^,\s]+),\n", entry)
    assert head, entry
    fields: dict[str, str] = {}
    rest = entry[head.end() :]
    while (name := re.match(r"\s*(\w+) = \{", rest)) is not None:
        depth, position = 1, name.end()
        while depth:
            character = rest[position]
            if character == "\\":
                position += 2
                continue
            depth += {"{": 1, "}": -1}.get(character, 0)
            position += 1
        fields[name.group(1)] = rest[name.end() : position - 1]
        rest = rest[position:].removeprefix(",")
    assert rest.strip() == "}", rest
    return head.group(1), head.group(2), fields


def test_bibtex_escapes_latex_specials_and_its_braces_balance() -> None:
    entry = bibtex(TRICKY)
    stripped = unescaped_braces(entry)
    assert stripped.count("{") == stripped.count("}")
    kind, key, fields = bibtex_fields(entry)
    assert (kind, key) == ("online", "enfance-cacao-2026-passerelles-fr")
    title = fields["title"]
    for special in ("&", "%", "_", "#", "$"):
        assert re.search(rf"(?<!\\){re.escape(special)}", title) is None, special
        assert "\\" + special in title
    assert r"\{sic\}" in title and r"\textasciitilde{}" in title and r"\textbackslash{}" in title
    assert "\u00a0" not in title and "\u202f" not in title and "25~\\%" in title  # ties, for pdfLaTeX
    assert fields["author"] == r"{Enfance \& Cacao – Agir ensemble}"  # double braces: one name, not first and last
    assert fields["titleaddon"] == "Centre de ressources virtuel 8.7"
    assert (fields["date"], fields["urldate"], fields["langid"]) == ("2026-03-15", "2026-12-04", "french")
    assert fields["url"] == TRICKY.url and fields["abstract"] == "Une ligne, une autre."
    assert "titleaddon" not in bibtex_fields(bibtex(CENTRE))[2]


def test_tex_leaves_plain_text_alone() -> None:
    assert tex("Côte d’Ivoire — fiche") == "Côte d’Ivoire — fiche"


def test_csl_json_is_one_webpage_item_with_a_literal_author() -> None:
    (item,) = json.loads(csl_json(TRICKY))
    assert item["id"] == TRICKY.key and item["type"] == "webpage"
    assert item["title"] == TRICKY.title
    assert item["author"] == [{"literal": "Enfance & Cacao – Agir ensemble"}]
    assert item["container-title"] == "Centre de ressources virtuel 8.7"
    assert item["issued"] == {"date-parts": [[2026, 3, 15]]}
    assert item["accessed"] == {"date-parts": [[2026, 12, 4]]}
    assert (item["URL"], item["language"]) == (TRICKY.url, "fr")
    assert "container-title" not in json.loads(csl_json(CENTRE))[0]


@pytest.mark.parametrize("fmt", list(CitationFormat))
def test_render_writes_each_format(fmt: CitationFormat) -> None:
    assert TRICKY.url in render(TRICKY, fmt)
