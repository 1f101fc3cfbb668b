"""The key requests' rules: the addresses typed, one a line, checked by the keys' own rule (https only, but on the
person's own computer); the builder's filters checked against the taxonomies; every problem at once; accepting
makes a key that works — it authenticates, from its origins only, within its filters — in the same transaction as
the decision; declining makes nothing."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.errors import Forbidden, InvalidParameters, NotFound
from app.models import AccountRequest, AuditEntry, KeyKind, KeyRequest, OrganisationKind, RequestDecision, Role
from app.services import key_requests, keys
from app.services.accounts import Person
from app.services.key_requests import NewKeyRequest
from app.services.origins import OriginError, parse_allowed_origin
from app.taxonomy import Taxonomies

SITE = "https://www.cacao-durable.example"
ASKED = NewKeyRequest(
    site_name="Fédération\nCacao Durable",
    origins=f"{SITE}/ressources/\n\nhttps://*.cacao-durable.example\nhttp://localhost:3000",
    filters="country=CI&sector=cocoa",
    contact_name="Awa Koné",
    email="Awa@Cacao-Durable.example",
    language="en",
)


def centre_admin(session: Session, role: Role = Role.admin, centre: bool = True) -> Person:
    organisation = keys.ensure_centre(session)[0] if centre else keys.get_organisation(session, "ong-a")
    return Person(1, "admin@crv.org", "Admin", role, organisation.id, organisation.slug, organisation.name, centre, 0)


def changed(**changes: Any) -> NewKeyRequest:
    return NewKeyRequest(**{**{name: getattr(ASKED, name) for name in ASKED.__slots__}, **changes})


# What is typed


def test_the_addresses_of_pages_become_the_origins_of_their_sites() -> None:
    typed = "www.ong.example/actualites/page.html\n https://*.cci.example \n\nhttp://localhost:3000\nhttps://WWW.ong.example"
    origins, problems = key_requests.origins_of(typed)
    assert origins == ["https://www.ong.example", "https://*.cci.example", "http://localhost:3000"]
    assert problems == []
    assert key_requests.origins_of("http://[::1]:8080") == (["http://[::1]:8080"], [])


@pytest.mark.parametrize(
    "typed", ["https://*.gouv.fr", "https://a.*.ong.example", "ftp://ong.example", "https://user@ong.example"]
)
def test_a_line_is_refused_with_the_keys_own_words(typed: str) -> None:
    """The same rule, and the same words, as a key made by an administrator (app.services.keys)."""
    _, (problem,) = key_requests.origins_of(typed)
    with pytest.raises(OriginError) as refused:
        parse_allowed_origin(typed)
    assert problem.field == "origins" and problem.message == str(refused.value)


def test_http_is_for_the_person_s_own_computer_only() -> None:
    origins, problems = key_requests.origins_of("http://www.ong.example\nhttps://www.ong.example")
    assert origins == ["https://www.ong.example"]
    assert [p.message for p in problems] == [
        "'http://www.ong.example': the address must start with “https://” (http:// only for localhost, your own "
        "computer)"
    ]


def test_empty_or_too_many_addresses_are_one_problem() -> None:
    assert [p.message for p in key_requests.origins_of(" \n ")[1]] == ["required"]
    many = "\n".join(f"https://site{n}.example" for n in range(21))
    assert [p.message for p in key_requests.origins_of(many)[1]] == ["at most 20 addresses"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", {}),
        ("country=CI&country=GH&sector=cocoa", {"country": ["CI", "GH"], "sector": ["cocoa"]}),
        ("country=ci&publisher=crv", {"country": ["CI"], "publisher": ["crv"]}),
    ],
)
def test_the_builder_s_filters_are_read(taxonomies: Taxonomies, typed: str, expected: dict[str, list[str]]) -> None:
    assert key_requests.filters_of(typed, taxonomies) == (expected, [])


@pytest.mark.parametrize("typed", ["country=Wakanda", "lang=fr", "colour=red", "country=", "x" * 1001])
def test_filters_the_builder_never_sends_are_refused(taxonomies: Taxonomies, typed: str) -> None:
    filters, (problem,) = key_requests.filters_of(typed, taxonomies)
    assert filters == {} and problem.field == "filters"


# Asking


def test_every_problem_is_reported_at_once_and_nothing_kept(session: Session, taxonomies: Taxonomies) -> None:
    wrong = changed(site_name=" ", origins="http://x.example", filters="country=XX", contact_name="", email="awa")
    with pytest.raises(InvalidParameters) as refused:
        key_requests.request_key(session, wrong, taxonomies)
    fields = sorted(e.field for e in refused.value.errors or [])
    assert fields == ["contact_name", "email", "filters", "origins", "site_name"]
    assert session.scalar(select(KeyRequest)) is None


def test_a_request_is_kept_once_for_the_same_key(session: Session, taxonomies: Taxonomies) -> None:
    request, new = key_requests.request_key(session, ASKED, taxonomies)
    assert new and request.email == "awa@cacao-durable.example"
    assert (request.site_name, request.language) == ("Fédération Cacao Durable", "en")  # one line: a mail subject
    assert request.origins == [SITE, "https://*.cacao-durable.example", "http://localhost:3000"]
    assert key_requests.request_key(session, changed(origins=f"{SITE}\n{ASKED.origins}"), taxonomies) == (
        request,
        False,
    )
    _, other = key_requests.request_key(session, changed(filters=""), taxonomies)
    assert other  # other filters: another key
    assert session.scalars(select(AuditEntry.action)).all() == ["key_request.create", "key_request.create"]


def test_a_site_s_name_is_as_long_as_an_organisation_s() -> None:
    """A decided request's deletion after a year is app.services.retention's (tests/services/test_retention.py)."""
    assert key_requests.FIELD_LENGTHS["site_name"] == AccountRequest.__table__.c["organisation_name"].type.length


# Deciding


def test_accepting_makes_a_key_that_works_from_its_origins_within_its_filters(
    session_factory: sessionmaker[Session], taxonomies: Taxonomies, client: TestClient, loaded: None
) -> None:
    with session_factory() as session:
        request, _ = key_requests.request_key(session, ASKED, taxonomies)
        actor = centre_admin(session)
        accepted, holder, created = key_requests.accept(session, actor, request.id, "", "company", taxonomies)
        session.commit()
        key = created.key
        assert (holder.slug, holder.kind) == ("federation-cacao-durable", OrganisationKind.company)
        assert (key.kind, key.scopes, key.rate_limit_per_minute) == (KeyKind.publishable, ["search"], None)
        assert key.fixed_filters == {"country": ["CI"], "sector": ["cocoa"]}
        assert accepted.api_key_id == key.id and accepted.organisation_id == holder.id
        assert keys.authenticate(session, created.token).id == key.id
        actions = list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
        assert actions[-3:] == ["organisation.create", "key.create", "key_request.accepted"]
    found = client.get(
        "/v1/search", params={"key": created.token}, headers={"Origin": "https://actu.cacao-durable.example"}
    )
    assert (
        found.status_code == 200
        and found.headers["access-control-allow-origin"] == "https://actu.cacao-durable.example"
    )
    hits = found.json()["hits"]
    assert hits and all("CI" in hit["countries"] for hit in hits)  # its filters, whatever the page asks
    elsewhere = client.get("/v1/search", params={"key": created.token}, headers={"Origin": "https://other.example"})
    assert elsewhere.status_code == 403


def test_accepting_for_an_organisation_that_exists(session: Session, taxonomies: Taxonomies) -> None:
    make_org_in(session, "ong-a", website="https://www.cacao-durable.example")
    request, _ = key_requests.request_key(session, ASKED, taxonomies)
    organisations = key_requests.holders(session)
    assert [w.holder for w in key_requests.waiting(session, taxonomies, "en", organisations)] == ["ong-a"]
    with pytest.raises(InvalidParameters) as unknown:
        key_requests.accept(session, centre_admin(session), request.id, "nobody", "", taxonomies)
    assert [e.field for e in unknown.value.errors or []] == ["organisation"]
    with pytest.raises(InvalidParameters) as no_kind:
        key_requests.accept(session, centre_admin(session), request.id, "", "resource-centre", taxonomies)
    assert [e.field for e in no_kind.value.errors or []] == ["kind"]
    _, holder, _ = key_requests.accept(session, centre_admin(session), request.id, "ong-a", "", taxonomies)
    assert holder.slug == "ong-a"


def test_the_administrator_s_origins_are_checked_by_the_request_form_s_rule(
    session: Session, taxonomies: Taxonomies
) -> None:
    """Corrected before accepting: the same rule as the form's (an address reduced to its site, https but on the
    person's own computer), every problem of the decision at once and nothing made; the audit says what was
    granted, and what was asked when it differs."""
    request, _ = key_requests.request_key(session, ASKED, taxonomies)
    actor = centre_admin(session)
    with pytest.raises(InvalidParameters) as refused:
        key_requests.accept(session, actor, request.id, "", "", taxonomies, origins="http://www.ong.example/a")
    assert [(e.field, e.message) for e in refused.value.errors or []] == [
        ("origins", key_requests.origins_of("http://www.ong.example/a")[1][0].message),
        ("kind", "choose the kind of organisation"),
    ]
    assert request.decided_at is None and session.scalar(select(KeyRequest.api_key_id)) is None
    too_long = "\n".join(f"https://{'x' * 120}{n}.example" for n in range(17))
    with pytest.raises(InvalidParameters) as long_refused:
        key_requests.accept(session, actor, request.id, "", "company", taxonomies, origins=too_long)
    assert [e.message for e in long_refused.value.errors or []] == ["must have at most 2000 characters"]
    edited = f"{SITE}/membres/\nhttp://localhost:3000"
    accepted, _, created = key_requests.accept(session, actor, request.id, "", "company", taxonomies, origins=edited)
    assert created.key.allowed_origins == [SITE, "http://localhost:3000"]
    assert accepted.origins == [SITE, "https://*.cacao-durable.example", "http://localhost:3000"]  # as asked
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "key_request.accepted"))
    assert entry is not None
    assert entry.details == {"request": request.id, "origins": created.key.allowed_origins, "asked": accepted.origins}


def test_origins_left_out_are_those_asked(session: Session, taxonomies: Taxonomies) -> None:
    request, _ = key_requests.request_key(session, ASKED, taxonomies)
    _, _, created = key_requests.accept(session, centre_admin(session), request.id, "", "company", taxonomies)
    assert created.key.allowed_origins == request.origins
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "key_request.accepted"))
    assert entry is not None and entry.details == {"request": request.id, "origins": request.origins}


def test_declining_makes_nothing_and_only_once(session: Session, taxonomies: Taxonomies) -> None:
    request, _ = key_requests.request_key(session, ASKED, taxonomies)
    declined = key_requests.decline(session, centre_admin(session), request.id)
    assert declined.decision == RequestDecision.declined and declined.api_key_id is None
    with pytest.raises(NotFound):
        key_requests.accept(session, centre_admin(session), request.id, "", "company", taxonomies)


@pytest.mark.parametrize(("role", "centre"), [(Role.editor, True), (Role.admin, False)])
def test_only_the_centre_s_administrators_decide(
    session: Session, taxonomies: Taxonomies, role: Role, centre: bool
) -> None:
    make_org_in(session, "ong-a")
    request, _ = key_requests.request_key(session, ASKED, taxonomies)
    with pytest.raises(Forbidden):
        key_requests.accept(session, centre_admin(session, role, centre), request.id, "", "company", taxonomies)
    assert request.decided_at is None


def make_org_in(session: Session, slug: str, **columns: str) -> None:
    organisation = keys.create_organisation(session, slug, slug.replace("-", " ").title(), OrganisationKind.ngo)
    for name, value in columns.items():
        setattr(organisation, name, value)
    session.flush()
