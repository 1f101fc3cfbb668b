"""« Aller au contenu » on the people's pages (partner area, desk, team, account), by keyboard in Chromium: one Tab
reaches it, Enter follows it, and the next Tab lands on the first thing to use in the page's content — past the
account bar, which stands outside <main> (it held five stops the link left in the way)."""

from collections.abc import Iterator
from typing import Any

import pytest

from app.http import IfMatch
from app.main import create_app
from app.models import OrganisationKind, Role
from app.schemas.publishing import ResourceCreate
from app.services import principal, publishing
from tests.browser.conftest import fixture_site, port_of, prepared_database
from tests.helpers import WRITE, content_taxonomies, good_practice, make_key, make_org, serving
from tests.web.helpers import PASSWORD, make_person

# The first element the keyboard reaches in the page's content, as the browser's own order has it.
FIRST_IN_MAIN = """() => {
  const focusable = 'a[href], button, input:not([type=hidden]), select, textarea, summary, '
    + '[tabindex]:not([tabindex="-1"])';
  return [...document.querySelector('main#main').querySelectorAll(focusable)]
    .find((element) => !element.disabled && element.getClientRects().length > 0) || null;
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The centre with an editor and an administrator, an NGO whose submission waits on the desk."""
    work = tmp_path_factory.mktemp("skip-link")
    settings = fixture_site(work, mail_dir=work / "mail", anonymous_requests_per_minute=1000)
    with prepared_database(settings, settings.content_dir) as factory:
        make_org(factory, "crv", OrganisationKind.resource_centre)
        make_person(factory, "crv", "redac@crv.org", Role.editor)
        make_person(factory, "crv", "admin@crv.org", Role.admin)
        token = make_key(factory, "ong-cacao", WRITE)
        with factory() as session:
            writer = principal.from_key(session, token, "127.0.0.1")
            created = ResourceCreate.model_validate(good_practice())
            resource = publishing.create(session, writer, created, content_taxonomies())
            publishing.submit(session, writer, resource.id, IfMatch.parse("*"))
            session.commit()
    with serving(create_app(settings), port_of(settings), "skip-link-api"):
        yield settings.public_base_url


def signed_in(browser: Any, site: str, email: str) -> Any:
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{site}/fr/connexion")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.locator("nav.account").wait_for()
    return page


@pytest.mark.parametrize(
    ("email", "path"),
    [
        ("redac@crv.org", "/fr/redaction"),
        ("redac@crv.org", "/fr/espace-partenaire"),
        ("admin@crv.org", "/fr/espace-partenaire/equipe"),
        ("admin@crv.org", "/fr/espace-partenaire/compte"),
    ],
)
def test_the_skip_link_leads_the_keyboard_past_the_account_bar(browser: Any, site: str, email: str, path: str) -> None:
    page = signed_in(browser, site, email)
    page.goto(site + path)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Aller au contenu"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    first = page.evaluate_handle(FIRST_IN_MAIN)
    assert page.evaluate("(first) => first !== null && document.activeElement === first", first), page.evaluate(
        "document.activeElement.outerHTML"
    )
    assert not page.evaluate("document.activeElement.closest('nav.account')")
    assert page.evaluate(  # the page's heading read first, then what it heads
        "document.querySelector('main#main h1').compareDocumentPosition(document.activeElement) & 4"
    )
    # the account bar is still there, for whoever tabs through the header instead
    assert page.locator("nav.account").get_by_role("link", name="Votre compte").is_visible()
    page.context.close()
