"""The licences a resource may carry, in one table: which ones the partner form offers and how it names them, the
page a reader reads a licence on (Creative Commons' deed in the reader's language), and the identifier the open-data
formats give (SPDX's page; in DCAT-AP, the EU licence vocabulary's where it has one).

A resource's licence is an SPDX identifier (``CC-BY-4.0``) or ``public-domain`` (docs/content-format.md); one the
table does not know still works: its SPDX page stands for it, its code for its name.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from app.i18n import N_, gettext

PUBLIC_DOMAIN = "public-domain"
PUBLIC_DOMAIN_MARK = "https://creativecommons.org/publicdomain/mark/1.0/"  # SPDX has no page for it


@dataclass(frozen=True, slots=True)
class Licence:
    code: str
    label: str  # English, marked for gettext: how the form and the pages name it
    page: str | None = None  # where a person reads it (a Creative Commons deed gets the reader's language)
    eu: str | None = None  # its code in the EU's licence vocabulary (DCAT-AP)
    offered: bool = True  # in the partner form's choices
    # What it allows and asks, as concepts of ADMS's licence-type vocabulary (DCAT-AP's dct:type of a licence),
    # for the portals that sort datasets by them
    kinds: tuple[str, ...] = ()


LICENCES: Final[Mapping[str, Licence]] = {
    licence.code: licence
    for licence in (
        Licence(
            "CC-BY-4.0",
            N_("CC BY 4.0 — reuse allowed with credit"),
            "https://creativecommons.org/licenses/by/4.0/",
            "CC_BY_4_0",
            kinds=("Attribution",),
        ),
        Licence(
            "CC-BY-SA-4.0",
            N_("CC BY-SA 4.0 — reuse with credit, under the same licence"),
            "https://creativecommons.org/licenses/by-sa/4.0/",
            kinds=("Attribution", "ViralEffect-ShareAlike"),
        ),
        Licence(
            "CC-BY-NC-4.0",
            N_("CC BY-NC 4.0 — reuse with credit, not for commercial use"),
            "https://creativecommons.org/licenses/by-nc/4.0/",
            kinds=("Attribution", "NonCommercialUseOnly"),
        ),
        Licence(
            "CC-BY-NC-SA-4.0",
            N_("CC BY-NC-SA 4.0 — reuse with credit, not for commercial use, under the same licence"),
            "https://creativecommons.org/licenses/by-nc-sa/4.0/",
            kinds=("Attribution", "NonCommercialUseOnly", "ViralEffect-ShareAlike"),
        ),
        Licence(
            "CC-BY-ND-4.0",
            N_("CC BY-ND 4.0 — sharing with credit, unchanged"),
            "https://creativecommons.org/licenses/by-nd/4.0/",
            offered=False,
            kinds=("Attribution", "NoDerivativeWork"),
        ),
        # The French State's open licence (décret 2017-638): what public bodies, partners of the centre, are told
        # to use; reuse with credit, like CC BY. The publish page names it among the choices.
        Licence(
            "etalab-2.0",
            N_("Licence Ouverte 2.0 (Etalab) — reuse allowed with credit"),
            "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
            kinds=("Attribution",),
        ),
        Licence(
            "CC0-1.0",
            N_("CC0 1.0 — no conditions"),
            "https://creativecommons.org/publicdomain/zero/1.0/",
            "CC0",
            kinds=("PublicDomain",),
        ),
        Licence(PUBLIC_DOMAIN, N_("Public domain"), PUBLIC_DOMAIN_MARK, kinds=("PublicDomain",)),
    )
}
OFFERED: Final[tuple[str, ...]] = tuple(code for code, licence in LICENCES.items() if licence.offered)


def identifier(code: str) -> str:
    """The licence's address in the open-data formats (JSON-LD, exports, OAI-PMH): its SPDX page."""
    return PUBLIC_DOMAIN_MARK if code == PUBLIC_DOMAIN else f"https://spdx.org/licenses/{code}.html"


def reading_page(code: str, language: str) -> str:
    """Where a person reads the licence: Creative Commons' deed in ``language``, the licence's own page, else SPDX's."""
    licence = LICENCES.get(code)
    page = licence.page if licence else None
    if page and page.startswith("https://creativecommons.org/"):
        return f"{page}deed.{language}"
    return page or identifier(code)


def label(code: str, language: str) -> str:
    """How a person is told the licence: its name and what it allows, in ``language``; else its code."""
    licence = LICENCES.get(code)
    return gettext(language, licence.label) if licence else code


def choices(language: str) -> list[tuple[str, str]]:
    """The licences a partner chooses from, with their labels."""
    return [(code, label(code, language)) for code in OFFERED]
