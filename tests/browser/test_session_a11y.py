"""This session's new views, by keyboard and against WCAG 2.2 AA in Chromium: the home page's help box « Vous pensez
qu’une personne est exploitée ? » and the social auditors' card, the glossary (its A–Z jump list, its letters, « Retour
aux lettres ») and a resource page's « Défini dans le glossaire », the search's definition box and the regions a place
belongs to on an empty result, and the team page's cancelled invitation, API keys with their revocation and the
warnings about an organisation's last administrator. Each view: no axe-core violation and no sideways scroll at 1280
and 375 px; the key paths driven with Tab and Enter only, the focus always visible."""

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from app.main import create_app
from app.models import KeyKind, OrganisationKind, Role
from tests.browser.checks import AXE, check_widths
from tests.browser.conftest import LiveApi, fixture_site, port_of, prepared_database, with_content_resources
from tests.helpers import make_key, make_org, serving
from tests.web.helpers import PASSWORD, make_person

pytestmark = pytest.mark.skipif(not AXE.exists(), reason="node_modules/axe-core is missing: run `make test` (npm ci)")

HELP_GUIDE = "resources/methodologies/method-suspected-trafficking-france"  # the help box's guide
SITE_VISIT = "resources/tools/tool-site-visit-checklist"  # the social auditors' card
INTERVIEWS = "resources/tools/tool-worker-interview-guide"  # its second link; a glossary term names it

# The focused element: its tag, text, link, whether its focus shows (an outline or a box shadow) and, when a box
# that clips its overflow (a table's scroller) cuts the outline off, which box.
FOCUSED = """() => {
  const e = document.activeElement;
  const s = getComputedStyle(e);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  // the outline's outer edge, and whether an ancestor that clips its overflow cuts it off
  const ring = outline ? parseFloat(s.outlineWidth) + Math.max(0, parseFloat(s.outlineOffset) || 0) : 0;
  const r = e.getBoundingClientRect();
  let clipped = false;
  for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
    const o = getComputedStyle(a);
    if (o.overflowX === 'visible' && o.overflowY === 'visible') continue;
    const c = a.getBoundingClientRect();
    const left = c.left + a.clientLeft, top = c.top + a.clientTop;
    // a pixel's tolerance: the ring's outermost fraction of a pixel may fall on a scroller's edge
    if (r.left - ring < left - 1 || r.top - ring < top - 1 || r.right + ring > left + a.clientWidth + 1
        || r.bottom + ring > top + a.clientHeight + 1) { clipped = a.className || a.tagName; break; }
  }
  return {tag: e.tagName, text: (e.textContent || '').trim(), href: e.getAttribute('href') || '',
          visible: outline || (s.boxShadow && s.boxShadow !== 'none'), clipped: clipped};
}"""


# The parts of an open confirmation that run past their card's right edge (px), in a table of cards.
PAST_THE_CARD = """() => [...document.querySelectorAll('table.stack-narrow details.confirm[open]')].flatMap(d => {
  const card = d.closest('tr').getBoundingClientRect();
  return [d, ...d.querySelectorAll('*')].filter(e => e.getBoundingClientRect().width > 1)
    .map(e => [e.tagName, e.id, Math.round(e.getBoundingClientRect().right - card.right)]).filter(p => p[2] > 1);
})"""


@pytest.fixture(scope="module")
def site(live_api: LiveApi) -> LiveApi:
    return with_content_resources(live_api, HELP_GUIDE, SITE_VISIT, INTERVIEWS)


@pytest.fixture(scope="module")
def shared_page(browser: Any) -> Iterator[Any]:
    """A French page for axe (injected as an inline script, the CSP bypassed), which the public views' tests load
    again: a new context and page (a renderer) a test cost as much as most tests' checks."""
    context = browser.new_context(locale="fr-FR", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


@pytest.fixture
def page(shared_page: Any) -> Iterator[Any]:
    """The module's page at 1280 px, as the conftest's ``axe_page``; no uncaught error allowed."""
    shared_page.set_viewport_size({"width": 1280, "height": 900})
    shared_page.errors.clear()
    yield shared_page
    assert not shared_page.errors, shared_page.errors


def tab_to(page: Any, found: Any, limit: int = 80) -> dict[str, Any]:
    """Presses Tab until ``found(focused)`` holds; the focused element then."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused: dict[str, Any] = page.evaluate(FOCUSED)
        if found(focused):
            return focused
    raise AssertionError(f"never reached by Tab in {limit} presses ({page.url})")


def name_of(path: str) -> str:
    return re.sub(r"\W+", "-", path).strip("-")


@pytest.mark.parametrize(
    "path",
    [
        "/fr/",
        "/en/",
        "/fr/glossaire",
        "/en/glossary",
        "/fr/recherche?q=servitude+pour+dettes",
        "/en/search?q=due+diligence",
        "/fr/recherche?q=Balochistan",
        "/en/search?q=Balochistan",
    ],
)
def test_each_public_view_at_each_width(page: Any, site: LiveApi, path: str) -> None:
    page.goto(site.url + path)
    if "Balochistan" in path:  # no resource names it: the country it is a region of (« Dhaka » on the real corpus)
        assert page.locator("#results ul.places a").count() >= 1
    elif "q=" in path:
        assert page.locator("#results aside.definition").is_visible()
    check_widths(page, "session-" + name_of(path))


def test_the_help_box_and_the_auditors_card_are_there(page: Any, site: LiveApi) -> None:
    page.goto(site.url + "/fr/")
    help_box = page.get_by_role("complementary", name="Vous pensez qu’une personne est exploitée ?")
    assert help_box.is_visible()
    card = page.locator("ul.cards li", has=page.locator("a[href$='/liste-d-observation-visite-de-site']"))
    assert card.get_by_role("heading", level=3).is_visible()
    assert card.locator("a[href$='/guide-d-entretien-avec-les-travailleurs']").is_visible()


def test_tab_reaches_the_help_box_s_guide_and_enter_opens_it(page: Any, site: LiveApi) -> None:
    page.goto(site.url + "/fr/")
    guide = page.locator(".help-now h2 + p a")
    href = guide.get_attribute("href")
    focused = tab_to(page, lambda f: f["href"] == href and f["text"].startswith("Que faire"))
    assert focused["visible"] and not focused["clipped"], f"the help box's link shows no focus: {focused}"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(href) + "$"))
    assert page.locator("h1").is_visible()


def test_a_resource_page_s_glossary_line(page: Any, site: LiveApi) -> None:
    page.goto(site.url + "/fr/ressources/guide-d-entretien-avec-les-travailleurs")  # INTERVIEWS in French
    line = page.locator("p.definitions")
    assert line.is_visible(), page.url
    assert line.get_by_role("link").first.get_attribute("href").startswith("/fr/glossaire#")
    check_widths(page, "session-resource-definitions")


@pytest.mark.parametrize("width", [1280, 375])
def test_a_letter_of_the_jump_list_moves_to_its_section_and_back(browser: Any, site: LiveApi, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(site.url + "/fr/glossaire")
    letters = page.locator("#az a")
    target = letters.nth(min(3, letters.count() - 1))
    anchor = target.get_attribute("href")
    focused = tab_to(page, lambda f: f["href"] == anchor)
    assert focused["visible"] and not focused["clipped"], f"the letter {anchor} shows no focus: {focused}"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(anchor) + "$"))
    heading = page.locator(anchor)
    top = heading.evaluate("e => e.getBoundingClientRect().top")
    assert -2 <= top < 200, f"the section {anchor} is not at the top of the window ({top} px)"
    shown = heading.evaluate(
        "e => { const r = e.getBoundingClientRect(); "
        "return e.contains(document.elementFromPoint(r.left + 5, r.top + r.height / 2)); }"
    )
    assert shown, f"the letter's heading {anchor} is covered"
    # The next Tab goes on from the section, not from the jump list.
    page.keyboard.press("Tab")
    inside = page.evaluate("a => document.querySelector(a).closest('section').contains(document.activeElement)", anchor)
    assert inside, page.evaluate(FOCUSED)
    back = tab_to(page, lambda f: f["href"] == "#az")
    assert back["text"] == "Retour aux lettres" and back["visible"] and not back["clipped"], back
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("#az$"))
    assert page.locator("#az").evaluate("e => e.getBoundingClientRect().top") < 200
    context.close()


@pytest.fixture(scope="module")
def team_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The centre (admin@crv.org, an administrator), an NGO with its only administrator, an invited person and two
    API keys, and an NGO whose only member is a contributor: no administrator left."""
    work = tmp_path_factory.mktemp("session-team")
    settings = fixture_site(work, mail_dir=work / "mail", anonymous_requests_per_minute=1000)
    with prepared_database(settings, settings.content_dir) as factory:
        make_org(factory, "crv", OrganisationKind.resource_centre)
        make_org(factory, "ong-cacao", OrganisationKind.ngo)
        make_org(factory, "ong-sans", OrganisationKind.ngo)
        make_person(factory, "crv", "admin@crv.org", Role.admin)
        make_person(factory, "ong-cacao", "admin@ong-cacao.org", Role.admin)
        make_person(factory, "ong-cacao", "invite@ong-cacao.org", password=None)
        make_person(factory, "ong-sans", "seul@ong-sans.org")
        make_key(factory, "ong-cacao", name="Publication")
        make_key(
            factory, "ong-cacao", kind=KeyKind.publishable, origins=["https://ong-cacao.example.org"], name="Widget"
        )
    with serving(create_app(settings), port_of(settings), "session-team-api"):
        yield settings.public_base_url


@pytest.fixture(scope="module")
def signed_in(browser: Any, team_site: str) -> Iterator[Callable[..., Any]]:
    """A French page of the team site signed in as an email, at a width: one sign-in (a context) an email for the
    module, its page resized for each test."""
    pages: dict[str, Any] = {}

    def page_of(email: str, width: int = 1280) -> Any:
        if email not in pages:
            context = browser.new_context(locale="fr-FR", bypass_csp=True)
            page = pages[email] = context.new_page()
            page.set_default_timeout(15_000)
            page.goto(f"{team_site}/fr/connexion")
            page.get_by_label("Adresse électronique").fill(email)
            page.get_by_label("Mot de passe").fill(PASSWORD)
            page.get_by_role("button", name="Se connecter").click()
            page.wait_for_url(re.compile(r"/fr/espace-partenaire"))
        pages[email].set_viewport_size({"width": width, "height": 900})
        return pages[email]

    yield page_of
    for page in pages.values():
        page.context.close()


TABLES_SCROLLED = """() => [...document.querySelectorAll('.table-scroll')]
    .map(scroller => scroller.scrollWidth - scroller.clientWidth).filter(overflow => overflow > 0)"""


def open_every_confirmation(page: Any) -> None:
    page.evaluate("() => document.querySelectorAll('details.confirm').forEach(d => { d.open = true; })")


@pytest.mark.parametrize(
    ("email", "organisation"),
    [("admin@ong-cacao.org", ""), ("admin@crv.org", "ong-cacao"), ("admin@crv.org", "ong-sans")],
    ids=["ngo-admin", "centre-last-admin", "centre-no-admin"],
)
def test_the_team_page_at_each_width(
    signed_in: Callable[..., Any], team_site: str, email: str, organisation: str
) -> None:
    page = signed_in(email)
    page.goto(f"{team_site}/fr/espace-partenaire/equipe" + (f"?organisation={organisation}" if organisation else ""))
    if organisation == "ong-sans":
        assert page.locator("#no-admin").is_visible()
    else:
        assert page.locator("#keys").is_visible()
    check_widths(page, f"session-team-{organisation or 'ngo'}")
    # nor does a card scroll inside its table: the invited person's role select ran 5 px past its cell
    page.set_viewport_size({"width": 375, "height": 900})
    assert page.evaluate(TABLES_SCROLLED) == [], "a table of the team page scrolls sideways at 375 px"
    open_every_confirmation(page)  # the cancellation, the revocations, the last administrator's warning
    if organisation == "ong-cacao":
        assert page.locator("p.caution[id^='w-deactivate-']").is_visible()
    check_widths(page, f"session-team-{organisation or 'ngo'}-open")
    # At 375 px an open confirmation stays inside its card: the last administrator's warning and its button ran
    # 21 px past it and off the screen, read only by scrolling the table sideways (WCAG 1.4.10).
    past = page.evaluate(PAST_THE_CARD)
    assert past == [], f"at 375 px, past the card's edge: {past}"


@pytest.mark.parametrize("width", [1280, 375])
def test_tab_reaches_each_revoke_button_and_its_confirmation(
    signed_in: Callable[..., Any], team_site: str, width: int
) -> None:
    page = signed_in("admin@ong-cacao.org", width)
    page.goto(f"{team_site}/fr/espace-partenaire/equipe")
    for key in ("Publication", "Widget"):
        summary = tab_to(page, lambda f, key=key: f["tag"] == "SUMMARY" and f["text"] == f"Révoquer ({key})")
        assert summary["visible"] and not summary["clipped"], f"« Révoquer » ({key}), focused at {width} px: {summary}"
        page.keyboard.press("Enter")  # opens the confirmation
        button = tab_to(page, lambda f: f["tag"] == "BUTTON", limit=3)
        assert button["text"] == f"Révoquer la clé {key}", button
        assert button["visible"] and not button["clipped"], f"the confirmation's button at {width} px: {button}"
        assert page.evaluate("() => document.activeElement.getBoundingClientRect().width") > 0
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Enter")  # closes it again, nothing revoked
        assert page.evaluate(FOCUSED)["tag"] == "SUMMARY"
    # The cancellation of an invitation, by keyboard too.
    cancel = tab_to(page, lambda f: f["tag"] == "SUMMARY" and f["text"].startswith("Annuler l’invitation"), limit=120)
    assert cancel["visible"] and not cancel["clipped"], cancel
    if width == 375:  # once: revoked by keyboard (the other width finds it revoked)
        revoke_by_keyboard(page, team_site, "Widget")


def revoke_by_keyboard(page: Any, team_site: str, key: str) -> None:
    page.goto(f"{team_site}/fr/espace-partenaire/equipe")
    tab_to(page, lambda f: f["tag"] == "SUMMARY" and f["text"] == f"Révoquer ({key})")
    page.keyboard.press("Enter")
    tab_to(page, lambda f: f["tag"] == "BUTTON", limit=3)
    page.keyboard.press("Enter")
    page.get_by_text("La clé est révoquée").wait_for()
