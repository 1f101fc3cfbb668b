"""The glossary page, /fr/glossaire and /en/glossary: every term of content/glossary.yaml in dictionary order
(« Âge » among the A, not after the Z), one anchor each and no id twice, the other language's name marked with
``lang``, the sources as links (``hreflang`` where the page they lead to is in the other language), the centre's
resources that go further as links that lead to them; linked from every page's footer and from the About page,
listed in the sitemap."""

import json
import shutil
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from lxml import html as lxml_html
from sqlalchemy.orm import Session, sessionmaker

from app.i18n import collation_key
from app.paths import page_path
from app.services.glossary import GLOSSARY_FILE, GlossarySource, GlossaryTerm, TermText, anchor, glossary
from app.services.site.glossary import build_glossary
from app.services.site.published import Entry, PublishedIndex
from tests.helpers import CONTENT, add_content_sheet

pytestmark = pytest.mark.database_agnostic

LANGUAGE_PAGES = [("fr", "/fr/glossaire"), ("en", "/en/glossary")]


def content_paths() -> dict[str, str]:
    """Translation key → the path of its files under content/, without ``.<language>.md``."""
    return {
        path.name.removesuffix(".fr.md"): str(path.relative_to(CONTENT)).removesuffix(".fr.md")
        for path in (CONTENT / "resources").rglob("*.fr.md")
    }


def with_glossary(content_dir: Path, session_factory: sessionmaker[Session]) -> tuple[GlossaryTerm, ...]:
    """The real glossary in the test's content tree, and every resource it names published in both languages."""
    shutil.copy(CONTENT / GLOSSARY_FILE, content_dir / GLOSSARY_FILE)
    found = glossary(content_dir)
    paths = content_paths()
    with session_factory() as session:
        for key in sorted({key for term in found for key in term.see_also}):
            add_content_sheet(session, paths[key])
        session.commit()
    return found


@pytest.fixture
def terms(content_dir: Path, session_factory: sessionmaker[Session]) -> tuple[GlossaryTerm, ...]:
    return with_glossary(content_dir, session_factory)


def page(client: TestClient, path: str) -> lxml_html.HtmlElement:
    response = client.get(path)
    assert response.status_code == 200
    return lxml_html.fromstring(response.text)


@pytest.mark.parametrize(("lang", "path"), LANGUAGE_PAGES)
def test_every_term_with_its_own_anchor(
    client: TestClient, terms: tuple[GlossaryTerm, ...], lang: str, path: str
) -> None:
    assert path == page_path("glossary", lang)
    response = client.get(path)
    assert response.headers["content-language"] == lang
    tree = lxml_html.fromstring(response.text)
    assert tree.get("lang") == lang
    shown = {dt.get("id"): dt.text_content() for dt in tree.cssselect("dl.glossary > dt")}
    assert len(shown) == len(terms) >= 15
    for term in terms:
        name = term.text(lang).term
        assert shown[anchor(name)] == name, name
    ids = Counter(element.get("id") for element in tree.iter() if element.get("id"))
    assert [id_ for id_, times in ids.items() if times > 1] == []
    # each letter of the jump list leads to its heading
    for link in tree.cssselect("nav.az a"):
        assert tree.get_element_by_id(link.get("href").removeprefix("#")).tag == "h2"


def test_the_anchor_a_resource_links_to(client: TestClient, terms: tuple[GlossaryTerm, ...]) -> None:
    french = page(client, "/fr/glossaire")
    english = page(client, "/en/glossary")
    assert french.get_element_by_id("travail-force").text_content() == "Travail forcé"
    assert english.get_element_by_id("forced-labour").text_content() == "Forced labour"
    assert french.get_element_by_id("traite-des-etres-humains").text_content() == "Traite des êtres humains"


@pytest.mark.parametrize(("lang", "path"), LANGUAGE_PAGES)
def test_alphabetical_order_accents_with_their_letter(
    client: TestClient, terms: tuple[GlossaryTerm, ...], lang: str, path: str
) -> None:
    tree = page(client, path)
    names = [dfn.text_content() for dfn in tree.cssselect("dl.glossary dfn")]
    assert names == sorted(names, key=collation_key)
    letters = [link.text_content() for link in tree.cssselect("nav.az a")]
    assert letters == sorted(set(letters)) and all(len(letter) == 1 and letter.isascii() for letter in letters)
    if lang == "fr":  # « Âge » is an A, listed first, not after the T's (plain code point order)
        assert names[0] == "Âge minimum d’admission à l’emploi"
        section = tree.get_element_by_id("lettre-a").getparent()
        assert "Âge minimum d’admission à l’emploi" in [dfn.text_content() for dfn in section.cssselect("dfn")]


def test_order_and_letters_of_accented_terms() -> None:
    """Dictionary order: « Âne », « Eau », « État », « Zèbre »; « Âne » under A and « État » under E."""

    def term(french: str) -> GlossaryTerm:
        text = TermText(term=french, definition="A definition long enough for the glossary’s own rule.")
        source = GlossarySource(title="Source", language="fr", url="https://example.org/source")
        return GlossaryTerm(fr=text, en=text, sources=(source,), see_also=("method-risk-mapping",))

    view = build_glossary([term("Zèbre"), term("État"), term("Eau"), term("Âne")], "fr", PublishedIndex(0, {}, {}))
    assert [entry.term for entry in view.entries] == ["Âne", "Eau", "État", "Zèbre"]
    assert [(letter.letter, letter.anchor) for letter in view.letters] == [
        ("A", "lettre-a"),
        ("E", "lettre-e"),
        ("Z", "lettre-z"),
    ]
    assert [entry.anchor for entry in view.entries] == ["ane", "eau", "etat", "zebre"]


@pytest.mark.parametrize(("lang", "path"), LANGUAGE_PAGES)
def test_the_resources_that_go_further_lead_to_them(
    client: TestClient, terms: tuple[GlossaryTerm, ...], lang: str, path: str
) -> None:
    tree = page(client, path)
    for term in terms:
        dd = tree.get_element_by_id(anchor(term.text(lang).term)).getnext()
        links = [link.get("href") for link in dd.cssselect("ul.see-also a")]
        assert len(links) == len(term.see_also), term.text(lang).term
        assert all(link.startswith(f"/{lang}/") for link in links)
    for href in {link.get("href") for link in tree.cssselect("ul.see-also a")}:
        assert client.get(href).status_code == 200, href


def test_a_resource_not_published_in_the_page_s_language_is_left_out() -> None:
    text = TermText(term="Travail forcé", definition="Une définition assez longue pour la règle du glossaire.")
    source = GlossarySource(title="Source", language="fr", url="https://example.org/source")
    term = GlossaryTerm(fr=text, en=text, sources=(source,), see_also=("law-a", "law-b"))
    french_only = Entry("law-a.fr", "law-a", "fr", "loi-a", "Loi A", (), (), (), date(2026, 1, 1))
    both = {
        language: Entry(f"law-b.{language}", "law-b", language, f"law-b-{language}", f"Law B ({language})", (), (), (),
                        date(2026, 1, 1))
        for language in ("fr", "en")
    }  # fmt: skip
    index = PublishedIndex(0, {"law-a": {"fr": french_only}, "law-b": both}, {})
    assert [(link.title, link.url) for link in build_glossary([term], "fr", index).entries[0].see_also] == [
        ("Loi A", "/fr/ressources/loi-a"),
        ("Law B (fr)", "/fr/ressources/law-b-fr"),
    ]
    assert [link.url for link in build_glossary([term], "en", index).entries[0].see_also] == ["/en/resources/law-b-en"]


@pytest.mark.parametrize(("lang", "path", "other"), [("fr", "/fr/glossaire", "en"), ("en", "/en/glossary", "fr")])
def test_the_other_language_is_marked_and_sources_are_links(
    client: TestClient, terms: tuple[GlossaryTerm, ...], lang: str, path: str, other: str
) -> None:
    tree = page(client, path)
    for term in terms:
        dd = tree.get_element_by_id(anchor(term.text(lang).term)).getnext()
        assert [span.text_content() for span in dd.cssselect(f'.other-name span[lang="{other}"]')] == [
            term.text(other).term
        ]
        links = dd.cssselect("ul.refs:not(.see-also) a")
        assert [link.get("href") for link in links] == [source.url_in(lang) for source in term.sources]
        for link, source in zip(links, term.sources, strict=True):
            assert link.get("href").startswith("https://")
            assert "{lang}" not in link.get("href")
            assert link.get("hreflang") == (source.language if source.language not in (None, lang) else None)
            marked = link.cssselect("span[lang]")
            if source.title_language(lang) != lang:
                assert [span.get("lang") for span in marked] == [source.title_language(lang)]
            else:
                assert marked == []
    # Légifrance, in French, from the English page; NORMLEX in the page's own language
    if lang == "en":
        legifrance = tree.cssselect('a[href^="https://www.legifrance.gouv.fr/"]')
        assert legifrance and all(link.get("hreflang") == "fr" for link in legifrance)
    assert tree.cssselect(f'a[href*="normlex.ilo.org/dyn/nrmlx_{lang}/"]')


def test_structured_data_lists_the_terms(client: TestClient, terms: tuple[GlossaryTerm, ...]) -> None:
    tree = page(client, "/en/glossary")
    data = json.loads(tree.cssselect('script[type="application/ld+json"]')[0].text)
    assert data["@type"] == "DefinedTermSet"
    assert data["url"] == "http://testserver/en/glossary"
    assert {term["url"] for term in data["hasDefinedTerm"]} == {
        f"http://testserver/en/glossary#{anchor(term.en.term)}" for term in terms
    }


def test_linked_from_the_footer_the_about_page_and_the_sitemap(client: TestClient) -> None:
    for lang, path in LANGUAGE_PAGES:
        home = client.get(page_path("home", lang)).text
        assert f'href="{path}"' in home.split('<footer class="site">', 1)[1]
        about = client.get(page_path("about", lang)).text
        assert f'href="{path}"' in about.split("<footer", 1)[0]
    sitemap = client.get("/sitemap.xml").text
    assert "<loc>http://testserver/fr/glossaire</loc>" in sitemap
    assert "<loc>http://testserver/en/glossary</loc>" in sitemap


def test_without_the_file_the_page_says_it_has_no_term(client: TestClient, content_dir: Path) -> None:
    assert not (content_dir / GLOSSARY_FILE).exists()
    tree = page(client, "/en/glossary")
    assert tree.cssselect("dl.glossary") == []
    assert tree.cssselect("nav.az") == []
