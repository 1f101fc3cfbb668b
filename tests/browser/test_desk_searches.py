"""« Searches that find nothing » and « What readers follow » in Chromium: their tables (French) and empty states
(English) pass axe and fit a phone (1280 and 375 px); their forms work without a script; the CSVs download. SQLite,
the fixture corpus."""

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from app.main import create_app
from app.models import AlertFrequency, Language, OrganisationKind, Role, SearchAlert, SearchSource
from app.models.base import utcnow
from app.services.search_statistics import add
from tests.browser.checks import AXE, check_widths
from tests.browser.conftest import fixture_site, port_of, prepared_database
from tests.browser.test_desk_view import signed_in
from tests.helpers import make_org, serving
from tests.web.helpers import make_person

PAGES = {"fr": "/fr/redaction/recherches-sans-resultat", "en": "/en/editorial/searches-without-results"}
FOLLOWED = {"fr": "/fr/redaction/ce-que-les-lecteurs-suivent", "en": "/en/editorial/what-readers-follow"}
# Two French readers follow cocoa in Côte d'Ivoire (three subjects shown); one English reader follows mica (none).
ALERTS = (
    ("awa@example.org", Language.fr, {"q": "cacao", "filters": {"country": ["CI"], "lang": ["fr"]}}),
    ("binta@example.org", Language.fr, {"q": "Cacao", "filters": {"country": ["CI"], "sector": ["cocoa"]}}),
    ("chloe@example.org", Language.fr, {"q": "", "filters": {"sector": ["cocoa"], "lang": ["fr"]}}),
    ("dan@example.org", Language.en, {"q": "", "filters": {"sector": ["mica"], "lang": ["en"]}}),
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    work = tmp_path_factory.mktemp("desk-searches")
    settings = fixture_site(work, mail_dir=work / "mail", anonymous_requests_per_minute=1000)
    today = datetime.now(UTC).date()
    with prepared_database(settings, settings.content_dir) as factory:
        make_org(factory, "crv", OrganisationKind.resource_centre)
        make_person(factory, "crv", "redac@crv.org", Role.editor)
        with factory() as session:
            add(
                session,
                {
                    (today, "fr", SearchSource.page, "kafala liban"): (7, 5, 2),
                    (today, "fr", SearchSource.api, "travail des enfants dans les mines de mica"): (4, 0, 4),
                    (today, "en", SearchSource.page, "bonded labour brick kilns punjab province"): (2, 2, 0),
                },
            )
            session.add_all(
                SearchAlert(
                    email=email,
                    language=language,
                    selection=selection,
                    frequency=AlertFrequency.weekly,
                    created_at=utcnow(),
                    confirmed_at=utcnow(),
                )
                for email, language, selection in ALERTS
            )
            session.commit()
    with serving(create_app(settings), port_of(settings), "desk-searches-api"):
        yield settings.public_base_url


@pytest.mark.skipif(not AXE.exists(), reason="node_modules/axe-core is missing: run `make test` (npm ci)")
def test_the_table_and_the_empty_page_pass_axe_and_fit_a_phone(browser: Any, site: str) -> None:
    editor = signed_in(browser, site, "redac@crv.org", bypass_csp=True)  # axe is injected as an inline script
    editor.goto(site + "/fr/redaction")
    editor.locator(f'p.in-page a[href="{PAGES["fr"]}"]').click()  # the desk links it (its words: the catalogs')
    editor.locator("table.list").wait_for()
    assert editor.locator("tbody tr").count() == 2
    check_widths(editor, "desk-searches-fr")
    editor.goto(site + PAGES["en"] + "?language=en")  # searched twice in English: not shown, and said why
    assert editor.locator("table").count() == 0 and editor.locator("p.empty").is_visible()
    check_widths(editor, "desk-searches-empty-en")
    editor.set_viewport_size({"width": 1280, "height": 900})
    editor.locator("#f-days").select_option("7")
    editor.locator("#f-language").select_option("fr")
    editor.get_by_role("button", name="Show").click()  # a plain GET form: no script needed
    editor.wait_for_url("**days=7&language=fr")
    assert editor.locator("tbody tr").count() == 2
    with editor.expect_download() as downloading:
        editor.get_by_role("link", name="CSV").click()
    assert downloading.value.suggested_filename == "crv-searches-without-results-7d.csv"
    editor.context.close()


@pytest.mark.skipif(not AXE.exists(), reason="node_modules/axe-core is missing: run `make test` (npm ci)")
def test_what_readers_follow_and_its_empty_page_pass_axe_and_fit_a_phone(browser: Any, site: str) -> None:
    editor = signed_in(browser, site, "redac@crv.org", bypass_csp=True)  # axe is injected as an inline script
    editor.goto(site + "/fr/redaction")
    editor.locator(f'p.in-page a[href="{FOLLOWED["fr"]}"]').click()  # the desk links it
    editor.locator("table.list").wait_for()
    assert editor.locator("tbody tr").count() == 3  # the words, the country, the sector
    check_widths(editor, "desk-followed-fr")
    editor.goto(site + FOLLOWED["en"] + "?language=en")  # one reader's alert: not shown, and said why
    assert editor.locator("table").count() == 0 and editor.locator("p.empty").is_visible()
    check_widths(editor, "desk-followed-empty-en")
    editor.set_viewport_size({"width": 1280, "height": 900})
    editor.locator("#f-language").select_option("fr")
    editor.get_by_role("button", name="Show").click()  # a plain GET form: no script needed
    editor.wait_for_url("**language=fr")
    assert editor.locator("tbody tr").count() == 3
    with editor.expect_download() as downloading:
        editor.get_by_role("link", name="CSV").click()
    assert downloading.value.suggested_filename == "crv-what-readers-follow.csv"
    editor.context.close()
