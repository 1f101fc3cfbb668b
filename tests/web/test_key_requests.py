"""Requests for a publishable key: a site asks from the form the snippet builder leads to (its filters and address
written in), with no account; the centre's administrators are told by mail and accept on the team page — the key
is made for an organisation and mailed with the pages it works on and the lines to paste — or decline."""

import html
import re

from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.models import ApiKey, AuditEntry, KeyRequest, Organisation, RequestDecision, Role
from tests.helpers import free_port
from tests.web.helpers import Mailbox, csrf_of, make_person, post_form, sign_in

FORM = "/fr/integrer/demande-de-cle"
TEAM = "/fr/espace-partenaire/equipe"
ASKED = {
    "site_name": "Fédération Cacao Durable",
    "origins": "www.cacao-durable.example/ressources\r\nhttps://*.cacao-durable.example",
    "filters": "country=CI&sector=cocoa",
    "contact_name": "Awa Koné",
    "email": "awa@cacao-durable.example",
    "language": "en",
    "message": "Our members' intranet, some 300 visitors a month.",
}
TOKEN = re.compile(r"crv_pk_[0-9a-f]{8}_[0-9a-f]{64}")


def ask(client: TestClient, **changes: str) -> Response:
    return post_form(client, FORM, **{**ASKED, **changes})


def the_request(session_factory: sessionmaker[Session]) -> KeyRequest:
    with session_factory() as session:
        found = session.scalar(select(KeyRequest))
        assert found is not None
        return found


def asked_and_signed_in(client: TestClient, session_factory: sessionmaker[Session], **changes: str) -> int:
    """A site's request sent (with ``changes`` to the form), and a centre's administrator signed in to decide it:
    the request's id."""
    ask(client, **changes)
    make_person(session_factory, "crv", "admin@crv.org", Role.admin)
    sign_in(client, "admin@crv.org")
    return the_request(session_factory).id


def decide(client: TestClient, request_id: int, action: str, **data: str) -> Response:
    token = csrf_of(client.get(TEAM))
    form = {"csrf_token": token, "action": action, **data}
    return client.post(f"{TEAM}/demandes-de-cle/{request_id}", data=form, follow_redirects=False)


def count(session_factory: sessionmaker[Session], model: type[object]) -> int:
    with session_factory() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_the_builder_s_choices_are_written_in(web: TestClient) -> None:
    """The site's address and the filters come from the builder's link (names taken as their codes); the filters
    are carried hidden and said in words, with the way back to change them."""
    params = {"site": "https://www.cacao-durable.example/ressources", "country": "Côte d'Ivoire", "sector": "cocoa"}
    page = web.get(FORM, params=params).text
    assert '<input type="hidden" name="filters" value="country=CI&amp;sector=cocoa">' in page
    assert ">https://www.cacao-durable.example/ressources</textarea>" in page
    assert "<li>Pays\u00a0: Côte d’Ivoire (CI)</li>" in page  # the builder's words, in the page's language
    assert 'href="/embed/demo?lang=fr&amp;country=CI&amp;sector=cocoa"' in page
    assert 'name="language"' in page and '<option value="fr" selected>' in page  # the mails' language: the page's
    assert 'href="/en/embed/key-request?site=' in page  # the language switch keeps what was chosen
    assert "crv@localhost" in page  # secret keys: by mail
    plain = web.get("/en/embed/key-request").text
    assert '<input type="hidden" name="filters" value="">' in plain and "None: the search will show every" in plain


def test_every_problem_is_shown_at_once_next_to_its_field(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    wrong = {
        "site_name": " ",
        "origins": "http://www.cacao-durable.example\nhttps://*.gouv.fr\nhttp://localhost:3000",
        "filters": "country=Wakanda",
        "contact_name": "",
        "email": "awa",
        "message": "x" * 2001,
    }
    page = ask(web, **wrong)
    assert page.status_code == 422
    assert "<title>Erreur\u00a0: Demander une clé" in page.text  # the title says it first (WCAG 3.3.1)
    for name in ("site_name", "origins", "filters", "contact_name", "email", "message"):
        assert f'id="e-{name}"' in page.text, name
    origins = re.search(r'<p class="field-error" id="e-origins">([^<]*)</p>', page.text)
    assert origins is not None
    problems = html.unescape(origins.group(1)).split("; ")  # the two wrong lines, each named; localhost may use http
    assert len(problems) == 2 and problems[0].startswith(
        "'http://www.cacao-durable.example'\u00a0: l’adresse doit commencer par «\u00a0https://\u00a0»"
    )
    assert problems[1].startswith(
        "'https://*.gouv.fr' laisserait le site de n’importe qui sous gouv.fr utiliser la clé"
    )
    assert (
        '<textarea id="f-origins" name="origins"' in page.text and 'aria-describedby="h-origins e-origins"' in page.text
    )
    assert 'href="#f-site_name"' in page.text and 'href="#e-filters"' in page.text  # the summary's links
    assert "https://*.gouv.fr\nhttp://localhost:3000</textarea>" in page.text  # what was typed, kept
    assert count(session_factory, KeyRequest) == 0 and not mailbox.messages
    assert web.post(FORM, data=ASKED).status_code == 403  # without the form's token


def test_a_site_asks_and_the_centre_s_admins_are_told(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    make_person(session_factory, "crv", "admin@crv.org", Role.admin)
    sent = ask(web)
    assert sent.status_code == 200 and 'class="notice" role="status"' in sent.text
    kept = the_request(session_factory)
    assert kept.origins == ["https://www.cacao-durable.example", "https://*.cacao-durable.example"]
    assert kept.fixed_filters == {"country": ["CI"], "sector": ["cocoa"]}
    assert (kept.language, kept.decided_at) == ("en", None)
    (told,) = mailbox.to("admin@crv.org")
    assert "Fédération Cacao Durable" in mailbox.subject(told)
    assert "https://*.cacao-durable.example" in mailbox.body(told) and "Côte d’Ivoire (CI)" in mailbox.body(told)
    assert mailbox.link("admin@crv.org") == f"{TEAM}#key-requests"
    (received,) = mailbox.to("awa@cacao-durable.example")  # in the language chosen for the mails
    assert mailbox.subject(received) == "We received your request for a key"
    assert "/embed/demo?lang=en&country=CI&sector=cocoa" in mailbox.body(received)
    assert ask(web).status_code == 200  # sent twice: kept once, told once
    assert count(session_factory, KeyRequest) == 1 and len(mailbox.to("admin@crv.org")) == 1
    ask(web, origins="https://www.autre-site.example")  # another site: another request
    assert count(session_factory, KeyRequest) == 2


def test_the_thanks_say_the_widget_works_now_and_what_happens_next(web: TestClient, settings: Settings) -> None:
    """The person need not wait for the key: the widget works without one, under the anonymous quota (read from
    the settings), with the way to its lines; and who decides, and that an e-mail answers either way."""
    sent = post_form(web, "/en/embed/key-request", **ASKED).text
    thanks = html.unescape(sent)
    assert "the search widget already works without a key" in thanks
    assert f"may send {settings.anonymous_requests_per_minute} requests a minute" in thanks
    assert 'href="/embed/demo?lang=en&country=CI&sector=cocoa">Get the lines to paste' in thanks
    assert "An administrator of the centre reads your request and decides" in thanks
    assert "you get an e-mail at awa@cacao-durable.example" in thanks and "if it is declined, it says so" in thanks


def test_the_www_or_bare_address_left_out_is_pointed_out(web: TestClient) -> None:
    """https://www.x.org and https://x.org are two origins: the form's hint says so, and the thanks name the one a
    request leaves out (here the bare domain, which neither www. nor the wildcard lets through) and whom to ask."""
    form = html.unescape(web.get("/en/embed/key-request").text)
    assert "https://www.example.org and https://example.org are different sites for a browser" in form
    thanks = html.unescape(post_form(web, "/en/embed/key-request", **ASKED).text)
    assert "Your request does not list https://cacao-durable.example." in thanks
    assert "write to crv@localhost so that the administrator adds it" in thanks
    both = ASKED | {"origins": "https://www.cacao-durable.example\nhttps://cacao-durable.example"}
    assert "does not list" not in post_form(web, "/en/embed/key-request", **both).text


def test_without_an_administrator_the_centre_s_address_is_told(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    ask(web)
    (told,) = mailbox.to("crv@localhost")
    assert "crv users invite <address> --org crv --role admin" in mailbox.body(told)


def test_the_centre_s_admin_accepts_and_the_key_is_mailed(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    request_id = asked_and_signed_in(web, session_factory)
    portal = web.get("/fr/espace-partenaire").text  # where the admin lands: what waits, and where
    assert f'<a href="{TEAM}">1 demande de clé attend une décision</a>' in portal
    team = web.get(TEAM).text
    assert f'id="key-request-{request_id}"' in team and "300 visitors" in team
    assert '<option value="" selected>' in team  # no organisation of that name: a new one, by default
    refused = decide(web, request_id, "accept", organisation="")  # a new organisation needs its kind
    assert refused.status_code == 422
    assert f'<p class="field-error" id="e-key-request-{request_id}">' in refused.text
    assert count(session_factory, ApiKey) == 0 and the_request(session_factory).decided_at is None
    accepted = decide(web, request_id, "accept", organisation="", kind="company-network")
    assert accepted.status_code == 303
    assert accepted.headers["location"] == f"{TEAM}?organisation=federation-cacao-durable&notice=key"
    decided = the_request(session_factory)
    assert decided.decision == RequestDecision.accepted and decided.api_key_id is not None
    with session_factory() as session:
        key = session.get(ApiKey, decided.api_key_id)
        holder = session.get(Organisation, decided.organisation_id)
        assert key is not None and holder is not None
        assert (holder.name, holder.kind, key.organisation_id) == (
            "Fédération Cacao Durable",
            "company-network",
            holder.id,
        )
    (_received, issued) = mailbox.to("awa@cacao-durable.example")
    body = mailbox.body(issued)
    token = TOKEN.search(body)
    assert token is not None and token.group(0).startswith(key.prefix)
    assert "https://*.cacao-durable.example: pages of every subdomain of cacao-durable.example" in body
    # only the centre changes a key's addresses: the person is told to ask it, not to add one themselves
    assert "if the site answers there, ask the centre (crv@localhost) to add it" in body
    assert "not https://cacao-durable.example: if the site answers there too, ask the centre (crv@localhost)" in body
    assert "add it\n" not in body.replace("to add it", "")
    assert f'<crv-search key="{token.group(0)}" lang="en" country="CI" sector="cocoa"' in body  # ready to paste
    assert f"/embed/demo?lang=en&key={token.group(0)}&country=CI" in body  # to try it first
    assert f'id="key-request-{request_id}"' not in web.get(TEAM).text
    assert "attend une décision" not in web.get("/fr/espace-partenaire").text
    assert decide(web, request_id, "accept", organisation="", kind="ngo").status_code == 404  # decided already


def test_a_key_is_made_for_an_organisation_that_exists(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    """ong-a's website is one of the pages asked for: it is the organisation offered first."""
    asked_and_signed_in(web, session_factory, site_name="Le site d'ONG A", origins="https://ong-a.example.org")
    assert '<option value="ong-a" selected>Ong A</option>' in web.get(TEAM).text
    request_id = the_request(session_factory).id
    assert decide(web, request_id, "accept", organisation="nobody").status_code == 422
    assert decide(web, request_id, "accept", organisation="ong-a").status_code == 303
    with session_factory() as session:
        assert session.scalar(select(ApiKey.allowed_origins)) == ["https://ong-a.example.org"]
    assert count(session_factory, Organisation) == 3  # crv, ong-a, ong-b: none added


def accepted_audit(session_factory: sessionmaker[Session]) -> dict[str, object]:
    with session_factory() as session:
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "key_request.accepted"))
        assert entry is not None
        return dict(entry.details)


def typed_origins(page: str, request_id: int) -> str:
    found = re.search(rf'<textarea id="key-origins-{request_id}"[^>]*>([^<]*)</textarea>', page)
    assert found is not None
    return html.unescape(found.group(1))


def test_the_admin_corrects_the_origins_before_accepting(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    """The pages asked, in a field of the decision's form: the key, its mail and the audit log say the ones
    granted, checked by the request form's rule (a page's address reduced to its site's origin)."""
    request_id = asked_and_signed_in(web, session_factory)
    team = web.get(TEAM).text
    assert f'name="origins" form="key-decision-{request_id}"' in team and f'id="key-decision-{request_id}"' in team
    edited = "https://www.cacao-durable.example/membres\r\nhttp://localhost:8080"
    accepted = decide(web, request_id, "accept", kind="company", origins=edited)
    assert accepted.status_code == 303
    granted = ["https://www.cacao-durable.example", "http://localhost:8080"]
    with session_factory() as session:
        assert session.scalar(select(ApiKey.allowed_origins)) == granted
    assert the_request(session_factory).origins == [  # what was asked stays the request's
        "https://www.cacao-durable.example",
        "https://*.cacao-durable.example",
    ]
    audited = accepted_audit(session_factory)
    assert audited["origins"] == granted and audited["asked"] == the_request(session_factory).origins
    body = mailbox.body(mailbox.to("awa@cacao-durable.example")[-1])
    assert "http://localhost:8080: pages of this exact origin" in body
    assert "https://www.cacao-durable.example: pages of this exact origin" in body
    assert "*.cacao-durable.example" not in body  # not granted, not said


def test_a_wrong_corrected_origin_is_said_beside_the_field_and_nothing_is_made(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    request_id = asked_and_signed_in(web, session_factory)
    wrong = "https://www.cacao-durable.example\nhttp://www.cacao-durable.example"
    refused = decide(web, request_id, "accept", kind="company", origins=wrong)
    assert refused.status_code == 422
    problem = re.search(rf'<p class="field-error" id="e-key-origins-{request_id}">([^<]*)</p>', refused.text)
    assert problem is not None and html.unescape(problem.group(1)).startswith(
        "'http://www.cacao-durable.example'\u00a0: l’adresse doit commencer par «\u00a0https://\u00a0»"
    )
    assert f'aria-describedby="h-key-origins-{request_id} e-key-origins-{request_id}" aria-invalid="true"' in (
        refused.text
    )
    assert f'id="e-key-request-{request_id}"' not in refused.text  # the decision itself has no problem
    assert typed_origins(refused.text, request_id) == wrong  # what was typed, kept
    assert the_request(session_factory).decided_at is None
    assert count(session_factory, ApiKey) == 0 and count(session_factory, Organisation) == 3  # no new one either
    assert len(mailbox.to("awa@cacao-durable.example")) == 1  # the acknowledgement only
    emptied = decide(web, request_id, "accept", kind="", origins=" \n")  # every problem of the row at once
    assert f'id="e-key-origins-{request_id}"' in emptied.text and f'id="e-key-request-{request_id}"' in emptied.text
    assert count(session_factory, ApiKey) == 0


def test_the_origins_left_as_they_were_are_the_ones_asked(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    request_id = asked_and_signed_in(web, session_factory)
    shown = typed_origins(web.get(TEAM).text, request_id)
    assert shown == "https://www.cacao-durable.example\nhttps://*.cacao-durable.example"
    assert decide(web, request_id, "accept", kind="company", origins=shown).status_code == 303
    with session_factory() as session:
        assert session.scalar(select(ApiKey.allowed_origins)) == the_request(session_factory).origins
    assert "asked" not in accepted_audit(session_factory)  # not corrected
    assert accepted_audit(session_factory)["origins"] == the_request(session_factory).origins


def test_when_the_mail_fails_the_admin_is_shown_the_key(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox, settings: Settings
) -> None:
    asked_and_signed_in(web, session_factory)
    token = csrf_of(web.get(TEAM))
    settings.smtp_port = free_port()  # nobody listens there: the mail is refused
    page = web.post(
        f"{TEAM}/demandes-de-cle/{the_request(session_factory).id}",
        data={"csrf_token": token, "action": "accept", "kind": "company"},
        follow_redirects=False,
    )
    assert page.status_code == 200 and TOKEN.search(page.text) is not None
    assert the_request(session_factory).decision == RequestDecision.accepted  # made all the same


def test_the_centre_s_admin_declines_and_the_site_is_told(
    web: TestClient, session_factory: sessionmaker[Session], mailbox: Mailbox
) -> None:
    request_id = asked_and_signed_in(web, session_factory)
    declined = decide(web, request_id, "decline")
    assert declined.status_code == 303 and declined.headers["location"] == f"{TEAM}?notice=key_declined"
    assert the_request(session_factory).decision == RequestDecision.declined
    (_received, told) = mailbox.to("awa@cacao-durable.example")
    assert mailbox.subject(told) == "Your request for a key"
    assert "did not make a key for Fédération Cacao Durable" in mailbox.body(told)
    assert count(session_factory, ApiKey) == 0


def test_only_the_centre_s_admins_decide(web: TestClient, session_factory: sessionmaker[Session]) -> None:
    ask(web)
    make_person(session_factory, "ong-a", "boss@ong-a.org", Role.admin)
    sign_in(web, "boss@ong-a.org")
    assert 'id="key-requests"' not in web.get(TEAM).text
    refused = decide(web, the_request(session_factory).id, "accept", kind="company")
    assert refused.status_code == 403
    assert the_request(session_factory).decided_at is None and count(session_factory, ApiKey) == 0
