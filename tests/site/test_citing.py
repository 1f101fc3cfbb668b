"""What a duty-of-vigilance officer keeps of a page for the plan: how to cite it — the data's edition, the date of
this version, the address and the day it was read — and, on a sheet of ILAB's 2022 data, that ILAB has published a
newer list since, said with the sheet's vintage before its figures (the country sheets outside ILAB's Findings,
the commodity, sector and region sheets did not say it)."""

from datetime import UTC, date, datetime

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape
from sqlalchemy.orm import Session, sessionmaker

from app.i18n import gettext
from app.services.ilab_notice import newer_list
from app.services.pages import cite, human_date
from tests.helpers import add_content_sheet

pytestmark = [pytest.mark.usefixtures("loaded"), pytest.mark.database_agnostic]


def citation(html: str) -> str:
    return html.split('id="cite-title">')[1].split("<p>")[1].split("</p>")[0]


def days_read() -> set[str]:
    """Today in both languages, UTC, as the page says it (and tomorrow, for a test run across midnight)."""
    today = datetime.now(UTC).date()
    after = date.fromordinal(today.toordinal() + 1)
    return {human_date(day, language) for day in (today, after) for language in ("fr", "en")}


@pytest.mark.parametrize(
    ("path", "start", "read"),
    [
        (
            "/fr/ressources/cote-d-ivoire",
            "Centre de ressources virtuel 8.7, «\u00a0Côte d’Ivoire\u00a0: travail des enfants dans le cacao\u00a0», "
            "données ILAB 2022, version du 10 janvier 2026, http://testserver/fr/ressources/cote-d-ivoire, ",
            "consulté le ",
        ),
        (
            "/en/resources/pakistan",
            "Virtual resource centre 8.7, “Pakistan: bricks and debt bondage”, ILAB 2022 data, version of 1 February "
            "2026, http://testserver/en/resources/pakistan, ",
            "accessed ",
        ),
    ],
)
def test_an_ilab_sheet_is_cited_with_its_data_its_version_and_the_day_it_was_read(
    client: TestClient, path: str, start: str, read: str
) -> None:
    cited = citation(client.get(path).text)
    assert cited.startswith(start)
    rest = cited.removeprefix(start)
    assert rest.startswith(read) and rest.endswith(".")
    assert rest.removeprefix(read).removesuffix(".") in days_read()


def test_a_method_is_cited_without_a_data_edition_but_with_the_day_it_was_read(client: TestClient) -> None:
    cited = citation(client.get("/fr/ressources/cartographie-des-risques").text)
    assert cited.startswith(
        "Centre de ressources virtuel 8.7, «\u00a0Cartographier les risques par pays et par secteur\u00a0», "
        "version du 15 mars 2026, http://testserver/fr/ressources/cartographie-des-risques, consulté le "
    )
    assert "données" not in cited


def test_the_day_read_is_the_one_given_and_the_first_of_a_month_is_french() -> None:
    url = "https://crv.example.org/en/resources/x"
    cited = cite("NGO", "Title", date(2026, 1, 10), url, "en", consulted=date(2027, 3, 1), vintage="ILAB 2022")
    assert cited == (
        "NGO, “Title”, Virtual resource centre 8.7, ILAB 2022 data, version of 10 January 2026, "
        "https://crv.example.org/en/resources/x, accessed 1 March 2027."
    )
    assert cite("ONG", "Titre", date(2026, 1, 10), url, "fr", consulted=date(2027, 3, 1)).endswith(
        ", consulté le 1er mars 2027."
    )


@pytest.mark.parametrize(
    ("sheet", "language"),
    [
        (
            "resources/risk-sheets/countries/country-my",
            "fr",
        ),  # outside ILAB's Findings: its text said nothing of a newer edition
        ("resources/risk-sheets/commodities/commodity-cocoa", "en"),
        ("resources/risk-sheets/sectors/sector-textiles", "fr"),
    ],
)
def test_a_sheet_of_ilab_2022_says_ilab_has_published_since(
    client: TestClient, session_factory: sessionmaker[Session], sheet: str, language: str
) -> None:
    slug = add_content_sheet(session_factory, sheet, (language,))[language]
    html = client.get(f"/{language}/{'ressources' if language == 'fr' else 'resources'}/{slug}").text
    note = html.split('class="muted newer-edition">')[1].split("</p>")[0]
    newer = newer_list(language, short=True)  # its day and counts: tests/site/test_ilab_newer_list.py
    link = f'<a href="{newer.url}" hreflang="en">{escape(gettext(language, "ILAB’s current list"))}</a>'
    assert note == f"{escape(newer.text)} {link}"
    # with the sheet's vintage, above its title: read before a listing is relied on, and not between the summary
    # and the text, which a phone's reader reaches soon (tests/browser/test_buyer_phone.py)
    assert html.index("badge vintage") < html.index("newer-edition") < html.index("<h1>")


def test_a_text_that_is_no_ilab_sheet_does_not_say_it(client: TestClient) -> None:
    assert "newer-edition" not in client.get("/fr/ressources/cartographie-des-risques").text
