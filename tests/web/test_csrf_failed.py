"""A form refused by the CSRF check (its page open too long, a sign-in or sign-out in another tab): the page says
what happened, that nothing was saved and how to get the text back, links back to the form's page when the
``Referer`` is of this site (never another site's address) and to the sign-in page when nobody is signed in any
more; it never shows what was posted. English pages: their words need no catalog."""

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker
from starlette.requests import Request

from app import csrf
from app.models import Role
from app.paths import page_path
from tests.test_csrf import make_app
from tests.web.helpers import csrf_of, sign_in, signed_in

pytestmark = pytest.mark.database_agnostic

NEW = "/en/partner/new-resource"
ORIGIN = "http://testserver"
BACK = "Back to the form's page"
TYPED = "Forty minutes of writing about community monitoring"


def refused(client: TestClient, referer: str | None, url: str = NEW, **data: Any) -> str:
    """The page a form posted with a token of another cookie gets."""
    headers = {"Referer": referer} if referer is not None else {}
    response = client.post(url, data={"csrf_token": "1.forged", **data}, headers=headers, follow_redirects=False)
    assert response.status_code == 403, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def test_the_page_says_what_happened_and_leads_back_to_the_form(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    alice = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    page = refused(alice, f"{ORIGIN}{NEW}?translation_of=x.fr&notice=saved", title=TYPED, body=TYPED)
    assert "<h1>The form has expired</h1>" in page
    assert "Nothing was saved" in page and "signed in or out in another tab" in page
    assert "Back button" in page and "Restore unsaved text" in page
    assert f'<a href="{NEW}?translation_of=x.fr">{BACK}</a>' in page  # its notice left out
    assert "Sign in again" not in page  # still signed in
    assert TYPED not in page  # what another site might have posted never comes back in a page


@pytest.mark.parametrize(
    "referer",
    [
        "https://evil.example/en/partner/new-resource",
        "http://testserver.evil.example/en/partner",
        "https://testserver/en/partner",  # another scheme: another origin
        "http://testserver//evil.example/path",
        "http://testserver/\\evil.example",
        "http://user@evil.example/en/partner",
        "javascript:alert(1)",
        "/en/partner",  # not an absolute URL: no browser sends it
        "",
    ],
)
def test_a_foreign_or_odd_referer_gives_no_back_link(
    web: TestClient, session_factory: sessionmaker[Session], referer: str
) -> None:
    alice = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    page = refused(alice, referer)
    assert "Back to the form" not in page and "evil" not in page and "javascript:" not in page
    assert "The form has expired" in page


def test_signed_out_in_another_tab_the_page_offers_to_sign_in_again(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    alice = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    token = csrf_of(alice.get(NEW))
    other_tab = alice.post("/en/sign-out", data={"csrf_token": token}, follow_redirects=False)
    assert other_tab.status_code == 303  # the nonce rotated: the form's token is void
    response = alice.post(NEW, data={"csrf_token": token, "title": TYPED}, headers={"Referer": f"{ORIGIN}{NEW}"})
    assert response.status_code == 403
    assert f'<a href="{NEW}">{BACK}</a>' in response.text
    assert '<a href="/en/sign-in?next=%2Fen%2Fpartner%2Fnew-resource">Sign in again</a>' in response.text
    assert TYPED not in response.text


def test_signed_out_and_in_again_elsewhere_the_old_form_is_refused_then_the_reloaded_one_saves(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    alice = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    stale = csrf_of(alice.get(NEW))
    alice.post("/en/sign-out", data={"csrf_token": stale}, follow_redirects=False)
    sign_in(alice, "awa@ong-a.org", lang="en")
    data = {"title": TYPED, "type": "good_practice", "language": "en", "action": "save"}
    response = alice.post(NEW, data={"csrf_token": stale, **data}, headers={"Referer": f"{ORIGIN}{NEW}"})
    assert response.status_code == 403 and "Sign in again" not in response.text  # signed in: back is enough
    fresh = csrf_of(alice.get(NEW))
    saved = alice.post(NEW, data={"csrf_token": fresh, **data}, follow_redirects=False)
    assert saved.status_code == 303, saved.text[:500]


def test_a_refused_sign_in_form_leads_back_to_it_without_a_second_sign_in_link(web: TestClient) -> None:
    browser = TestClient(web.app)
    browser.get("/en/sign-in")
    page = refused(browser, f"{ORIGIN}/en/sign-in", url="/en/sign-in", email="a@b.org", password="x")
    assert f'<a href="/en/sign-in">{BACK}</a>' in page and "Sign in again" not in page
    assert "a@b.org" not in page


def test_a_script_gets_the_same_words_as_a_problem() -> None:
    with TestClient(make_app()) as client:
        client.get("/form")
        response = client.post("/form", headers={"X-CSRF-Token": "1.forged"})
    assert response.status_code == 403 and response.json()["type"] == "/problems/csrf-failed"
    assert response.json()["detail"] == csrf.FAILED
    assert "Nothing was saved" in csrf.FAILED and "Go back and send it again" in csrf.FAILED


def _request(referer: str, scheme: str = "http", host: str = "crv.example.org") -> Request:
    return Request(
        {
            "type": "http",
            "method": "POST",
            "scheme": scheme,
            "server": (host, 443 if scheme == "https" else 80),
            "path": "/fr/espace-partenaire/nouvelle-ressource",
            "query_string": b"",
            "headers": [(b"host", host.encode()), (b"referer", referer.encode("latin-1"))],
        }
    )


@pytest.mark.parametrize(
    ("referer", "expected"),
    [
        ("https://crv.example.org/fr/espace-partenaire/ressources/a.fr", "/fr/espace-partenaire/ressources/a.fr"),
        ("https://crv.example.org/fr/redaction?notice=published&x=1", "/fr/redaction?x=1"),
        ("https://crv.example.org/fr/espace-partenaire#top", "/fr/espace-partenaire"),
        ("https://crv.example.org", None),  # no path
        ("http://crv.example.org/fr/", None),  # not the scheme the page was served over
        ("https://crv.example.org:8443/fr/", None),
        ("https://crv.example.org.evil.example/fr/", None),
        ("https://evil.example/https://crv.example.org/fr/", None),
        ("https://crv.example.org//evil.example/", None),
        ("https://crv.example.org/\\evil.example/", None),
        ("https://crv.example.org/fr/\x7f", None),
        ("https://crv.example.org/" + "a" * 2100, None),
    ],
)
def test_came_from_is_a_path_of_this_origin_only(referer: str, expected: str | None) -> None:
    assert csrf.came_from(_request(referer, scheme="https")) == expected


def test_the_sign_in_link_is_for_the_signed_in_peoples_sections_only() -> None:
    request = _request("https://crv.example.org/fr/espace-partenaire/ressources/a.fr", scheme="https")
    assert csrf.recovery(request, "fr", signed_in=True).sign_in is None
    assert (
        csrf.recovery(request, "fr", signed_in=False).sign_in
        == "/fr/connexion?next=%2Ffr%2Fespace-partenaire%2Fressources%2Fa.fr"
    )
    anonymous_form = Request({**request.scope, "path": "/fr/publier/demande-de-compte"})
    assert csrf.recovery(anonymous_form, "fr", signed_in=False).sign_in is None  # no account needed there


def test_the_resource_form_is_ready_for_its_copy_in_the_tab(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    alice = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    page = alice.get(NEW).text
    form = page[page.index('<form class="stacked"') :]
    assert re.search(r'<input type="hidden" name="csrf_token" value="[^"]+" autocomplete="off">', form)
    assert re.search(r'data-keep="unsaved" data-keep-owner="\d+"', form)  # the copy is offered to its typist only
    assert '<div class="caution" data-offer hidden>' in page  # shown by the script only


def test_every_form_keeps_its_token_out_of_the_browsers_form_restore(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """Firefox would put back the previous page's token on a reload or Back, and the form would be refused again:
    every form's token field says autocomplete="off", signed in or not."""
    admin = signed_in(web, session_factory, "ong-b", "ines@ong-b.org", Role.admin)
    pages = [(web, page_path(name, "fr")) for name in ("login", "forgot", "account_request", "screening")]
    pages += [(admin, page_path(name, "en")) for name in ("team", "account", "new")]
    for browser, path in pages:
        page = browser.get(path).text
        tokens = re.findall(r'<input type="hidden" name="csrf_token"[^>]*>', page)
        assert tokens, path
        assert all(token.endswith('autocomplete="off">') for token in tokens), path
