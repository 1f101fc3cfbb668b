"""OWASP ASVS 4.0.3 level 2, authentication (V2) and session management (V3): the requirements the other web tests
do not already cover, each named by its number. (Covered elsewhere: 2.2.1 throttling, 2.4.1 argon2id, 2.5.6 and
2.3.1 single-use expiring links, 3.2.1 a new session at sign-in, 3.3.1 sign-out, 3.3.2 idle and absolute timeouts,
3.4.1–3.4.3 cookie attributes, 4.1.1 contributors cannot approve, 4.2.2 CSRF, in test_accounts, test_desk,
test_security and test_team.)"""

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.models import Role, User, UserSession
from app.services import accounts
from app.web import sessions
from tests.web.helpers import PASSWORD, Mailbox, csrf_of, make_person, post_form, sign_in

SET_PASSWORD = "/fr/mot-de-passe"


def choose(client: TestClient, link: str, password: str) -> int:
    page = client.get(link)
    if page.status_code != 200:  # a refused link shows no form: take any page's CSRF token
        page = client.get("/fr/connexion")
    data = {"token": link.split("token=")[1], "password": password, "confirmation": password}
    return client.post(SET_PASSWORD, data={"csrf_token": csrf_of(page), **data}, follow_redirects=False).status_code


def test_2_1_passwords_of_64_to_128_characters_any_characters_never_truncated(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """2.1.1 at least 12 characters, 2.1.2 64 and more allowed (at most 128), 2.1.3 no truncation, 2.1.4 any
    printable Unicode including spaces and emoji, 2.1.9 no composition rule (no digit or capital required)."""
    passwords = {
        "x" * 129: 422,
        "🔐 mot de passe très long, avec des espaces et des émojis 🌍 " * 2: 303,  # 118 characters
        "kp7-vwq2-lzm9": 303,
        "ma clé à moi pour le portail": 303,
    }
    for number, (password, status) in enumerate(passwords.items()):
        email = f"p{number}@ong-a.org"
        token = make_person(session_factory, "ong-a", email, password=None)
        assert choose(TestClient(web.app), f"{SET_PASSWORD}?token={token}", password) == status, len(password)
        if status == 303:
            sign_in(TestClient(web.app), email, password)
            truncated = post_form(TestClient(web.app), "/fr/connexion", email=email, password=password[:-1])
            assert truncated.status_code == 401


def test_2_1_7_breached_and_patterned_passwords_are_refused_next_to_the_field(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """2.1.7 a password from breached-password lists, 2.1.8 a simple pattern: refused, whatever their length."""
    for number, password in enumerate(("qwerty123456", "password1234", "aaaaaaaaaaaa", "abcdefghijklmnop")):
        token = make_person(session_factory, "ong-a", f"awa.diallo{number}@ong-a.org", password=None)
        client = TestClient(web.app)
        page = client.get(f"{SET_PASSWORD}?token={token}")
        data = {"token": token, "password": password, "confirmation": password}
        refused = client.post(SET_PASSWORD, data={"csrf_token": csrf_of(page), **data}, follow_redirects=False)
        assert refused.status_code == 422, password
        assert "trop facile à deviner" in refused.text and 'id="e-password"' in refused.text, password


def test_3_3_3_a_new_password_ends_every_other_session(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    phone = TestClient(web.app)
    sign_in(phone, "awa@ong-a.org")
    assert phone.get("/fr/espace-partenaire").status_code == 200
    laptop = TestClient(web.app)
    post_form(laptop, "/fr/mot-de-passe-oublie", email="awa@ong-a.org")
    assert choose(laptop, mailbox.link("awa@ong-a.org"), "une toute nouvelle phrase") == 303
    assert phone.get("/fr/espace-partenaire", follow_redirects=False).status_code == 303  # signed out
    assert laptop.get("/fr/espace-partenaire").status_code == 200  # the new session only
    with session_factory() as session:
        assert session.scalar(select(UserSession.id).where(UserSession.user_id == _id(session, "awa@ong-a.org")))


def _id(session: Session, email: str) -> int:
    found = session.scalar(select(User.id).where(User.email == email))
    assert found is not None
    return found


def test_3_2_2_session_tokens_are_random_and_stored_hashed(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """3.2.2 at least 64 bits of entropy (256 here); the server keeps only the token's SHA-256, so a leaked table
    cannot be replayed as cookies."""
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    sign_in(web, "awa@ong-a.org")
    token = web.cookies[sessions.COOKIE].rsplit(".", 1)[0]
    assert len(token) >= 43  # 32 random bytes in base64url
    with session_factory() as session:
        stored = list(session.scalars(select(UserSession.token_hash)))
    assert stored == [accounts.digest(token)] and token not in stored


def test_2_2_throttling_says_the_same_for_accounts_that_do_not_exist(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """2.2.1 without telling an attacker which addresses have an account (3.x: no enumeration)."""
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    answers = {}
    for email in ("awa@ong-a.org", "nobody@ong-a.org"):
        client = TestClient(web.app, headers={"x-test": email})
        for _ in range(5):
            post_form(client, "/fr/connexion", email=email, password="wrong guess 123")
        blocked = post_form(client, "/fr/connexion", email=email, password=PASSWORD)
        answers[email] = (blocked.status_code, blocked.headers.get("retry-after"))
    assert answers["awa@ong-a.org"] == answers["nobody@ong-a.org"] == (429, "900")


def test_sign_in_never_redirects_off_the_site(web: TestClient, session_factory: sessionmaker[Session]) -> None:
    """An attacker's link to the sign-in page must not send the person elsewhere once signed in (open redirect)."""
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    for target in ("//evil.example/x", "https://evil.example/", "/\\evil.example", "/\t/evil.example", "javascript:x"):
        client = TestClient(web.app)
        page = client.get("/fr/connexion")
        data = {"csrf_token": csrf_of(page), "email": "awa@ong-a.org", "password": PASSWORD, "next": target}
        location = client.post("/fr/connexion", data=data, follow_redirects=False).headers["location"]
        assert location.startswith("/") and not location.startswith(("//", "/\\", "/\t")), (target, location)
        assert "evil.example" not in location or location.startswith("/%09"), (target, location)


def test_a_deactivated_persons_links_and_sessions_stop_working(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    """2.5.x a link mailed before the account was deactivated no longer sets a password; 3.3.1 its sessions end."""
    make_person(session_factory, "ong-a", "admin@ong-a.org", Role.admin)
    token = make_person(session_factory, "ong-a", "awa@ong-a.org", password=None)
    sign_in(web, "admin@ong-a.org")
    with session_factory() as session:
        awa = _id(session, "awa@ong-a.org")
    team = "/fr/espace-partenaire/equipe"
    form = {"csrf_token": csrf_of(web.get(team)), "action": "deactivate"}
    assert web.post(f"{team}/{awa}", data=form, follow_redirects=False).status_code == 303
    assert choose(TestClient(web.app), f"{SET_PASSWORD}?token={token}", PASSWORD) == 404
    forgot = post_form(TestClient(web.app), "/fr/mot-de-passe-oublie", email="awa@ong-a.org")
    assert forgot.status_code == 200  # the same answer as for any address
    [mail] = mailbox.to("awa@ong-a.org")  # to its mailbox only: why no link comes, and no link
    assert "token=" not in mailbox.body(mail) and "Ong A" in mailbox.body(mail)


ACCOUNT = "/fr/espace-partenaire/compte"


def test_2_1_5_a_signed_in_person_changes_their_password_giving_the_current_one(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    """2.1.5 and 2.1.6: the current password is asked for; 3.3.3 the other sessions end; 2.2.3 a mail tells."""
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    phone, laptop = TestClient(web.app), TestClient(web.app)
    sign_in(phone, "awa@ong-a.org")
    sign_in(laptop, "awa@ong-a.org")
    new = "une nouvelle phrase de passe"
    wrong = post_form(laptop, ACCOUNT, current_password="pas le bon", password=new, confirmation=new + "x")
    assert wrong.status_code == 422
    assert 'id="e-current_password"' in wrong.text and "ce n’est pas votre mot de passe actuel" in wrong.text
    assert 'id="e-confirmation"' in wrong.text  # every problem at once
    assert phone.get("/fr/espace-partenaire").status_code == 200  # nothing changed
    changed = post_form(laptop, ACCOUNT, current_password=PASSWORD, password=new, confirmation=new)
    assert changed.status_code == 303 and changed.headers["location"] == f"{ACCOUNT}?notice=changed"
    assert "Vos autres sessions sont fermées." in laptop.get(changed.headers["location"]).text
    assert phone.get("/fr/espace-partenaire", follow_redirects=False).status_code == 303
    assert [m for m in mailbox.to("awa@ong-a.org") if "changé" in mailbox.subject(m)]
    assert post_form(TestClient(web.app), "/fr/connexion", email="awa@ong-a.org", password=PASSWORD).status_code == 401
    sign_in(TestClient(web.app), "awa@ong-a.org", new)


def test_2_1_6_guessing_the_current_password_is_throttled(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    sign_in(web, "awa@ong-a.org")
    new = "une nouvelle phrase de passe"
    for _ in range(5):
        assert post_form(web, ACCOUNT, current_password="devine", password=new, confirmation=new).status_code == 422
    blocked = post_form(web, ACCOUNT, current_password=PASSWORD, password=new, confirmation=new)
    assert blocked.status_code == 429 and blocked.headers["retry-after"] == "900"


def test_3_3_4_a_person_sees_their_sessions_and_ends_the_others(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    phone = TestClient(web.app)
    sign_in(phone, "awa@ong-a.org")
    sign_in(web, "awa@ong-a.org")
    page = web.get(ACCOUNT)
    assert page.text.count("<tr><td>") == 2 and page.text.count("cette session") == 1
    # the password is asked again first (3.3.4: "having re-entered login credentials")
    refused = post_form(web, ACCOUNT, f"{ACCOUNT}/sessions", sessions_password="pas le bon")
    assert refused.status_code == 422 and 'id="e-sessions_password"' in refused.text
    assert "ce n’est pas votre mot de passe actuel" in refused.text
    assert phone.get("/fr/espace-partenaire", follow_redirects=False).status_code == 200  # still signed in
    ended = post_form(web, ACCOUNT, f"{ACCOUNT}/sessions", sessions_password=PASSWORD)
    assert ended.status_code == 303
    assert phone.get("/fr/espace-partenaire", follow_redirects=False).status_code == 303
    assert web.get(ACCOUNT).text.count("<tr><td>") == 1
    for url, data in ((ACCOUNT, {"current_password": PASSWORD, "password": "x" * 12, "confirmation": "x" * 12}),
                      (f"{ACCOUNT}/sessions", {})):  # fmt: skip
        assert web.post(url, data=data).status_code == 403  # no CSRF token
