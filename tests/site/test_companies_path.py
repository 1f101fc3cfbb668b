"""A compliance officer writing her company's vigilance plan found no path through the corpus: the home page leads
companies under the duty of vigilance step by step, and every country sheet to the risk-mapping method, how to read
a risk sheet and the screening."""

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.i18n import gettext
from app.paths import page_path, resource_path
from tests.helpers import add_content_sheet

pytestmark = [pytest.mark.usefixtures("loaded"), pytest.mark.database_agnostic]

PATH_RESOURCES = (
    "resources/methodologies/method-risk-sheets",
    "resources/methodologies/method-vigilance-plan",
    "resources/tools/tool-due-diligence-report-outline",
)
MAPPING = {"fr": "cartographie-des-risques", "en": "risk-mapping"}  # the fixture corpus's risk-mapping method


def companies_card(client: TestClient, lang: str) -> str:
    tasks = client.get(f"/{lang}/").text.split('<section class="tasks"')[1].split("</section>")[0]
    return next(
        card
        for card in re.split(r'<li[^>]*>\n      <p class="meta-line">', tasks)
        if gettext(lang, "Companies: duty of vigilance") in card
    )


def links(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)"', html)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_home_leads_companies_through_their_vigilance_plan_in_the_order_of_the_work(
    client: TestClient, session_factory: sessionmaker[Session], lang: str
) -> None:
    slugs = [add_content_sheet(session_factory, path, [lang])[lang] for path in PATH_RESOURCES]
    card = companies_card(client, lang)
    expected = [
        resource_path(lang, MAPPING[lang]),
        page_path("screening", lang),
        *(resource_path(lang, slug) for slug in slugs),
    ]
    assert links(card) == expected
    assert card.count("<li>") == 4  # map, read a sheet, the plan's measures, the annual report
    for url in expected:
        assert client.get(url).status_code == 200
    # the links say what they lead to: the resources' titles, in the page's language
    plan = {"fr": "Le plan de vigilance\u00a0: les cinq mesures", "en": "The vigilance plan: the five measures"}
    assert plan[lang] in card


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_resource_not_published_in_the_language_drops_out_of_the_path(client: TestClient, lang: str) -> None:
    """Only the fixture corpus's risk-mapping method is published: the other steps are left out, not broken."""
    card = companies_card(client, lang)
    assert links(card) == [resource_path(lang, MAPPING[lang]), page_path("screening", lang)]
    assert card.count("<li>") == 1


def test_the_path_spans_two_rows_only_where_it_leaves_no_card_alone(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """Four cards (screening, path, publishing, reuse) fill two rows of two; with the social auditors' a fifth was
    alone on a third row, so the path, the tallest, spans two rows beside the cards before and after it."""
    path_card = '<li class="two-rows">\n      <p class="meta-line"><span class="kind">Companies: duty of vigilance'
    tasks = client.get("/en/").text.split('<section class="tasks"')[1].split("</section>")[0]
    assert tasks.count('<p class="meta-line">') == 4 and path_card not in tasks
    add_content_sheet(session_factory, "resources/tools/tool-site-visit-checklist", ["en"])
    tasks = client.get("/en/").text.split('<section class="tasks"')[1].split("</section>")[0]
    assert tasks.count('<p class="meta-line">') == 5 and path_card in tasks


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_country_sheet_leads_to_the_risk_mapping_method_how_to_read_it_and_the_screening(
    client: TestClient, session_factory: sessionmaker[Session], lang: str
) -> None:
    how_to_read = add_content_sheet(session_factory, "resources/methodologies/method-risk-sheets", [lang])[lang]
    page = client.get(resource_path(lang, "cote-d-ivoire"))
    assert page.status_code == 200
    block = page.text.split('<p class="next-steps">')[1].split("</p>")[0]
    expected = [resource_path(lang, MAPPING[lang]), resource_path(lang, how_to_read), page_path("screening", lang)]
    assert links(block) == expected
    for url in expected:
        assert client.get(url).status_code == 200


def test_other_pages_have_no_country_next_steps(client: TestClient) -> None:
    assert 'class="next-steps"' not in client.get(resource_path("en", MAPPING["en"])).text
