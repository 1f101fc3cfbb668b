"""schema.org JSON-LD beyond a resource's own type: a legal reference's laws as its subject, the export described
once as a Dataset (the API page), the site as a WebSite with its search (the home page). Read with pyld, as in
test_negotiation."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.models import Resource
from tests.helpers import resource_row
from tests.routers.test_negotiation import SCHEMA, expand, page_json_ld, values

pytestmark = [pytest.mark.usefixtures("loaded"), pytest.mark.database_agnostic]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

SOURCES = [
    {"title": "ILO NORMLEX, Forced Labour Convention, 1930 (No. 29)",
     "url": "https://normlex.ilo.org/dyn/nrmlx_en/f?p=NORMLEXPUB:12100:0::NO::P12100_ILO_CODE:C029"},
    {"title": "Directive (EU) 2024/1760 (EUR-Lex)", "url": "https://eur-lex.europa.eu/eli/dir/2024/1760/oj"},
    {"title": "EUR-Lex summary", "url": "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=LEGISSUM:jl0058"},
    {"title": "European Court of Human Rights, Siliadin v. France (HUDOC)", "url": "https://hudoc.echr.coe.int/eng?i=001-69891"},
    {"title": "Council of Europe Treaty Office, ETS No. 005",
     "url": "https://www.coe.int/en/web/conventions/full-list?module=treaty-detail&treatynum=005"},
    {"title": "A ministry's page", "url": "https://travail-emploi.gouv.fr/strategie"},
]  # fmt: skip


def _add(session: Session, resource_type: str) -> None:
    session.add(
        Resource(
            **resource_row(
                "law", "en", slug="law", type=resource_type, countries=["FR"], risks=["forced-labour"], sources=SOURCES
            )
        )
    )
    session.commit()


def test_legal_reference_is_an_article_about_the_official_texts_it_cites(client: TestClient, session: Session) -> None:
    _add(session, "legal_reference")
    data = client.get("/v1/resources/law.en", headers={"Accept": "application/ld+json"}).json()
    assert data == page_json_ld(client, "/en/resources/law")  # the page says the same
    [node] = expand(data)
    assert node["@type"] == [SCHEMA + "Article"]
    laws = [n for n in node[SCHEMA + "about"] if n["@type"] == [SCHEMA + "Legislation"]]
    assert [(values(n, "name")[0], values(n, "url")[0]) for n in laws] == [
        (SOURCES[0]["title"], SOURCES[0]["url"]),
        (SOURCES[1]["title"], SOURCES[1]["url"]),
        (SOURCES[4]["title"], SOURCES[4]["url"]),
    ]  # a summary, a judgment, a ministry's page are sources, not laws
    for law in laws:  # nothing the sources do not say: no date, number, jurisdiction or publisher of the law
        assert set(law) == {"@type", SCHEMA + "name", SCHEMA + "url"}
    assert values(node[SCHEMA + "publisher"][0], "name") == ["Virtual resource centre 8.7"]  # the explainer's
    assert "legislationJurisdiction" not in data
    risks = [n for n in node[SCHEMA + "about"] if n["@type"] == [SCHEMA + "Thing"]]
    assert [values(n, "name") for n in risks] == [["Forced labour"]]


def test_a_method_citing_a_law_is_not_about_it(client: TestClient, session: Session) -> None:
    _add(session, "methodology")
    data = client.get("/v1/resources/law.en", headers={"Accept": "application/ld+json"}).json()
    assert data["@type"] == "Article"
    assert all(node["@type"] != "Legislation" for node in data["about"])


@pytest.mark.parametrize(("path", "language"), [("/fr/api", "fr"), ("/en/api", "en")])
def test_api_page_describes_the_export_and_ilab_s_findings_as_datasets(
    client: TestClient, path: str, language: str
) -> None:
    """The two datasets of the DCAT-AP catalogue, with its @ids: the export, and ILAB's findings (in the public domain,
    based on ILAB's List of Goods, made by ILAB)."""
    data = page_json_ld(client, path)
    nodes = {node["@id"]: node for node in expand(data)}
    assert set(nodes) == {
        "http://testserver/catalog#resources",
        "http://testserver/catalog#ilab-findings",
        "http://testserver/catalog#ilab-countries",
    }
    node = nodes["http://testserver/catalog#resources"]  # the DCAT-AP catalogue's dataset
    assert node["@type"] == [SCHEMA + "Dataset"]
    assert len(values(node, "description")[0]) >= 50  # Google Dataset Search's minimum
    assert values(node, "url") == [f"http://testserver{path}"]
    assert sorted(values(node, "inLanguage")) == ["en", "fr"]
    assert values(node, "isAccessibleForFree") == [True]
    assert values(node, "license") == ["https://spdx.org/licenses/CC-BY-4.0.html"]  # every fixture resource's
    for role in ("creator", "publisher"):
        [organisation] = node[SCHEMA + role]
        assert organisation["@type"] == [SCHEMA + "Organization"] and values(organisation, "name")
    downloads: dict[str, Any] = {
        values(d, "contentUrl")[0]: values(d, "encodingFormat")[0] for d in node[SCHEMA + "distribution"]
    }
    assert downloads == {
        "http://testserver/v1/export?format=csv": "text/csv",
        "http://testserver/v1/export?format=jsonl": "application/jsonl",
        "http://testserver/v1/export?format=xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    assert all(d["@type"] == [SCHEMA + "DataDownload"] for d in node[SCHEMA + "distribution"])
    assert values(node, "dateModified") and values(node, "datePublished")
    assert "temporalCoverage" not in data and "spatialCoverage" not in data  # nothing honest to say
    ilab = nodes["http://testserver/catalog#ilab-findings"]
    assert ilab["@type"] == [SCHEMA + "Dataset"] and len(values(ilab, "description")[0]) >= 50
    assert values(ilab, "url") == [f"http://testserver{path}#findings"]
    assert values(ilab, "license") == ["https://creativecommons.org/publicdomain/mark/1.0/"]
    assert values(ilab, "isBasedOn") == ["https://www.dol.gov/agencies/ilab/reports/child-labor/list-of-goods"]
    assert values(ilab[SCHEMA + "creator"][0], "name") == [
        "US Department of Labor, Bureau of International Labor Affairs"
    ]
    assert {values(d, "contentUrl")[0]: values(d, "encodingFormat")[0] for d in ilab[SCHEMA + "distribution"]} == {
        "http://testserver/v1/findings?format=csv": "text/csv",
        "http://testserver/v1/findings?format=json": "application/json",
        "http://testserver/v1/findings?format=xlsx": XLSX,
    }


@pytest.mark.parametrize(("path", "search", "name"), [
    ("/fr/", "/fr/recherche", "Centre de ressources virtuel 8.7"),
    ("/en/", "/en/search", "Virtual resource centre 8.7"),
])  # fmt: skip
def test_home_page_is_the_website_with_its_search(client: TestClient, path: str, search: str, name: str) -> None:
    data = page_json_ld(client, path)
    assert data["@type"] == "WebSite" and data["url"] == f"http://testserver{path}" and data["name"] == name
    action = data["potentialAction"]
    assert action["@type"] == "SearchAction" and action["query-input"] == "required name=search_term_string"
    template = action["target"]["urlTemplate"]
    assert template == f"http://testserver{search}?q={{search_term_string}}"
    assert (
        client.get(template.replace("{search_term_string}", "cacao").removeprefix("http://testserver")).status_code
        == 200
    )
