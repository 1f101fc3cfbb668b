"""« What readers follow » on the desk: the centre's editors see the subjects of the confirmed email alerts followed
by at least ``alerts_min_shown`` readers, each a link to its search, labelled in the page's language, and the table
as CSV or XLSX — never an address; partners get a 403, the public the sign-in page."""

import io
from typing import Any

from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.models import AlertFrequency, Language, Role, SearchAlert
from app.models.base import utcnow
from tests.web.helpers import signed_in

PAGE = "/en/editorial/what-readers-follow"
FRENCH = "/fr/redaction/ce-que-les-lecteurs-suivent"


def seed(session_factory: sessionmaker[Session]) -> None:
    def alert(email: str, language: str, selection: dict[str, Any], confirmed: bool = True) -> SearchAlert:
        return SearchAlert(
            email=email,
            language=Language(language),
            selection=selection,
            frequency=AlertFrequency.weekly,
            created_at=utcnow(),
            confirmed_at=utcnow() if confirmed else None,
        )

    with session_factory() as session:
        session.add_all(
            [
                alert("awa@example.org", "fr", {"q": "", "filters": {"country": ["CI"], "lang": ["fr"]}}),
                alert("binta@example.org", "fr", {"q": "", "filters": {"country": ["CI"], "lang": ["fr"]}}),
                alert("chloe@example.org", "en", {"q": "Kafala", "filters": {"lang": ["en"]}}),
                alert("dan@example.org", "en", {"q": "kafala", "filters": {"lang": ["en"]}}),
                alert("eve@example.org", "en", {"q": "", "filters": {"sector": ["mica"], "lang": ["en"]}}),
                alert("fay@example.org", "en", {"q": "", "filters": {"sector": ["mica"]}}, confirmed=False),
            ]
        )
        session.commit()


def test_an_editor_sees_the_subjects_followed_with_their_links(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    seed(session_factory)
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    assert f'<a href="{PAGE}">What readers follow</a>' in editor.get("/en/editorial").text  # the desk links it
    page = editor.get(PAGE)
    assert page.status_code == 200
    text = page.text
    assert "<h1>What readers follow</h1>" in text and "Confirmed alerts: 5." in text
    row = text.split('<a href="/fr/recherche?country=CI">Côte d&#39;Ivoire</a>')[1].split("</tr>")[0]
    assert [cell.split("</td>")[0] for cell in row.split('">')[1:]] == ["Country", "French", "2"]
    row = text.split('<a href="/en/search?q=kafala" lang="en">“kafala”</a>')[1].split("</tr>")[0]
    assert [cell.split("</td>")[0] for cell in row.split('">')[1:]] == ["Words searched", "English", "2"]
    assert "mica" not in text.lower()  # one reader's alert; the other was never confirmed
    assert "@example.org" not in text  # never an address
    english = editor.get(PAGE, params={"language": "en"}).text
    assert "kafala" in english and "country=CI" not in english
    # in French: the taxonomy's French label and kind
    french = editor.get(FRENCH).text
    assert '<a href="/fr/recherche?country=CI">Côte d’Ivoire</a>' in french and ">Pays</td>" in french


def test_the_table_downloads_as_csv_and_xlsx(web: TestClient, session_factory: sessionmaker[Session]) -> None:
    seed(session_factory)
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    csv = editor.get(PAGE, params={"format": "csv"})
    assert csv.headers["content-type"].startswith("text/csv")
    assert csv.headers["content-disposition"] == 'attachment; filename="crv-what-readers-follow.csv"'
    assert csv.text.splitlines() == [
        "Followed subject,Kind,Language,Alerts,Search page",
        "Côte d'Ivoire,Country,French,2,http://testserver/fr/recherche?country=CI",
        "“kafala”,Words searched,English,2,http://testserver/en/search?q=kafala",
    ]
    assert "@" not in csv.text
    xlsx = editor.get(PAGE, params={"format": "xlsx"})
    assert xlsx.headers["content-disposition"] == 'attachment; filename="crv-what-readers-follow.xlsx"'
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    assert [cell.value for cell in sheet[2]][:4] == ["Côte d'Ivoire", "Country", "French", 2]


def test_nothing_to_show_is_explained(
    web: TestClient, session_factory: sessionmaker[Session], settings: Settings
) -> None:
    seed(session_factory)
    settings.alerts_min_shown = 3
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    text = editor.get(PAGE).text
    assert "No subject to show: none is followed by at least 3 readers." in text and "Confirmed alerts: 5." in text
    assert "<table" not in text and "Download this table" not in text


def test_partners_and_the_public_never_see_it(web: TestClient, session_factory: sessionmaker[Session]) -> None:
    seed(session_factory)
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    refused = partner.get(PAGE)
    assert refused.status_code == 403 and "Ivoire" not in refused.text
    assert partner.get(PAGE, params={"format": "csv"}).status_code == 403
    public = web.get(FRENCH, follow_redirects=False)
    assert public.status_code in (302, 303) and "/fr/connexion" in public.headers["location"]
    assert web.get(PAGE, params={"format": "csv"}, follow_redirects=False).status_code in (302, 303)
    assert "Ivoire" not in web.get(PAGE).text


def test_an_unknown_choice_is_refused(web: TestClient, session_factory: sessionmaker[Session]) -> None:
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    assert editor.get(PAGE, params={"language": "de"}).status_code == 422
    assert editor.get(PAGE, params={"format": "pdf"}).status_code == 422
