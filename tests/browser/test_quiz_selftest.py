"""A learner testing themself on a training module's quiz in Chromium (content/, corporate buyers' module): with its
script, each answer waits behind a « Voir la réponse » button that the keyboard reaches and opens (aria-expanded
follows), one button shows or hides them all, and the page passes axe-core (WCAG 2.2 AA) at 1280 and 360 px, answers
hidden or shown; without the script the answers stay under their questions and no button is there; printed, the
answers are in the key only, whatever was opened on screen."""

from collections.abc import Iterator
from typing import Any

import pytest

from app.main import create_app
from tests.browser.checks import AXE, check_widths
from tests.browser.conftest import fixture_site, page_with_or_without_scripts, port_of, prepared_database
from tests.helpers import add_content_sheet, serving

pytestmark = pytest.mark.skipif(not AXE.exists(), reason="node_modules/axe-core is missing: run `make test` (npm ci)")

MODULE = "resources/training/training-corporate-buyers"  # its quiz: four questions, each with its answer
PATHS = {"fr": "/fr/ressources/", "en": "/en/resources/"}
WORDS = {
    "fr": ("Voir la réponse", "Afficher toutes les réponses", "Masquer toutes les réponses"),
    "en": ("Show the answer", "Show all the answers", "Hide all the answers"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The fixture corpus plus the module in both languages, served: each language's page address."""
    settings = fixture_site(tmp_path_factory.mktemp("quiz"))
    with prepared_database(settings, settings.content_dir) as factory:
        slugs = add_content_sheet(factory, MODULE)
    with serving(create_app(settings), port_of(settings), "quiz-site", lifespan="on"):
        yield {lang: settings.public_base_url + PATHS[lang] + slug for lang, slug in slugs.items()}


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    with page_with_or_without_scripts(browser, request.param, 1280) as page:
        yield page


def tab_to(page: Any, selector: str, limit: int = 400) -> None:
    """Tab from the top of the page until the first element ``selector`` names has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_answer_waits_behind_a_button_the_keyboard_opens(site: dict[str, str], page: Any, lang: str) -> None:
    page.goto(site[lang])
    answers = page.locator("ol.quiz .quiz-answer")
    assert answers.count() == 4
    if not page.scripts:  # as before: every answer under its question, no button that does nothing
        assert all(answers.nth(i).is_visible() for i in range(4))
        assert page.locator(".quiz-toggle, .quiz-all").count() == 0
        return
    show, show_all, hide_all = WORDS[lang]
    toggles = page.get_by_role("button", name=show, exact=True)
    assert toggles.count() == 4 and not any(answers.nth(i).is_visible() for i in range(4))
    check_widths(page, f"quiz-hidden-{lang}", (1280, 360))
    first, answer = toggles.first, answers.first
    assert first.get_attribute("aria-controls") == answer.get_attribute("id")
    assert first.get_attribute("aria-expanded") == "false"
    page.set_viewport_size({"width": 1280, "height": 900})
    tab_to(page, ".quiz-toggle")
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == answer.get_attribute("id")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"  # the focus is seen
    page.keyboard.press("Enter")
    assert first.get_attribute("aria-expanded") == "true" and answer.is_visible()
    assert answer.bounding_box()["y"] >= first.bounding_box()["y"] + first.bounding_box()["height"]  # under it
    assert not answers.nth(1).is_visible()  # the others still wait
    page.keyboard.press("Space")
    assert first.get_attribute("aria-expanded") == "false" and not answer.is_visible()
    everything = page.locator("button.quiz-all")
    assert everything.inner_text() == show_all
    everything.click()
    assert all(answers.nth(i).is_visible() for i in range(4))
    assert [toggles.nth(i).get_attribute("aria-expanded") for i in range(4)] == ["true"] * 4
    assert everything.inner_text() == hide_all
    check_widths(page, f"quiz-shown-{lang}", (1280, 360))
    everything.click()
    assert not any(answers.nth(i).is_visible() for i in range(4)) and everything.inner_text() == show_all


def test_printed_the_answers_are_in_the_key_only(site: dict[str, str], page: Any) -> None:
    page.goto(site["fr"])
    if page.scripts:
        page.get_by_role("button", name=WORDS["fr"][1]).click()  # all shown on screen: none printed under its question
    page.emulate_media(media="print")
    for hidden in (".quiz-answer", ".quiz-toggle", ".quiz-all"):
        assert not any(element.is_visible() for element in page.locator(hidden).all()), hidden
    key = page.locator("section.answer-key")
    assert key.is_visible() and key.locator("li").count() == 4
    assert page.locator(".body li.quiz-question").count() == 4
