"""The write API: drafts owned by an organisation, validation, If-Match, slugs, body limits, stored XSS, revisions,
and the isolation of one organisation's drafts from every other."""

from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.http import MAX_BODY_BYTES
from app.models import KeyKind, OutboxEvent, Resource, ResourceRevision
from tests.helpers import (
    REVIEW,
    WRITE,
    Parties,
    approve,
    bearer,
    create,
    drain,
    good_practice,
    make_key,
    publish,
    search_ids,
    submit,
)

RID = "cocoa-remediation.fr"


def test_create_a_draft(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    parties = Parties.create(session_factory)
    response = client.post("/v1/resources", json=good_practice(), headers=bearer(parties.partner))
    assert response.status_code == 201, response.text
    assert response.headers["etag"] == 'W/"1"'
    assert response.headers["location"] == f"/v1/my/resources/{RID}"
    body = response.json()
    assert body["id"] == RID and body["publisher"] == "ong-a" and body["status"] == "draft"
    assert body["revision"]["number"] == 1 and body["revision"]["state"] == "draft"
    assert body["revision"]["organisation"] == "ong-a"
    assert body["revision"]["author_key"] == parties.partner.rsplit("_", 1)[0]
    assert body["url"] is None and body["published_revision"] is None
    with session_factory() as session:
        resource = session.get(Resource, RID)
        assert resource is not None and resource.origin == "api" and resource.organisation_id is not None


def test_publisher_is_the_organisation_not_the_payload(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    parties = Parties.create(session_factory)
    sneaky = client.post("/v1/resources", json=good_practice(publisher="crv"), headers=bearer(parties.partner))
    assert sneaky.status_code == 422  # not a field of the write API: the server sets it


def test_translation_key_and_slug_are_derived_from_the_title(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    parties = Parties.create(session_factory)
    payload = good_practice(title="Côte d'Ivoire : suivi des ménages", language="fr")
    del payload["translation_key"], payload["slug"]
    response = client.post("/v1/resources", json=payload, headers=bearer(parties.partner))
    assert response.status_code == 201, response.text
    assert response.json()["id"] == "cote-d-ivoire-suivi-des-menages.fr"
    assert response.json()["slug"] == "cote-d-ivoire-suivi-des-menages"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"sectors": ["unobtainium"]}, "sectors"),
        ({"countries": ["ZZ"]}, "countries"),
        ({"sources": []}, "sources"),  # a good practice must cite a source
        ({"body": "   "}, "body"),
        ({"body": "Voir [ailleurs](crv:no-such-resource)."}, "body"),
        ({"title": ""}, "title"),
        ({"type": "recipe"}, "type"),
        ({"slug": "Not A Slug"}, "slug"),
        ({"status": "published"}, "status"),  # the status is not the client's to set
        ({"sources": [{"title": "x", "url": "javascript:alert(1)"}]}, "sources.0.url"),
    ],
)
def test_validation_is_the_content_format(
    client: TestClient, session_factory: sessionmaker[Session], overrides: dict[str, object], field: str
) -> None:
    parties = Parties.create(session_factory)
    response = client.post("/v1/resources", json=good_practice(**overrides), headers=bearer(parties.partner))
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert field in [e["field"] for e in response.json()["errors"]]
    with session_factory() as session:
        assert session.scalar(select(func.count(Resource.id))) == 0


@pytest.mark.usefixtures("loaded")
def test_internal_links_to_published_resources_are_fine(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    parties = Parties.create(session_factory)
    response = create(client, parties.partner, body="Voir [la fiche](crv:country-ci).")
    assert 'href="http://testserver/fr/ressources/cote-d-ivoire"' in response.json()["body_html"]


@pytest.mark.usefixtures("loaded")
def test_conflicts_the_caller_can_see_are_409(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    """Taken by a published resource or by one's own: 409. (Another organisation's drafts never are: see
    tests/services/test_publishing_identity.py.)"""
    parties = Parties.create(session_factory)
    taken_by_content = client.post(
        "/v1/resources", json=good_practice(slug="cote-d-ivoire"), headers=bearer(parties.partner)
    )
    assert taken_by_content.status_code == 409
    assert taken_by_content.json()["errors"][0]["field"] == "slug"
    create(client, parties.partner)
    same_id = client.post("/v1/resources", json=good_practice(slug="autre"), headers=bearer(parties.partner))
    assert same_id.status_code == 409 and "PUT" in same_id.json()["detail"]
    own_slug = client.post(
        "/v1/resources", json=good_practice(translation_key="autre"), headers=bearer(parties.partner)
    )
    assert own_slug.status_code == 409 and own_slug.json()["errors"][0]["field"] == "slug"
    # nobody attaches a translation to a published resource of another publisher, nor to a content/ one
    published = publish(client, parties, translation_key="publiee", slug="publiee")
    hijack = client.post(
        "/v1/resources",
        json=good_practice(translation_key="publiee", language="en", slug="published"),
        headers=bearer(parties.other),
    )
    assert hijack.status_code == 409 and "another publisher" in hijack.json()["detail"]
    assert (
        client.post(
            "/v1/resources", json=good_practice(translation_key="publiee", slug="x"), headers=bearer(parties.other)
        ).status_code
        == 409
    ), published
    content_hijack = client.post(
        "/v1/resources",
        json=good_practice(translation_key="country-ci", language="en", slug="x"),
        headers=bearer(parties.partner),
    )
    assert content_hijack.status_code == 409
    # ong-a may add its own translation
    create(client, parties.partner, language="en", slug="cocoa-remediation")
    # an edit onto a slug already taken is a 409 too
    etag = client.get(f"/v1/my/resources/{RID}", headers=bearer(parties.partner)).headers["etag"]
    clash = client.patch(f"/v1/resources/{RID}", json={"slug": "cote-d-ivoire"}, headers=bearer(parties.partner, etag))
    assert clash.status_code == 409


def test_if_match_is_required_and_checked(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    parties = Parties.create(session_factory)
    etag = create(client, parties.partner).headers["etag"]
    url = f"/v1/resources/{RID}"
    missing = client.patch(url, json={"title": "Nouveau titre"}, headers=bearer(parties.partner))
    assert missing.status_code == 428
    assert missing.headers["content-type"] == "application/problem+json"
    wrong = client.patch(url, json={"title": "Nouveau titre"}, headers=bearer(parties.partner, 'W/"99"'))
    assert wrong.status_code == 412
    assert wrong.headers["etag"] == etag
    ok = client.patch(url, json={"title": "Nouveau titre"}, headers=bearer(parties.partner, etag))
    assert ok.status_code == 200, ok.text
    assert ok.headers["etag"] == 'W/"2"' and ok.json()["title"] == "Nouveau titre"
    # the strong form of the same tag and `*` are accepted too
    assert client.patch(url, json={"title": "Titre 3"}, headers=bearer(parties.partner, '"2"')).status_code == 200
    assert client.patch(url, json={"title": "Titre 4"}, headers=bearer(parties.partner, "*")).status_code == 200
    for path in ("submit", "archive"):
        assert client.post(f"{url}/{path}", headers=bearer(parties.partner)).status_code == 428
        assert client.post(f"{url}/{path}", headers=bearer(parties.partner, 'W/"1"')).status_code == 412


def test_two_editors_never_overwrite_each_other(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    parties = Parties.create(session_factory)
    colleague = make_key(session_factory, "ong-a", WRITE)
    create(client, parties.partner)
    url = f"/v1/resources/{RID}"
    alice_etag = client.get(f"/v1/my/resources/{RID}", headers=bearer(parties.partner)).headers["etag"]
    bob_etag = client.get(f"/v1/my/resources/{RID}", headers=bearer(colleague)).headers["etag"]
    alice = client.patch(url, json={"summary": "Version d'Alice."}, headers=bearer(parties.partner, alice_etag))
    assert alice.status_code == 200
    bob = client.put(url, json=good_practice(title="Version de Bob"), headers=bearer(colleague, bob_etag))
    assert bob.status_code == 412
    current = client.get(f"/v1/my/resources/{RID}", headers=bearer(colleague)).json()
    assert current["summary"] == "Version d'Alice." and current["title"] == good_practice()["title"]


def test_put_replaces_and_unchanged_writes_are_no_ops(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    parties = Parties.create(session_factory)
    etag = create(client, parties.partner).headers["etag"]
    url = f"/v1/resources/{RID}"
    same = client.put(url, json=good_practice(), headers=bearer(parties.partner, etag))
    assert same.status_code == 200 and same.headers["etag"] == etag and same.json()["revision"]["number"] == 1
    replaced = client.put(
        url, json=good_practice(countries=[], sectors=["coffee"]), headers=bearer(parties.partner, etag)
    )
    assert replaced.status_code == 200
    assert replaced.json()["sectors"] == ["coffee"] and replaced.json()["countries"] == []
    assert replaced.json()["revision"]["number"] == 2
    renamed = client.put(
        url, json=good_practice(translation_key="other-key"), headers=bearer(parties.partner, replaced.headers["etag"])
    )
    assert renamed.status_code == 422  # the id cannot change
    bad_patch = client.patch(url, json={"sectors": ["unobtainium"]}, headers=bearer(parties.partner, "*"))
    assert bad_patch.status_code == 422
    unknown_field = client.patch(url, json={"publisher": "crv"}, headers=bearer(parties.partner, "*"))
    assert unknown_field.status_code == 422


def test_request_body_limit_is_413(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    parties = Parties.create(session_factory)
    huge = good_practice(body="x" * (MAX_BODY_BYTES + 1))
    declared = client.post("/v1/resources", json=huge, headers=bearer(parties.partner))
    assert declared.status_code == 413
    assert declared.headers["content-type"] == "application/problem+json"

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit holds while reading
        yield b'{"title": "'
        for _ in range(MAX_BODY_BYTES // 1024 + 1):
            yield b"x" * 1024
        yield b'"}'

    streamed = client.post(
        "/v1/resources",
        content=chunks(),
        headers=bearer(parties.partner) | {"Content-Type": "application/json"},
    )
    assert streamed.status_code == 413
    with session_factory() as session:
        assert session.scalar(select(func.count(Resource.id))) == 0
    # just under the limit is fine (the field limit of 200 000 characters applies then)
    fits = good_practice(body="é" * 100_000)
    assert client.post("/v1/resources", json=fits, headers=bearer(parties.partner)).status_code == 201


XSS_BODY = """\
<script>alert('body')</script>

<img src=x onerror="alert('img')">

[click](javascript:alert('link'))

[ok](https://example.org/page "title")

<a href="https://evil.example" onclick="alert('a')">raw</a>

![pic](javascript:alert('img2'))

<iframe src="https://evil.example"></iframe>
"""


class Elements(HTMLParser):
    """The elements and attributes a browser would build from some HTML (escaped text is just text)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))


def assert_inert(html: str) -> None:
    elements = Elements(html).elements
    for tag, attrs in elements:
        assert tag not in {"script", "iframe", "img", "object", "embed", "style"}, (tag, html)
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name, html)
            assert not value.strip().lower().startswith(("javascript:", "data:", "vbscript:")), (tag, value, html)
    links = [attrs for tag, attrs in elements if tag == "a"]
    assert links[0] == {"href": "https://example.org/page", "title": "title", "rel": "nofollow noopener"}, html
    # the others: the addresses written in the escaped markup, links as any address typed in the text
    assert all(link == {"href": "https://evil.example", "rel": "nofollow noopener"} for link in links[1:]), html


def test_stored_xss_comes_back_inert(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    parties = Parties.create(session_factory)
    created = create(client, parties.partner, body=XSS_BODY, summary="<b onmouseover=alert(1)>résumé</b>")
    assert_inert(created.json()["body_html"])
    # the owner's draft, through the public route with its key, and through /v1/my
    assert_inert(client.get(f"/v1/resources/{RID}", headers=bearer(parties.partner)).json()["body_html"])
    assert_inert(client.get(f"/v1/my/resources/{RID}", headers=bearer(parties.partner)).json()["body_html"])
    # the reviewer's view, then the public page once published
    submit(client, parties.partner, RID)
    assert_inert(client.get(f"/v1/review/{RID}", headers=bearer(parties.editor)).json()["body_html"])
    approve(client, parties.editor, RID)
    public = client.get(f"/v1/resources/{RID}")
    assert public.status_code == 200
    assert_inert(public.json()["body_html"])
    assert public.json()["body"] == XSS_BODY.strip() + "\n"  # the source is kept verbatim; only its HTML is cleaned


def test_drafts_are_invisible_to_the_public_and_search(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    parties = Parties.create(session_factory)
    create(client, parties.partner)
    drain(client, session_factory)
    assert client.get(f"/v1/resources/{RID}").status_code == 404
    own = client.get(f"/v1/resources/{RID}", headers=bearer(parties.partner))
    assert own.status_code == 200 and own.json()["status"] == "draft"
    # only the organisation's writers see it: not its other keys
    reviewer_of_a = make_key(session_factory, "ong-a", REVIEW)
    widget_of_a = make_key(session_factory, "ong-a", "search", kind=KeyKind.publishable, origins=["https://ong-a.org"])
    assert client.get(f"/v1/resources/{RID}", headers=bearer(reviewer_of_a)).status_code == 404
    from_page = bearer(widget_of_a) | {"Origin": "https://ong-a.org"}
    assert client.get(f"/v1/resources/{RID}", headers=from_page).status_code == 404
    assert RID not in search_ids(client, q="remédiation cacao")
    mine = client.get("/v1/my/resources", headers=bearer(parties.partner)).json()
    assert mine["total"] == 1 and mine["items"][0]["id"] == RID
    assert (
        client.get("/v1/my/resources", params={"status": "published"}, headers=bearer(parties.partner)).json()["total"]
        == 0
    )


def test_another_organisation_can_never_touch_a_draft(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    parties = Parties.create(session_factory)
    etag = create(client, parties.partner).headers["etag"]
    submitted_etag = submit(client, parties.partner, RID).headers["etag"]
    intruder = parties.other
    attempts = [
        client.get(f"/v1/resources/{RID}", headers=bearer(intruder)),
        client.get(f"/v1/my/resources/{RID}", headers=bearer(intruder)),
        client.get(f"/v1/resources/{RID}/revisions", headers=bearer(intruder)),
        client.get(f"/v1/resources/{RID}/revisions/1", headers=bearer(intruder)),
        client.get(f"/v1/resources/{RID}/revisions/1/diff", headers=bearer(intruder)),
        client.patch(f"/v1/resources/{RID}", json={"title": "Pris"}, headers=bearer(intruder, submitted_etag)),
        client.put(f"/v1/resources/{RID}", json=good_practice(title="Pris"), headers=bearer(intruder, "*")),
        client.post(f"/v1/resources/{RID}/submit", headers=bearer(intruder, submitted_etag)),
        client.post(f"/v1/resources/{RID}/archive", headers=bearer(intruder, submitted_etag)),
    ]
    for response in attempts:
        assert response.status_code == 404, (response.request.method, response.request.url, response.text)
        assert "Pris" not in response.text and good_practice()["summary"] not in response.text
    assert client.get("/v1/my/resources", headers=bearer(intruder)).json()["total"] == 0
    # its write scope does not make it an editor either
    assert client.post(f"/v1/review/{RID}/approve", headers=bearer(intruder, submitted_etag)).status_code == 403
    with session_factory() as session:
        resource = session.get(Resource, RID)
        assert resource is not None and resource.status == "submitted" and resource.title == good_practice()["title"]
    assert etag != submitted_etag


def test_another_organisation_cannot_change_a_published_resource(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    parties = Parties.create(session_factory)
    publish(client, parties)
    etag = client.get(f"/v1/my/resources/{RID}", headers=bearer(parties.partner)).headers["etag"]
    for response in (
        client.patch(f"/v1/resources/{RID}", json={"title": "Pris"}, headers=bearer(parties.other, etag)),
        client.post(f"/v1/resources/{RID}/archive", headers=bearer(parties.other, etag)),
    ):
        assert response.status_code == 403, response.text
    assert client.get(f"/v1/resources/{RID}").json()["title"] == good_practice()["title"]


@pytest.mark.usefixtures("loaded")
def test_content_resources_cannot_be_changed_through_the_api(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    parties = Parties.create(session_factory)
    response = client.patch("/v1/resources/country-ci.fr", json={"title": "x"}, headers=bearer(parties.partner, "*"))
    assert response.status_code == 403
    archived = client.post("/v1/resources/country-ci.fr/archive", headers=bearer(parties.editor, "*"))
    assert archived.status_code in (403, 409)
    assert client.get("/v1/resources/country-ci.fr").status_code == 200


def test_editing_a_published_resource_keeps_it_live_until_approved(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    parties = Parties.create(session_factory)
    publish(client, parties)
    drain(client, session_factory)
    original = good_practice()["title"]
    etag = client.get(f"/v1/my/resources/{RID}", headers=bearer(parties.partner)).headers["etag"]
    edited = client.patch(
        f"/v1/resources/{RID}", json={"title": "Remédiation agroforestière"}, headers=bearer(parties.partner, etag)
    )
    assert edited.status_code == 200
    view = edited.json()
    assert view["status"] == "published" and view["published_revision"] == 1
    assert view["revision"]["number"] == 2 and view["revision"]["state"] == "draft"
    assert view["title"] == "Remédiation agroforestière"
    # the public still reads revision 1, even with the owner's key on the public route
    assert client.get(f"/v1/resources/{RID}").json()["title"] == original
    assert client.get(f"/v1/resources/{RID}", headers=bearer(parties.partner)).json()["title"] == original
    submit(client, parties.partner, RID)
    assert client.get(f"/v1/resources/{RID}").json()["title"] == original
    approve(client, parties.editor, RID)
    assert client.get(f"/v1/resources/{RID}").json()["title"] == "Remédiation agroforestière"
    drain(client, session_factory)
    hits = client.get("/v1/search", params={"q": "agroforestière"}).json()["hits"]
    assert [(h["id"], h["title"]) for h in hits] == [(RID, "Remédiation agroforestière")]


def test_archive_takes_a_resource_down(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    parties = Parties.create(session_factory)
    publish(client, parties)
    drain(client, session_factory)
    assert RID in search_ids(client, q="remédiation")
    etag = client.get(f"/v1/my/resources/{RID}", headers=bearer(parties.partner)).headers["etag"]
    archived = client.post(f"/v1/resources/{RID}/archive", headers=bearer(parties.partner, etag))
    assert archived.status_code == 200 and archived.json()["status"] == "archived"
    again = client.post(f"/v1/resources/{RID}/archive", headers=bearer(parties.partner, archived.headers["etag"]))
    assert again.status_code == 409
    drain(client, session_factory)
    assert client.get(f"/v1/resources/{RID}").status_code == 410  # it was published: gone, not unknown
    assert RID not in search_ids(client, q="remédiation")


def test_revisions_and_diff(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    parties = Parties.create(session_factory)
    etag = create(client, parties.partner).headers["etag"]
    etag = client.patch(
        f"/v1/resources/{RID}",
        json={"title": "Un meilleur titre", "body": "## Démarche\n\nDes agents formés visitent les ménages.\n"},
        headers=bearer(parties.partner, etag),
    ).headers["etag"]
    client.patch(f"/v1/resources/{RID}", json={"sectors": ["coffee"]}, headers=bearer(parties.partner, etag))
    revisions = client.get(f"/v1/resources/{RID}/revisions", headers=bearer(parties.partner)).json()
    assert [(r["number"], r["state"]) for r in revisions] == [(1, "superseded"), (2, "superseded"), (3, "draft")]
    detail = client.get(f"/v1/resources/{RID}/revisions/2", headers=bearer(parties.partner)).json()
    assert detail["data"]["title"] == "Un meilleur titre"
    diff = client.get(f"/v1/resources/{RID}/revisions/2/diff", headers=bearer(parties.partner)).json()
    assert diff["from_revision"] == 1 and diff["to_revision"] == 2
    text = diff["diff"]
    assert f"--- {RID}@1" in text and f"+++ {RID}@2" in text
    assert f"-title: {good_practice()['title']}" in text and "+title: Un meilleur titre" in text
    assert "-Des agents de suivi visitent les ménages producteurs." in text
    assert "+Des agents formés visitent les ménages." in text
    against = client.get(
        f"/v1/resources/{RID}/revisions/3/diff", params={"against": 1}, headers=bearer(parties.partner)
    ).json()
    assert "-sectors: cocoa" in against["diff"] and "+sectors: coffee" in against["diff"]
    assert client.get(f"/v1/resources/{RID}/revisions/9/diff", headers=bearer(parties.partner)).status_code == 404
    with session_factory() as session:
        assert session.scalar(select(func.count(ResourceRevision.id))) == 3


def test_every_write_reaches_the_outbox(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    """Writes go through the Resource row, so the search index follows them (the outbox hook)."""
    parties = Parties.create(session_factory)
    create(client, parties.partner)
    with session_factory() as session:
        assert session.scalar(select(func.count(OutboxEvent.id)).where(OutboxEvent.resource_id == RID)) >= 1
