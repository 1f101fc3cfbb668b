"""robots.txt lets crawlers (Google Dataset Search, link checkers) fetch what the DCAT-AP catalogue advertises under
/v1/ — the whole-corpus downloads, the Atom feed, the API's root — and keeps the rest of /v1/ out. Read the way
RFC 9309 says (longest match wins, Allow on a tie, ``*`` and ``$``) and the way Python's first-match parser does."""

import re
from collections.abc import Callable
from urllib.robotparser import RobotFileParser

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph
from rdflib.namespace import DCAT, DCTERMS, FOAF

pytestmark = pytest.mark.usefixtures("loaded")
BASE = "http://testserver"


def rfc9309_allows(robots: str, path: str) -> bool:
    """RFC 9309 §2.2.2: the longest matching rule decides, Allow wins a tie; no matching rule allows."""
    rules: list[tuple[int, bool]] = []
    for line in robots.splitlines():
        field, _, value = line.partition(":")
        kind, pattern = field.strip().lower(), value.strip()
        if kind not in {"allow", "disallow"} or not pattern:
            continue
        anchored = pattern.endswith("$")
        regex = ".*".join(re.escape(part) for part in pattern.removesuffix("$").split("*")) + ("$" if anchored else "")
        if re.match(regex, path):
            rules.append((len(pattern), kind == "allow"))
    return max(rules)[1] if rules else True


def first_match_allows(robots: str, path: str) -> bool:
    parser = RobotFileParser()
    parser.parse(robots.splitlines())
    return parser.can_fetch("ExampleBot", BASE + path)


ALLOWED = [
    "/v1/export?format=csv",
    "/v1/export?format=xlsx",
    "/v1/export?format=jsonl",
    "/v1/feed.atom",
    "/v1/feed.atom?country=CI",
    "/v1/glossary",  # the catalogue's glossary dataset (listed only while there is one: the fixtures have none)
    "/v1/glossary?format=ttl",
    "/v1/glossary?format=jsonld",
    "/catalog",
    "/catalog.ttl",
    "/oai?verb=Identify",
    "/openapi.json",
    "/fr/ressources/cote-d-ivoire",
]
DISALLOWED = ["/v1/search?q=cacao", "/v1/resources/country-ci.fr", "/v1/findings", "/v1/export", "/embed/search"]


@pytest.mark.parametrize("allows", [rfc9309_allows, first_match_allows])
def test_robots_allows_what_the_catalogue_advertises(client: TestClient, allows: Callable[[str, str], bool]) -> None:
    robots = client.get("/robots.txt").text
    for path in ALLOWED:
        assert allows(robots, path), path
    for path in DISALLOWED:
        assert not allows(robots, path), path
    catalogue = Graph().parse(data=client.get("/catalog.ttl").content, format="turtle")
    advertised = {
        str(url)
        for predicate in (DCAT.downloadURL, DCAT.accessURL, DCAT.endpointURL, DCAT.endpointDescription, FOAF.homepage)
        for url in catalogue.objects(None, predicate)
    } | {str(s) for s in catalogue.subjects(DCTERMS.identifier, None)}
    assert advertised
    for url in advertised:
        path = url.removeprefix(BASE).split("#")[0]
        if allows is rfc9309_allows or path != "/v1/":  # Python's parser knows no ``$``: the API root stays out
            assert allows(robots, path), url


def test_api_root_alone_is_allowed_under_rfc_9309(client: TestClient) -> None:
    robots = client.get("/robots.txt").text
    assert rfc9309_allows(robots, "/v1/")
    assert not rfc9309_allows(robots, "/v1/taxonomies/countries")
