"""« Searches that find nothing » on the desk: the centre's editors see the words searched at least
``search_statistics_min_searches`` times that found nothing or few, each a link to the search page, what to do about
them and the table as CSV or XLSX; partners get a 403, the public the sign-in page."""

import io
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.models import Role, SearchSource
from app.services.search_statistics import add
from tests.web.helpers import signed_in

PAGE = "/en/editorial/searches-without-results"


def seed(session_factory: sessionmaker[Session]) -> None:
    today = datetime.now(UTC).date()
    with session_factory() as session:
        add(
            session,
            {
                (today, "fr", SearchSource.page, "kafala liban"): (2, 2, 0),
                (today - timedelta(days=2), "fr", SearchSource.api, "kafala liban"): (2, 1, 1),
                (today, "en", SearchSource.page, "=cmd|' /c calc'!a0"): (3, 3, 0),  # a formula, in a file
                (today, "fr", SearchSource.page, "jean dupont"): (2, 2, 0),  # below the threshold
                (today - timedelta(days=20), "en", SearchSource.page, "bonded labour brick kilns"): (5, 0, 5),
            },
        )
        session.commit()


def test_an_editor_sees_the_words_found_nothing_with_their_links_and_what_to_do(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    seed(session_factory)
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    assert f'<a href="{PAGE}">Searches that find nothing</a>' in editor.get("/en/editorial").text  # the desk links it
    page = editor.get(PAGE, params={"days": "7"})
    assert page.status_code == 200
    text = page.text
    assert "<h1>Searches that find nothing</h1>" in text
    row = text.split('<a href="/fr/recherche?q=kafala+liban" lang="fr">kafala liban</a>')[1].split("</tr>")[0]
    assert [cell.split("</td>")[0] for cell in row.split('">')[1:]] == ["French", "4", "3", "1"]
    assert "jean dupont" not in text  # searched twice: one person's typing is never shown
    assert "bonded labour" not in text  # 20 days ago: not in the last 7
    assert "<code>content/taxonomies/synonyms.yaml</code>" in text and "<code>content/glossary.yaml</code>" in text
    assert '<option value="7" selected>Last 7 days</option>' in text
    assert "Searches counted in the last 7 days: 9; found nothing: 8; found 1 to 4: 1." in text
    month = editor.get(PAGE, params={"days": "30", "language": "en"}).text
    assert "bonded labour brick kilns" in month and "kafala" not in month


def test_the_table_downloads_as_csv_and_xlsx(web: TestClient, session_factory: sessionmaker[Session]) -> None:
    seed(session_factory)
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    csv = editor.get(PAGE, params={"days": "7", "format": "csv"})
    assert csv.headers["content-type"].startswith("text/csv")
    assert csv.headers["content-disposition"] == 'attachment; filename="crv-searches-without-results-7d.csv"'
    lines = csv.text.splitlines()
    assert lines[0] == (
        "Words searched,Language,Searches,Found nothing,Found 1 to 4,On the search page,Through the API,Search page"
    )
    assert lines[1] == "kafala liban,French,4,3,1,2,2,http://testserver/fr/recherche?q=kafala+liban"
    assert lines[2].startswith("'=cmd|' /c calc'!a0,English,3,3,0")  # never a formula in a spreadsheet
    workbook = load_workbook(io.BytesIO(editor.get(PAGE, params={"days": "7", "format": "xlsx"}).content))
    sheet = workbook.active
    assert sheet is not None
    assert [cell.value for cell in sheet[2]][:5] == ["kafala liban", "French", 4, 3, 1]


def test_nothing_to_show_is_explained(
    web: TestClient, session_factory: sessionmaker[Session], settings: Settings
) -> None:
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    text = editor.get(PAGE).text
    assert "No words to show for this period" in text and "only once searched 3 times" in text
    assert "<table" not in text and "Download this table" not in text
    assert "are not counted on this instance" not in text
    settings.search_statistics = False
    assert "are not counted on this instance" in editor.get(PAGE).text


def test_partners_and_the_public_never_see_it(web: TestClient, session_factory: sessionmaker[Session]) -> None:
    seed(session_factory)
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    refused = partner.get(PAGE)
    assert refused.status_code == 403 and "kafala" not in refused.text
    assert partner.get(PAGE, params={"format": "csv"}).status_code == 403
    public = web.get("/fr/redaction/recherches-sans-resultat", follow_redirects=False)
    assert public.status_code in (302, 303) and "/fr/connexion" in public.headers["location"]
    assert "kafala" not in web.get(PAGE).text


def test_an_unknown_period_is_refused(web: TestClient, session_factory: sessionmaker[Session]) -> None:
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    assert editor.get(PAGE, params={"days": "365"}).status_code == 422
    assert editor.get(PAGE, params={"format": "pdf"}).status_code == 422
