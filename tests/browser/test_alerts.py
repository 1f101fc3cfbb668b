"""The email alert's pages in French, in headless Chromium: the form under axe as it comes from the search page, and
again sent with a wrong address, its problem next to the field and listed at the top; the form filled and sent with
the keyboard only; the pages of the confirmation and unsubscribe links under axe, before and after their button; the
page of all an address's alerts under axe, its frequency changed and every alert stopped with the keyboard."""

import email
import re
from collections.abc import Iterator
from dataclasses import dataclass
from email import policy
from pathlib import Path
from typing import Any

import pytest

from app.main import create_app
from tests.browser.checks import AXE, axe_violations
from tests.browser.conftest import LiveApi, fixture_site, port_of, prepared_database
from tests.helpers import serving

needs_axe = pytest.mark.skipif(not AXE.exists(), reason="node_modules/axe-core is missing: run `make test` (npm ci)")


@dataclass
class AlertSite:
    url: str
    mail_dir: Path

    def links(self) -> dict[str, str]:
        """The confirm, unsubscribe and manage links of the last mail, by their purpose."""
        last = max(self.mail_dir.glob("*.eml"), key=lambda path: path.stat().st_mtime_ns)
        message = email.message_from_bytes(last.read_bytes(), policy=policy.default)
        body = message.get_body(("plain",))
        assert body is not None
        found = re.findall(r"https?://\S+/fr/alertes/(confirmer|desabonnement|gerer)(\?t=\S+)", body.get_content())
        return {purpose: f"{self.url}/fr/alertes/{purpose}{query}" for purpose, query in found}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AlertSite]:
    """A site whose mails are written to its own folder, to follow their links."""
    work = tmp_path_factory.mktemp("alerts")
    settings = fixture_site(work, mail_dir=work / "mail", anonymous_requests_per_minute=1000)
    with prepared_database(settings, settings.content_dir):
        pass  # migrated, the fixture corpus loaded and indexed: nothing to add
    with serving(create_app(settings), port_of(settings), "alerts-api"):
        yield AlertSite(settings.public_base_url, work / "mail")


def tab_to(page: Any, selector: str, limit: int = 40) -> None:
    """Presses Tab until the element of ``selector`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} never reached by Tab in {limit} presses")


@needs_axe
def test_the_alert_form_passes_axe_with_its_problem_shown(axe_page: Any, live_api: LiveApi) -> None:
    page = axe_page
    page.goto(f"{live_api.url}/fr/alertes?country=CI&lang=fr")
    assert page.locator("input[name=frequency][value=weekly]").is_checked()
    assert axe_violations(page) == []
    page.locator("#f-email").fill("awa")
    page.evaluate("document.querySelector('form.stacked').noValidate = true")  # as a browser without the check
    page.locator("form.stacked button[type=submit]").first.click()
    page.locator(".error-summary").wait_for()
    assert page.locator("#e-email").is_visible()
    assert page.locator("#f-email").get_attribute("aria-invalid") == "true"
    assert axe_violations(page) == []


@needs_axe
def test_asked_by_keyboard_then_confirmed_and_stopped_under_axe(axe_page: Any, site: AlertSite) -> None:
    """Tab to the address, type it, an arrow key to « once a day », Enter; then each link's page, its button
    pressed with the keyboard too, and what it says after."""
    page = axe_page
    page.goto(f"{site.url}/fr/alertes?country=CI&lang=fr")
    tab_to(page, "#f-email")
    page.keyboard.type("awa@example.org")
    tab_to(page, "input[name=frequency]:checked")
    page.keyboard.press("ArrowDown")
    assert page.locator("input[name=frequency][value=daily]").is_checked()
    tab_to(page, "form.stacked button[type=submit]")
    page.keyboard.press("Enter")
    page.locator("p.notice[role=status]").wait_for()
    links = site.links()

    for purpose, button, after in (
        ("confirmer", "Confirmer l’alerte", "p.notice[role=status]"),
        ("desabonnement", "Arrêter cette alerte", "p.notice[role=status]"),
    ):
        page.goto(links[purpose])
        if purpose == "confirmer":
            assert "Une fois par jour" in page.locator("main").inner_text()  # the frequency chosen by keyboard
        assert axe_violations(page) == [], purpose
        tab_to(page, "main button[type=submit]")
        assert page.evaluate("document.activeElement.textContent") == button
        page.keyboard.press("Enter")
        page.locator(after).wait_for()
        assert page.locator("main button[type=submit]").count() == 0
        assert axe_violations(page) == [], f"{purpose}, done"


@needs_axe
def test_the_manage_page_passes_axe_and_works_by_keyboard(axe_page: Any, site: AlertSite) -> None:
    """From the confirmation mail's manage link: an arrow key to « once a day » and Enter; then « stop all » refused
    until its box is ticked with the space bar, the problem next to it; under axe at each step."""
    page = axe_page
    page.goto(f"{site.url}/fr/alertes?country=CI&lang=fr")
    page.locator("#f-email").fill("manage@example.org")
    page.locator("form.stacked button[type=submit]").first.click()
    page.locator("p.notice[role=status]").wait_for()
    links = site.links()
    page.goto(links["confirmer"])
    page.locator("main button[type=submit]").click()
    page.locator("p.notice[role=status]").wait_for()

    page.goto(links["gerer"])
    assert page.locator("section.managed-alert").count() == 1
    assert axe_violations(page) == []
    tab_to(page, "section.managed-alert input[name=frequency]:checked")
    page.keyboard.press("ArrowDown")
    tab_to(page, "section.managed-alert form.stacked button[type=submit]")
    page.keyboard.press("Enter")
    page.locator("p.notice[role=status]").wait_for()
    assert page.locator("section.managed-alert input[name=frequency][value=daily]").is_checked()
    assert axe_violations(page) == [], "frequency changed"

    tab_to(page, "#stop-all + form button[type=submit]")
    page.keyboard.press("Enter")
    page.locator("#e-confirm").wait_for()
    assert page.locator("section.managed-alert").count() == 1
    assert axe_violations(page) == [], "stop all refused"
    tab_to(page, "#f-confirm")
    page.keyboard.press("Space")
    tab_to(page, "#stop-all + form button[type=submit]")
    page.keyboard.press("Enter")
    page.locator("p.notice[role=status]").wait_for()
    assert page.locator("section.managed-alert").count() == 0
    assert axe_violations(page) == [], "all stopped"
