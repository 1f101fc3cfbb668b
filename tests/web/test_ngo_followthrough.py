"""What comes after a partner's publication and invitation, as an NGO's person meets it: the « Published » mail
offers a translation when the resource has none in the other language (the portal's form, at the public address,
in each reader's language), never when one exists; the desk links a submission to its version in the other
language (its public page, else its page on the desk), so that the editor compares the two; an invitation's link
is built on the configured public address, whatever address the inviting request came to; the set-password page
says whom the account is for and what comes next, and choosing the password signs its person in, ending whatever
session the browser held before.

The new sentences are checked on the English pages and through the catalogs (their French is in them once
merged)."""

import re
from email.message import Message

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.i18n import gettext
from app.models import Resource, Role, User, UserSession
from app.web.notifications import OFFER_TRANSLATION
from tests.helpers import REVIEW, WRITE, approve, bearer, create, make_key, submit
from tests.web.helpers import PASSWORD, Mailbox, csrf_of, invite, make_person, post_form, sign_in, signed_in
from tests.web.test_desk import RID, submit_one
from tests.web.test_desk_decisions import decide, resubmit
from tests.web.test_portal import GOOD

KEY = RID.removesuffix(".fr")
EN_RID = f"{KEY}.en"
EN_NEW = "/en/partner/new-resource"
PUBLIC_FR = "/fr/ressources/suivi-communautaire-des-enfants-dans-les-cooperatives"
ENGLISH = dict(
    GOOD,
    title="Community monitoring of children in cooperatives",
    summary="Agents visit households and guide children back to school.",
    body="## Approach\n\nAgents visit households.\n",
    slug="community-monitoring-of-children-in-cooperatives",
)


def text_of(mailbox: Mailbox, message: Message) -> str:
    return mailbox.body(message).replace("\r\n", "\n")


def published_mail(mailbox: Mailbox, address: str) -> str:
    """The last mail ``address`` got, which must say a resource is published."""
    last = mailbox.to(address)[-1]
    assert mailbox.subject(last).startswith(("Publiée", "Published")), mailbox.subject(last)
    return text_of(mailbox, last)


def offer(lang: str, link: str, missing: str = "en") -> str:
    return gettext(lang, OFFER_TRANSLATION[missing], link=link)


def translate(partner: TestClient, action: str = "submit", **changes: object) -> None:
    """The organisation writes the English version of its French resource, from the portal's translation form."""
    form = partner.get(f"{EN_NEW}?translation_of={RID}")
    assert form.status_code == 200, form.text
    data = {"csrf_token": csrf_of(form), "translation_of": RID, **dict(ENGLISH, action=action, **changes)}
    answer = partner.post(EN_NEW, data=data, follow_redirects=False)
    assert answer.status_code == 303, answer.text


def approve_on_desk(editor: TestClient, resource_id: str = RID) -> None:
    item = f"/en/editorial/{resource_id}"
    assert decide(editor, editor.get(item), "approve", url=item).status_code == 303


def other_version(page: str) -> str:
    """The desk's line naming a submission's version in the other language ('' when there is none)."""
    found = re.search(r'<p class="other-version">(.*?)</p>', page, re.S)
    return found.group(1) if found else ""


def person_language(session_factory: sessionmaker[Session], email: str, language: str) -> None:
    with session_factory() as session:
        session.scalars(select(User).where(User.email == email)).one().language = language
        session.commit()


def test_a_publication_with_no_translation_offers_one_in_each_reader_s_language(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    bob = signed_in(web, session_factory, "ong-a", "bob@ong-a.org")
    person_language(session_factory, "bob@ong-a.org", "en")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit_one(partner)
    approve_on_desk(editor)
    french = f"http://testserver/fr/espace-partenaire/nouvelle-ressource?translation_of={RID}"
    english = f"http://testserver/en/partner/new-resource?translation_of={RID}"
    to_awa, to_bob = published_mail(mailbox, "awa@ong-a.org"), published_mail(mailbox, "bob@ong-a.org")
    assert to_awa.endswith("\n\n" + offer("fr", french) + "\n")  # a paragraph of its own, after the public page
    assert to_bob.endswith("\n\n" + offer("en", english) + "\n")
    assert "It has no English version yet." in to_bob and english not in to_awa
    # the link opens the translation form of the published resource
    form = bob.get(english.removeprefix("http://testserver"))
    assert form.status_code == 200 and "English version of “" in form.text
    assert f'<input type="hidden" name="translation_of" value="{RID}">' in form.text


def test_no_offer_once_the_organisation_has_a_version_in_the_other_language(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    """Even a draft of it, never submitted: they are on it already."""
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit_one(partner)
    translate(partner, action="save")
    approve_on_desk(editor)
    told = published_mail(mailbox, "awa@ong-a.org")
    assert "translation_of" not in told and "nouvelle-ressource" not in told
    assert told.rstrip().endswith(f"http://testserver{PUBLIC_FR}")


def test_another_organisation_s_draft_under_the_same_key_is_no_translation(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    """A draft of ong-b's in English under ong-a's key is ong-b's own resource, in its namespace: ong-a is still
    offered to translate, and the desk links nothing of ong-b's."""
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    other = signed_in(web, session_factory, "ong-b", "bob@ong-b.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit_one(partner)
    submit_one(other, **dict(ENGLISH, language="en", translation_key=KEY))
    with session_factory() as session:
        theirs = session.scalars(select(Resource).where(Resource.language == "en")).one()
        assert (theirs.translation_key, theirs.claimed) == (KEY, False)
    assert other_version(editor.get(f"/en/editorial/{RID}").text) == ""
    assert other_version(editor.get(f"/en/editorial/{theirs.id}").text) == ""
    approve_on_desk(editor)
    link = f"http://testserver/fr/espace-partenaire/nouvelle-ressource?translation_of={RID}"
    assert offer("fr", link) in published_mail(mailbox, "awa@ong-a.org")


def test_an_api_approval_offers_a_translation_only_when_there_is_none(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    """The same mail whatever the channel: an editor's key (``crv review approve``)."""
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    key, editor = make_key(session_factory, "ong-a", WRITE), make_key(session_factory, "crv", REVIEW)
    create(web, key)
    submit(web, key, "cocoa-remediation.fr")
    approve(web, editor, "cocoa-remediation.fr")
    link = "http://testserver/fr/espace-partenaire/nouvelle-ressource?translation_of=cocoa-remediation.fr"
    assert published_mail(mailbox, "awa@ong-a.org").endswith("\n\n" + offer("fr", link) + "\n")
    # its English version, then: published, its mail offers nothing (the French one exists)
    create(web, key, language="en", slug="cocoa-remediation-in-cooperatives", title="Remediation in cocoa")
    submit(web, key, "cocoa-remediation.en")
    approve(web, editor, "cocoa-remediation.en")
    assert "translation_of" not in published_mail(mailbox, "awa@ong-a.org")
    # a change of the French one, published again: it has its translation now
    changed = web.patch(
        "/v1/resources/cocoa-remediation.fr", json={"summary": "Un résumé plus précis."}, headers=bearer(key, "*")
    )
    assert changed.status_code == 200, changed.text
    submit(web, key, "cocoa-remediation.fr")
    approve(web, editor, "cocoa-remediation.fr")
    assert "translation_of" not in published_mail(mailbox, "awa@ong-a.org")


def test_the_desk_links_a_submission_to_its_version_in_the_other_language(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    partner = signed_in(web, session_factory, "ong-a", "awa@ong-a.org")
    editor = signed_in(web, session_factory, "crv", "elise@crv.org", Role.editor)
    submit_one(partner)
    translate(partner, action="save")
    # a draft never submitted is its organisation's alone: the editors are not shown it
    assert other_version(editor.get(f"/en/editorial/{RID}").text) == ""
    approve_on_desk(editor)
    translate_page = partner.get(f"/en/partner/resources/{EN_RID}")
    version = translate_page.text.split('name="version" value="')[1].split('"')[0]
    submitted = partner.post(
        f"/en/partner/resources/{EN_RID}",
        data={"csrf_token": csrf_of(translate_page), "version": version, **dict(ENGLISH, action="submit")},
        follow_redirects=False,
    )
    assert submitted.status_code == 303, submitted.text
    # the English submission: its French original, published, at its public page
    line = other_version(editor.get(f"/en/editorial/{EN_RID}").text)
    assert line == (
        f'Its French version: <a href="{PUBLIC_FR}" lang="fr" hreflang="fr">'
        "Suivi communautaire des enfants dans les coopératives</a> (published)"
    )
    # the French one sent again with changes: both await review, each page leads to the other's
    resubmit(partner, summary="Des agents visitent chaque ménage.")
    line = other_version(editor.get(f"/en/editorial/{EN_RID}").text)
    assert f'<a href="{PUBLIC_FR}"' in line and "(published)" in line
    assert line.endswith(f' · <a href="/en/editorial/{RID}">its changes awaiting review</a>')
    line = other_version(editor.get(f"/en/editorial/{RID}").text)
    assert line == (
        f'Its English version: <a href="/en/editorial/{EN_RID}" lang="en" hreflang="en">'
        "Community monitoring of children in cooperatives</a> (awaiting review)"
    )
    # sent back, the English one is still named, at its page on the desk (which says what became of it)
    english = f"/en/editorial/{EN_RID}"
    assert decide(editor, editor.get(english), "send_back", url=english, reason="Add the source.").status_code == 303
    line = other_version(editor.get(f"/fr/redaction/{RID}").text)
    assert f'<a href="/fr/redaction/{EN_RID}" lang="en" hreflang="en">' in line
    assert editor.get(f"/fr/redaction/{EN_RID}").status_code == 200


def test_an_invitation_s_link_is_on_the_public_address_whatever_the_request_came_to(
    web: TestClient, session_factory: sessionmaker[Session], settings: Settings, mailbox: Mailbox
) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org", Role.admin)
    admin = TestClient(web.app, base_url="http://127.0.0.1:8765")  # another address and port than the public one
    sign_in(admin, "awa@ong-a.org")
    team = "/fr/espace-partenaire/equipe"
    invited = invite(admin, team, name="Kofi", email="kofi@ong-a.org", role="contributor", language="en")
    assert invited.status_code == 200, invited.text
    text = text_of(mailbox, mailbox.to("kofi@ong-a.org")[-1])
    assert settings.public_base_url == "http://testserver"
    assert re.search(r"\nhttp://testserver/en/set-password\?token=[\w-]+\n", text), text
    assert "127.0.0.1" not in text and "8765" not in text
    # sent again: the same
    with session_factory() as session:
        kofi = session.scalars(select(User).where(User.email == "kofi@ong-a.org")).one()
    data = {"csrf_token": csrf_of(admin.get(team)), "action": "resend"}
    resent = admin.post(f"{team}/{kofi.id}", data=data, follow_redirects=False)
    assert resent.status_code == 303
    again = text_of(mailbox, mailbox.to("kofi@ong-a.org")[-1])
    assert "http://testserver/en/set-password?token=" in again and "8765" not in again


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_set_password_page_says_whom_it_is_for_and_what_comes_next(
    web: TestClient, session_factory: sessionmaker[Session], lang: str
) -> None:
    token = make_person(session_factory, "ong-a", "kofi@ong-a.org", password=None)
    page = web.get(f"/{lang}/{'set-password' if lang == 'en' else 'mot-de-passe'}?token={token}")
    assert page.status_code == 200
    said = gettext(
        lang,
        "This account is for %(email)s at %(organisation)s: it is the address you will sign in with. Once you have "
        "chosen a password, you are signed in and taken to %(organisation)s’s page in the partner area.",
        email="kofi@ong-a.org",
        organisation="Ong A",
    )
    assert f'<p id="d-holder">{said}</p>' in page.text


def test_a_new_password_s_page_names_the_account_too(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    asked = post_form(web, "/en/forgot-password", email="awa@ong-a.org")
    assert asked.status_code == 200
    page = web.get(mailbox.link("awa@ong-a.org"))  # in her language, French
    assert (
        '<p id="d-holder">Un nouveau mot de passe pour awa@ong-a.org (Ong A), l’adresse avec laquelle vous vous '
        "connectez." in page.text
    )
    assert "Ce compte est celui de" not in page.text
    gone = web.get("/en/set-password?token=nothing-of-the-kind")
    assert gone.status_code == 404 and 'id="d-holder"' not in gone.text


def sessions_of(session_factory: sessionmaker[Session], email: str) -> int:
    with session_factory() as session:
        user = session.scalars(select(User).where(User.email == email)).one()
        return session.scalar(select(func.count()).where(UserSession.user_id == user.id)) or 0


def test_choosing_the_password_signs_the_invited_person_in_and_ends_the_browser_s_former_session(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """The administrator who invited Kofi opens his link on her own computer, still signed in, to show him: he
    lands in his organisation's space, signed in as himself, and her session there is ended, not left behind."""
    make_person(session_factory, "ong-a", "awa@ong-a.org", Role.admin)
    token = make_person(session_factory, "ong-a", "kofi@ong-a.org", password=None)
    shared = TestClient(web.app)
    sign_in(shared, "awa@ong-a.org", lang="en")
    assert sessions_of(session_factory, "awa@ong-a.org") == 1
    page = shared.get(f"/en/set-password?token={token}")
    chosen = shared.post(
        "/en/set-password",
        data={"csrf_token": csrf_of(page), "token": token, "password": PASSWORD, "confirmation": PASSWORD},
        follow_redirects=False,
    )
    assert chosen.status_code == 303 and chosen.headers["location"] == "/en/partner?notice=welcome"  # a first one
    assert sessions_of(session_factory, "awa@ong-a.org") == 0
    assert sessions_of(session_factory, "kofi@ong-a.org") == 1
    landed = shared.get(chosen.headers["location"])
    assert landed.status_code == 200 and "Welcome: your password is saved and you are signed in." in landed.text
    assert "click “New resource”" in landed.text  # where a newcomer starts
    assert "Kofi" in landed.text and "Awa" not in landed.text
    assert "To start, choose a type above and click “New resource”" in landed.text  # what to do first
