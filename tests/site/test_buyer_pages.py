"""What a public buyer's audit found on the public site, over HTTP: the country filters' style, a resource's facts
folded on a phone, the language switch's name, and the screening's advice for a one-word product it does not know.
Their layout in Chromium: tests/browser/test_buyer_phone.py."""

import html
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.i18n import gettext
from app.services.screening import NOT_ON_THE_LIST

pytestmark = [pytest.mark.usefixtures("loaded"), pytest.mark.database_agnostic]

ROOT = Path(__file__).resolve().parents[2]
CSS = (ROOT / "app" / "static" / "site" / "site.css").read_text(encoding="utf-8")


def test_the_country_filters_are_styled(client: TestClient) -> None:
    """The form's class had lost its rule (renamed in the stylesheet only): each label ran on beside its select and
    « Trier par » broke over two lines on a phone."""
    html = client.get("/fr/pays/").text
    form = re.search(r'<form class="([^"]+)" id="country-filters"', html)
    assert form and form.group(1) == "filters-inline"
    assert re.search(r"^\.filters-inline label \{[^}]*flex-direction: column", CSS, re.MULTILINE)


def switch(html: str) -> str:
    found = re.search(r'<a class="lang-switch".*?</a>', html)
    assert found, "no language switch"
    return found.group(0)


@pytest.mark.parametrize(
    ("path", "href", "name", "note"),
    [
        ("/fr/ressources/pakistan", "/en/resources/pakistan", "English", ("fr", "this page in English")),
        ("/en/resources/pakistan", "/fr/ressources/pakistan", "Français", ("en", "this page in French")),
        ("/fr/", "/en/", "English", ("fr", "this page in English")),
        ("/fr/pays/", "/en/countries/", "English", ("fr", "this page in English")),
        ("/fr/outils/criblage", "/en/tools/screening", "English", ("fr", "this page in English")),
    ],
)
def test_the_language_switch_reads_the_language_then_where_it_leads(
    client: TestClient, path: str, href: str, name: str, note: tuple[str, str]
) -> None:
    """« Cette page en English » mixed two languages in one name: the name seen comes first, in its own language
    (WCAG 3.1.2, and 2.5.3: the accessible name starts with the visible label), then the rest in the page's."""
    other = "en" if name == "English" else "fr"
    assert switch(client.get(path).text) == (
        f'<a class="lang-switch" href="{href}" hreflang="{other}"><span lang="{other}">{name}</span>'
        f'<span class="visually-hidden"> ({gettext(*note)})</span></a>'
    )


def test_a_page_in_one_language_leads_home_the_same_way(client: TestClient) -> None:
    html = client.get("/fr/nulle-part").text
    assert switch(html).startswith('<a class="lang-switch" href="/en/" hreflang="en"><span lang="en">English</span>')
    assert "Cette page en" not in html


def test_a_resource_s_facts_fold_before_its_text(client: TestClient) -> None:
    """On a phone the facts took about 900 px before the text: they sit in a <details> (open without its summary
    when wide, site.css), all of them, before the text."""
    html = client.get("/fr/ressources/pakistan").text
    folded = r'<details class="facts-fold">\s*<summary>(.*?)</summary>\s*<dl class="facts">(.*?)</dl>\s*</details>'
    fold = re.search(folded, html, re.DOTALL)
    assert fold, "the facts are not folded"
    summary, facts = fold.groups()
    assert summary.startswith(gettext("fr", "About this resource"))
    assert "Fiche risque · Centre de ressources virtuel 8.7</span>" in summary  # what it is and who wrote it
    labels = re.findall(r"<dt>([^<]+)</dt>", facts)
    for label in ("Type", "Pays", "Secteurs et produits", "Risques", "Destiné à", "Publié par", "Licence"):
        assert label in labels, label
    assert html.index('<details class="facts-fold">') < html.index('<div class="body">')
    assert '<details class="facts-fold" open' not in html  # folded unless the stylesheet opens it
    for rule in (".facts-fold > summary { display: none; }", ".facts-fold::details-content { display: block;"):
        wide = CSS.index("@media (min-width: 50.01rem), print {")
        assert wide < CSS.index(rule), rule  # wide screens and print see them all, open


def test_the_screening_page_gives_each_product_its_advice(client: TestClient) -> None:
    page = client.get("/fr/outils/criblage")
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found
    listed = "référence;pays;produit\nA;Brésil;widgets\nB;Brésil;pièces détachées auto\n"
    answer = client.post("/fr/outils/criblage", data={"csrf_token": found.group(1), "text": listed}).text
    cells = re.findall(r'<span class="cell-label" aria-hidden="true">Produit</span>(.*?)</td>', answer)
    assert len(cells) == 2
    one, several = cells
    # Neither « name it more simply » (« bougies » is as simple as a word gets) nor a spelling only: ILAB's list has
    # no entry for it, which is no sign of no risk, and its material or sector can be screened.
    hint = html.escape(gettext("fr", NOT_ON_THE_LIST), quote=True)
    assert "widgets" in one and hint in one
    assert "pièces détachées auto" in several and hint in several
    assert "more simply" not in NOT_ON_THE_LIST and "no sign of no risk" in NOT_ON_THE_LIST
