"""A public buyer's audit, in Chromium at 375 and 1280 px: the country filters read one label above each select;
a resource's text starts near its summary on a phone (the facts folded), with every fact still shown wide and in
print, without JavaScript; the language switch is named by the other language first. Each page passes axe-core
(WCAG 2.2 AA) and is saved to var/screenshots/ at both widths."""

from collections.abc import Iterator
from typing import Any

import pytest

from app.i18n import gettext
from tests.browser.checks import AXE, check_widths
from tests.browser.conftest import LiveApi, page_with_or_without_scripts, with_content_resources

pytestmark = pytest.mark.skipif(not AXE.exists(), reason="node_modules/axe-core is missing: run `make test` (npm ci)")

COCOA = {"fr": "/fr/ressources/cacao", "en": "/en/resources/cocoa"}  # the real commodity sheet: long lists of facts


@pytest.fixture(scope="module")
def site(live_api: LiveApi) -> LiveApi:
    """The live API plus the real cocoa commodity sheet (fr, en), as tests/browser/test_site.py writes it."""
    return with_content_resources(live_api, "resources/risk-sheets/commodities/commodity-cocoa")


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def phone(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A page 375 px wide, with or without JavaScript."""
    with page_with_or_without_scripts(browser, request.param, 375) as page:
        yield page


LABEL_LINES = """label => {
  const range = document.createRange();
  range.selectNodeContents(label.firstChild);  // the label's own words, before its select
  const words = range.getBoundingClientRect(), select = label.querySelector('select').getBoundingClientRect();
  const lines = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top))).size;
  return {lines, above: words.bottom <= select.top + 1, top: Math.round(select.top)};
}"""


def test_the_country_filters_read_one_label_above_each_select(site: LiveApi, phone: Any) -> None:
    """At 375 px « Trier par » broke over two lines beside its select (the form's rule was lost)."""
    phone.goto(site.url + "/fr/pays/")
    for width in (375, 1280):
        phone.set_viewport_size({"width": width, "height": 900})
        labels = [phone.locator("#country-filters label").nth(i).evaluate(LABEL_LINES) for i in range(3)]
        for label in labels:
            assert label["lines"] == 1 and label["above"], f"{width} px: {labels}"
        tops = {label["top"] for label in labels}
        assert len(tops) == (1 if width == 1280 else 3), f"{width} px: {labels}"  # one row wide, one each on a phone
    check_widths(phone, f"buyer-countries-fr{'' if phone.scripts else '-nojs'}")


def test_a_resource_s_text_starts_soon_on_a_phone_and_keeps_every_fact(site: LiveApi, phone: Any) -> None:
    """The facts (countries, sectors, risks, audiences, publisher, licence, dates) took about 900 px of a phone
    before the text: folded there behind one line, open wide and in print, with or without JavaScript."""
    page = phone
    for lang, path in COCOA.items():
        page.goto(site.url + path)
        facts, fold = page.locator("dl.facts"), page.locator("details.facts-fold > summary")
        # on a phone: the summary, the facts folded, the text close below the resource's summary
        assert fold.is_visible() and not facts.is_visible()
        assert fold.inner_text().startswith(gettext(lang, "About this resource"))
        gap = page.evaluate(
            "() => document.querySelector('.buyer-first, div.body').getBoundingClientRect().top"
            " - document.querySelector('p.summary').getBoundingClientRect().bottom"
        )
        assert gap < 250, f"{path}: {gap} px between the summary and the text"
        fold.click()  # opens, by keyboard or touch, without a script
        assert facts.is_visible()
        assert page.get_by_role("link", name="Cocoa" if lang == "en" else "Cacao", exact=True).first.is_visible()
        check_widths(page, f"buyer-resource-facts-open-{lang}{'' if page.scripts else '-nojs'}")
        page.reload()
        # wide: every fact shown, no summary; a link among them is in the accessibility tree and can be followed
        page.set_viewport_size({"width": 1280, "height": 900})
        assert facts.is_visible() and not fold.is_visible()
        risks = "Child labour" if lang == "en" else "Travail des enfants"
        link = page.locator("dl.facts").get_by_role("link", name=risks, exact=True)
        assert link.is_visible()
        labels = page.locator("dl.facts dt").all_inner_texts()
        assert len(labels) >= 7, labels
        # in print, whatever the paper's width
        page.set_viewport_size({"width": 375, "height": 900})
        page.emulate_media(media="print")
        assert facts.is_visible()
        page.emulate_media(media="screen")
        check_widths(page, f"buyer-resource-{lang}{'' if page.scripts else '-nojs'}")


def test_the_language_switch_is_named_by_the_other_language_first(site: LiveApi, phone: Any) -> None:
    """« Cette page en English »: the name seen, in English (lang="en"), then where it leads, in French."""
    for path in (COCOA["fr"], "/fr/pays/", "/fr/outils/criblage"):
        phone.goto(site.url + path)
        name = f"English ({gettext('fr', 'this page in English')})"
        switch = phone.get_by_role("link", name=name, exact=True)
        assert switch.count() == 1, path
        assert switch.locator("span[lang=en]").inner_text() == "English"
        assert switch.is_visible()
    phone.goto(site.url + COCOA["en"])
    name = f"Français ({gettext('en', 'this page in French')})"
    assert phone.get_by_role("link", name=name, exact=True).locator("span[lang=fr]").inner_text() == "Français"
