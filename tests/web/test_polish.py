"""What the audits of the people's pages asked (an accessibility expert, an NGO's officer): a form posted empty
without the browser's check comes back with its problems next to its fields, never the framework's English problem
document, and a button's or hidden value missing is a page in words people read; a refused form's alert lists each
problem as a link to its field; the error pages' language switch says where it leads; the sources are numbered;
no header cell is empty; the footer says where to ask for help, on every page; the map's last two fills differ by
more than colour; the long texts have the server's limit as their maxlength, counted as they are typed.

English pages: their words need no catalog (tests/site/test_catalogs.py checks the French is there once merged)."""

import re

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.main import create_app
from app.models import LoginAttempt, Role
from app.services import partners, portal
from tests.web.helpers import csrf_of, make_person, post_form, sign_in, signed_in
from tests.web.test_portal import GOOD

SUMMARY = '<div class="alert error-summary" role="alert" tabindex="-1" autofocus>'
LINK = re.compile(r'<li><a href="#([^"]+)">([^<]+)</a></li>')
# The switch of an error page (base.html): it leads to the other home and says only that, no page being here.
TO_FRENCH_HOME = (
    '<a class="lang-switch" href="/fr/" hreflang="fr"><span lang="fr">Français</span>'
    '<span class="visually-hidden"> (French home page)</span></a>'
)


def summary_links(html: str) -> list[tuple[str, str]]:
    """The error summary's links (target, text), each target an element of the page."""
    links = LINK.findall(html)
    for target, _ in links:
        assert f'id="{target}"' in html, target
    return links


def html_page(response: object) -> str:
    assert response.headers["content-type"].startswith("text/html"), response.text[:300]  # type: ignore[attr-defined]
    return str(response.text)  # type: ignore[attr-defined]


def test_a_password_chosen_empty_comes_back_with_the_problems_next_to_the_fields(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    token = make_person(session_factory, "ong-a", "new@ong-a.org", password=None)
    page = f"/en/set-password?token={token}"
    empty = post_form(web, page, "/en/set-password", token=token, password="", confirmation="")
    assert empty.status_code == 422
    text = html_page(empty)
    assert '<p class="field-error" id="e-password">required</p>' in text
    assert '<p class="field-error" id="e-confirmation">required</p>' in text
    assert SUMMARY in text
    assert summary_links(text) == [
        ("f-password", "Password: required"),
        ("f-confirmation", "Confirm the password: required"),
    ]
    assert 'maxlength="1024"' in text  # the server's bound, as on the sign-in page
    assert web.get(page).status_code == 200  # the link still works
    gone = post_form(web, page, "/en/set-password", token="not-a-link", password="", confirmation="")
    assert gone.status_code == 404 and "This link has expired or was already used" in html_page(gone)


def test_the_account_page_s_forms_posted_empty_come_back_with_the_problems_next_to_the_fields(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    browser = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    sign_in(TestClient(web.app), "awa@ong-a.org")  # a second session: the page offers to end it
    empty = post_form(browser, "/en/partner/account", current_password="", password="", confirmation="")
    assert empty.status_code == 422
    text = html_page(empty)
    for name in ("current_password", "password", "confirmation"):
        assert f'<p class="field-error" id="e-{name}">required</p>' in text, name
    assert summary_links(text) == [
        ("f-current_password", "Current password: required"),
        ("f-password", "New password: required"),
        ("f-confirmation", "Confirm the password: required"),
    ]
    others = post_form(browser, "/en/partner/account", "/en/partner/account/sessions", sessions_password=" ")
    assert others.status_code == 422
    assert '<p class="field-error" id="e-sessions_password">required</p>' in html_page(others)
    assert summary_links(others.text) == [("f-sessions_password", "Your password: required")]
    with session_factory() as session:  # no attempt counted: nobody's password is empty
        assert session.scalar(select(func.count()).select_from(LoginAttempt)) == 0


def test_an_invitation_posted_empty_comes_back_with_the_problems_next_to_the_fields(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    admin = signed_in(web, session_factory, "ong-a", "admin@ong-a.org", Role.admin)
    empty = post_form(admin, "/en/partner/team", name="", email="", role="")
    assert empty.status_code == 422
    text = html_page(empty)
    assert '<p class="field-error" id="e-name">required</p>' in text
    assert '<p class="field-error" id="e-email">required</p>' in text
    assert summary_links(text) == [("f-name", "Name: required"), ("f-email", "Email address: required")]
    # the focus on the first field marked (the page's choice), the summary above it
    assert '<div class="alert error-summary" role="alert" tabindex="-1">' in text
    assert re.search(r'<input id="f-name"[^>]*autofocus', text)


def test_the_other_people_forms_posted_empty_answer_a_page(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """The account request, the new partner's form and the desk's reason took their fields as optional already."""
    request = post_form(web, "/en/publish/account-request", org_name="", org_kind="", admin_name="", admin_email="")
    assert request.status_code == 422 and 'id="e-org_name">required</p>' in html_page(request)
    centre = signed_in(web, session_factory, "crv", "boss@crv.org", Role.admin)
    partner = post_form(centre, "/en/partner/team", "/en/partner/team/organisations", org_name="", admin_name="")
    assert partner.status_code == 422 and 'id="e-org_name">required</p>' in html_page(partner)


def test_a_button_s_or_hidden_value_missing_is_a_page_in_words_people_read(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """Not a field anyone types (a page altered, a script): the framework's English problem document answered."""
    admin = signed_in(web, session_factory, "ong-a", "admin@ong-a.org", Role.admin)
    changed = post_form(admin, "/en/partner/team", "/en/partner/team/1")  # no action
    assert changed.status_code == 422
    text = html_page(changed)
    assert "The form arrived incomplete or altered. Reload its page, then send it again." in text
    assert TO_FRENCH_HOME in text  # an error: nothing at this address in French
    address = admin.get("/en/partner/resources/x.en/revisions/two/diff")
    assert address.status_code == 422
    assert "This address holds a value the page cannot read." in html_page(address)


def test_an_error_page_s_language_switch_leads_home_and_says_so(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """« Cette page en English » led to the English home from the 404 page and the people's error pages."""
    missing = web.get("/en/nothing-lives-here")
    assert missing.status_code == 404 and TO_FRENCH_HOME in missing.text
    assert "This page in" not in missing.text
    browser = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    unknown = browser.get("/en/partner/resources/nobody.en")
    assert unknown.status_code == 404 and TO_FRENCH_HOME in unknown.text
    refused = browser.post("/en/partner/account", data={"csrf_token": "forged"})  # the CSRF check's page
    assert refused.status_code == 403 and TO_FRENCH_HOME in refused.text


def test_a_refused_account_request_lists_each_problem_as_a_link_to_its_field(web: TestClient) -> None:
    refused = post_form(
        web,
        "/en/publish/account-request",
        org_name="",
        org_kind="",
        admin_name="Nadia",
        admin_email="nadia@",
        message="x" * (partners.MESSAGE_LENGTH + 1),
    )
    assert refused.status_code == 422 and SUMMARY in refused.text
    assert "<p>Please correct the fields marked below.</p>" in refused.text
    assert summary_links(refused.text) == [
        ("f-org_name", "Name of the organisation: required"),
        ("f-org_kind", "Kind: choose the kind of organisation"),
        ("f-admin_email", "Your email address: not an email address: it looks like name@organisation.org"),
        ("f-message", "What would you publish? (optional): at most 2,000 characters"),
    ]


def test_a_refused_resource_lists_each_problem_as_a_link_to_its_field_in_the_form_s_order(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    browser = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    page = browser.get("/en/partner/new-resource")
    bad = dict(GOOD, language="en", title="", licence="", source_title=["", ""], source_url=["", ""], body="")
    refused = browser.post("/en/partner/new-resource", data={"csrf_token": csrf_of(page), **bad, "action": "submit"})
    assert refused.status_code == 422 and SUMMARY in refused.text
    links = summary_links(refused.text)
    assert [target for target, _ in links] == ["f-title", "f-body", "e-sources", "e-licence"]
    assert links[0][1] == "Title: required" and links[3][1] == "Licence: required"
    assert links[2][1].startswith("Sources: a good practice must cite")  # a group: to its problem, first in it
    assert '<p class="alert">' not in refused.text  # a problem of the whole form is in the summary, not a second alert


def test_the_sources_are_numbered_in_their_labels(web: TestClient, session_factory: sessionmaker[Session]) -> None:
    """« Source title » three times over: a screen reader's list of fields told no row apart."""
    browser = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    page = browser.get("/en/partner/new-resource").text
    assert '<label for="f-sources.0.title">Source 1: title' in page
    assert '<label for="f-sources.1.url">Source 2: address (https://…)' in page
    assert "Source title" not in page


def test_the_sessions_table_has_no_empty_header(web: TestClient, session_factory: sessionmaker[Session]) -> None:
    browser = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    page = browser.get("/en/partner/account").text
    assert "<th></th>" not in page and '<th><span class="visually-hidden">State</span></th>' in page


def test_every_page_s_footer_says_where_to_ask_for_help(settings: Settings) -> None:
    """WCAG 3.2.6: help in the same place on every page — the centre's address, the one its settings give."""
    with TestClient(create_app(settings.model_copy(update={"contact_email": "aide@crv.example.org"}))) as client:
        for path in ("/en/", "/fr/", "/en/sign-in", "/en/publish/account-request", "/en/nothing-lives-here"):
            page = client.get(path).text
            assert '<h2 id="footer-help">' in page, path
            assert '<a href="mailto:aide@crv.example.org">aide@crv.example.org</a></p>' in page, path


def test_the_map_s_assessed_countries_have_a_pattern_as_well_as_a_colour(web: TestClient) -> None:
    """« Assessed, no good listed » and « Not assessed » differed by colour alone (1.89:1)."""
    home = web.get("/en/").text
    assert '<pattern id="p-none"' in home
    assert '<rect width="16" height="11" class="m-none"/>' in home  # the legend's swatch: the same fill
    css = web.get(re.search(r'href="(/static/site/site\.css[^"]*)"', home).group(1)).text  # type: ignore[union-attr]
    assert ".m-none { fill: url(#p-none); }" in css


def test_the_long_texts_have_the_server_s_limit_and_a_count(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    request = web.get("/en/publish/account-request").text
    assert re.search(
        rf'<textarea id="f-message"[^>]* maxlength="{partners.MESSAGE_LENGTH}" data-length-count=', request
    )
    assert 'data-length-count="{count} / {limit} characters" data-length-left="Characters left: {left}"' in request
    assert '<script src="/static/web/portal.js" defer></script>' in request  # the count: tests/browser/test_polish
    browser = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    form = browser.get("/en/partner/new-resource").text
    limit = portal.TEXT_LIMITS["summary"]
    assert limit == 600 and re.search(rf'<textarea id="f-summary"[^>]* maxlength="{limit}" data-length-count=', form)
