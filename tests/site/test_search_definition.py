"""The glossary's definition above a search's results (app.services.site.search_definition): a search about a term of
content/glossary.yaml, by its name in either language, one of its synonyms or either number, with a word or two
beside it, shows the term, its definition in the page's language and a link to its entry on the glossary page; not
a search about something else or about more than the term, nor its later pages."""

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from lxml import html as lxml_html

from app.i18n import gettext
from app.services.glossary import GLOSSARY_FILE, GlossaryTerm, glossary
from app.services.site import search_page
from app.services.site.search_definition import search_definition
from app.services.typography import typeset
from app.taxonomy import Taxonomies
from tests.helpers import CONTENT

pytestmark = [pytest.mark.usefixtures("loaded"), pytest.mark.database_agnostic]


@pytest.fixture
def terms(content_dir: Path) -> tuple[GlossaryTerm, ...]:
    """The real glossary, in the test's content tree (a copy of the fixture corpus, without it)."""
    shutil.copy(CONTENT / GLOSSARY_FILE, content_dir / GLOSSARY_FILE)
    return glossary(content_dir)


def named(terms: tuple[GlossaryTerm, ...], french: str) -> GlossaryTerm:
    return next(term for term in terms if term.fr.term == french)


def box(client: TestClient, path: str, **params: str) -> lxml_html.HtmlElement | None:
    response = client.get(path, params=params, follow_redirects=False)
    assert response.status_code == 200, response.headers.get("location")
    found = lxml_html.fromstring(response.text).cssselect("#results aside.definition")
    assert len(found) <= 1
    return found[0] if found else None


def shown(element: lxml_html.HtmlElement | None) -> tuple[str, str, str, str]:
    """The box's term (its heading without « Glossary »), definition, link and the link's words."""
    assert element is not None
    heading = element.get_element_by_id("definition-title")
    kind = heading.cssselect(".definition-kind")[0].text_content()
    (definition,) = element.xpath("p[not(@class)]")
    (link,) = element.cssselect("p.definition-more a")
    term = heading.text_content().removeprefix(kind).strip()
    return term, definition.text_content(), link.get("href"), link.text_content()


def test_a_french_term_on_the_french_page(client: TestClient, terms: tuple[GlossaryTerm, ...]) -> None:
    bondage = named(terms, "Servitude pour dettes")
    element = box(client, "/fr/recherche", q="servitude pour dettes")
    assert shown(element) == (
        "Servitude pour dettes",
        typeset(bondage.fr.definition, "fr"),
        "/fr/glossaire#servitude-pour-dettes",
        gettext("fr", "Full definition and sources"),
    )
    assert element is not None
    assert element.get("aria-labelledby") == "definition-title"
    heading = element.get_element_by_id("definition-title").text_content()
    assert heading.startswith(gettext("fr", "Glossary") + gettext("fr", ":"))  # « Glossaire : Servitude… » heard
    # Above the results, which follow it.
    assert element.getnext() is not None and element.xpath("following-sibling::ol[@class='hits']")
    # The English name on the French page: the French term and definition.
    assert shown(box(client, "/fr/recherche", q="debt bondage"))[:3] == shown(element)[:3]


def test_an_english_term_on_the_english_page(client: TestClient, terms: tuple[GlossaryTerm, ...]) -> None:
    diligence = named(terms, "Diligence raisonnable")
    expected = ("Due diligence", diligence.en.definition, "/en/glossary#due-diligence", "Full definition and sources")
    assert shown(box(client, "/en/search", q="due diligence")) == expected
    assert shown(box(client, "/en/search", q="diligence raisonnable")) == expected  # its French name
    assert shown(box(client, "/en/search", q="devoir de diligence")) == expected  # a synonym (synonyms.yaml)


@pytest.mark.parametrize(
    ("q", "french"),
    [
        # its names, in either language, in either number, with the words of a question or one or two beside them
        ("Servitudes pour dette", "Servitude pour dettes"),
        ("travail dangereux", "Travail dangereux"),
        ("hazardous work", "Travail dangereux"),
        ("kafala", "Kafala"),
        ("kafala Liban", "Kafala"),
        ("qu’est-ce que la kafala ?", "Kafala"),
        ("what is debt bondage", "Servitude pour dettes"),
        ("définition remédiation", "Remédiation"),
        ("remediation plan supplier", "Remédiation"),
        ("lanceurs d'alerte", "Lanceur d’alerte"),
        ("mécanismes de réclamation", "Mécanisme de réclamation"),
        # the synonyms of content/taxonomies/synonyms.yaml and of the taxonomies' terms that say the same thing
        ("bonded labour", "Servitude pour dettes"),
        ("travail infantile", "Travail des enfants"),
        ("forced labor", "Travail forcé"),  # an American spelling
        ("compulsory labour", "Travail forcé"),
        ("trafficking in persons", "Traite des êtres humains"),
        ("worst forms of child labor", "Pires formes de travail des enfants"),
        # a name ending in an acronym: the acronym alone
        ("SSRTE", "Système de suivi et de remédiation du travail des enfants (SSRTE)"),
        ("CLMRS", "Système de suivi et de remédiation du travail des enfants (SSRTE)"),
        # the longest name the words hold, not one inside it
        ("travail forcé imposé par l'État", "Travail forcé imposé par l’État"),
        ("pires formes de travail des enfants", "Pires formes de travail des enfants"),
        ("esclavage moderne", "Esclavage moderne"),
    ],
)
def test_a_search_about_a_term(terms: tuple[GlossaryTerm, ...], taxonomies: Taxonomies, q: str, french: str) -> None:
    found = search_definition(q, terms, taxonomies, "fr")
    assert found is not None and found.term == typeset(french, "fr"), q


@pytest.mark.parametrize(
    "q",
    [
        "",
        "cacao",
        "de la",  # stop words alone
        "travail",
        "servitude pour dettes briques Pakistan Inde",  # three words more than the term: about more than it
        "travail dangereux enfants cacao Côte d'Ivoire",
        # a synonym group or a risk's synonyms that name two terms name neither: « whistleblowing » is in the group
        # of both grievance and alert mechanisms, « servitude » and « pires formes » in the risks' with two terms
        "whistleblowing",
        "servitude",
        "pires formes",
    ],
)
def test_no_definition(terms: tuple[GlossaryTerm, ...], taxonomies: Taxonomies, q: str) -> None:
    assert search_definition(q, terms, taxonomies, "fr") is None
    assert search_definition(q, terms, taxonomies, "en") is None


def test_no_box_for_another_search(client: TestClient, terms: tuple[GlossaryTerm, ...]) -> None:
    assert terms
    for q in ("cacao", "servitude pour dettes briques Pakistan Inde"):
        assert box(client, "/fr/recherche", q=q) is None, q
    assert box(client, "/fr/recherche") is None
    assert box(client, "/en/search", q="cocoa Ghana") is None


def test_every_name_finds_its_own_term(terms: tuple[GlossaryTerm, ...], taxonomies: Taxonomies) -> None:
    """No synonym, nor another term's name, takes a term's name from it."""
    assert len(terms) >= 15
    for term in terms:
        for name in (term.fr.term, term.en.term):
            for language in ("fr", "en"):
                found = search_definition(name, terms, taxonomies, language)
                assert found is not None and found.term == typeset(term.text(language).term, language), name


def test_not_on_a_later_page(
    client: TestClient, terms: tuple[GlossaryTerm, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert terms
    monkeypatch.setattr(search_page, "PER_PAGE", 1)  # a result a page: a page two that exists
    assert box(client, "/en/search", q="forced labour") is not None
    assert box(client, "/en/search", q="forced labour", page="2") is None


def test_the_link_leads_to_the_term_on_the_glossary_page(
    client: TestClient, terms: tuple[GlossaryTerm, ...], taxonomies: Taxonomies
) -> None:
    """Each term's link, by its name in either language, leads to its entry on the glossary page of the search's
    language."""
    for language, path in (("fr", "/fr/glossaire"), ("en", "/en/glossary")):
        page = lxml_html.fromstring(client.get(path).text)
        entries = {dt.get("id"): dt.text_content() for dt in page.cssselect("dl.glossary > dt")}
        for term in terms:
            for name in (term.fr.term, term.en.term):
                found = search_definition(name, terms, taxonomies, language)
                assert found is not None
                address, anchor = found.url.split("#")
                assert address == path and entries[anchor] == found.term, name
    element = box(client, "/fr/recherche", q="kafala")
    assert element is not None
    assert element.cssselect("p.definition-more a")[0].get("href") == "/fr/glossaire#kafala"


def test_no_box_without_a_glossary(client: TestClient, content_dir: Path) -> None:
    assert not (content_dir / GLOSSARY_FILE).exists()
    assert box(client, "/fr/recherche", q="kafala") is None
