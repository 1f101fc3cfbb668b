"""OAI-PMH sets over the whole corpus of content/: one rule for a record's country sets, its ``country`` parent set
and the countries its ``dc:coverage`` names (``oai.set_codes``); ListSets lists exactly the countries records are
in, and every type, sector, risk and region."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree
from pydantic import SecretStr
from sqlalchemy.orm import Session

from app.config import Settings
from app.services import oai
from app.taxonomy import TaxonomyName
from tests.helpers import IndexedContent

ROOT = Path(__file__).resolve().parents[2]
NS = {"oai": oai.OAI, "dc": oai.DC}
NOW = datetime(2026, 12, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Harvested:
    language: str
    sets: tuple[str, ...]
    coverage: tuple[str, ...]


@pytest.fixture(scope="module")
def corpus(indexed_corpus: IndexedContent) -> Iterator[tuple[Session, oai.Repository]]:
    """Every resource of content/, in the database the worker loaded once (tests/conftest.py): these tests only
    read it, and loading it again for this module cost ~10 s."""
    settings = Settings(
        content_dir=ROOT / "content",
        public_base_url="http://testserver",
        secret_key=SecretStr("test-secret-key-" + "x" * 32),
    )
    with indexed_corpus.session_factory() as session:
        yield session, oai.Repository(settings, indexed_corpus.taxonomies)


def ask(corpus: tuple[Session, oai.Repository], **arguments: str) -> etree._Element:
    session, repository = corpus
    return etree.fromstring(oai.handle(session, repository, list(arguments.items()), NOW))


def harvest(corpus: tuple[Session, oai.Repository], verb: str, **arguments: str) -> list[etree._Element]:
    """Every header (ListIdentifiers) or record (ListRecords), through the resumption tokens."""
    root = ask(corpus, verb=verb, metadataPrefix="oai_dc", **arguments)
    found: list[etree._Element] = []
    while True:
        error = root.find("oai:error", NS)
        if error is not None:
            assert error.get("code") == "noRecordsMatch", arguments
            return found
        answer = root.find(f"oai:{verb}", NS)
        assert answer is not None
        found.extend(answer.findall("oai:header" if verb == "ListIdentifiers" else "oai:record", NS))
        token = answer.find("oai:resumptionToken", NS)
        if token is None or not token.text:
            return found
        root = ask(corpus, verb=verb, resumptionToken=token.text)


def local_id(identifier: str) -> str:
    return identifier.rsplit(":", 1)[-1]


@pytest.fixture(scope="module")
def records(corpus: tuple[Session, oai.Repository]) -> dict[str, Harvested]:
    harvested: dict[str, Harvested] = {}
    for record in harvest(corpus, "ListRecords"):
        header = record.find("oai:header", NS)
        assert header is not None
        identifier = local_id(header.findtext("oai:identifier", namespaces=NS) or "")
        harvested[identifier] = Harvested(
            language=record.findtext(".//dc:language", namespaces=NS) or "",
            sets=tuple(s.text or "" for s in header.findall("oai:setSpec", NS)),
            coverage=tuple(c.text or "" for c in record.findall(".//dc:coverage", NS)),
        )
    return harvested


@pytest.fixture(scope="module")
def listed_sets(corpus: tuple[Session, oai.Repository]) -> list[str]:
    return [spec.text or "" for spec in ask(corpus, verb="ListSets").iterfind(".//oai:setSpec", NS)]


def test_the_whole_corpus_is_harvested(records: dict[str, Harvested]) -> None:
    assert len(records) == len(list((ROOT / "content" / "resources").rglob("*.md")))


def test_a_set_holds_exactly_the_records_whose_headers_name_it(
    corpus: tuple[Session, oai.Repository], records: dict[str, Harvested], listed_sets: list[str]
) -> None:
    """A parent set (``type``, ``country``, ``sector``…) holds the records of its children; a child the records
    whose headers name it. ListSets lists the countries in use, and every code of the other vocabularies (listed
    without reading every row's codes: some of those sets are empty, which OAI-PMH allows)."""
    _, repository = corpus
    for spec in listed_sets:
        family, _, code = spec.partition(":")
        headers = harvest(corpus, "ListIdentifiers", set=spec)
        members = {local_id(header.findtext("oai:identifier", namespaces=NS) or "") for header in headers}
        if not code:  # the parent set: the records of some child, no more, no fewer
            assert members == {i for i, r in records.items() if any(s.startswith(f"{family}:") for s in r.sets)}
        else:
            assert members == {i for i, r in records.items() if spec in r.sets}, spec
            assert members or family != "country", f"{spec} is listed but empty"
    named = {s for r in records.values() for s in r.sets}
    assert named <= set(listed_sets)  # no header names a set ListSets does not list
    assert {s for s in listed_sets if s.startswith("country:")} == {s for s in named if s.startswith("country:")}
    for family in ("type", "sector", "risk", "region"):
        vocabulary = repository.taxonomies[oai.FILTERS[oai.SET_FILTERS[family]].taxonomy]
        assert [s for s in listed_sets if s.startswith(f"{family}:")] == [f"{family}:{code}" for code in vocabulary]
    assert {s.partition(":")[0] for s in named} == {"type", "country", "sector", "risk", "region"}


def test_the_sets_a_textile_harvest_asks_for(records: dict[str, Harvested], listed_sets: list[str]) -> None:
    """``set=sector:textiles`` was a badArgument: sectors, risks and regions are sets too, each named in the header
    of each of its records."""
    assert {"sector", "sector:textiles", "risk:forced-labour", "region", "region:indo-pacific"} <= set(listed_sets)
    ci = records["country-ci.fr"].sets
    assert {"type:risk_sheet", "country:CI", "sector:cocoa", "risk:child-labour", "region:sub-saharan-africa"} <= set(
        ci
    )


def test_coverage_names_exactly_the_countries_of_the_record_sets_then_its_regions(
    corpus: tuple[Session, oai.Repository], records: dict[str, Harvested]
) -> None:
    _, repository = corpus
    countries = repository.taxonomies[TaxonomyName.countries]
    regions = repository.taxonomies[TaxonomyName.regions]
    region_labels = {term.label(language) for term in regions.values() for language in ("en", "fr")}
    for identifier, record in records.items():
        codes = [s.removeprefix("country:") for s in record.sets if s.startswith("country:")]
        named = [label for label in record.coverage if label not in region_labels]
        assert named == [countries[code].label(record.language) for code in codes], identifier
        assert set(record.coverage) - set(named) <= region_labels


def test_commodity_and_region_sheets(records: dict[str, Harvested]) -> None:
    # A commodity sheet is about the countries its findings table names: there, and in its coverage.
    assert "country:BR" in records["commodity-acai.en"].sets and "Brazil" in records["commodity-acai.en"].coverage
    assert "Brésil" in records["commodity-acai.fr"].coverage
    assert {"country:CI", "country:GH"} <= set(records["commodity-cocoa.en"].sets)
    # A region sheet is about its region: no country set, its region for coverage (as the search's country filter).
    europe = records["region-europe-eurasia.en"]
    assert not any(s.startswith("country:") for s in europe.sets)
    assert europe.coverage == ("Europe and Eurasia",)
    assert "country:CI" in records["country-ci.fr"].sets and records["country-ci.fr"].coverage[0] == "Côte d’Ivoire"
