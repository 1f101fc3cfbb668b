"""GET /fr/ressources/{slug}, /en/resources/{slug}: the human page of a resource, server-rendered in its language."""

import json
import re
from html.parser import HTMLParser
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.models import Resource, ResourceStatus
from app.services.pages import json_for_script
from tests.helpers import resource_row

pytestmark = pytest.mark.usefixtures("loaded")


def add_resource(factory: sessionmaker[Session], **overrides: Any) -> None:
    with factory() as session:
        session.add(Resource(**resource_row(**overrides)))
        session.commit()


class Structure(HTMLParser):
    """The bits of a page the tests look at."""

    def __init__(self) -> None:
        super().__init__()
        self.html_lang: str | None = None
        self.alternates: dict[str, str] = {}
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.links: list[str] = []
        self.event_handlers: list[str] = []
        self._in_script: dict[str, str | None] | None = None
        self._script_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.event_handlers.extend(name for name in attributes if name.startswith("on"))
        if tag == "html":
            self.html_lang = attributes.get("lang")
        if tag == "link" and attributes.get("rel") == "alternate" and "hreflang" in attributes:
            self.alternates[str(attributes["hreflang"])] = str(attributes["href"])
        if tag == "a" and attributes.get("href"):
            self.links.append(str(attributes["href"]))
        if tag == "script":
            self._in_script, self._script_text = attributes, []

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_script is not None:
            self.scripts.append((self._in_script, "".join(self._script_text)))
            self._in_script = None


def parse(html: str) -> Structure:
    structure = Structure()
    structure.feed(html)
    return structure


def json_ld(structure: Structure) -> dict[str, Any]:
    [(_, text)] = [(a, t) for a, t in structure.scripts if a.get("type") == "application/ld+json"]
    data: dict[str, Any] = json.loads(text)
    return data


def test_french_page(client: TestClient) -> None:
    response = client.get("/fr/ressources/cote-d-ivoire")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["content-language"] == "fr"
    page = parse(response.text)
    assert page.html_lang == "fr"
    assert "<h1>Côte d’Ivoire\u00a0: travail des enfants dans le cacao</h1>" in response.text
    assert "les plantations de cacao de Côte d’Ivoire" in response.text  # summary
    assert '>Cacao</a>, <a href="/fr/recherche?sector=coffee">Café</a>' in response.text  # labels in French
    assert ">Travail des enfants</a>" in response.text
    assert '<time datetime="2026-01-10">10 janvier 2026</time>' in response.text
    # body: sanitised HTML, crv: link resolved to the French page
    assert "http://testserver/fr/ressources/cartographie-des-risques" in page.links
    assert "https://www.dol.gov/agencies/ilab/reports/child-labor/list-of-goods" in page.links  # sources
    assert page.alternates == {
        "fr": "http://testserver/fr/ressources/cote-d-ivoire",
        "en": "http://testserver/en/resources/cote-d-ivoire",
    }
    data = json_ld(page)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Article"  # a sheet, not a data set
    assert data["headline"] == data["name"] and data["name"].startswith("Côte d’Ivoire")
    assert data["author"] == data["publisher"] == {"@type": "Organization", "name": "Centre de ressources virtuel 8.7"}
    assert data["inLanguage"] == "fr" and data["url"] == "http://testserver/fr/ressources/cote-d-ivoire"
    assert data["workTranslation"][0]["inLanguage"] == "en"


def test_english_page_and_methodology(client: TestClient) -> None:
    response = client.get("/en/resources/risk-mapping")
    page = parse(response.text)
    assert response.status_code == 200 and page.html_lang == "en"
    assert "Mapping risks by country and sector" in response.text
    assert "Methodology" in response.text and "Other languages" in response.text
    assert "http://testserver/en/resources/cote-d-ivoire" in page.links  # crv:country-ci in English
    assert json_ld(page)["dateModified"] == "2026-03-15"
    assert '<time datetime="2026-03-15">15 March 2026</time>' in response.text


def test_training_module_is_a_learning_resource(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    add_resource(session_factory, translation_key="course", type="training_module", sectors=["cocoa"])
    data = json_ld(parse(client.get("/fr/ressources/course").text))
    assert data["@type"] == "LearningResource" and data["learningResourceType"] == "Module de formation"


def test_related_resources_share_sectors_or_countries(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    add_resource(session_factory, translation_key="cocoa-practice", sectors=["cocoa"], countries=["GH"])
    add_resource(session_factory, translation_key="ci-law", type="legal_reference", countries=["CI"])
    add_resource(session_factory, translation_key="gold-guide", sectors=["gold"])
    add_resource(session_factory, translation_key="cocoa-en", language="en", sectors=["cocoa"])
    add_resource(session_factory, translation_key="cocoa-draft", sectors=["cocoa"], status=ResourceStatus.draft)
    page = parse(client.get("/fr/ressources/cote-d-ivoire").text)
    related = {link for link in page.links if link.startswith("http://testserver/fr/ressources/")}
    assert "http://testserver/fr/ressources/cocoa-practice" in related
    assert "http://testserver/fr/ressources/ci-law" in related
    assert "http://testserver/fr/ressources/gold-guide" not in related  # nothing in common
    assert "http://testserver/fr/ressources/cocoa-draft" not in related  # unpublished
    assert not any("/en/" in link for link in related)  # same language only


def test_related_resources_begin_with_what_the_text_links_to(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """The author's links first, though they share no tag; a link to a risk sheet adds nothing (its tags do)."""
    body = "Voir [la méthode](crv:plan-method), [la fiche](crv:country-gh) et [une page absente](crv:nowhere)."
    add_resource(session_factory, translation_key="vigilance-law", type="legal_reference", countries=[], body=body)
    add_resource(session_factory, translation_key="plan-method", type="methodology", countries=[])
    add_resource(session_factory, translation_key="country-gh", type="risk_sheet", countries=["GH"])
    add_resource(session_factory, translation_key="unlinked", type="methodology", countries=[])
    html = client.get("/fr/ressources/vigilance-law").text
    section = html.split('<section class="related"', 1)[1].split("</section>", 1)[0]
    assert parse(section).links == ["http://testserver/fr/ressources/plan-method"]


def test_an_ilab_sheet_s_related_resources_are_neither_its_table_links_nor_other_sheets(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """India's and Bangladesh's sheets listed the four conventions their ratification table links, and a sheet's
    related sheets are its « Fiches liées »: the briefs and practices on its countries and sectors come instead."""
    body = "| [Convention 182](crv:law-c182) | oui |\n\nFiches liées : [Cacao](crv:commodity-cocoa)"
    add_resource(
        session_factory, translation_key="country-gh", type="risk_sheet", countries=["GH"], sectors=["cocoa"], body=body
    )
    add_resource(session_factory, translation_key="law-c182", type="legal_reference", countries=[])
    add_resource(
        session_factory, translation_key="commodity-cocoa", type="risk_sheet", countries=["GH"], sectors=["cocoa"]
    )
    add_resource(session_factory, translation_key="brief-cocoa", type="risk_sheet", countries=["GH"], sectors=["cocoa"])
    add_resource(session_factory, translation_key="cocoa-practice", countries=["GH"])
    html = client.get("/fr/ressources/country-gh").text
    section = html.split('<section class="related"', 1)[1].split("</section>", 1)[0]
    assert parse(section).links == [
        "http://testserver/fr/ressources/brief-cocoa",
        "http://testserver/fr/ressources/cocoa-practice",
    ]


def test_hostile_content_is_escaped(client: TestClient, session_factory: sessionmaker[Session]) -> None:
    add_resource(
        session_factory,
        translation_key="hostile",
        title='</script><script>alert("t")</script>',
        summary="<img src=x onerror=alert(1)> & co",
        body='<script>alert("b")</script>\n\n[x](javascript:alert(1)) <b onclick="x()">b</b>',
        sources=[{"title": "<i>src</i>", "url": "javascript:alert(2)"}],
    )
    response = client.get("/fr/ressources/hostile")
    assert response.status_code == 200
    page = parse(response.text)
    scripts = [attrs for attrs, _ in page.scripts]
    # nothing injected a script element: the JSON-LD, and the site's own print.js (the Print button)
    assert scripts[0] == {"type": "application/ld+json"}
    assert [sorted(attrs) for attrs in scripts[1:]] == [["defer", "src"]]
    assert str(scripts[1]["src"]).startswith("/static/site/print.js?v=")
    assert not page.event_handlers
    assert "javascript:" not in " ".join(page.links)
    assert "<i>src</i>" not in response.text
    data = json_ld(page)
    assert data["name"] == '</script><script>alert("t")</script>'  # round-trips, yet inert in the page
    assert data["description"] == "<img src=x onerror=alert(1)> & co"
    assert "javascript" not in json.dumps(data["citation"])


def test_french_pages_show_what_a_partner_typed_in_french_typography(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    """Typed on an ordinary keyboard, « l'OIT : 40 % ! » reads « l’OIT : 40 % ! » with its no-break spaces on the
    French page; code, link targets and the stored text (the API's) stay as typed; English pages are left alone."""
    typed = {
        "title": "L'OIT et l'UNICEF : 40 % des cas ?",
        "summary": "Ce qu'on sait aujourd'hui ; ce qu'on ignore.",
        "body": "Le rapport de l'OIT : voir [l'étude](https://example.org/l'etude) et `l'exemple`.",
    }
    add_resource(session_factory, translation_key="typed", **typed)
    add_resource(session_factory, translation_key="typed", language="en", title="ILO's report: 40 %", body="It's: x")
    french = client.get("/fr/ressources/typed").text
    assert "L’OIT et l’UNICEF\u00a0: 40\u00a0% des cas\u202f?" in french
    assert "Ce qu’on sait aujourd’hui\u202f; ce qu’on ignore." in french
    assert "Le rapport de l’OIT&nbsp;: voir" in french and "l’étude</a>" in french
    assert 'href="https://example.org/l\'etude"' in french and "<code>l'exemple</code>" in french
    english = client.get("/en/resources/typed").text
    assert "ILO&#39;s report: 40 %" in english and "It's: x" in english
    stored = client.get("/v1/resources/typed.fr").json()
    assert (stored["title"], stored["summary"], stored["body"]) == (typed["title"], typed["summary"], typed["body"])


def test_json_for_script_escapes_the_script_context() -> None:
    text = str(json_for_script({"a": "</script><!-- & \u2028"}))
    assert not re.search(r"[<>&\u2028]", text)
    assert json.loads(text) == {"a": "</script><!-- & \u2028"}


@pytest.mark.parametrize(
    ("path", "lang", "title"),
    [
        ("/fr/ressources/nothing-here", "fr", "Page introuvable"),
        ("/en/resources/nothing-here", "en", "Page not found"),
        ("/de/resources/cote-d-ivoire", "fr", "Page introuvable"),  # no such language: Accept-Language, else French
    ],
)
def test_not_found_is_an_html_page(client: TestClient, path: str, lang: str, title: str) -> None:
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert parse(response.text).html_lang == lang
    assert f"<h1>{title}</h1>" in response.text
    assert 'role="search"' in response.text and "crv-search" not in response.text  # the site's own box, not the widget


def test_not_found_offers_what_the_address_s_words_find(client: TestClient) -> None:
    response = client.get("/en/resources/pakistan-brick-kilns.html", headers={"Accept": "text/html"})
    assert response.status_code == 404
    guesses = re.search(r'<ul class="links guesses">(.*?)</ul>', response.text, re.S)
    assert guesses and 'href="/en/resources/' in guesses.group(1)
    assert "Pakistan" in guesses.group(1) and 'href="/fr/' not in guesses.group(1)  # the address's language
    assert 'value="pakistan brick kilns"' in response.text  # the box holds the words, to search on from


@pytest.mark.parametrize("path", ["/wp-login.php", "/fr/ressources/12345", "/.env", "/en/resources/x-y"])
def test_not_found_searches_nothing_for_a_probe_or_an_address_without_words(client: TestClient, path: str) -> None:
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert "guesses" not in response.text and 'name="q" autocomplete="off" value=""' in response.text


def test_the_french_pages_former_address_redirects_for_good(client: TestClient) -> None:
    moved = client.get("/fr/resources/cote-d-ivoire", follow_redirects=False)
    assert moved.status_code == 301 and moved.headers["location"] == "/fr/ressources/cote-d-ivoire"
    assert client.get("/fr/resources/cote-d-ivoire").status_code == 200
    # each language has its own word, and the other's leads to it (app.routers.site.not_found_page)
    other = client.get("/en/ressources/cote-d-ivoire", follow_redirects=False)
    assert other.status_code == 301 and other.headers["location"] == "/en/resources/cote-d-ivoire"


def test_a_page_taken_off_is_gone_and_leaves_the_language_switch(
    client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    with session_factory() as session:
        resource = session.get(Resource, "country-ci.en")
        assert resource is not None
        resource.status = ResourceStatus.archived
        session.commit()
    assert client.get("/en/resources/cote-d-ivoire").status_code == 410
    page = parse(client.get("/fr/ressources/cote-d-ivoire").text)
    assert "en" not in page.alternates


def test_page_has_responsive_and_print_css(client: TestClient) -> None:
    html = client.get("/fr/ressources/cote-d-ivoire").text
    stylesheet = re.search(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert 'name="viewport"' in html and stylesheet
    css = client.get(stylesheet.group(1)).text
    assert "@media print" in css and "@media (max-width" in css


def test_api_routes_are_not_shadowed(client: TestClient) -> None:
    assert client.get("/v1/resources/country-ci.fr").headers["content-type"] == "application/json"
