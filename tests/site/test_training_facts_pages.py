"""A trainer's audit: a training module's length, level and prerequisites under its summary, on its search result, in
its JSON-LD (``timeRequired``, ``educationalLevel``, ``competencyRequired``) and in the API; and the « Data: ILAB
2022 » badge on the risk sheets only, not on every text that cites ILAB."""

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.models import TrainingLevel
from app.paths import page_path, resource_path
from app.search.base import SearchEngine
from app.services.sync import rebuild_index
from app.taxonomy import Taxonomies
from tests.routers.test_negotiation import page_json_ld
from tests.routers.test_pages import add_resource

pytestmark = [pytest.mark.usefixtures("loaded"), pytest.mark.database_agnostic]

ILAB = {
    "title": "US DOL ILAB, List of Goods Produced by Child Labor or Forced Labor (2022)",
    "url": "https://www.dol.gov/agencies/ilab/reports/child-labor/list-of-goods",
}
FACTS = {"duration": 90, "level": TrainingLevel.intermediate}
FACTS_LINE = re.compile(r'<p class="meta-line training-facts">(.*?)</p>')
# FACTS and its prerequisites as each language's line says them (app/templates/site/_training_facts.html)
SAID = {
    "en": (
        '<span>Duration: <time datetime="PT1H30M">1 hour 30 minutes</time></span> <span>Level: Intermediate</span>',
        " <span>Prerequisites: Bring your purchase list</span>",
    ),
    "fr": (
        '<span>Durée\u00a0: <time datetime="PT1H30M">1\u00a0h\u00a030</time></span>'
        " <span>Niveau\u00a0: Intermédiaire</span>",
        " <span>Prérequis\u00a0: Apporter sa liste d’achats</span>",
    ),
}
PREREQUISITES = {"en": "Bring your purchase list", "fr": "Apporter sa liste d'achats"}


def _module(factory: sessionmaker[Session], language: str = "en", **overrides: object) -> None:
    add_resource(
        factory, translation_key="training-x", language=language, slug=f"training-x-{language}",
        type="training_module", title=f"Module X {language}", **overrides,
    )  # fmt: skip


def test_a_module_s_page_states_its_facts_under_its_summary(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    _module(session_factory, **FACTS, prerequisites="Bring your purchase list")
    html = client.get("/en/resources/training-x-en").text
    assert FACTS_LINE.findall(html) == [
        '<span>Duration: <time datetime="PT1H30M">1 hour 30 minutes</time></span> <span>Level: Intermediate</span> '
        "<span>Prerequisites: Bring your purchase list</span>"
    ]
    assert html.index('class="summary"') < html.index("training-facts") < html.index('class="facts-fold"')


def test_a_french_module_s_length_is_in_french_typography(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    _module(session_factory, "fr", duration=90, prerequisites="Apporter sa liste d'achats")
    [line] = FACTS_LINE.findall(client.get("/fr/ressources/training-x-fr").text)
    assert '<time datetime="PT1H30M">1\u00a0h\u00a030</time>' in line
    assert "Apporter sa liste d’achats" in line  # typeset as the summary is
    assert "<span>" in line and line.count("<span>") == 2  # no level, no empty one


def test_a_module_stating_nothing_and_other_types_have_no_facts_line(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    _module(session_factory)
    assert "training-facts" not in client.get("/en/resources/training-x-en").text
    assert "training-facts" not in client.get("/en/resources/cote-d-ivoire").text


def test_the_json_ld_and_the_api_give_a_module_s_facts(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    _module(session_factory, **FACTS, prerequisites="Bring your purchase list")
    data = client.get("/v1/resources/training-x.en", headers={"Accept": "application/ld+json"}).json()
    assert data == page_json_ld(client, "/en/resources/training-x-en")
    assert data["@type"] == "LearningResource"
    assert (data["timeRequired"], data["educationalLevel"], data["competencyRequired"]) == (
        "PT1H30M", "Intermediate", "Bring your purchase list",
    )  # fmt: skip
    resource = client.get("/v1/resources/training-x.en").json()
    assert (resource["duration"], resource["level"], resource["prerequisites"]) == (
        90, "intermediate", "Bring your purchase list",
    )  # fmt: skip
    markdown = client.get("/v1/resources/training-x.en", headers={"Accept": "text/markdown"}).text
    assert "\nduration: 90\nlevel: intermediate\nprerequisites: Bring your purchase list\n" in markdown


def test_a_resource_without_facts_has_none_in_the_json_ld_and_nulls_in_the_api(client: TestClient) -> None:
    data = client.get("/v1/resources/country-ci.en", headers={"Accept": "application/ld+json"}).json()
    assert not {"timeRequired", "educationalLevel", "competencyRequired"} & set(data)
    resource = client.get("/v1/resources/country-ci.en").json()
    assert (resource["duration"], resource["level"], resource["prerequisites"]) == (None, None, None)
    markdown = client.get("/v1/resources/country-ci.en", headers={"Accept": "text/markdown"}).text
    assert "duration:" not in markdown and "level:" not in markdown


def test_a_module_s_search_result_says_its_length_and_level(
    client: TestClient,
    session_factory: sessionmaker[Session],
    search_engine: SearchEngine,
    taxonomies: Taxonomies,
) -> None:
    _module(session_factory, **FACTS)
    add_resource(
        session_factory, translation_key="training-y", language="en", type="training_module", title="Module Y",
        duration=360, level=TrainingLevel.introduction,
    )  # fmt: skip
    add_resource(session_factory, translation_key="training-z", language="en", type="training_module", title="Module Z")
    rebuild_index(session_factory, search_engine, taxonomies)
    html = client.get("/en/search", params={"type": "training_module"}).text
    lines = {}
    for item in html.split('<ol class="hits"')[1].split("</ol>")[0].split("<li>")[1:]:
        title = re.search(r'<h3><a href="[^"]+">([^<]+)</a></h3>', item)
        assert title, item
        lines[title[1]] = FACTS_LINE.findall(item)
    assert lines["Module X en"] == [
        '<span>Duration: <time datetime="PT1H30M">1 hour 30 minutes</time></span> <span>Level: Intermediate</span>'
    ]
    assert lines["Module Y"] == [
        '<span>Duration: <time datetime="PT6H">6 hours</time></span> <span>Level: Introductory</span>'
    ]
    assert lines["Module Z"] == []  # states neither: no line


def test_the_ilab_vintage_badge_is_a_risk_sheet_s_not_a_module_s_that_cites_ilab(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """The corporate buyers' and investors' modules cite ILAB's List of Goods (2022): they are no data of 2022."""
    _module(session_factory, sources=[ILAB])
    badge = '<span class="badge vintage">Data: ILAB 2022</span>'
    assert badge not in client.get("/en/resources/training-x-en").text
    assert badge in client.get("/en/resources/cote-d-ivoire").text  # a sheet citing the same source


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize(
    ("place", "with_prerequisites"),
    [("resource", True), ("training", False), ("search", False)],  # the training page's are on a line of their own
)
def test_the_module_s_page_the_training_page_and_its_search_result_say_the_same_facts(
    client: TestClient,
    session_factory: sessionmaker[Session],
    search_engine: SearchEngine,
    taxonomies: Taxonomies,
    language: str,
    place: str,
    with_prerequisites: bool,
) -> None:
    _module(session_factory, language, **FACTS, prerequisites=PREREQUISITES[language])
    rebuild_index(session_factory, search_engine, taxonomies)
    path = {
        "resource": resource_path(language, f"training-x-{language}"),
        "training": page_path("training", language),
        "search": page_path("search", language, type="training_module"),
    }[place]
    html = client.get(path).text
    if place != "resource":  # a list: the module's item
        [html] = [item for item in html.split("<li>") if f">Module X {language}</a>" in item.split("</li>")[0]]
    line, prerequisites = SAID[language]
    assert FACTS_LINE.findall(html) == [line + (prerequisites if with_prerequisites else "")]
