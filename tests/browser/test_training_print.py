"""A trainer's workshop in Chromium: a real training module (content/, SME module) and the list of the modules, at
1280 and 375 px, with and without JavaScript, pass axe-core (WCAG 2.2 AA) and are saved to var/screenshots/; the
Print button is there only where its script runs, and prints; printed (the print media, and a PDF saved beside the
screenshots), the page names the addresses of other sites only, leaves out the downloads and the button, keeps the
quiz's questions and gives its answers in the key at the end."""

from collections.abc import Iterator
from typing import Any

import pytest

from app.main import create_app
from app.search.factory import make_search_engine
from app.services.sync import rebuild_index
from app.taxonomy import load_taxonomies
from tests.browser.checks import AXE, check_widths, save_pdf
from tests.browser.conftest import fixture_site, page_with_or_without_scripts, port_of, prepared_database
from tests.helpers import add_content_sheet, serving

pytestmark = pytest.mark.skipif(not AXE.exists(), reason="node_modules/axe-core is missing: run `make test` (npm ci)")

MODULE = "training-smes"  # its quiz: five questions, each with its answer
PAGES = {
    "fr": ("/fr/ressources/formation-pme-chaine-approvisionnement-travail-enfants-force", "/fr/recherche"),
    "en": ("/en/resources/training-smes-supply-chain-child-forced-labour", "/en/search"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture corpus plus the SME module in both languages, loaded and indexed, served."""
    settings = fixture_site(tmp_path_factory.mktemp("training"))
    with prepared_database(settings, settings.content_dir) as factory:
        with factory() as session:  # written as published: its links to resources the corpus lacks lead nowhere
            add_content_sheet(session, f"resources/training/{MODULE}")
            session.commit()
        taxonomies = load_taxonomies(settings.content_dir)
        engine = make_search_engine(settings, taxonomies)
        rebuild_index(factory, engine, taxonomies)
        engine.close()
    with serving(create_app(settings), port_of(settings), "training-site", lifespan="on"):
        yield settings.public_base_url


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    with page_with_or_without_scripts(browser, request.param, 1280) as page:
        yield page


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_module_and_the_list_of_modules_at_both_widths(site: str, page: Any, lang: str) -> None:
    module, search = PAGES[lang]
    page.goto(site + module)
    button = page.locator("button.js-print")
    assert button.is_visible() is page.scripts  # no button that does nothing without its script
    assert page.locator("p.downloads a").count() == 2
    check_widths(page, f"training-module-{lang}-{'js' if page.scripts else 'no-js'}", reload=True)
    page.goto(f"{site}{search}?type=training_module")
    audiences = page.locator("ol.hits p.audiences")
    assert audiences.count() == 1  # the SME module, the corpus's only one, in the page's language
    assert "SMEs" in audiences.first.inner_text() or "PME" in audiences.first.inner_text()
    check_widths(page, f"training-list-{lang}-{'js' if page.scripts else 'no-js'}", reload=True)


def test_the_print_button_prints(site: str, page: Any) -> None:
    if not page.scripts:
        pytest.skip("the button is there with its script only")
    page.goto(site + PAGES["en"][0])
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    page.get_by_role("button", name="Print").click()
    assert page.evaluate("window.printed") == 1


AFTER = "element => getComputedStyle(element, '::after').content"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_printed_the_page_names_other_sites_and_keeps_the_answers_for_the_end(site: str, page: Any, lang: str) -> None:
    page.goto(site + PAGES[lang][0])
    key = page.locator("section.answer-key")
    # on screen: the answers under their questions, behind their buttons where quiz.js runs
    assert not key.is_visible() and page.locator(".quiz-answer").first.is_visible() is not page.scripts
    page.emulate_media(media="print")
    internal = page.locator(f'.body a[href^="{site}/"]').first  # the centre's own page: its title is enough
    assert internal.get_attribute("rel") is None
    assert page.evaluate(AFTER, internal.element_handle()) == "none"
    source = page.locator("section.sources a").first
    assert source.get_attribute("href") in page.evaluate(AFTER, source.element_handle())
    for hidden in ("p.downloads", "button.js-print", ".quiz-answer"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.locator(".body li.quiz-question").count() == 5
    assert key.is_visible() and key.locator("li").count() == 5
    first = key.locator("li").first
    assert first.get_attribute("value") == "1" and first.inner_text().startswith(
        "les sociétés dont le" if lang == "fr" else "companies headquartered in France"
    )
    assert page.evaluate("getComputedStyle(document.querySelector('section.answer-key')).breakBefore") == "page"
    if page.scripts:  # the same page without scripts prints the same
        save_pdf(page, f"training-module-{lang}")
