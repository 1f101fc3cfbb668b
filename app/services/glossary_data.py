"""The glossary as data, for integrators and open-data portals: ``GET /v1/glossary`` as JSON (:func:`glossary_read`)
and as a SKOS concept scheme in Turtle or JSON-LD (:func:`skos_graph`), the formats of the centre's DCAT catalogue.

Both are made from the same terms as the page (:func:`app.services.glossary.shown_glossary`: none without the file,
none when it cannot be read) and the same published resources (:func:`app.services.site.published.published_index`):
a term's resources are those published, as the page links them. A term's identifier is its anchor on the English
page (:func:`term_id`); its SKOS concept is the glossary's URI, ``/v1/glossary``, with that fragment. The centre's
own texts are under CC BY 4.0 (the about page): so is the glossary, written in its own words."""

from collections.abc import Iterable, Sequence
from typing import Final

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, SKOS

from app import licences
from app.languages import LANGUAGES
from app.paths import absolute, page_path
from app.schemas.glossary import GlossaryRead, GlossaryResourceRead, GlossarySourceRead, GlossaryTermRead
from app.schemas.taxonomy import Labels
from app.services.centre import centre_name
from app.services.glossary import GlossaryTerm, anchor
from app.services.resources import resource_url
from app.services.site.published import Entry, PublishedIndex
from app.services.typography import typeset

PATH: Final = "/v1/glossary"  # the API's route and the SKOS concept scheme's URI
LICENCE: Final = "CC-BY-4.0"  # the centre's own texts (about page)
TURTLE, JSON_LD = "text/turtle", "application/ld+json"
MEDIA_TYPES: Final = {"ttl": f"{TURTLE}; charset=utf-8", "jsonld": JSON_LD}
RDF_FORMATS: Final = {"ttl": "turtle", "jsonld": "json-ld"}
PREFIXES: Final = {"skos": SKOS, "dct": DCTERMS, "rdfs": RDFS, "foaf": FOAF}
TITLE: Final = {
    "fr": f"Glossaire — {centre_name('fr')}",
    "en": f"Glossary — {centre_name('en')}",
}
DESCRIPTION: Final = {
    "fr": "Les mots du travail des enfants, du travail forcé, de la traite des êtres humains et du devoir de "
    "vigilance, chacun avec son nom et une définition en français et en anglais, les textes dont il vient et les "
    "ressources du centre qui vont plus loin.",
    "en": "The words of child labour, forced labour, human trafficking and due diligence, each with its name and a "
    "definition in French and in English, the texts it comes from and the centre’s resources that go further.",
}


def scheme_uri(base_url: str) -> str:
    return absolute(base_url, PATH)


def term_id(term: GlossaryTerm) -> str:
    """A term's identifier: its anchor on the English page (« Forced labour » → ``forced-labour``)."""
    return anchor(term.en.term)


def entry_url(base_url: str, term: GlossaryTerm, language: str) -> str:
    """The term's entry on the glossary page of ``language``: the page's address with the term's anchor."""
    return f"{absolute(base_url, page_path('glossary', language))}#{anchor(term.text(language).term)}"


def ordered(terms: Iterable[GlossaryTerm]) -> list[GlossaryTerm]:
    return sorted(terms, key=term_id)


def _labels(values: dict[str, str]) -> Labels:
    return Labels(fr=values["fr"], en=values["en"])


def _resource(key: str, versions: dict[str, Entry], base_url: str) -> GlossaryResourceRead:
    """The resource in both languages; a language it is not published in falls back on the other (as
    :func:`app.services.resource_links._link` does for the findings)."""
    both = {language: versions.get(language) or next(iter(versions.values())) for language in LANGUAGES}
    return GlossaryResourceRead(
        key=key,
        id=_labels({language: entry.id for language, entry in both.items()}),
        title=_labels({language: entry.title for language, entry in both.items()}),
        api_url=_labels({language: absolute(base_url, f"/v1/resources/{e.id}") for language, e in both.items()}),
        page_url=_labels({lang: resource_url(base_url, e.language, e.slug) for lang, e in both.items()}),
    )


def _term(term: GlossaryTerm, base_url: str, published: PublishedIndex) -> GlossaryTermRead:
    sources = [
        GlossarySourceRead(
            title=_labels({language: source.title_in(language) for language in LANGUAGES}),
            url=_labels({language: source.url_in(language) for language in LANGUAGES}),
            language=source.language,
        )
        for source in term.sources
    ]
    return GlossaryTermRead(
        id=term_id(term),
        uri=f"{scheme_uri(base_url)}#{term_id(term)}",
        term=_labels({language: typeset(term.text(language).term, language) for language in LANGUAGES}),
        definition=_labels({language: typeset(term.text(language).definition, language) for language in LANGUAGES}),
        page_url=_labels({language: entry_url(base_url, term, language) for language in LANGUAGES}),
        sources=sources,
        see_also=[
            _resource(key, dict(versions), base_url) for key in term.see_also if (versions := published.by_key.get(key))
        ],
    )


def glossary_read(terms: Sequence[GlossaryTerm], base_url: str, published: PublishedIndex) -> GlossaryRead:
    """The JSON of ``GET /v1/glossary``: every term, by identifier."""
    found = [_term(term, base_url, published) for term in ordered(terms)]
    return GlossaryRead(
        uri=scheme_uri(base_url),
        page_url=_labels({language: absolute(base_url, page_path("glossary", language)) for language in LANGUAGES}),
        licence=LICENCE,
        licence_url=licences.identifier(LICENCE),
        total=len(found),
        terms=found,
    )


def skos_graph(read: GlossaryRead) -> Graph:
    """The glossary as a SKOS concept scheme: a ``skos:Concept`` per term, top concept of the scheme, with its
    ``skos:prefLabel`` and ``skos:definition`` in French and English, its entries on the pages (``foaf:page``), the
    texts it comes from (``dct:source``) and the centre's resources that go further (``rdfs:seeAlso``, their pages:
    the ``@id`` of their schema.org JSON-LD). Made from the JSON, so that both say the same."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    scheme = URIRef(read.uri)
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    for language in LANGUAGES:
        graph.add((scheme, DCTERMS.title, Literal(TITLE[language], lang=language)))
        graph.add((scheme, DCTERMS.description, Literal(DESCRIPTION[language], lang=language)))
        graph.add((scheme, FOAF.page, URIRef(getattr(read.page_url, language))))
    graph.add((scheme, DCTERMS.license, URIRef(read.licence_url)))
    for term in read.terms:
        concept = URIRef(term.uri)
        graph.add((concept, RDF.type, SKOS.Concept))
        graph.add((concept, SKOS.inScheme, scheme))
        graph.add((concept, SKOS.topConceptOf, scheme))
        graph.add((scheme, SKOS.hasTopConcept, concept))
        for language in LANGUAGES:
            graph.add((concept, SKOS.prefLabel, Literal(getattr(term.term, language), lang=language)))
            graph.add((concept, SKOS.definition, Literal(getattr(term.definition, language), lang=language)))
            graph.add((concept, FOAF.page, URIRef(getattr(term.page_url, language))))
        for source in term.sources:
            for language in LANGUAGES:
                graph.add((concept, DCTERMS.source, URIRef(getattr(source.url, language))))
        for resource in term.see_also:
            for language in LANGUAGES:
                graph.add((concept, RDFS.seeAlso, URIRef(getattr(resource.page_url, language))))
    return graph


def serialise(graph: Graph, file_format: str) -> bytes:
    """``ttl`` (Turtle) or ``jsonld`` (JSON-LD, compacted with the usual prefixes, as the catalogue is)."""
    rdf_format = RDF_FORMATS[file_format]
    if rdf_format == "json-ld":
        context = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
        compact: bytes = graph.serialize(format=rdf_format, encoding="utf-8", context=context, auto_compact=True)
        return compact
    data: bytes = graph.serialize(format=rdf_format, encoding="utf-8")
    return data


def skos(read: GlossaryRead, file_format: str) -> bytes:
    return serialise(skos_graph(read), file_format)
