"""The training page (``/fr/formations/``, ``/en/training/``): a training lead's one list of the centre's modules in
her language, grouped by level, each with what she chooses it by; drafts and the other language's modules absent."""

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.models import ResourceStatus, TrainingLevel
from tests.routers.test_pages import add_resource

pytestmark = pytest.mark.database_agnostic

SECTION_TITLES = re.compile(r'<section aria-labelledby="level-[a-z]+">\s*<h2 id="level-([a-z]+)">([^<]*)</h2>')


def _module(factory: sessionmaker[Session], key: str, language: str = "en", **overrides: object) -> None:
    add_resource(
        factory, translation_key=key, language=language, slug=f"{key}-{language}", type="training_module",
        title=f"Module {key} {language}", summary=f"What {key} teaches", **overrides,
    )  # fmt: skip


@pytest.fixture
def modules(session_factory: sessionmaker[Session]) -> None:
    _module(session_factory, "advanced-b", level=TrainingLevel.advanced, duration=360)
    _module(session_factory, "unstated", duration=45)
    _module(
        session_factory, "intro", level=TrainingLevel.introduction, duration=90, audiences=["companies", "smes"],
        prerequisites="None",
    )  # fmt: skip
    _module(session_factory, "advanced-a", level=TrainingLevel.advanced)
    _module(session_factory, "middle", level=TrainingLevel.intermediate, status=ResourceStatus.draft)
    _module(session_factory, "intro", "fr", level=TrainingLevel.introduction, duration=90, prerequisites="Aucun")
    add_resource(session_factory, translation_key="practice", language="en", title="Not a module")


def test_the_english_page_groups_the_modules_by_level(client: TestClient, modules: None) -> None:
    response = client.get("/en/training/")
    assert response.status_code == 200
    html = response.text
    assert '<html lang="en">' in html and response.headers["content-language"] == "en"
    assert SECTION_TITLES.findall(html) == [
        ("introduction", "Introductory"), ("advanced", "Advanced"), ("unstated", "Level not stated"),
    ]  # fmt: skip
    # within a level, by title
    assert html.index("Module advanced-a en") < html.index("Module advanced-b en") < html.index("Module unstated en")
    assert '<a href="/en/resources/intro-en">Module intro en</a>' in html
    assert "What intro teaches" in html
    assert "2 training modules" not in html and "4 training modules are published" in html
    assert 'href="/en/search?type=training_module"' in html


def test_each_module_states_its_facts(client: TestClient, modules: None) -> None:
    html = client.get("/en/training/").text
    assert (
        '<p class="meta-line training-facts"><span>Duration: <time datetime="PT1H30M">1 hour 30 minutes</time></span>'
        " <span>Level: Introductory</span></p>"
    ) in html
    assert '<time datetime="PT6H">6 hours</time>' in html
    assert '<p class="meta-line audiences">Written for: Companies, SMEs</p>' in html
    assert '<p class="meta-line prerequisites">Prerequisites: None</p>' in html
    assert '<p class="meta-line training-facts"><span>Level: Advanced</span></p>' in html  # advanced-a: no length
    assert (
        '<p class="meta-line training-facts"><span>Duration: <time datetime="PT45M">45 minutes</time></span></p>'
        in (html)
    )  # unstated: no level
    assert html.count("training-facts") == 4


def test_drafts_other_types_and_the_other_language_are_absent(client: TestClient, modules: None) -> None:
    html = client.get("/en/training/").text
    assert "Module middle" not in html  # a draft
    assert "Not a module" not in html
    assert "Module intro fr" not in html
    french = client.get("/fr/formations/").text
    assert "Module intro fr" in french and "Module intro en" not in french and "Module unstated" not in french


def test_the_french_page_its_breadcrumb_alternates_and_the_nav(client: TestClient, modules: None) -> None:
    response = client.get("/fr/formations/")
    assert response.status_code == 200
    html = response.text
    assert '<html lang="fr">' in html
    assert SECTION_TITLES.findall(html) == [("introduction", "Initiation")]
    assert '<time datetime="PT1H30M">1\u00a0h\u00a030</time>' in html
    assert "Prérequis" in html and "Aucun" in html
    # the breadcrumb's last and the main nav's current (the labels are the catalogue's: « Formations » once merged)
    assert '<li><a aria-current="page" href="/fr/formations/">' in html
    assert '<a href="/fr/formations/" aria-current="page">' in html
    assert '<link rel="canonical" href="http://testserver/fr/formations/">' in html
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/training/">' in html
    assert 'class="lang-switch" href="/en/training/"' in html
    nav = html[html.index('class="wrap main-nav"') : html.index("</nav>")]
    assert nav.count("<li>") == 7
    assert nav.index("/fr/outils/") < nav.index("/fr/formations/") < nav.index("/fr/publier")


def test_a_language_without_modules_says_so(client: TestClient) -> None:
    html = client.get("/en/training/").text
    assert "No training module is published yet in this language." in html
    assert "/en/training/" in client.get("/sitemap.xml").text
