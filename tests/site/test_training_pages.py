"""A trainer's audit of the training modules: a module's page offers its editable copies (the types that do are one
table), a Print button shown by its script, and its quiz's answers told apart for the answer key printed at the end;
the list of the modules (« Parcourir › Module de formation », the search filtered by type) says whom each is for."""

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.models import ResourceType
from app.search.base import SearchEngine
from app.services.pages import EDITABLE_COPIES
from app.services.site.search_hits import AUDIENCES_LISTED
from app.services.sync import rebuild_index
from app.taxonomy import Taxonomies
from tests.routers.test_pages import add_resource

pytestmark = [pytest.mark.usefixtures("loaded"), pytest.mark.database_agnostic]

QUIZ = """## Units

**Unit 1 (45 min).** Read the [risk mapping method](crv:method-risk-mapping) and the
[ILO indicators](https://www.ilo.org/indicators).

## Knowledge check

1. Is all work by children child labour? **Answer:** no; light work allowed by law is not.
2. What comes first, audits or a risk map? **Answer:** a risk map.
"""


def test_the_types_a_reader_adapts_offer_an_editable_copy() -> None:
    """Tools are filled in, training modules and methods adapted; facts and their sources (sheets, laws, practices)
    are read and cited."""
    assert set(EDITABLE_COPIES) == {ResourceType.tool, ResourceType.training_module, ResourceType.methodology}
    assert AUDIENCES_LISTED == {ResourceType.training_module}


@pytest.mark.parametrize(
    ("kind", "line"),
    [
        ("training_module", "Download this module to adapt it"),
        ("methodology", "Download this method to adapt it"),
        ("tool", "Download this template to fill in"),
        ("risk_sheet", None),
        ("legal_reference", None),
        ("good_practice", None),
    ],
)
def test_a_page_links_to_its_editable_copies_if_its_type_offers_them(
    client: TestClient, session_factory: sessionmaker[Session], kind: str, line: str | None
) -> None:
    add_resource(session_factory, translation_key=f"x-{kind}", language="en", slug=f"x-{kind}", type=kind)
    html = client.get(f"/en/resources/x-{kind}").text
    downloads = re.findall(r'<a href="([^"]+/download\?format=\w+)" download>(\w+)</a>', html)
    if line is None:
        assert downloads == [] and 'class="downloads"' not in html
    else:
        assert f'<p class="downloads">{line}:' in html
        address = f"http://testserver/v1/resources/x-{kind}.en/download?format="
        assert downloads == [(address + "odt", "ODT"), (address + "docx", "DOCX")]


def test_a_module_s_page_has_a_print_button_its_script_shows(client: TestClient) -> None:
    html = client.get("/en/resources/risk-mapping").text
    assert '<button type="button" class="secondary js-print" hidden>Print</button>' in html
    assert re.search(r'<script src="/static/site/print\.js\?v=\w+" defer></script>', html)
    french = client.get("/fr/ressources/cartographie-des-risques").text
    assert 'class="secondary js-print" hidden>' in french


def test_a_quiz_s_answers_are_marked_and_given_again_in_the_answer_key(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    add_resource(
        session_factory, translation_key="training-x", language="en", slug="training-x", type="training_module",
        body=QUIZ,
    )  # fmt: skip
    html = client.get("/en/resources/training-x").text
    body = html.split('<div class="body">')[1].split("</div>")[0]
    assert body.count('<li class="quiz-question">') == 2
    assert (
        '<span class="quiz-answer"><strong>Answer:</strong> no; light work allowed by law is not.</span></li>' in body
    )
    # the centre's own page is linked by its address, another site's marked as such (print shows its address only)
    assert '<a href="http://testserver/en/resources/risk-mapping">risk mapping method</a>' in body
    assert '<a href="https://www.ilo.org/indicators" rel="nofollow noopener">ILO indicators</a>' in body
    key = html.split('<section class="answer-key" aria-labelledby="answer-key-title" hidden>')[1].split("</section>")[0]
    assert '<h2 id="answer-key-title">Answer key</h2>' in key
    assert re.findall(r'<li value="(\d)">([^<]+)</li>', key) == [
        ("1", "no; light work allowed by law is not."),
        ("2", "a risk map."),
    ]
    assert html.index('class="answer-key"') > html.index('id="cite-title"')  # at the end, after the citation
    assert "answer-key" not in client.get("/en/resources/pakistan").text  # no quiz, no key


def test_the_list_of_training_modules_says_whom_each_is_for(
    client: TestClient,
    session_factory: sessionmaker[Session],
    search_engine: SearchEngine,
    taxonomies: Taxonomies,
) -> None:
    add_resource(
        session_factory, translation_key="training-smes", language="en", type="training_module",
        title="Training for SMEs", audiences=["smes", "suppliers"],
    )  # fmt: skip
    add_resource(
        session_factory, translation_key="training-none", language="en", type="training_module",
        title="Training for anyone",
    )  # fmt: skip
    add_resource(
        session_factory, translation_key="practice-x", language="en", type="good_practice",
        title="A practice for SMEs", audiences=["smes"],
    )  # fmt: skip
    rebuild_index(session_factory, search_engine, taxonomies)
    hits = hits_of(client.get("/en/search", params={"type": "training_module"}).text)
    assert hits["Training for SMEs"] == "Written for: SMEs, Suppliers"
    assert hits["Training for anyone"] is None  # none named, no line
    everything = hits_of(client.get("/en/search", params={"audience": "smes"}).text)
    assert everything["Training for SMEs"] == "Written for: SMEs, Suppliers"
    assert everything["A practice for SMEs"] is None  # chosen by its subject: its audiences are not listed


def hits_of(html: str) -> dict[str, str | None]:
    """Each result's title and its « Written for » line (None without one)."""
    found = {}
    for item in html.split('<ol class="hits"')[1].split("</ol>")[0].split("<li>")[1:]:
        title = re.search(r'<h3><a href="[^"]+">([^<]+)</a></h3>', item)
        audiences = re.search(r'<p class="meta-line audiences">([^<]+)</p>', item)
        assert title, item
        found[title[1]] = audiences[1] if audiences else None
    return found
