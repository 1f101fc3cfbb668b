"""How to cite the centre's datasets, one wording for the API page and the DCAT catalogue
(``dct:bibliographicCitation``):

- ``export(language, version, licence, url)``: the export of the published resources — the centre, the dataset, the
  version (the day its rows last changed), the licence (the one every published resource has, else each row's own)
  and the address: « Centre de ressources virtuel 8.7, export des ressources publiées, version du 3 décembre 2026,
  CC BY 4.0, https://…/v1/export ».
- ``ilab(language, sources, title, url)``: a table of ILAB's findings as the centre serves it — ILAB's own citation of
  each publication first (title and address: what ILAB's facts are), then the centre's table, in the public domain.

Data, as the catalogue's texts are: each in French and English here, not through the interface's catalog."""

from collections.abc import Sequence
from datetime import date

from app import licences
from app.services.centre import centre_name
from app.services.pages import VERSION, human_date

EXPORT_NAME = {"fr": "export des ressources publiées", "en": "export of the published resources"}
EACH_LICENCE = {
    "fr": "licence de chaque ressource (colonne licence)",
    "en": "each resource under its own licence (licence column)",
}
PUBLIC_DOMAIN = {"fr": "domaine public", "en": "public domain"}
TABLE = {"fr": "mis en tableau par le {centre}, «\u00a0{title}\u00a0»", "en": "as tabulated by {centre}, “{title}”"}


def licence_name(code: str, language: str) -> str:
    """A licence's short name (« CC BY 4.0 »): its label without what it allows."""
    return licences.label(code, language).split(" — ")[0]


def export(language: str, version: date | None, licence: str | None, url: str) -> str:
    """The export's citation; ``licence``: the one every published resource has (None when they differ)."""
    parts = [centre_name(language), EXPORT_NAME[language]]
    if version is not None:
        parts.append(VERSION[language].format(day=human_date(version, language)))
    parts.append(licence_name(licence, language) if licence else EACH_LICENCE[language])
    parts.append(url)
    return ", ".join(parts) + "."


def ilab(language: str, sources: Sequence[tuple[str, str]], title: str, url: str) -> str:
    """ILAB's publications (« US DOL ILAB, List of Goods… (2022), https://… »), then the centre's table of them."""
    separator = "\u202f; " if language == "fr" else "; "
    cited = separator.join(f"{source}, {address}" for source, address in sources)
    table = TABLE[language].format(centre=centre_name(language), title=title)
    return f"{cited}{separator}{table}, {PUBLIC_DOMAIN[language]}, {url}."
