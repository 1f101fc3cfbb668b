"""That ILAB has published a newer List of Goods is one fact (app.ilab.reader.NEWER_GOODS_LIST), said in three places
— the « About » page, an ILAB sheet, the screening's results and their workbook — in French and English: another
edition there changes all of them, its day in each language's words."""

import io
import re
from datetime import date

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape
from openpyxl import load_workbook
from sqlalchemy.orm import Session, sessionmaker

from app.i18n import gettext
from app.ilab.reader import NEWER_GOODS_LIST, Edition
from app.services import ilab_notice
from tests.helpers import add_content_sheet
from tests.routers.test_screening_page import token

pytestmark = pytest.mark.database_agnostic

ANOTHER = Edition(published=date(2026, 3, 1), goods=1234, countries=91, url="https://example.org/ilab/list-of-goods")
SAID = {  # ANOTHER's day and counts, as each language writes them
    "fr": ("1er mars 2026", "1\u202f234 biens de 91 pays et territoires"),
    "en": ("1 March 2026", "1,234 goods from 91 countries and areas"),
}
PAGES = {
    "fr": {"about": "/fr/a-propos", "screening": "/fr/outils/criblage", "resources": "/fr/ressources"},
    "en": {"about": "/en/about", "screening": "/en/tools/screening", "resources": "/en/resources"},
}
LIST = "référence;pays;produit\nF1;Ghana;cacao\n"


@pytest.fixture
def another_edition(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ilab_notice, "NEWER_GOODS_LIST", ANOTHER)


def notice(page: str, start: str) -> str:
    """The paragraph of ``page`` that starts with ``start``'s first words, its markup kept."""
    found = re.search(rf"<p[^>]*>({re.escape(start[:20])}.*?)</p>", page, re.S)
    assert found, start
    return found.group(1)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_edition_is_said_in_the_reader_s_words(lang: str) -> None:
    day = {"fr": "5 septembre 2024", "en": "5 September 2024"}[lang]
    counts = {"fr": "204 biens de 82 pays et territoires", "en": "204 goods from 82 countries and areas"}[lang]
    full, short = ilab_notice.newer_list(lang), ilab_notice.newer_list(lang, short=True)
    assert f"{day} ({counts})" in full.text and day in short.text and counts not in short.text
    assert full.url == short.url == NEWER_GOODS_LIST.url
    assert "%(" not in full.text + short.text


@pytest.mark.usefixtures("another_edition")
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_about_page_and_the_screening_say_the_edition_of_the_one_source(client: TestClient, lang: str) -> None:
    day, counts = SAID[lang]
    said = ilab_notice.newer_list(lang)
    assert f"{day} ({counts})" in said.text
    link = f'<a href="{ANOTHER.url}">{escape(gettext(lang, "ILAB’s current list"))}</a>'
    about = client.get(PAGES[lang]["about"]).text
    assert notice(about, said.text) == f"{escape(said.text)} {link}"
    assert "2024" not in notice(about, said.text)
    path = PAGES[lang]["screening"]
    csrf = token(client, path)
    screened = client.post(path, data={"csrf_token": csrf, "text": LIST})
    assert f"{escape(said.text)} {link}" in screened.text
    carried = re.search(r'name="list" value="([^"]*)"', screened.text)
    assert carried
    workbook = client.post(path, data={"csrf_token": csrf, "list": carried.group(1), "download": "xlsx"})
    summary = load_workbook(io.BytesIO(workbook.content), read_only=True).worksheets[-1]
    assert said.text in [row[1] for row in summary.iter_rows(values_only=True) if len(row) > 1]


@pytest.mark.usefixtures("loaded", "another_edition")
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_ilab_sheet_says_the_edition_of_the_one_source(
    client: TestClient, session_factory: sessionmaker[Session], lang: str
) -> None:
    slug = add_content_sheet(session_factory, "resources/risk-sheets/commodities/commodity-cocoa", (lang,))[lang]
    page = client.get(f"{PAGES[lang]['resources']}/{slug}").text
    said = ilab_notice.newer_list(lang, short=True)
    assert SAID[lang][0] in said.text
    link = f'<a href="{ANOTHER.url}" hreflang="en">{escape(gettext(lang, "ILAB’s current list"))}</a>'
    assert notice(page, said.text) == f"{escape(said.text)} {link}"
