"""The glossary in the DCAT-AP catalogue (``#glossary``), so that a portal harvesting the centre finds it: a dataset
of the centre, under CC BY 4.0 as its own texts are, distributed as JSON and as a SKOS concept scheme in Turtle and
JSON-LD (``GET /v1/glossary``: :mod:`app.services.glossary_data`), served by the JSON API. Its landing page is the API
page's section on it, its documentation the glossary page in each language. Listed only while the glossary has terms:
without the file (or with one that cannot be read) there is nothing to harvest. No dates and no temporal coverage:
nothing records when the file changed, and a glossary is about no period."""

from pathlib import Path
from typing import Final

from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF

from app.languages import LANGUAGES
from app.paths import page_path
from app.services import glossary_data
from app.services.centre import centre_name
from app.services.citations import licence_name
from app.services.dcat import (
    SKOS_CORE,
    Offer,
    Texts,
    add_texts,
    classify,
    describe,
    distribute,
    identify,
    landing_pages,
    licence_node,
)
from app.services.glossary import shown_glossary

FRAGMENT: Final = "glossary"  # the dataset's URI is the catalogue's with this fragment; the API page's section too
NAME: Final[Texts] = {"fr": "glossaire", "en": "glossary"}


def _texts(terms: int) -> tuple[Texts, Texts]:
    title = {language: glossary_data.TITLE[language] for language in LANGUAGES}
    counted = {"fr": f"{terms}\u00a0termes.", "en": f"{terms} terms."}
    description = {language: f"{glossary_data.DESCRIPTION[language]} {counted[language]}" for language in LANGUAGES}
    return title, description


OFFERS: Final = (
    Offer(
        "glossary-json",
        glossary_data.PATH,
        {"fr": "Glossaire en JSON", "en": "Glossary as JSON"},
        {
            "fr": "Chaque terme avec ses noms et définitions en français et en anglais, ses entrées sur les pages du "
            "glossaire, ses sources et les ressources du centre qui vont plus loin.",
            "en": "Each term with its names and definitions in French and English, its entries on the glossary pages, "
            "its sources and the centre’s resources that go further.",
        },
        "JSON",
        "application/json",
    ),
    Offer(
        "glossary-ttl",
        f"{glossary_data.PATH}?format=ttl",
        {"fr": "Glossaire en SKOS (Turtle)", "en": "Glossary as SKOS (Turtle)"},
        {
            "fr": "Un schéma de concepts SKOS, un concept par terme, libellé et définition en français et en anglais, "
            "en Turtle.",
            "en": "A SKOS concept scheme, a concept per term, label and definition in French and English, in Turtle.",
        },
        "RDF_TURTLE",
        "text/turtle",
        SKOS_CORE,
    ),
    Offer(
        "glossary-jsonld",
        f"{glossary_data.PATH}?format=jsonld",
        {"fr": "Glossaire en SKOS (JSON-LD)", "en": "Glossary as SKOS (JSON-LD)"},
        {
            "fr": "Le même schéma de concepts SKOS en JSON-LD.",
            "en": "The same SKOS concept scheme in JSON-LD.",
        },
        "JSON_LD",
        "application/ld+json",
        SKOS_CORE,
    ),
)


def citation(language: str, base: str) -> str:
    """« Centre de ressources virtuel 8.7, glossaire, CC BY 4.0, https://…/v1/glossary. »"""
    parts = (centre_name(language), NAME[language], licence_name(glossary_data.LICENCE, language))
    return f"{', '.join(parts)}, {base}{glossary_data.PATH}."


def glossary_datasets(
    graph: Graph, this: Namespace, base: str, publisher: URIRef, contact: URIRef, content_dir: Path
) -> list[URIRef]:
    """The glossary's dataset described in ``graph`` (a list of one), or none while the glossary has no term."""
    terms = shown_glossary(content_dir)
    if not terms:
        return []
    dataset = this[FRAGMENT]
    describe(graph, dataset, DCAT.Dataset, _texts(len(terms)), publisher, (None, None))
    identify(graph, dataset)
    classify(graph, dataset, contact)
    landing_pages(graph, dataset, base, f"#{FRAGMENT}")
    for language in LANGUAGES:
        page = URIRef(base + page_path("glossary", language))
        graph.add((page, RDF.type, FOAF.Document))
        graph.add((dataset, FOAF.page, page))
    graph.add((SKOS_CORE, RDF.type, DCTERMS.Standard))
    add_texts(graph, dataset, DCTERMS.bibliographicCitation, {lang: citation(lang, base) for lang in LANGUAGES})
    licence = licence_node(graph, glossary_data.LICENCE)
    for offer in OFFERS:
        distribute(graph, dataset, this[offer.fragment], offer, base, licence)
    return [dataset]
