"""GET /v1/feed.atom, read by a real feed reader (feedparser): order, links, categories, filters, paging (RFC 5005),
conditional GET."""

from datetime import UTC, datetime, timedelta

import feedparser
import pytest
from fastapi.testclient import TestClient
from lxml import etree
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from app.models import Resource, ResourceStatus
from tests.helpers import WIDGET_SITE, make_org, resource_row, widget_key

pytestmark = pytest.mark.usefixtures("loaded")
ATOM = "{http://www.w3.org/2005/Atom}"
FIXTURE_ORDER = [  # the fixture corpus, as test_site_wide_feed_most_recently_changed_first stamps it
    "country-pk.en",
    "method-risk-mapping.fr",
    "country-ci.fr",
    "country-ci.en",
    "method-risk-mapping.en",
    "country-pk.fr",
]


def parse(client: TestClient, **params: str | list[str]) -> feedparser.FeedParserDict:
    response = client.get("/v1/feed.atom", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def stamp(session_factory: sessionmaker[Session], changes: dict[str, datetime]) -> None:
    """Sets resources' last change (``modified_at``), as if they had last changed then."""
    with session_factory() as session:
        for resource_id, changed in changes.items():
            session.execute(update(Resource).where(Resource.id == resource_id).values(modified_at=changed))
        session.commit()


def stamp_fixture(session_factory: sessionmaker[Session]) -> None:
    start = datetime(2025, 6, 1, 9, 30, tzinfo=UTC)
    stamp(session_factory, {rid: start - timedelta(days=n) for n, rid in enumerate(FIXTURE_ORDER)})


def ids(feed: feedparser.FeedParserDict) -> list[str]:
    return [entry.id.rsplit("/", 1)[-1] for entry in feed.entries]


def links(feed: feedparser.FeedParserDict) -> dict[str, str]:
    return {link.rel: link.href for link in feed.feed.links if link.type == "application/atom+xml"}


def test_site_wide_feed_most_recently_changed_first(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    stamp_fixture(session_factory)
    feed = parse(client)
    assert ids(feed) == FIXTURE_ORDER  # by last change, not by publication date
    assert feed.entries[0].updated == "2025-06-01T09:30:00Z"  # the resource's last change
    assert feed.entries[-1].updated == "2025-05-27T09:30:00Z"
    assert feed.entries[0].published == "2026-02-01T00:00:00Z"  # its publication date, as before
    assert feed.feed.updated == "2025-06-01T09:30:00Z"  # the newest entry's
    assert feed.feed.links[0].rel == "self"
    assert links(feed) == {"self": "http://testserver/v1/feed.atom", "first": "http://testserver/v1/feed.atom"}


def test_entry_has_summary_links_categories_author_and_rights(client: TestClient) -> None:
    feed = parse(client, country="CI", lang="fr")
    assert [entry.id for entry in feed.entries] == ["http://testserver/v1/resources/country-ci.fr"]
    entry = feed.entries[0]
    assert entry.title == "Côte d’Ivoire\u00a0: travail des enfants dans le cacao"
    assert entry.summary.startswith("Fiche de test")
    assert entry.link == "http://testserver/fr/ressources/cote-d-ivoire"
    assert {link.type for link in entry.links} == {"text/html", "application/json"}
    other = [(link.rel, link.href) for link in entry.links if link.get("hreflang") == "en"]
    assert other == [("related", "http://testserver/en/resources/cote-d-ivoire")]  # its translation
    terms = {(tag.term, tag.scheme.rsplit("/", 1)[-1], tag.label) for tag in entry.tags}
    assert ("CI", "countries", "Côte d’Ivoire") in terms
    assert ("risk_sheet", "types", "Fiche risque") in terms  # labels in the entry's language
    assert ("child-labour", "risks", "Travail des enfants") in terms
    assert any(t == "cocoa" and s == "sectors" for t, s, _ in terms)
    assert entry.author == "Centre de ressources virtuel 8.7"  # the centre's name in the entry's language
    assert entry.rights == "CC-BY-4.0"
    assert feed.feed.language == "fr"
    assert feed.feed.id == "http://testserver/v1/feed.atom?country=CI&lang=fr"
    assert (
        feed.feed.title
        == "Centre de ressources virtuel 8.7 — ressources nouvelles ou mises à jour (Côte d’Ivoire\u202f; Français)"
    )
    assert feed.feed.author == "Centre de ressources virtuel 8.7"


def test_a_partner_s_entry_names_its_organisation(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    make_org(session_factory, "terre-solidaire")
    with session_factory() as session:
        session.add(Resource(**resource_row("practice-x", "en", publisher="terre-solidaire", countries=["GH"])))
        session.add(Resource(**resource_row("practice-y", "en", publisher="unknown-org", countries=["GH"])))
        session.commit()
    authors = {entry.id.rsplit("/", 1)[1]: entry.author for entry in parse(client, country="GH").entries}
    assert authors == {"practice-x.en": "Terre Solidaire", "practice-y.en": "unknown-org"}
    assert parse(client, lang="en").feed.title == "Virtual resource centre 8.7 — new and updated resources (English)"
    titled = parse(client, publisher=["terre-solidaire", "crv"], lang="en").feed.title
    assert titled.endswith("(Virtual resource centre 8.7 or Terre Solidaire; English)")  # names, not codes


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"type": "methodology"}, {"method-risk-mapping.en", "method-risk-mapping.fr"}),
        ({"sector": "bricks", "lang": "en"}, {"country-pk.en"}),
        ({"country": ["CI", "PK"], "lang": "en"}, {"country-ci.en", "country-pk.en"}),
        ({"region": "sub-saharan-africa", "risk": "child-labour", "lang": "fr"}, {"country-ci.fr"}),
        ({"q": "cacao"}, {"country-ci.fr", "country-ci.en"}),
    ],
)
def test_any_search_filter_selects_like_search(
    client: TestClient, params: dict[str, str | list[str]], expected: set[str]
) -> None:
    feed = parse(client, **params)
    got = {entry.id.rsplit("/", 1)[-1] for entry in feed.entries}
    assert got == expected
    search = client.get("/v1/search", params={**params, "per_page": 100}).json()
    assert got == {hit["id"] for hit in search["hits"]}  # the same selection as the search


def test_unknown_filter_value_is_the_search_problem(client: TestClient) -> None:
    response = client.get("/v1/feed.atom", params={"country": "XX"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == "country"


def test_conditional_get(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    stamp_fixture(session_factory)
    first = client.get("/v1/feed.atom", params={"lang": "en"})
    etag, last_modified = first.headers["etag"], first.headers["last-modified"]
    assert last_modified == "Sun, 01 Jun 2025 09:30:00 GMT"  # the latest change to a resource
    assert "max-age" in first.headers["cache-control"]
    assert client.get("/v1/feed.atom", params={"lang": "en"}, headers={"If-None-Match": etag}).status_code == 304
    unchanged = client.get("/v1/feed.atom", params={"lang": "en"}, headers={"If-Modified-Since": last_modified})
    assert unchanged.status_code == 304 and unchanged.content == b""
    older = client.get(
        "/v1/feed.atom", params={"lang": "en"}, headers={"If-Modified-Since": "Sat, 31 May 2025 09:30:00 GMT"}
    )
    assert older.status_code == 200
    other = client.get("/v1/feed.atom", params={"lang": "fr"}, headers={"If-None-Match": etag})
    assert other.status_code == 200


def test_limit(client: TestClient) -> None:
    feed = parse(client, limit="2")
    assert len(feed.entries) == 2
    assert client.get("/v1/feed.atom", params={"limit": 0}).status_code == 422
    assert client.get("/v1/feed.atom", params={"limit": 201}).status_code == 422  # more: follow the next links


def add_corpus(session_factory: sessionmaker[Session], count: int = 23) -> dict[str, datetime]:
    """``count`` resources in each language, some changed at the same instant (the id breaks the tie), and a draft
    and a withdrawn one, which no page shows; returns the published ones' last changes."""
    start = datetime(2025, 1, 1, 12, tzinfo=UTC)
    changes: dict[str, datetime] = {}
    with session_factory() as session:
        for n in range(count):
            for language in ("fr", "en"):
                row = resource_row(f"extra-{n:02d}", language)
                session.add(Resource(**row))
                changes[row["id"]] = start + timedelta(minutes=n // 3)  # three at a time
        session.add(Resource(**resource_row("draft", "fr", status=ResourceStatus.draft)))
        session.add(Resource(**resource_row("gone", "en", status=ResourceStatus.archived)))
        session.commit()
    stamp(session_factory, {**changes, "draft.fr": start, "gone.en": start})
    return changes


def published_ids(session_factory: sessionmaker[Session], language: str | None = None) -> list[str]:
    with session_factory() as session:
        query = select(Resource.id).where(Resource.is_public)
        if language:
            query = query.where(Resource.language == language)
        return list(session.scalars(query))


def walk(client: TestClient, url: str, rel: str) -> list[feedparser.FeedParserDict]:
    """Every page from ``url`` following ``rel`` links, each checked as Atom (RFC 4287) by feedparser and lxml."""
    pages: list[feedparser.FeedParserDict] = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.text
        feed = feedparser.parse(response.content)
        assert not feed.bozo, feed.get("bozo_exception")
        root = etree.fromstring(response.content)
        for entry in root.iter(f"{ATOM}entry"):
            assert len(entry.findall(f"{ATOM}updated")) == 1 and len(entry.findall(f"{ATOM}id")) == 1
        assert len(root.findall(f"{ATOM}updated")) == 1 and len(root.findall(f"{ATOM}id")) == 1
        pages.append(feed)
        assert len(pages) < 100, "the links loop"
        url = links(feed).get(rel, "")
    return pages


@pytest.mark.parametrize("language", [None, "fr", "en"])
def test_following_next_to_the_end_gives_every_published_resource_once(
    client: TestClient, session_factory: sessionmaker[Session], language: str | None
) -> None:
    stamp_fixture(session_factory)
    changes = add_corpus(session_factory)
    params = f"lang={language}&limit=4" if language else "limit=4"
    pages = walk(client, f"/v1/feed.atom?{params}", "next")
    got = [resource_id for page in pages for resource_id in ids(page)]
    expected = published_ids(session_factory, language)
    assert len(got) == len(set(got)) == len(expected)  # each once
    assert set(got) == set(expected)  # every one, and nothing unpublished
    assert [len(page.entries) for page in pages[:-1]] == [4] * (len(pages) - 1)
    assert 1 <= len(pages[-1].entries) <= 4 and "next" not in links(pages[-1])
    updated = [entry.updated for page in pages for entry in page.entries]
    assert updated == sorted(updated, reverse=True)  # the most recently changed first, across pages
    tied = [rid for rid in got if changes.get(rid) == datetime(2025, 1, 1, 12, tzinfo=UTC)]
    assert tied == sorted(tied, reverse=True)  # changed at the same instant: by id
    assert {page.feed.id for page in pages} == {
        f"http://testserver/v1/feed.atom{'?lang=' + language if language else ''}"
    }
    assert all(page.feed.updated == page.entries[0].updated for page in pages)  # each page's newest entry's
    assert all(links(page)["first"] == f"http://testserver/v1/feed.atom?{params}" for page in pages)
    assert "previous" not in links(pages[0]) and all("previous" in links(page) for page in pages[1:])


def test_previous_links_walk_back_the_same_pages(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    add_corpus(session_factory)
    forward = walk(client, "/v1/feed.atom?limit=5", "next")
    assert len(forward) > 3
    back = walk(client, links(forward[-1])["previous"], "previous")
    assert [ids(page) for page in back] == [ids(page) for page in reversed(forward[:-1])]
    assert all(links(page)["prev"] == links(page)["previous"] for page in forward[1:])  # RFC 5005's and HTML's
    assert links(back[-1])["self"] == links(forward[1])["previous"]
    assert "next" in links(back[-1]) and links(back[-1])["next"] == links(forward[0])["next"]
    assert links(forward[2])["self"] == links(forward[1])["next"]  # a page's self link is its own address


def test_a_previous_page_reaching_the_head_is_the_head(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    add_corpus(session_factory)
    first, second = walk(client, "/v1/feed.atom?limit=5", "next")[:2]
    with session_factory() as session:  # two of the first page's resources are withdrawn meanwhile
        session.execute(update(Resource).where(Resource.id.in_(ids(first)[:2])).values(status=ResourceStatus.archived))
        session.commit()
    back = client.get(links(second)["previous"])
    assert back.status_code == 200
    page = feedparser.parse(back.content)
    assert ids(page) == ids(parse(client, limit="5")) == ids(first)[2:] + ids(second)[:2]  # full, not 3 entries
    assert "previous" not in links(page)


def test_an_edit_brings_an_entry_back_to_the_first_page(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    add_corpus(session_factory)
    before = walk(client, "/v1/feed.atom?limit=5", "next")
    oldest = ids(before[-1])[-1]
    assert oldest not in ids(before[0])
    with session_factory() as session:
        resource = session.get_one(Resource, oldest)
        resource.summary = "An edited summary."  # any edit bumps its last change
        session.commit()
        changed = resource.modified_at
    head = parse(client, limit="5")
    assert ids(head)[0] == oldest
    assert head.entries[0].summary == "An edited summary."
    assert head.entries[0].updated == changed.strftime("%Y-%m-%dT%H:%M:%SZ") == head.feed.updated
    after = walk(client, "/v1/feed.atom?limit=5", "next")
    everything = [rid for page in after for rid in ids(page)]
    assert sorted(everything) == sorted(rid for page in before for rid in ids(page))  # still each once


def test_each_page_has_its_own_validators(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    stamp_fixture(session_factory)  # the latest change a second or more before the edit below
    add_corpus(session_factory)
    first, second = walk(client, "/v1/feed.atom?limit=5", "next")[:2]
    second_url = links(first)["next"]
    page = client.get(second_url)
    etag, last_modified = page.headers["etag"], page.headers["last-modified"]
    assert etag != client.get("/v1/feed.atom?limit=5").headers["etag"]
    assert client.get(second_url, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(second_url, headers={"If-Modified-Since": last_modified}).status_code == 304
    assert client.get("/v1/feed.atom?limit=5", headers={"If-None-Match": etag}).status_code == 200  # not its ETag
    with session_factory() as session:  # one of the second page's entries is edited: it leaves the page
        session.get_one(Resource, ids(second)[0]).title = "Edited"
        session.commit()
    assert client.get(second_url, headers={"If-None-Match": etag}).status_code == 200
    changed = client.get(second_url, headers={"If-Modified-Since": last_modified})
    assert changed.status_code == 200 and ids(second)[0] not in ids(feedparser.parse(changed.content))


@pytest.mark.parametrize(
    "cursor",
    [
        "not-a-cursor",
        "eyJhIjoxfQ",  # {"a":1}
        "eyJkIjoieCIsInQiOiIyMDI1LTAxLTAxVDAwOjAwOjAwKzAwOjAwIiwiaSI6ImEifQ",  # direction "x"
        "eyJkIjoibiIsInQiOiIwMDAxLTAxLTAxVDAwOjAwOjAwKzAxOjAwIiwiaSI6IngifQ",  # before year 1 in UTC
    ],
    ids=["garbage", "other fields", "unknown direction", "out of range"],
)
def test_a_hand_made_cursor_is_a_422_problem(client: TestClient, cursor: str) -> None:
    response = client.get("/v1/feed.atom", params={"cursor": cursor})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == "cursor"


def test_a_publishable_key_in_the_url_is_carried_into_the_links(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """A sector=cocoa key given as ``?key=``: every page's self, first, previous and next links (and the JSON search)
    carry it, so following ``next`` stays within cocoa; the feed's id (the selection's name) never names it."""
    stamp_fixture(session_factory)
    key = widget_key(session_factory, filters={"sector": ["cocoa"]})
    origin = {"Origin": WIDGET_SITE}
    url, pages = f"/v1/feed.atom?limit=1&key={key}", []
    while url:
        response = client.get(url, headers=origin)
        assert response.status_code == 200, response.text
        pages.append(feedparser.parse(response.content))
        assert len(pages) < 10, "the links loop"
        url = links(pages[-1]).get("next", "")
    assert [ids(page) for page in pages] == [["country-ci.fr"], ["country-ci.en"]]  # the two cocoa sheets, no more
    for page in pages:
        assert all(f"key={key}" in href for href in links(page).values()), links(page)
        assert page.feed.id == "http://testserver/v1/feed.atom#fixed:sector=cocoa" and key not in page.feed.id
        search = [link.href for link in page.feed.links if link.type == "application/json"]
        assert search == [f"http://testserver/v1/search?key={key}"]
    assert set(links(pages[1])) == {"self", "first", "previous", "prev"}
    back = client.get(links(pages[1])["previous"], headers=origin)
    assert ids(feedparser.parse(back.content)) == ["country-ci.fr"]
    header = client.get("/v1/feed.atom?limit=1", headers={**origin, "X-Crv-Key": key})
    in_header = feedparser.parse(header.content)  # the key's filter holds; its links name no key (sent again)
    assert ids(in_header) == ["country-ci.fr"] and all("key=" not in href for href in links(in_header).values())


def test_a_key_s_feed_and_the_public_one_have_distinct_stable_ids(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """The same URL with and without a key that fixes filters gives two feeds: they had one id, so a reader given
    both merged them (RFC 4287 §4.2.6). Each id is stable (every page, the key in the URL or in a header) and never
    names the key; a key with the same filters as another gives the same feed, and so the same id."""
    origin = {"Origin": WIDGET_SITE}
    cocoa = widget_key(session_factory, filters={"sector": ["cocoa"], "country": ["CI"]})
    same = widget_key(session_factory, org="ong-b", filters={"country": ["CI"], "sector": ["cocoa"]})
    unfixed = widget_key(session_factory, org="ong-c")

    def feed_id(url: str, **headers: str) -> str:
        response = client.get(url, headers={**origin, **headers})
        assert response.status_code == 200, response.text
        return str(feedparser.parse(response.content).feed.id)

    public = feed_id("/v1/feed.atom?lang=fr")
    assert public == "http://testserver/v1/feed.atom?lang=fr"  # unchanged: readers subscribed keep it
    keyed = feed_id(f"/v1/feed.atom?lang=fr&key={cocoa}")
    assert keyed == "http://testserver/v1/feed.atom?lang=fr#fixed:country=CI&sector=cocoa"
    assert keyed != public and "crv_" not in keyed  # neither the key nor its prefix
    assert feed_id(f"/v1/feed.atom?lang=fr&limit=1&key={cocoa}") == keyed  # a page of it
    assert feed_id("/v1/feed.atom?lang=fr", **{"X-Crv-Key": cocoa}) == keyed  # the key in a header
    assert feed_id(f"/v1/feed.atom?lang=fr&key={same}") == keyed  # the same filters: the same feed
    assert feed_id(f"/v1/feed.atom?lang=fr&key={unfixed}") == public  # no filter fixed: the public feed itself


# A nightly harvest: since, tombstones (RFC 6721)

TOMBSTONE = "{http://purl.org/atompub/tombstones/1.0}deleted-entry"


def harvest(client: TestClient, url: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The entries' ids (read by feedparser) and the tombstones' (id, when) (which it does not read: lxml) of every
    page from ``url`` on (``next`` links)."""
    entries: list[str] = []
    tombstones: list[tuple[str, str]] = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.text
        feed = feedparser.parse(response.content)
        assert not feed.bozo, feed.get("bozo_exception")
        entries.extend(ids(feed))
        root = etree.fromstring(response.content)
        tombstones.extend((t.get("ref", "").rsplit("/", 1)[-1], t.get("when", "")) for t in root.iter(TOMBSTONE))
        assert len(entries) + len(tombstones) < 500, "the links loop"
        url = links(feed).get("next", "")
    return entries, tombstones


def withdraw(session_factory: sessionmaker[Session], resource_id: str, when: datetime) -> None:
    with session_factory() as session:
        values = {"status": ResourceStatus.archived, "modified_at": when}
        session.execute(update(Resource).where(Resource.id == resource_id).values(**values))
        session.commit()


@pytest.mark.parametrize(
    ("since", "expected"),
    [
        ("2025-05-30", FIXTURE_ORDER[:3]),  # a date: its first instant, in UTC
        ("2025-05-30T09:30:00Z", FIXTURE_ORDER[:3]),  # inclusive: changed at that very second
        ("2025-05-30T09:30:00", FIXTURE_ORDER[:3]),  # no offset: UTC
        ("2025-05-30T09:30:00.000001Z", FIXTURE_ORDER[:2]),
        ("2025-05-30T11:30:00+02:00", FIXTURE_ORDER[:3]),
        ("2025-05-30T11:30:00 02:00", FIXTURE_ORDER[:3]),  # the « + » of an offset sent unencoded
        ("2025-05-30T05:30:00-04:00", FIXTURE_ORDER[:3]),
        ("2025-06-01T09:30:01Z", []),
    ],
)
def test_since_gives_what_changed_at_or_after_it(
    client: TestClient, session_factory: sessionmaker[Session], since: str, expected: list[str]
) -> None:
    stamp_fixture(session_factory)
    feed = parse(client, since=since)
    assert ids(feed) == expected


def test_a_change_in_the_second_of_the_last_updated_is_not_missed(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """``updated`` is to the second while changes are to the microsecond: asked again from the last run's newest
    ``updated``, a change later in that same second comes (``since`` is inclusive), with the one seen already."""
    stamp_fixture(session_factory)
    seen = parse(client, limit="1")
    last = seen.entries[0].updated
    assert last == "2025-06-01T09:30:00Z"
    stamp(session_factory, {"country-pk.fr": datetime(2025, 6, 1, 9, 30, 0, 700_000, tzinfo=UTC)})
    again = parse(client, since=last)
    assert ids(again) == ["country-pk.fr", "country-pk.en"]  # the new change, and the one seen (a duplicate)
    assert again.entries[0].updated == last  # in the same second as the last run's newest


def test_since_pages_like_the_feed_and_composes_with_filters(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    stamp_fixture(session_factory)
    changes = add_corpus(session_factory)
    since = datetime(2025, 1, 1, 12, 3, tzinfo=UTC)  # extra-09 on
    changed = {rid for rid, moment in changes.items() if moment >= since} | set(FIXTURE_ORDER)
    pages = walk(client, "/v1/feed.atom?since=2025-01-01T12:03:00Z&limit=4", "next")
    got = [rid for page in pages for rid in ids(page)]
    assert len(got) == len(set(got)) and set(got) == changed  # each once, no more, no fewer
    assert len(pages) > 3 and all(len(page.entries) == 4 for page in pages[:-1])
    for page in pages:  # every link keeps the window, in UTC
        assert all("since=2025-01-01T12%3A03%3A00Z" in href for href in links(page).values()), links(page)
        assert page.feed.id == "http://testserver/v1/feed.atom"  # the same feed, a view of what changed
        search = [link.href for link in page.feed.links if link.type == "application/json"]
        assert search == ["http://testserver/v1/search"]  # the search has no since
    back = walk(client, links(pages[-1])["previous"], "previous")
    assert [ids(page) for page in back] == [ids(page) for page in reversed(pages[:-1])]
    english = walk(client, "/v1/feed.atom?since=2025-01-01T12:03:00Z&limit=4&lang=en", "next")
    assert {rid for page in english for rid in ids(page)} == {rid for rid in changed if rid.endswith(".en")}


def test_withdrawn_since_are_tombstones_of_the_selection(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """A resource withdrawn (archived) since ``since`` is an ``at:deleted-entry`` whose ``ref`` is the id its entry
    had and ``when`` its withdrawal, in its place among the changes; only with ``since``, only within the
    selection's filters, once across pages."""
    stamp_fixture(session_factory)
    add_corpus(session_factory)  # its "gone.en" withdrawn long ago
    withdraw(session_factory, "country-ci.fr", datetime(2025, 6, 2, 8, 0, 0, 250_000, tzinfo=UTC))
    head = client.get("/v1/feed.atom", params={"since": "2025-05-31"})
    root = etree.fromstring(head.content)
    assert root.nsmap["at"] == "http://purl.org/atompub/tombstones/1.0"
    tombstones = root.findall(TOMBSTONE)
    assert [(t.get("ref"), t.get("when")) for t in tombstones] == [
        ("http://testserver/v1/resources/country-ci.fr", "2025-06-02T08:00:00Z")
    ]
    assert root[list(root).index(tombstones[0]) + 1].tag == f"{ATOM}entry"  # the newest change first
    assert root.findtext(f"{ATOM}updated") == "2025-06-02T08:00:00Z"  # a withdrawal changes the feed
    feed = feedparser.parse(head.content)
    assert not feed.bozo and ids(feed) == ["country-pk.en", "method-risk-mapping.fr"]
    entries, gone = harvest(client, "/v1/feed.atom?since=2025-01-01T12:01:00Z&limit=5")
    assert gone == [("country-ci.fr", "2025-06-02T08:00:00Z")] and "country-ci.fr" not in entries
    assert "gone.en" not in entries  # withdrawn before since: nothing to say
    assert harvest(client, "/v1/feed.atom?since=2024-12-01&limit=50")[1][-1][0] == "gone.en"
    assert TOMBSTONE.split("}")[1] not in client.get("/v1/feed.atom").text  # the feed itself has none
    assert b"tombstones" not in client.get("/v1/feed.atom").content
    assert harvest(client, "/v1/feed.atom?since=2025-05-31&country=CI")[1] == [
        ("country-ci.fr", "2025-06-02T08:00:00Z")
    ]
    assert harvest(client, "/v1/feed.atom?since=2025-05-31&country=PK")[1] == []  # another selection's
    assert harvest(client, "/v1/feed.atom?since=2025-05-31&lang=en")[1] == []
    assert harvest(client, "/v1/feed.atom?since=2025-06-03")[1] == []  # withdrawn before


def test_a_text_query_s_harvest_is_told_of_every_withdrawal_its_filters_pass(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """The engine holds no withdrawn resource, so a ``q`` feed cannot tell which it matched: it is told of every
    one its filters pass (deleting what it never had costs a harvester nothing; never hearing of one, a lot)."""
    withdraw(session_factory, "country-ci.fr", datetime(2025, 6, 2, tzinfo=UTC))
    assert harvest(client, "/v1/feed.atom?q=briques&since=2025-06-01")[1] == [("country-ci.fr", "2025-06-02T00:00:00Z")]
    assert harvest(client, "/v1/feed.atom?q=briques&since=2025-06-01&lang=en")[1] == []


def test_a_harvest_with_nothing_new_is_stable(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    """Nothing changed since: no entry, ``updated`` the instant asked for (a fixed point for a harvester that keeps
    it), and the same ETag each time, so that If-None-Match answers 304."""
    stamp_fixture(session_factory)
    empty = client.get("/v1/feed.atom", params={"since": "2026-01-05T03:00:00+01:00"})
    feed = feedparser.parse(empty.content)
    assert feed.entries == [] and feed.feed.updated == "2026-01-05T02:00:00Z"
    again = client.get("/v1/feed.atom", params={"since": "2026-01-05T03:00:00+01:00"})
    assert again.headers["etag"] == empty.headers["etag"]
    headers = {"If-None-Match": empty.headers["etag"]}
    assert client.get("/v1/feed.atom", params={"since": "2026-01-05T02:00:00Z"}, headers=headers).status_code == 304


@pytest.mark.parametrize(
    "since", ["yesterday", "2025-06", "2025-13-01", "2025-06-01T25:00:00Z", "0001-01-01T00:00:00+01:00", ""]
)
def test_a_since_that_is_not_iso_8601_is_a_422_naming_the_format(client: TestClient, since: str) -> None:
    for route in ("/v1/feed.atom", "/v1/export"):
        response = client.get(route, params={"since": since})
        assert response.status_code == 422, (route, since)
        assert response.headers["content-type"] == "application/problem+json"
        problem = response.json()
        assert problem["errors"][0]["field"] == "since"
        assert "ISO 8601 date (2026-03-01) or date-time (2026-03-01T02:00:00Z" in problem["detail"]
        assert "UTC when it has no offset" in problem["errors"][0]["message"]


def test_updated_since_is_still_unknown_and_the_problem_names_since(client: TestClient) -> None:
    response = client.get("/v1/feed.atom", params={"updated_since": "2025-01-01"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["message"] == "unknown query parameter; did you mean 'since'?"
