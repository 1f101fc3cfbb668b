"""A forgotten password's link lasts what its page and its mail say: one hour for a person with a password; for
someone invited who never chose one, a new invitation link, 7 days (accounts.request_reset) — the mail said « one
hour » and « your password stays as it is » to someone who had none, and the page « one hour » to everyone."""

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from app.i18n import gettext
from app.models import TokenPurpose, User, UserToken
from app.models.base import utcnow
from app.routers.accounts import LINK_SENT
from app.services import accounts
from app.web import mails
from tests.web.helpers import Mailbox, make_person, post_form

FORGOT = {"fr": "/fr/mot-de-passe-oublie", "en": "/en/forgot-password"}


def mail_in(session_factory: sessionmaker[Session], email: str, language: str) -> None:
    with session_factory() as session:
        session.execute(update(User).where(User.email == email).values(language=language))
        session.commit()


def last_link_lifetime(session_factory: sessionmaker[Session], email: str) -> timedelta:
    """How long the latest link of ``email`` works from now."""
    with session_factory() as session:
        query = select(UserToken.expires_at).join(User, User.id == UserToken.user_id).where(User.email == email)
        expires = session.scalars(query.order_by(UserToken.id.desc())).first()
        assert expires is not None
        return expires - utcnow()


def body(mailbox: Mailbox, email: str) -> str:
    return mailbox.body(mailbox.to(email)[-1]).replace("\r\n", "\n")


def test_the_page_says_both_lifetimes_to_everyone(web: TestClient, session_factory: sessionmaker[Session]) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    for lang in ("fr", "en"):
        for address in ("awa@ong-a.org", "nobody@ong-a.org"):  # the same answer: nobody learns who has an account
            asked = post_form(web, FORGOT[lang], email=address)
            assert asked.status_code == 200 and gettext(lang, LINK_SENT) in asked.text
    english = post_form(web, FORGOT["en"], email="awa@ong-a.org").text
    assert "It works for one hour, or for 7 days if you were invited and have not chosen a password yet" in english


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_person_with_a_password_gets_a_link_of_one_hour_as_the_mail_says(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox, lang: str
) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    mail_in(session_factory, "awa@ong-a.org", lang)
    post_form(web, FORGOT[lang], email="awa@ong-a.org")
    lifetime = last_link_lifetime(session_factory, "awa@ong-a.org")
    assert accounts.RESET_LIFETIME - timedelta(minutes=1) < lifetime <= accounts.RESET_LIFETIME == timedelta(hours=1)
    link = mailbox.link("awa@ong-a.org")
    said = gettext(lang, mails.PASSWORD_LINK, name="Awa", link=f"http://testserver{link}")
    assert body(mailbox, "awa@ong-a.org").endswith(said.split("\n\n", 1)[1])
    if lang == "en":
        assert "(valid for one hour, once)" in said


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_someone_invited_gets_an_invitation_link_of_7_days_as_the_mail_says(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox, lang: str
) -> None:
    make_person(session_factory, "ong-a", "kofi@ong-a.org", password=None)  # invited, never chose a password
    mail_in(session_factory, "kofi@ong-a.org", lang)
    with session_factory() as session:  # the invitation mailed then
        user = session.scalars(select(User).where(User.email == "kofi@ong-a.org")).one()
        invitation = accounts.new_link(session, user, TokenPurpose.invite)
        session.commit()
    post_form(web, FORGOT[lang], email="kofi@ong-a.org")
    lifetime = last_link_lifetime(session_factory, "kofi@ong-a.org")
    assert accounts.INVITE_LIFETIME - timedelta(minutes=1) < lifetime <= accounts.INVITE_LIFETIME == timedelta(days=7)
    link = mailbox.link("kofi@ong-a.org")
    said = gettext(lang, mails.FIRST_PASSWORD_LINK, name="Kofi", link=f"http://testserver{link}")
    text = body(mailbox, "kofi@ong-a.org")
    assert text.endswith(said.split("\n\n", 1)[1]) and text != gettext(lang, mails.PASSWORD_LINK, name="Kofi", link="")
    if lang == "en":
        assert "(valid for 7 days, once)" in text and "It replaces the link of your invitation" in text
        assert "one hour" not in text and "your password stays as it is" not in text
    # as it says, the invitation's link no longer works; the new one is a first password's
    assert (
        web.get(f"/{lang}/{'mot-de-passe' if lang == 'fr' else 'set-password'}?token={invitation}").status_code == 404
    )
    page = web.get(link)
    assert page.status_code == 200 and "kofi@ong-a.org" in page.text
