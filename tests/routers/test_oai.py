"""OAI-PMH at /oai, harvested end to end over HTTP by a real harvester (sickle), and every error code."""

import base64
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import unquote_plus, urlencode
from xml.etree import ElementTree as ET

import httpx
import pytest
from fastapi.testclient import TestClient
from sickle import Sickle, oaiexceptions
from sqlalchemy import update
from sqlalchemy.orm import Session

from app.config import Settings
from app.main import create_app
from app.middleware.guard import has_forbidden
from app.models import Resource, ResourceStatus
from app.services import content as content_service
from app.services import oai
from tests.helpers import free_port, serving

pytestmark = pytest.mark.usefixtures("loaded", "stamped")
NS = {"oai": oai.OAI, "dc": oai.DC}
ALL = {"country-ci.en", "country-ci.fr", "country-pk.en", "country-pk.fr", "method-risk-mapping.en",
       "method-risk-mapping.fr"}  # fmt: skip
# The last change of each fixture resource (microseconds too: a datestamp is to the second).
LAST_CHANGES = {
    "country-ci": datetime(2025, 1, 10, 9, 0, 0, 500_000, tzinfo=UTC),
    "country-pk": datetime(2025, 2, 15, 12, 30, 0, tzinfo=UTC),
    "method-risk-mapping": datetime(2025, 3, 5, 8, 0, 0, tzinfo=UTC),
}


@pytest.fixture
def stamped(session: Session) -> None:
    """The fixture resources last changed at :data:`LAST_CHANGES` (loading them just now stamped them now)."""
    for key, moment in LAST_CHANGES.items():
        session.execute(update(Resource).where(Resource.translation_key == key).values(modified_at=moment))
    session.commit()


@pytest.fixture
def harvester(settings: Settings) -> Iterator[Sickle]:
    port = free_port()
    live = settings.model_copy(update={"public_base_url": f"http://127.0.0.1:{port}"})
    with serving(create_app(live), port, "oai-api"):
        yield Sickle(f"http://127.0.0.1:{port}/oai", max_retries=0, timeout=30)


def local_id(identifier: str) -> str:
    return identifier.rsplit(":", 1)[-1]


def identifiers(harvester: Sickle, **arguments: str) -> set[str]:
    return {local_id(h.identifier) for h in harvester.ListIdentifiers(metadataPrefix="oai_dc", **arguments)}


def test_identify_and_formats(harvester: Sickle) -> None:
    identify = harvester.Identify()
    assert identify.protocolVersion == "2.0"
    assert identify.granularity == "YYYY-MM-DDThh:mm:ssZ"
    assert identify.deletedRecord == "transient"
    assert identify.earliestDatestamp == "2025-01-10T09:00:00Z"  # the earliest last change, to the second
    assert identify.baseURL == harvester.endpoint
    formats = list(harvester.ListMetadataFormats())
    assert [f.metadataPrefix for f in formats] == ["oai_dc"]
    record_formats = list(harvester.ListMetadataFormats(identifier="oai:127.0.0.1:country-ci.fr"))
    assert [f.metadataNamespace for f in record_formats] == [oai.OAI_DC]


def test_sets_by_type_and_country(harvester: Sickle) -> None:
    specs = {s.setSpec: s.setName for s in harvester.ListSets()}
    assert {"type", "type:risk_sheet", "type:methodology", "country", "country:CI", "country:PK"} <= set(specs)
    assert specs["type:risk_sheet"] == "Risk sheet / Fiche risque"
    assert not any(spec == "country:FR" for spec in specs)  # only countries that have resources
    in_ci = identifiers(harvester, set="country:CI")
    assert in_ci == {"country-ci.en", "country-ci.fr"}
    methods = identifiers(harvester, set="type:methodology")
    assert methods == {"method-risk-mapping.en", "method-risk-mapping.fr"}
    with_country = identifiers(harvester, set="country")
    assert with_country == ALL - {"method-risk-mapping.en", "method-risk-mapping.fr"}


def test_sets_by_sector_risk_and_region(harvester: Sickle) -> None:
    """A harvest about one sector (``set=sector:textiles`` was a badArgument), risk or region, each listed with its
    labels and its parent set."""
    specs = {s.setSpec: s.setName for s in harvester.ListSets()}
    assert specs["sector"] == "Resources about a sector or a product / Ressources sur un secteur ou un produit"
    assert specs["sector:textiles"] == "Textiles and apparel / Textile et habillement"
    assert specs["sector:jute"] == "Jute"  # one name when both languages have it
    assert specs["risk:forced-labour"] == "Forced labour / Travail forcé"
    assert specs["region:sub-saharan-africa"] == "Sub-Saharan Africa / Afrique subsaharienne"
    assert {"risk", "region"} <= set(specs)
    assert identifiers(harvester, set="sector:cocoa") == CI
    assert identifiers(harvester, set="region:sub-saharan-africa") == CI
    assert identifiers(harvester, set="risk:human-trafficking") == METHOD
    assert identifiers(harvester, set="sector") == ALL  # in some sector:…
    with pytest.raises(oaiexceptions.NoRecordsMatch):
        identifiers(harvester, set="sector:textiles")  # listed, without records here
    with pytest.raises(oaiexceptions.BadArgument):
        identifiers(harvester, set="sector:polyester")


def test_whole_corpus_harvested_through_resumption_tokens(harvester: Sickle, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(oai, "PAGE_SIZE", 4)
    pages = harvester.ListRecords(metadataPrefix="oai_dc")
    records = list(pages)
    assert {local_id(r.header.identifier) for r in records} == ALL
    assert len(records) == 6  # one per resource and language, none twice
    assert pages.resumption_token is not None and pages.resumption_token.complete_list_size == "6"
    ci = next(r for r in records if r.header.identifier.endswith("country-ci.fr"))
    assert ci.metadata["title"] == ["Côte d’Ivoire\u00a0: travail des enfants dans le cacao"]
    assert ci.metadata["language"] == ["fr"]
    assert ci.metadata["rights"] == ["https://spdx.org/licenses/CC-BY-4.0.html"]
    assert ci.metadata["coverage"][0] == "Côte d’Ivoire"
    assert ci.metadata["publisher"] == ci.metadata["creator"] == ["Centre de ressources virtuel 8.7"]  # not « crv »
    assert ci.metadata["identifier"] == [f"{harvester.endpoint[:-4]}/fr/ressources/cote-d-ivoire"]
    assert any(url.endswith("/en/resources/cote-d-ivoire") for url in ci.metadata["relation"])
    assert set(ci.header.setSpecs) == {
        "type:risk_sheet", "country:CI", "region:sub-saharan-africa", "sector:cocoa", "sector:coffee",
        "risk:child-labour", "risk:forced-labour",
    }  # fmt: skip
    assert ci.header.datestamp == "2025-01-10T09:00:00Z"  # its last change, not its editorial date (2026-01-10)


def test_every_page_says_the_size_counted_on_the_first(harvester: Sickle, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages of 3 over 6 records: the size is counted once and carried by the token; the last page, full, ends the
    list with an empty token (one row more than a page tells it, not the count)."""
    monkeypatch.setattr(oai, "PAGE_SIZE", 3)
    first = harvester.ListIdentifiers(metadataPrefix="oai_dc")
    page = [next(first) for _ in range(3)]
    token = first.resumption_token
    assert token is not None and token.complete_list_size == "6" and token.cursor == "0" and token.token
    rest = list(first)
    assert len(page + rest) == 6 and first.resumption_token.complete_list_size == "6"
    assert first.resumption_token.cursor == "3" and not first.resumption_token.token


def test_harvest_by_post(harvester: Sickle, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(oai, "PAGE_SIZE", 5)
    poster = Sickle(harvester.endpoint, http_method="POST", max_retries=0, timeout=30)
    assert {local_id(h.identifier) for h in poster.ListIdentifiers(metadataPrefix="oai_dc")} == ALL


CI, PK, METHOD = ({f"{key}.en", f"{key}.fr"} for key in LAST_CHANGES)


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        ({"from": "2025-03-01"}, METHOD),
        ({"until": "2025-01-31"}, CI),
        ({"from": "2025-01-10", "until": "2025-01-10"}, CI),  # a day: from its first second to its last
        ({"from": "2025-02-15", "until": "2025-03-05"}, PK | METHOD),
        ({"from": "2025-01-10T09:00:00Z", "until": "2025-01-10T09:00:00Z"}, CI),  # a second, 09:00:00.5 in it
        ({"from": "2025-01-10T09:00:01Z"}, PK | METHOD),
        ({"until": "2025-02-15T12:29:59Z"}, CI),
        ({"until": "2025-02-15T12:30:00Z"}, CI | PK),
        ({"from": "0001-01-01", "until": "9999-12-31"}, CI | PK | METHOD),  # the end of time is no end
        ({"until": "9999-12-31T23:59:59Z"}, CI | PK | METHOD),
    ],
)
def test_from_and_until_at_either_granularity(harvester: Sickle, window: dict[str, str], expected: set[str]) -> None:
    assert identifiers(harvester, **window) == expected


def test_get_record(harvester: Sickle) -> None:
    record = harvester.GetRecord(identifier="oai:127.0.0.1:country-pk.en", metadataPrefix="oai_dc")
    assert record.metadata["title"][0].startswith("Pakistan")
    assert record.metadata["publisher"] == ["Virtual resource centre 8.7"]
    assert record.header.datestamp == "2025-02-15T12:30:00Z"


def just_before() -> str:
    """A ``from`` that selects what changes from now on (and nothing stamped in 2025)."""
    return (datetime.now(UTC) - timedelta(seconds=1)).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_withdrawn_resource_is_a_deleted_record_changed_when_withdrawn(harvester: Sickle, session: Session) -> None:
    since = just_before()
    resource = session.get(Resource, "country-pk.en")
    assert resource is not None
    resource.status = ResourceStatus.archived
    session.commit()
    record = harvester.GetRecord(identifier="oai:127.0.0.1:country-pk.en", metadataPrefix="oai_dc")
    assert record.deleted and record.header.deleted
    assert record.header.datestamp >= since  # the date of its deletion
    headers = {local_id(h.identifier): h.deleted for h in harvester.ListIdentifiers(metadataPrefix="oai_dc")}
    assert headers["country-pk.en"] is True and headers["country-pk.fr"] is False
    changed = list(harvester.ListIdentifiers(metadataPrefix="oai_dc", **{"from": since}))
    assert [(local_id(h.identifier), h.deleted) for h in changed] == [("country-pk.en", True)]


def test_a_resource_archived_before_it_was_ever_published_is_no_record(harvester: Sickle, session: Session) -> None:
    """A partner's draft claims no id until published: archived as a draft, it was never harvested, and its id
    stays its organisation's business — no deleted record, in a list or by GetRecord."""
    since = just_before()
    resource = session.get(Resource, "country-pk.en")
    assert resource is not None
    resource.status, resource.claimed = ResourceStatus.archived, False
    session.commit()
    assert "country-pk.en" not in identifiers(harvester)
    with pytest.raises(oaiexceptions.NoRecordsMatch):  # nothing else changed since
        identifiers(harvester, **{"from": since})
    with pytest.raises(oaiexceptions.IdDoesNotExist):
        harvester.GetRecord(identifier="oai:127.0.0.1:country-pk.en", metadataPrefix="oai_dc")


def test_an_incremental_harvest_gets_a_reloaded_edit_and_a_removed_file(
    harvester: Sickle, session: Session, content_dir: Path
) -> None:
    since = just_before()
    edited = content_dir / "resources" / "country-ci.en.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace('title: "', 'title: "Retitled: ', 1), encoding="utf-8")
    for language in ("en", "fr"):  # a resource comes in both languages
        (content_dir / "resources" / f"country-pk.{language}.md").unlink()
    report = content_service.load(session, content_dir)
    session.commit()
    assert (report.updated, report.archived) == (1, 2)
    changed = {
        local_id(r.header.identifier): r for r in harvester.ListRecords(metadataPrefix="oai_dc", **{"from": since})
    }
    assert set(changed) == {"country-ci.en", "country-pk.en", "country-pk.fr"}
    assert changed["country-ci.en"].metadata["title"][0].startswith("Retitled")
    assert changed["country-pk.en"].deleted and changed["country-pk.fr"].deleted
    assert all(record.header.datestamp >= since for record in changed.values())
    unchanged = harvester.GetRecord(identifier="oai:127.0.0.1:country-ci.fr", metadataPrefix="oai_dc")
    assert unchanged.header.datestamp == "2025-01-10T09:00:00Z"


def test_the_sitemap_lastmod_is_the_last_change(client: TestClient) -> None:
    xml = client.get("/sitemap.xml").text
    entry = xml.split("<loc>http://testserver/fr/ressources/pakistan</loc>", 1)[1].split("</url>", 1)[0]
    assert "<lastmod>2025-02-15T12:30:00+00:00</lastmod>" in entry


def test_sickle_sees_oai_errors(harvester: Sickle) -> None:
    with pytest.raises(oaiexceptions.IdDoesNotExist):
        harvester.GetRecord(identifier="oai:127.0.0.1:nope.fr", metadataPrefix="oai_dc")
    with pytest.raises(oaiexceptions.CannotDisseminateFormat):
        list(harvester.ListRecords(metadataPrefix="marc21"))
    with pytest.raises(oaiexceptions.NoRecordsMatch):
        list(harvester.ListRecords(metadataPrefix="oai_dc", **{"from": "2030-01-01"}))


def error_of(client: TestClient, params: list[tuple[str, str]], method: str = "GET") -> tuple[str, ET.Element]:
    if method == "GET":
        response = client.get("/oai", params=params)
    else:
        response = client.post("/oai", data=dict(params))
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/xml; charset=utf-8"
    root = ET.fromstring(response.content)
    error = root.find("oai:error", NS)
    assert error is not None, response.text
    request = root.find("oai:request", NS)
    assert request is not None
    return error.attrib["code"], request


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ([], "badVerb"),
        ([("verb", "Destroy")], "badVerb"),
        ([("verb", "Identify"), ("verb", "Identify")], "badVerb"),
        ([("verb", "Identify"), ("extra", "1")], "badArgument"),
        ([("verb", "ListRecords")], "badArgument"),
        ([("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("metadataPrefix", "oai_dc")], "badArgument"),
        ([("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("from", "2026-01-01T00:00:00.5Z")], "badArgument"),
        ([("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("from", "2026-01-01T00:00:00")], "badArgument"),
        ([("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("from", "2026-01-01T00:00Z")], "badArgument"),
        ([("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("from", "2026-1-1")], "badArgument"),
        ([("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("from", "２０２６-01-01")], "badArgument"),
        ([("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("from", "2026-02-30")], "badArgument"),
        ([("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("from", "yesterday")], "badArgument"),
        ([("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("from", "2025-01-01"),
          ("until", "2025-12-31T00:00:00Z")], "badArgument"),  # two granularities
        ([("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("from", "2026-03-01"), ("until", "2026-01-01")],
         "badArgument"),
        ([("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("set", "colour:red")], "badArgument"),
        ([("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("set", "country:XX")], "badArgument"),
        ([("verb", "ListRecords"), ("resumptionToken", "abc"), ("metadataPrefix", "oai_dc")], "badArgument"),
        ([("verb", "GetRecord"), ("identifier", "oai:testserver:country-ci.fr")], "badArgument"),
        ([("verb", "GetRecord"), ("resumptionToken", "x")], "badArgument"),
        ([("verb", "Identify"), ("resumptionToken", "x")], "badArgument"),
        ([("verb", "ListMetadataFormats"), ("resumptionToken", "x")], "badArgument"),
        ([("verb", "ListRecords"), ("metadataPrefix", "oai_dc\ufffe")], "badArgument"),
        ([("verb", "ListRecords"), ("resumptionToken", "not-a-token")], "badResumptionToken"),
        ([("verb", "ListSets"), ("resumptionToken", "x")], "badResumptionToken"),
        ([("verb", "ListIdentifiers"), ("metadataPrefix", "mods")], "cannotDisseminateFormat"),
        ([("verb", "GetRecord"), ("identifier", "oai:testserver:country-ci.fr"), ("metadataPrefix", "mods")],
         "cannotDisseminateFormat"),
        ([("verb", "GetRecord"), ("identifier", "oai:elsewhere:country-ci.fr"), ("metadataPrefix", "oai_dc")],
         "idDoesNotExist"),
        ([("verb", "ListMetadataFormats"), ("identifier", "oai:testserver:nope.en")], "idDoesNotExist"),
        ([("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc"), ("until", "2000-01-01")], "noRecordsMatch"),
    ],
)  # fmt: skip
def test_error_codes(client: TestClient, params: list[tuple[str, str]], code: str) -> None:
    got, request = error_of(client, params)
    assert got == code
    if code in ("badVerb", "badArgument"):
        assert request.attrib == {}  # the base URL only, no echo of a bad request
    if len({name for name, _ in params}) == len(params) and params:
        assert error_of(client, params, method="POST")[0] == code


def test_token_past_the_end_is_bad(client: TestClient) -> None:
    token = oai.ListRequest("oai_dc", after="zzzz", cursor=6).token()
    assert error_of(client, [("verb", "ListRecords"), ("resumptionToken", token)])[0] == "badResumptionToken"


def encoded(data: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


GOOD = {"m": "oai_dc", "s": None, "f": None, "u": None, "a": "country-ci.en", "c": 1}


@pytest.mark.parametrize(
    "token",
    [
        encoded({**GOOD, "s": 5}),  # a number for a set: was a 500
        encoded({**GOOD, "s": ["country:CI"]}),
        encoded({**GOOD, "s": "colour:red"}),
        encoded({**GOOD, "s": "country:XX"}),
        encoded({**GOOD, "m": "mods"}),
        encoded({**GOOD, "m": None}),
        encoded({**GOOD, "a": None}),
        encoded({**GOOD, "a": 7}),
        encoded({**GOOD, "c": -1}),
        encoded({**GOOD, "c": "1"}),
        encoded({**GOOD, "c": True}),
        encoded({**GOOD, "c": 1.5}),
        encoded({**GOOD, "n": -1}),  # the list's size, carried from the first page
        encoded({**GOOD, "n": "6"}),
        encoded({**GOOD, "n": 6.0}),
        encoded({**GOOD, "f": "yesterday"}),
        encoded({**GOOD, "f": 20250101}),
        encoded({**GOOD, "f": "2025-03-01", "u": "2025-01-01"}),
        encoded({**GOOD, "f": "2025-01-01", "u": "2025-03-01T00:00:00Z"}),
        encoded({**GOOD, "x": 1}),
        encoded({k: v for k, v in GOOD.items() if k != "c"}),
        encoded([GOOD]),
        encoded("oai_dc"),
        encoded(None),
        encoded(1e400),
        base64.urlsafe_b64encode(b"[" * 1500).decode(),  # deeper than the parser's recursion
        base64.urlsafe_b64encode(b"\xff\xfe{}").decode(),
        "é" * 8,
        "=" * 9,
        encoded({**GOOD, "a": "x" * 5000}),
        "",
    ],
)
def test_hand_made_tokens_are_bad_tokens(client: TestClient, token: str) -> None:
    for verb in ("ListRecords", "ListIdentifiers"):
        assert error_of(client, [("verb", verb), ("resumptionToken", token)])[0] == "badResumptionToken"


def test_a_token_we_issue_is_good(client: TestClient) -> None:
    token = encoded(GOOD)
    response = client.get("/oai", params={"verb": "ListIdentifiers", "resumptionToken": token})
    root = ET.fromstring(response.content)
    assert root.find("oai:error", NS) is None and root.find("oai:ListIdentifiers", NS) is not None


ODD_VALUES = ("", " ", "x", "\x00", "\x1f", "\x85", "\ufffe", "\u202e", "🙂", "%00", "a" * 3000, "country:",
              "country:CI", "type:", "type:risk_sheet:x", "oai:testserver:", "oai:testserver:country-ci.fr", "oai_dc",
              "2025-01-01", "2025-01-01T00:00:00Z", "eyJ9", encoded({**GOOD, "s": 5}), "0", "-1", "null", "[]",
              "{}", "0000-01-01", "9999-12-31", "9999-12-31T23:59:59Z", "2025-02-29",
              "2025-01-01T24:00:00Z")  # fmt: skip


def assert_oai(response: httpx.Response, params: object) -> None:
    """An OAI-PMH document (HTTP 200); an error that the request is bad echoes none of it."""
    assert response.status_code == 200, (params, response.text)
    assert response.headers["content-type"] == "text/xml; charset=utf-8", params
    root = ET.fromstring(response.content)
    assert root.tag == f"{{{oai.OAI}}}OAI-PMH", params
    error = root.find("oai:error", NS)
    if error is not None and error.attrib["code"] in ("badVerb", "badArgument"):
        request = root.find("oai:request", NS)
        assert request is not None and request.attrib == {}, params


# The verbs whose fuzzed arguments can reach the database; the others' (a bad verb, or any argument to Identify or
# ListSets, which take none but a token never issued) are refused before it, on SQLite alone.
DATABASE_VERBS = ("ListMetadataFormats", "ListIdentifiers", "ListRecords", "GetRecord")


@pytest.mark.parametrize(
    "verb",
    [
        verb if verb in DATABASE_VERBS else pytest.param(verb, marks=pytest.mark.database_agnostic)
        for verb in (*oai.VERBS, "", "identify", "ListRecords ")
    ],
)
def test_any_request_gets_oai_xml(client: TestClient, verb: str) -> None:
    """Fuzz: each argument with odd values, alone and beside the verb's required ones, by POST and by GET. A query
    string holding a control character or a bidi override is refused by the site's input guard (a 422 problem,
    app.middleware.guard) before it reaches OAI; the same arguments posted get an OAI error."""
    required = sorted(oai.VERBS[verb][0]) if verb in oai.VERBS else []
    sane = {"metadataPrefix": "oai_dc", "identifier": "oai:testserver:country-ci.fr"}
    form = {"content-type": "application/x-www-form-urlencoded"}
    for name in ("metadataPrefix", "identifier", "set", "from", "until", "resumptionToken", "verb", "x"):
        for value in ODD_VALUES:
            filled = [(r, sane[r]) for r in required if r != name]
            for base in ([], filled) if filled else ([],):
                params = [("verb", verb), *base, (name, value)] if name != "verb" else [("verb", value)]
                assert_oai(client.post("/oai", content=urlencode(params), headers=form), params)
                response = client.get("/oai", params=params)
                if any(has_forbidden(value) for _, value in params):
                    assert response.status_code == 422, params
                    assert response.headers["content-type"] == "application/problem+json", params
                else:
                    assert_oai(response, params)


@pytest.mark.parametrize(
    "query",
    [
        "verb=GetRecord&identifier=%ff%fe&metadataPrefix=oai_dc",  # not UTF-8
        "verb=GetRecord&identifier=%ED%A0%80&metadataPrefix=oai_dc",  # a surrogate
        "verb=ListRecords&resumptionToken=%C3%A9%00",
        "verb=Identify&%ff=1",
        "verb&metadataPrefix",
        "=&=&verb=Identify",
    ],
)
def test_undecodable_arguments_get_oai_xml(client: TestClient, query: str) -> None:
    form = {"content-type": "application/x-www-form-urlencoded"}
    assert_oai(client.post("/oai", content=query.encode(), headers=form), query)
    response = client.get(f"/oai?{query}")
    if has_forbidden(unquote_plus(query)):
        assert response.status_code == 422  # the input guard's problem
    else:
        assert_oai(response, query)


def test_an_argument_xml_cannot_carry_is_a_bad_argument(client: TestClient) -> None:
    params = [("verb", "GetRecord"), ("identifier", "oai:testserver:\x00"), ("metadataPrefix", "oai_dc")]
    assert error_of(client, params, method="POST")[0] == "badArgument"  # GET: the input guard's 422 problem


def test_unsupported_conditions_are_stated() -> None:
    # noSetHierarchy: the repository has sets; noMetadataFormats: oai_dc exists for every item.
    assert oai.METADATA_FORMATS and set(oai.SET_FILTERS) == {"type", "country", "sector", "risk", "region"}
