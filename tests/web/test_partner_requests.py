"""Requests for a partner account: an organisation asks from the publish page with no account, the centre's
administrators are told by mail and accept (the organisation added, its person invited) or decline (the person told)
on the team page."""

import re
from datetime import timedelta

from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.models import AccountRequest, Organisation, OrganisationKind, RequestDecision, Role, User
from app.models.base import utcnow
from app.services import retention
from tests.web.helpers import Mailbox, csrf_of, make_person, post_form, sign_in

FORM = "/fr/publier/demande-de-compte"
TEAM = "/fr/espace-partenaire/equipe"
ASKED = {
    "org_name": "Collectif Mines Propres",
    "org_kind": "ngo",
    "org_website": "https://mines-propres.example.org",
    "admin_name": "Nadia Benali",
    "admin_email": "nadia@mines-propres.example.org",
    "message": "Des guides sur l’orpaillage et le travail des enfants.",
}


def ask(client: TestClient, **changes: str) -> str:
    response = post_form(client, FORM, **{**ASKED, **changes})
    assert response.status_code == 200, response.text
    return response.text


def decide(client: TestClient, request_id: int, action: str) -> Response:
    token = csrf_of(client.get(TEAM))
    return client.post(
        f"{TEAM}/demandes/{request_id}", data={"csrf_token": token, "action": action}, follow_redirects=False
    )


def the_request(session_factory: sessionmaker[Session]) -> AccountRequest:
    with session_factory() as session:
        found = session.scalar(select(AccountRequest))
        assert found is not None
        return found


def test_an_organisation_asks_without_an_account_and_the_centre_s_admins_are_told(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    make_person(session_factory, "crv", "admin@crv.org", Role.admin)
    make_person(session_factory, "crv", "redac@crv.org", Role.editor)
    publish = web.get("/fr/publier").text
    assert f'href="{FORM}">Demander un compte partenaire</a>' in publish
    assert "Ce que vérifient les éditeurs avant de publier une ressource" in publish  # before anyone asks
    assert '<li><a href="/fr/publier">Publier</a></li>' in web.get(FORM).text  # its breadcrumb's parent
    page = ask(web)
    assert "votre demande pour Collectif Mines Propres est parvenue au centre" in page
    kept = the_request(session_factory)
    assert (kept.kind, kept.language, kept.decided_at) == (OrganisationKind.ngo, "fr", None)
    (told,) = mailbox.to("admin@crv.org")  # the administrators, not the editors
    assert "Collectif Mines Propres" in mailbox.subject(told) and "orpaillage" in mailbox.body(told)
    assert mailbox.link("admin@crv.org") == TEAM and not mailbox.to("redac@crv.org")
    again = ask(web)  # sent twice: the same answer, kept once, told once
    assert "votre demande pour Collectif Mines Propres est parvenue au centre" in again
    assert len(mailbox.to("admin@crv.org")) == 1
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(AccountRequest)) == 1


def test_a_request_shows_every_problem_at_once_and_keeps_nothing(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    page = post_form(web, FORM, org_name="", org_kind="", org_website="ftp://x", admin_name="", admin_email="awa")
    assert page.status_code == 422
    for name in ("org_name", "org_kind", "org_website", "admin_name", "admin_email"):
        assert f'id="e-{name}"' in page.text, name
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(AccountRequest)) == 0
    assert web.post(FORM, data=ASKED).status_code == 403  # without the form's token


def test_the_centre_s_admin_accepts_a_request(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    ask(web)
    make_person(session_factory, "crv", "admin@crv.org", Role.admin)
    sign_in(web, "admin@crv.org")
    portal = web.get("/fr/espace-partenaire").text  # where the admin lands: what waits, and where
    assert f'<a href="{TEAM}">1 demande de compte attend une décision</a>' in portal
    team = web.get(TEAM).text
    assert 'id="request-' in team and "Des guides sur l’orpaillage" in team
    request_id = the_request(session_factory).id
    accepted = decide(web, request_id, "accept")
    assert accepted.status_code == 303
    assert accepted.headers["location"] == f"{TEAM}?organisation=collectif-mines-propres&notice=partner"
    decided = the_request(session_factory)
    assert decided.decision == RequestDecision.accepted and decided.organisation_id is not None
    with session_factory() as session:
        nadia = session.scalar(select(User).where(User.email == "nadia@mines-propres.example.org"))
        assert nadia is not None and nadia.role == Role.admin and nadia.organisation_id == decided.organisation_id
        organisation = session.get(Organisation, decided.organisation_id)
        assert organisation is not None and organisation.website == "https://mines-propres.example.org"
    assert "/fr/mot-de-passe?token=" in mailbox.link("nadia@mines-propres.example.org")  # the invitation
    assert 'id="request-' not in web.get(TEAM).text  # decided: no longer waiting
    assert "attend une décision" not in web.get("/fr/espace-partenaire").text
    again = decide(web, request_id, "accept")
    assert again.status_code == 404


def test_the_centre_s_admin_declines_a_request_and_its_author_is_told(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    ask(web, admin_email="nadia@example.org")
    make_person(session_factory, "crv", "admin@crv.org", Role.admin)
    sign_in(web, "admin@crv.org")
    declined = decide(web, the_request(session_factory).id, "decline")
    assert declined.status_code == 303 and declined.headers["location"] == f"{TEAM}?notice=declined"
    assert the_request(session_factory).decision == RequestDecision.declined
    (_received, told) = mailbox.to("nadia@example.org")  # the acknowledgement, then the decision
    assert "n’a pas ouvert de compte partenaire pour Collectif Mines Propres" in mailbox.body(told)
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Organisation)) == 3  # crv, ong-a, ong-b


def test_only_the_centre_s_admins_decide(web: TestClient, session_factory: sessionmaker[Session]) -> None:
    ask(web)
    make_person(session_factory, "ong-a", "boss@ong-a.org", Role.admin)
    sign_in(web, "boss@ong-a.org")
    assert 'id="requests"' not in web.get(TEAM).text
    refused = decide(web, the_request(session_factory).id, "accept")
    assert refused.status_code == 403
    assert re.search(r"administrat", refused.text)
    assert the_request(session_factory).decided_at is None


def test_asking_tells_nobody_who_has_an_account_and_accepting_then_says_it(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    make_person(session_factory, "ong-a", "awa@ong-a.org")
    answer = ask(web, admin_email="awa@ong-a.org")  # the same answer as for an unknown address
    assert "votre demande pour Collectif Mines Propres est parvenue au centre" in answer
    assert "a déjà un compte" not in answer
    make_person(session_factory, "crv", "admin@crv.org", Role.admin)
    sign_in(web, "admin@crv.org")
    request_id = the_request(session_factory).id
    refused = decide(web, request_id, "accept")
    assert refused.status_code == 422
    assert f'<p class="field-error" id="e-request-{request_id}">a déjà un compte</p>' in refused.text
    assert the_request(session_factory).decided_at is None  # still waiting: the admin may decline it
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Organisation)) == 3  # nothing written


def test_a_decided_request_is_deleted_a_year_after_its_decision(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    with session_factory() as session:
        for days in (400, 300):
            session.add(
                AccountRequest(
                    organisation_name=f"Ancienne {days}", kind=OrganisationKind.ngo, contact_name="X",
                    email=f"x{days}@example.org", decided_at=utcnow() - timedelta(days=days),
                    decision=RequestDecision.declined,
                )
            )  # fmt: skip
        session.commit()
    ask(web)  # no longer deletes the old ones: the daily purge does (app.services.retention, its tests)
    with session_factory() as session:
        retention.purge(session, web.app.state.settings)
        session.commit()
        names = set(session.scalars(select(AccountRequest.organisation_name)))
    assert names == {"Ancienne 300", "Collectif Mines Propres"}


def test_a_name_typed_on_two_lines_is_kept_on_one(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    make_person(session_factory, "crv", "admin@crv.org", Role.admin)
    ask(web, org_name="Collectif\r\nBcc: tout-le-monde@example.org", admin_name="Nadia\n  Benali")
    kept = the_request(session_factory)
    assert (kept.organisation_name, kept.contact_name) == ("Collectif Bcc: tout-le-monde@example.org", "Nadia Benali")
    (told,) = mailbox.to("admin@crv.org")  # a mail subject of one line, no header of the sender's
    assert told["Bcc"] is None and "\n" not in mailbox.subject(told)


def test_a_website_typed_without_https_is_taken_with_it(
    web: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """« www.terre-solidaire-enfance.org », as an address bar shows it, was refused until « https:// » was typed."""
    form = web.get(FORM).text
    assert 'name="org_website" type="text"' in form and 'inputmode="url"' in form  # the browser lets it through
    ask(web, org_website="www.terre-solidaire-enfance.org")
    assert the_request(session_factory).website == "https://www.terre-solidaire-enfance.org"
    refused = post_form(web, FORM, **{**ASKED, "org_website": "pas une adresse", "admin_email": "b@example.org"})
    assert refused.status_code == 422 and 'id="e-org_website"' in refused.text  # what stays wrong is still told
