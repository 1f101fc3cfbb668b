"""Accounts (OWASP ASVS level 2, authentication and sessions): invitation by mail through a real SMTP server,
password rules, sign-in throttling, session cookies, fixation, CSRF, single-use expiring links, sign-out."""

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from app.config import Settings
from app.main import create_app
from app.models import Role, User, UserToken
from app.services import accounts
from app.web import sessions
from tests.web.helpers import PASSWORD, Mailbox, csrf_of, invite, make_person, post_form, sign_in


def test_an_admin_invites_and_the_invitee_sets_a_password(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    make_person(session_factory, "ong-a", "admin@ong-a.org", Role.admin)
    sign_in(web, "admin@ong-a.org")
    invited = invite(web, "/fr/espace-partenaire/equipe", name="Awa Traoré", email="Awa@ONG-a.org", role="contributor")
    assert invited.status_code == 200 and "Invitation envoyée à awa@ong-a.org." in invited.text
    [mail] = mailbox.to("awa@ong-a.org")
    assert mail["Subject"] == "Votre invitation au centre de ressources virtuel 8.7"
    # a contributor is invited to publish (French once /tmp/po_people.tsv is in the catalog), « d’Ong A » elided
    assert "Admin vous invite à publier des ressources au nom d’Ong A dans" in mailbox.body(mail)
    link = mailbox.link("awa@ong-a.org")
    assert link.startswith("/fr/mot-de-passe?token=")

    invitee = TestClient(web.app)
    page = invitee.get(link)
    assert page.status_code == 200 and "awa@ong-a.org" in page.text
    assert page.headers["cache-control"] == "private, no-store"
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"
    token = link.split("token=")[1]
    short = invitee.post(
        "/fr/mot-de-passe",
        data={"csrf_token": csrf_of(page), "token": token, "password": "court", "confirmation": "court"},
    )
    assert short.status_code == 422 and "au moins 12 caractères" in short.text and 'aria-invalid="true"' in short.text
    done = invitee.post(
        "/fr/mot-de-passe",
        data={"csrf_token": csrf_of(page), "token": token, "password": PASSWORD, "confirmation": PASSWORD},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"] == "/fr/espace-partenaire?notice=welcome"
    cookie = next(c for c in done.headers.get_list("set-cookie") if c.startswith(f"{sessions.COOKIE}="))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    with session_factory() as session:
        user = session.query(User).filter_by(email="awa@ong-a.org").one()
        assert user.password_hash is not None and user.password_hash.startswith("$argon2id$")
    # the link was single use
    assert invitee.get(link).status_code == 404


def test_only_admins_invite_and_only_into_their_organisation(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    make_person(session_factory, "ong-a", "contrib@ong-a.org")
    sign_in(web, "contrib@ong-a.org")
    assert web.get("/fr/espace-partenaire/equipe").status_code == 403
    token = csrf_of(web.get("/fr/connexion"))
    refused = web.post(
        "/fr/espace-partenaire/equipe",
        data={"csrf_token": token, "name": "X", "email": "x@ong-a.org", "role": "admin"},
    )
    assert refused.status_code == 403
    make_person(session_factory, "ong-b", "admin@ong-b.org", Role.admin)
    admin = TestClient(web.app)
    sign_in(admin, "admin@ong-b.org")
    editor = post_form(admin, "/fr/espace-partenaire/equipe", name="E", email="e@ong-b.org", role="editor")
    assert editor.status_code == 422  # editors belong to the centre


def test_the_command_line_invites_with_a_mail(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox, monkeypatch: object
) -> None:
    import pytest

    from app import cli
    from app.config import get_settings

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    settings = web.app.state.settings
    for name in ("database_url", "smtp_host", "smtp_port", "smtp_starttls", "public_base_url"):
        monkeypatch.setenv(f"CRV_{name.upper()}", str(getattr(settings, name)))
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(
            cli.app, ["users", "invite", "redac@crv.org", "--org", "crv", "--role", "editor", "--name", "Rédaction"]
        )
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    assert "/fr/mot-de-passe?token=" in mailbox.body(mailbox.to("redac@crv.org")[0])


def _session_cookie(response: object) -> str:
    from httpx import Response

    assert isinstance(response, Response)
    header = next(c for c in response.headers.get_list("set-cookie") if c.startswith(f"{sessions.COOKIE}="))
    return header.split(";")[0].split("=", 1)[1]


def test_sign_in_rotates_the_session_and_a_planted_cookie_is_never_used(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    planted = TestClient(web.app, cookies={sessions.COOKIE: "attacker-chosen.value"})
    first = sign_in(planted, "awa@ong-a.org")
    first_cookie = _session_cookie(first)
    assert first_cookie != "attacker-chosen.value"
    assert first.headers["location"] == "/fr/espace-partenaire"
    signed_in = TestClient(web.app, cookies={sessions.COOKIE: first_cookie})
    assert signed_in.get("/fr/espace-partenaire/equipe").status_code == 403  # signed in (a contributor)
    second_cookie = _session_cookie(sign_in(signed_in, "awa@ong-a.org"))
    assert second_cookie != first_cookie
    stale = TestClient(web.app, cookies={sessions.COOKIE: first_cookie})
    assert stale.get("/fr/espace-partenaire/equipe", follow_redirects=False).status_code == 303  # the old one ended


def test_a_forged_or_tampered_session_cookie_is_anonymous(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org", Role.admin)
    sign_in(web, "awa@ong-a.org")
    token, signature = web.cookies[sessions.COOKIE].rsplit(".", 1)
    tampered = TestClient(web.app, cookies={sessions.COOKIE: f"{token}x.{signature}"})
    response = tampered.get("/fr/espace-partenaire/equipe", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/fr/connexion?next=")


def test_sign_in_is_throttled_per_account_and_per_address(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    for _ in range(5):
        assert post_form(web, "/fr/connexion", email="awa@ong-a.org", password="wrong guess 123").status_code == 401
    blocked = post_form(web, "/fr/connexion", email="awa@ong-a.org", password=PASSWORD)  # even the right one
    assert blocked.status_code == 429 and "Trop de tentatives" in blocked.text
    # per address: many accounts tried from one address
    for number in range(15):
        post_form(web, "/fr/connexion", email=f"nobody{number}@x.org", password="wrong guess 123")
    make_person(session_factory, "ong-b", "bob@ong-b.org")
    assert post_form(web, "/fr/connexion", email="bob@ong-b.org", password=PASSWORD).status_code == 429


def test_wrong_password_and_unknown_account_answer_alike(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    wrong = post_form(web, "/fr/connexion", email="awa@ong-a.org", password="not the password")
    unknown = post_form(web, "/fr/connexion", email="nobody@ong-a.org", password="not the password")
    assert wrong.status_code == unknown.status_code == 401
    assert "Adresse électronique ou mot de passe incorrect." in wrong.text and "incorrect" in unknown.text


def test_every_form_refuses_a_missing_or_wrong_csrf_token(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org", Role.admin)
    good = csrf_of(web.get("/fr/connexion"))
    forms = {
        "/fr/connexion": {"email": "awa@ong-a.org", "password": PASSWORD},
        "/en/sign-in": {"email": "awa@ong-a.org", "password": PASSWORD},
        "/fr/mot-de-passe-oublie": {"email": "awa@ong-a.org"},
        "/fr/mot-de-passe": {"token": "x", "password": PASSWORD, "confirmation": PASSWORD},
        "/fr/deconnexion": {},
        "/fr/espace-partenaire/equipe": {"name": "X", "email": "x@ong-a.org", "role": "contributor"},
    }
    for action, data in forms.items():
        assert web.post(action, data=data).status_code == 403, action
        assert web.post(action, data={"csrf_token": good[:-2] + "xx", **data}).status_code == 403, action
    assert sessions.COOKIE not in web.cookies


def test_a_reset_link_works_once_and_expires(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    unknown = post_form(web, "/fr/mot-de-passe-oublie", email="nobody@ong-a.org")
    asked = post_form(web, "/fr/mot-de-passe-oublie", email="awa@ong-a.org")
    assert asked.status_code == unknown.status_code == 200
    assert "Si un compte correspond" in asked.text and "Si un compte correspond" in unknown.text
    assert not mailbox.to("nobody@ong-a.org")
    link = mailbox.link("awa@ong-a.org")
    token = link.split("token=")[1]
    new_password = "une autre phrase de passe"
    page = web.get(link)
    data = {"csrf_token": csrf_of(page), "token": token, "password": new_password, "confirmation": new_password}
    assert web.post("/fr/mot-de-passe", data=data, follow_redirects=False).status_code == 303
    again = TestClient(web.app)
    data["csrf_token"] = csrf_of(again.get("/fr/connexion"))
    assert again.post("/fr/mot-de-passe", data=data, follow_redirects=False).status_code == 404  # used
    assert web.get(link).status_code == 404
    other = TestClient(web.app)
    sign_in(other, "awa@ong-a.org", new_password)
    assert not [m for m in mailbox.to("awa@ong-a.org") if "changé" in mailbox.subject(m)]  # never signed in before

    # an expired link is refused too
    post_form(web, "/fr/mot-de-passe-oublie", email="awa@ong-a.org")
    expired = mailbox.link("awa@ong-a.org")
    with session_factory() as session:
        session.execute(update(UserToken).values(expires_at=accounts.utcnow() - timedelta(seconds=1)))
        session.commit()
    page = web.get(expired)
    assert page.status_code == 404 and "a expiré" in page.text


def test_sign_out_and_sign_out_everywhere(web: TestClient, session_factory: sessionmaker[Session]) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org", Role.admin)
    laptop, phone = TestClient(web.app), TestClient(web.app)
    sign_in(laptop, "awa@ong-a.org")
    sign_in(phone, "awa@ong-a.org")
    assert phone.get("/fr/espace-partenaire/equipe").status_code == 200
    out = post_form(laptop, "/fr/espace-partenaire/equipe", "/fr/deconnexion-partout")
    assert out.status_code == 303
    for client in (laptop, phone):
        assert client.get("/fr/espace-partenaire/equipe", follow_redirects=False).status_code == 303
    sign_in(phone, "awa@ong-a.org")
    before = phone.cookies[sessions.COOKIE]
    assert post_form(phone, "/fr/espace-partenaire/equipe", "/fr/deconnexion").status_code == 303
    replay = TestClient(web.app, cookies={sessions.COOKIE: before})
    assert replay.get("/fr/espace-partenaire/equipe", follow_redirects=False).status_code == 303


def test_cookies_are_secure_behind_https(web: TestClient, session_factory: sessionmaker[Session]) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    secure = TestClient(web.app, base_url="https://testserver")
    response = sign_in(secure, "awa@ong-a.org")
    cookies = response.headers.get_list("set-cookie")
    assert all("Secure" in cookie for cookie in cookies) and len(cookies) >= 2


def test_cookies_are_secure_when_the_public_address_is_https_though_the_proxy_is_not_trusted(
    settings: Settings,
) -> None:
    """Behind a TLS proxy whose address was not set as trusted, requests look like plain HTTP: the public address
    says the browser uses HTTPS, so the cookies carry Secure all the same (the form's, set with the page)."""
    behind_proxy = settings.model_copy(update={"public_base_url": "https://crv.example.org"})
    with TestClient(create_app(behind_proxy)) as plain:
        cookies = plain.get("/fr/connexion").headers.get_list("set-cookie")
    assert cookies and all("Secure" in cookie for cookie in cookies)
    with TestClient(create_app(settings)) as local:  # http://… : a developer's machine, no Secure
        assert not any("Secure" in cookie for cookie in local.get("/fr/connexion").headers.get_list("set-cookie"))


def test_production_hashes_are_argon2id_with_rfc_9106_parameters() -> None:
    from argon2 import PasswordHasher, Type, extract_parameters

    import app.services.accounts as module

    assert isinstance(module.PasswordHasher(), PasswordHasher)
    parameters = extract_parameters(PasswordHasher().hash("x" * 12))
    assert parameters.type is Type.ID and parameters.memory_cost >= 19 * 1024 and parameters.time_cost >= 2


def test_an_idle_or_expired_session_ends(web: TestClient, session_factory: sessionmaker[Session]) -> None:
    from app.models import UserSession

    make_person(session_factory, "ong-a", "awa@ong-a.org", Role.admin)
    sign_in(web, "awa@ong-a.org")
    assert web.get("/fr/espace-partenaire/equipe").status_code == 200
    with session_factory() as session:
        session.execute(update(UserSession).values(last_seen_at=accounts.utcnow() - timedelta(minutes=121)))
        session.commit()
    assert web.get("/fr/espace-partenaire/equipe", follow_redirects=False).status_code == 303
    sign_in(web, "awa@ong-a.org")
    with session_factory() as session:
        session.execute(update(UserSession).values(expires_at=accounts.utcnow() - timedelta(seconds=1)))
        session.commit()
    assert web.get("/fr/espace-partenaire/equipe", follow_redirects=False).status_code == 303


def test_a_person_who_resets_their_password_is_told_by_mail(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    sign_in(TestClient(web.app), "awa@ong-a.org")
    post_form(web, "/fr/mot-de-passe-oublie", email="awa@ong-a.org")
    link = mailbox.link("awa@ong-a.org")
    new_password = "une autre phrase de passe"
    data = {"token": link.split("token=")[1], "password": new_password, "confirmation": new_password}
    assert post_form(web, link, "/fr/mot-de-passe", **data).status_code == 303
    [changed] = [m for m in mailbox.to("awa@ong-a.org") if "changé" in mailbox.subject(m)]
    assert "/fr/mot-de-passe-oublie" in mailbox.body(changed)
