"""The centre as a buyer with low vision uses it: at 400 % zoom (1280 px wide at 400 %: 320 CSS px by 256), with
text spaced out by a user style sheet (WCAG 1.4.12's bookmarklet), under forced colours (Windows High Contrast) and
with the system's « reduce motion » asked for. The essentials only, a few loads each: axe runs in the other tests.

- 1.4.10 Reflow: no page of a representative set, the partner's resource form among them, scrolls sideways at 320
  px, its text spaced out or not;
- 1.4.12 Text spacing: nothing in the header, the menus, the buttons, the summaries and the badges clips its text;
- forced colours: the screening's result badges keep their symbol, words and box, the focused link and button their
  outline; the menu underlines the current page only;
- reduced motion: no transition, animation or smooth scrolling is left, the search's « busy » fade included."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import LiveApi, editor_and_partner_site, with_content_resources
from tests.browser.test_screening_page import SUPPLIERS, upload
from tests.web.helpers import PASSWORD

ZOOM_400 = {"width": 320, "height": 256}
TEXT_SPACING = (
    "* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }"
    " p { margin-bottom: 2em !important; }"
)
PAGES = [
    "/fr/",  # its cards: the hostile tool's long word (tests/browser/conftest.py) widened their column
    "/fr/recherche?q=cacao",
    "/fr/pays/",
    "/fr/ressources/cote-d-ivoire",  # a country sheet
    "/fr/ressources/cacao",  # a product sheet
    "/fr/secteurs/",
    "/fr/formations/",
    "/fr/outils/",
    "/fr/outils/criblage",  # the screening's form: its file fields widened it, text spaced out
    "/fr/connexion",
]
# What must show its whole text: a box of its own (an inline element has no client size and is skipped).
CONTROLS = "header.site *, nav *, button, .button, summary, .badge"
SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
CLIPPED = """selector => [...document.querySelectorAll(selector)]
  .filter(el => el.clientWidth > 0 && !el.closest('.visually-hidden, .skip')
    && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1))
  .map(el => `${el.tagName}.${el.className} «${el.textContent.trim().slice(0, 40)}»`)"""
MOVING = """() => [...document.querySelectorAll('*')].flatMap(el => {
  const style = getComputedStyle(el), said = `${el.tagName}.${el.className}`;
  const durations = [...style.transitionDuration.split(','), ...style.animationDuration.split(',')];
  return [
    ...(durations.some(d => parseFloat(d) > 0) ? [`${said} moves`] : []),
    ...(style.scrollBehavior === 'smooth' ? [`${said} scrolls smoothly`] : []),
  ];
})"""


def zoomed(browser: Any, **options: Any) -> Any:
    context = browser.new_context(viewport=ZOOM_400, locale="fr-FR", bypass_csp=True, **options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def reflows_with_text_spaced_out(page: Any, url: str) -> None:
    """``url`` at 320 px does not scroll sideways; nor, with the text spaced out, clip a control's words."""
    page.goto(url)
    assert page.evaluate(SIDEWAYS) <= 0, f"{url} scrolls sideways at 320 px"
    page.add_style_tag(content=TEXT_SPACING)
    assert page.evaluate(SIDEWAYS) <= 0, f"{url} scrolls sideways at 320 px, its text spaced out"
    assert page.evaluate(CLIPPED, CONTROLS) == [], f"{url}: text clipped once spaced out"


@pytest.fixture(scope="module")
def sheets(live_api: LiveApi) -> LiveApi:
    """The live API with the real cocoa product sheet (the fixture corpus has country sheets only)."""
    return with_content_resources(live_api, "resources/risk-sheets/commodities/commodity-cocoa")


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with editor_and_partner_site(tmp_path_factory, "low-vision") as url:
        yield url


def test_public_pages_reflow_at_400_percent_with_text_spaced_out(browser: Any, sheets: LiveApi) -> None:
    page = zoomed(browser)
    for path in PAGES:
        reflows_with_text_spaced_out(page, sheets.url + path)
    page.context.close()


def test_the_partners_resource_form_reflows_at_400_percent_with_text_spaced_out(browser: Any, portal: str) -> None:
    page = zoomed(browser)
    page.goto(f"{portal}/fr/connexion")
    page.get_by_label("Adresse électronique").fill("awa@ong-cacao.org")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.locator("nav.account").wait_for()
    reflows_with_text_spaced_out(page, f"{portal}/fr/espace-partenaire/nouvelle-ressource")
    duration = page.get_by_label("Durée (minutes)")  # a field of digits, as tall as the other text fields
    assert duration.evaluate("el => el.getBoundingClientRect().height") >= 40  # 44 at most, its text spaced out
    page.context.close()


def test_forced_colours_keep_the_results_symbols_and_the_focus(browser: Any, live_api: LiveApi, tmp_path: Path) -> None:
    suppliers = tmp_path / "fournisseurs.csv"
    suppliers.write_bytes(SUPPLIERS.encode("cp1252"))
    page = upload(browser, live_api, suppliers, js=True, width=320)
    page.emulate_media(forced_colors="active")
    badges = page.locator("#screening-results .badge")
    assert badges.count() == 5
    for said in badges.all_inner_texts():  # « ▲ Constat », « ○ Pays non évalué par l’ILAB »…
        symbol, words = said.strip().split(" ", 1)
        assert symbol in "▲●◐○?" and len(words) > 3, said
    assert badges.first.evaluate("el => getComputedStyle(el).borderTopStyle") == "solid"
    chosen = page.locator(".js-filters button[aria-pressed=true]")  # chosen by its mark, not its fill alone
    assert "✓" in chosen.evaluate("el => getComputedStyle(el, '::before').content")
    for control in (page.locator("a.lang-switch"), page.get_by_role("button", name="Cribler la liste")):
        control.focus()
        outline = control.evaluate("el => [getComputedStyle(el).outlineStyle, getComputedStyle(el).outlineWidth]")
        assert outline[0] != "none" and float(outline[1].removesuffix("px")) >= 2, outline
    page.context.close()


def test_forced_colours_mark_the_current_page_only(browser: Any, live_api: LiveApi) -> None:
    page = zoomed(browser, forced_colors="active")
    page.goto(f"{live_api.url}/fr/recherche?q=cacao")
    underline = "el => getComputedStyle(el).borderBottomColor"
    canvas = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert page.locator("nav.main-nav a[aria-current=page]").evaluate(underline) != canvas
    others = page.locator("nav.main-nav a:not([aria-current])")
    assert {others.nth(i).evaluate(underline) for i in range(others.count())} == {canvas}  # no line seen
    page.context.close()


def test_reduced_motion_leaves_nothing_moving(browser: Any, sheets: LiveApi) -> None:
    page = zoomed(browser, reduced_motion="reduce")
    for path in ("/fr/", "/fr/recherche?q=cacao", "/fr/pays/", "/fr/ressources/cacao"):
        page.goto(sheets.url + path)
        page.evaluate("document.querySelector('main').classList.add('busy')")  # as search.js does while it fetches
        assert page.evaluate(MOVING) == [], path
    page.context.close()
