"""OAI-PMH at /oai, harvested end to end over HTTP by a real harvester (sickle), and every error code."""

import socket
import threading
import time
from collections.abc import Iterator
from xml.etree import ElementTree as ET

import pytest
import uvicorn
from fastapi.testclient import TestClient
from sickle import Sickle, oaiexceptions
from sqlalchemy.orm import Session

from app.config import Settings
from app.main import create_app
from app.models import Resource, ResourceStatus
from app.services import oai

pytestmark = pytest.mark.usefixtures("loaded")
NS = {"oai": oai.OAI, "dc": oai.DC}
ALL = {"country-ci.en", "country-ci.fr", "country-pk.en", "country-pk.fr", "method-risk-mapping.en",
       "method-risk-mapping.fr"}  # fmt: skip


@pytest.fixture
def harvester(settings: Settings) -> Iterator[Sickle]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    live = settings.model_copy(update={"public_base_url": f"http://127.0.0.1:{port}"})
    server = uvicorn.Server(uvicorn.Config(create_app(live), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the live API did not start"
        time.sleep(0.05)
    yield Sickle(f"http://127.0.0.1:{port}/oai", max_retries=0, timeout=30)
    server.should_exit = True
    thread.join(timeout=10)


def local_id(identifier: str) -> str:
    return identifier.rsplit(":", 1)[-1]


def identifiers(harvester: Sickle, **arguments: str) -> set[str]:
    return {local_id(h.identifier) for h in harvester.ListIdentifiers(metadataPrefix="oai_dc", **arguments)}


def test_identify_and_formats(harvester: Sickle) -> None:
    identify = harvester.Identify()
    assert identify.protocolVersion == "2.0"
    assert identify.granularity == "YYYY-MM-DD"
    assert identify.deletedRecord == "transient"
    assert identify.earliestDatestamp == "2026-01-10"
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
    assert set(ci.header.setSpecs) == {"type:risk_sheet", "country:CI"}
    assert ci.header.datestamp == "2026-01-10"


def test_harvest_by_post(harvester: Sickle, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(oai, "PAGE_SIZE", 5)
    poster = Sickle(harvester.endpoint, http_method="POST", max_retries=0, timeout=30)
    assert {local_id(h.identifier) for h in poster.ListIdentifiers(metadataPrefix="oai_dc")} == ALL


def test_from_until_and_get_record(harvester: Sickle) -> None:
    recent = identifiers(harvester, **{"from": "2026-03-01"})
    assert recent == {"method-risk-mapping.en", "method-risk-mapping.fr"}
    older = identifiers(harvester, until="2026-01-31")
    assert older == {"country-ci.en", "country-ci.fr"}
    record = harvester.GetRecord(identifier="oai:127.0.0.1:country-pk.en", metadataPrefix="oai_dc")
    assert record.metadata["title"][0].startswith("Pakistan")
    assert record.metadata["publisher"] == ["Virtual resource centre 8.7"]


def test_withdrawn_resource_is_a_deleted_record(harvester: Sickle, session: Session) -> None:
    resource = session.get(Resource, "country-pk.en")
    assert resource is not None
    resource.status = ResourceStatus.archived
    session.commit()
    record = harvester.GetRecord(identifier="oai:127.0.0.1:country-pk.en", metadataPrefix="oai_dc")
    assert record.deleted and record.header.deleted
    headers = {local_id(h.identifier): h.deleted for h in harvester.ListIdentifiers(metadataPrefix="oai_dc")}
    assert headers["country-pk.en"] is True and headers["country-pk.fr"] is False


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
        ([("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("from", "2026-01-01T00:00:00Z")], "badArgument"),
        ([("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("from", "yesterday")], "badArgument"),
        ([("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("from", "2026-03-01"), ("until", "2026-01-01")],
         "badArgument"),
        ([("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("set", "colour:red")], "badArgument"),
        ([("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("set", "country:XX")], "badArgument"),
        ([("verb", "ListRecords"), ("resumptionToken", "abc"), ("metadataPrefix", "oai_dc")], "badArgument"),
        ([("verb", "GetRecord"), ("identifier", "oai:testserver:country-ci.fr")], "badArgument"),
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


def test_unsupported_conditions_are_stated() -> None:
    # noSetHierarchy: the repository has sets; noMetadataFormats: oai_dc exists for every item.
    assert oai.METADATA_FORMATS and set(oai.SET_FILTERS) == {"type", "country"}
