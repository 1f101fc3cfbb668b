"""Rules a specialist expects, and Meilisearch parity found in its source — asserted on every engine.

Each test names the query it is about. Tests that need documents of their own index them into an empty engine.
"""

from datetime import date
from pathlib import Path

import meilisearch
import pytest
import tantivy

from app.search.base import (
    FilterField,
    SearchDocument,
    SearchEngine,
    SearchQuery,
    SearchUnavailable,
    SortOrder,
)
from app.search.markdown_text import markdown_to_text
from app.search.text import fold
from app.taxonomy import Taxonomies
from tests.search.conformance.conftest import MEILI_KEY, MEILI_URL, EngineFactory
from tests.search.conformance.corpus import ALL, ids, search


def doc(taxonomies: Taxonomies, id: str, title: str, body: str = "", **fields: object) -> SearchDocument:
    """A published resource for the tests below; ``fields`` override the defaults (type, countries, sectors…)."""
    translation_key, language = id.rsplit(".", 1)
    codes = {name: tuple(fields.get(name, ())) for name in ("countries", "regions", "sectors", "risks")}
    document = SearchDocument(
        id=id,
        translation_key=translation_key,
        slug=translation_key,
        type=str(fields.get("type", "good_practice")),
        language=language,
        title=title,
        summary=str(fields.get("summary", "")),
        body=body,
        audiences=("companies",),
        publisher="crv",
        published_at=date(2025, 1, 1),
        updated_at=date(2025, 1, 1),
        keywords=taxonomies.keywords(**codes, types=[str(fields.get("type", "good_practice"))]),
        **codes,  # type: ignore[arg-type]
    )
    return document


# -- the commodity's sheet first -------------------------------------------------------------------------------
@pytest.fixture
def cocoa_engine(fresh_engine: SearchEngine, conformance_taxonomies: Taxonomies) -> SearchEngine:
    t = conformance_taxonomies
    sheet = {"type": "risk_sheet", "sectors": ("agriculture", "cocoa"), "risks": ("child-labour",)}
    fresh_engine.index(
        [
            doc(t, "commodity-cocoa.fr", "Cacao : travail des enfants et travail forcé — fiche risque produit",
                "La liste 2022 de l'ILAB cite ce produit pour 7 pays.", **sheet),
            doc(t, "commodity-cocoa.en", "Cocoa: child labour and forced labour — commodity risk sheet",
                "ILAB's 2022 List of Goods names this commodity for 7 countries.", **sheet),
            doc(t, "practice-frisco.fr", "L'Initiative française pour un cacao durable : une plateforme",
                "Le cacao durable : l'initiative réunit les chocolatiers, le cacao et les ONG autour du cacao.",
                summary="Cacao durable, cacao tracé."),
            doc(t, "practice-frisco.en", "The French Initiative for Sustainable Cocoa: a platform",
                "Sustainable cocoa: the initiative brings chocolate makers, cocoa traders and NGOs around cocoa.",
                summary="Sustainable cocoa, traced cocoa."),
            doc(t, "practice-clmrs.en", "Child labour monitoring and remediation systems in cocoa",
                "Cocoa cooperatives identify children at risk; cocoa companies fund remediation."),
        ]
    )  # fmt: skip
    return fresh_engine


@pytest.mark.parametrize("q", ["cacao", "cocoa", "cacao ", "Cocoa "])
def test_a_commodity_named_alone_brings_its_sheet_first(cocoa_engine: SearchEngine, q: str) -> None:
    assert search(cocoa_engine, q).hits[0].document.translation_key == "commodity-cocoa"


# -- the reader's language first -------------------------------------------------------------------------------
@pytest.fixture
def cotton_engine(fresh_engine: SearchEngine, conformance_taxonomies: Taxonomies) -> SearchEngine:
    t = conformance_taxonomies
    sheet = {"type": "risk_sheet", "sectors": ("agriculture", "cotton"), "risks": ("child-labour",)}
    fresh_engine.index(
        [
            doc(t, "commodity-cotton.en", "Cotton: child labour and forced labour — commodity risk sheet",
                "Cotton is listed for 16 countries.", **sheet),
            doc(t, "commodity-cotton.fr", "Coton : travail des enfants et travail forcé — fiche risque produit",
                "Le coton est cité pour 16 pays.", **sheet),
            doc(t, "guide-textile.en", "Sourcing cotton garments responsibly", "Trace cotton to the gin."),
        ]
    )  # fmt: skip
    return fresh_engine


@pytest.mark.parametrize("q", ["coton", "cotton", "Coton ", "cotton "])
def test_coton_a_commodity_named_alone_brings_its_sheet_first(cotton_engine: SearchEngine, q: str) -> None:
    assert search(cotton_engine, q).hits[0].document.translation_key == "commodity-cotton"


@pytest.mark.parametrize(
    ("q", "language", "first"), [("coton", "fr", "fr"), ("coton", "en", "en"), ("cotton ", "fr", "fr")]
)
def test_the_readers_language_ranks_first_without_hiding_the_other(
    cotton_engine: SearchEngine, q: str, language: str, first: str
) -> None:
    found = ids(search(cotton_engine, q, prefer_language=language))
    sheets = [i for i in found if i.startswith("commodity-cotton.")]
    assert sheets == [f"commodity-cotton.{first}", f"commodity-cotton.{'en' if first == 'fr' else 'fr'}"]
    assert found.index(sheets[0]) < found.index(sheets[1])
    assert "guide-textile.en" in found  # a preference, never a filter


# -- empty query order -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("language", ["fr", "en"])
def test_an_empty_query_lists_the_readers_language_first_titles_a_to_z(
    engine: SearchEngine, documents: list[SearchDocument], language: str
) -> None:
    expected = sorted(documents, key=lambda d: (d.language != language, fold(d.title)))
    assert ids(search(engine, prefer_language=language)) == [d.id for d in expected]
    pages = [engine.search(SearchQuery(page=p, per_page=5, prefer_language=language)) for p in (1, 2, 3)]
    assert [i for page in pages for i in ids(page)] == [d.id for d in expected]  # stable across pages
    assert {page.total for page in pages} == {ALL}


def test_an_empty_query_without_a_language_is_in_title_order(
    engine: SearchEngine, documents: list[SearchDocument]
) -> None:
    assert ids(search(engine)) == [d.id for d in sorted(documents, key=lambda d: fold(d.title))]


# -- fallback: drop words from the end, only as far as needed --------------------------------------------------
def test_travial_des_enfnats_is_child_labour_with_two_typos_not_a_fallback(engine: SearchEngine) -> None:
    typed = search(engine, "travial des enfnats ")
    assert set(ids(typed)) == set(ids(search(engine, "travail des enfants ")))
    assert typed.total < ALL


def test_cacao_enfants_groenland_drops_only_groenland(engine: SearchEngine) -> None:
    fallback = ids(search(engine, "cacao enfants Groenland "))
    assert set(fallback) == set(ids(search(engine, "cacao enfants "))) != set()
    assert "cobalt-cd.fr" not in fallback  # « enfants » without « cacao » is not enough


def test_cobalt_briques_groenland_drops_words_until_something_matches(engine: SearchEngine) -> None:
    assert set(ids(search(engine, "cobalt briques Groenland "))) == set(ids(search(engine, "cobalt ")))


def test_cacao_groenland_enfants_leaves_out_the_word_nothing_holds_first(engine: SearchEngine) -> None:
    """No document holds « Groenland »: it is left out before any word is dropped from the end (Meilisearch's
    ``last`` order, ``removal_order_for_terms_matching_strategy_last`` in milli's search/new/query_graph.rs, would
    drop « enfants » first although it matches, and « cild labor Ghana » found nothing at all)."""
    assert set(ids(search(engine, "cacao Groenland enfants "))) == set(ids(search(engine, "cacao enfants "))) != set()


# -- clean text: what the engines index comes from a Markdown parser -------------------------------------------
def test_chocolatierset_a_line_break_is_a_space_in_the_index_and_the_excerpt(
    fresh_engine: SearchEngine, conformance_taxonomies: Taxonomies
) -> None:
    """The last word of a line was glued to the first of the next (« chocolatierset », « puisadaptés »)."""
    markdown = "Le programme associe des chocolatiers\net leurs fournisseurs, puis\nadaptés au cacao ghanéen."
    body = markdown_to_text(markdown, "fr")
    fresh_engine.index([doc(conformance_taxonomies, "frisco.fr", "Une plateforme", body)])
    (hit,) = search(fresh_engine, "chocolatiers et leurs ").hits
    assert "chocolatierset" not in fold(hit.document.body) and "puisadaptes" not in fold(hit.document.body)
    assert "<mark>chocolatiers</mark> et <mark>leurs</mark>" in hit.highlights["body"]
    assert ids(search(fresh_engine, "puis adaptés ")) == ["frisco.fr"]


def test_bidis_an_excerpt_of_a_table_reads_as_text(
    fresh_engine: SearchEngine, conformance_taxonomies: Taxonomies
) -> None:
    """A risk sheet's findings table was flattened into « Good ILAB sector Child labour … yes yes yes »."""
    table = (
        "| Good | ILAB sector | Child labour | Forced labour |\n|---|---|---|---|\n"
        "| Bidis | Manufacturing | yes | yes |\n| Bricks | Manufacturing | yes | — |\n"
    )
    body = markdown_to_text("India's findings:\n\n" + table, "en")
    fresh_engine.index([doc(conformance_taxonomies, "country-in.en", "India", body, type="risk_sheet")])
    (hit,) = search(fresh_engine, "bidis ").hits
    excerpt = hit.highlights["body"]
    assert "Good: <mark>Bidis</mark> — ILAB sector: Manufacturing — Child labour: yes" in excerpt, excerpt
    assert "yes yes" not in excerpt and "Good ILAB sector" not in excerpt


# -- country names: current and alternative, from pycountry and CLDR -------------------------------------------
COUNTRY_NOTES = [  # (id, code, how the text names the country, how its sheet's title names it)
    ("tr", "TR", "Turkey", "Turquie"),
    ("vn", "VN", "Vietnam", "Viêt Nam"),
    ("la", "LA", "Laos", "Laos"),
    ("sz", "SZ", "Swaziland", "Eswatini"),
    ("cz", "CZ", "Czech Republic", "Tchéquie"),
    ("cv", "CV", "Cape Verde", "Cap-Vert"),
    ("tl", "TL", "East Timor", "Timor oriental"),
    ("ci", "CI", "Côte d'Ivoire", "Côte d'Ivoire"),
]


@pytest.fixture
def countries_engine(fresh_engine: SearchEngine, conformance_taxonomies: Taxonomies) -> SearchEngine:
    """For each country, its risk sheet (tagged) and a note that only names it in its text (untagged)."""
    t = conformance_taxonomies
    documents = []
    for key, code, written, title in COUNTRY_NOTES:
        documents.append(doc(t, f"country-{key}.fr", f"{title} : fiche pays", "Constats de l'ILAB.",
                             type="risk_sheet", countries=(code,)))  # fmt: skip
        documents.append(doc(t, f"note-{key}.en", "A field note", f"A visit to suppliers in {written} last spring."))
    fresh_engine.index(documents)
    return fresh_engine


@pytest.mark.parametrize(
    ("q", "key"),
    [
        ("Türkiye", "tr"), ("Viet Nam", "vn"), ("Lao PDR", "la"), ("Laos", "la"), ("Eswatini", "sz"),
        ("Swaziland", "sz"), ("Czechia", "cz"), ("Cabo Verde", "cv"), ("Timor-Leste", "tl"),
        ("Côte d’Ivoire", "ci"), ("Ivory Coast", "ci"),
    ],
)  # fmt: skip
def test_turkiye_current_and_alternative_country_names_resolve(
    countries_engine: SearchEngine, q: str, key: str
) -> None:
    """The sheet first (tagged with the code), then the note whose text names the country otherwise."""
    found = ids(search(countries_engine, q))
    assert found == [f"country-{key}.fr", f"note-{key}.en"]


def test_risk_mapping_a_synonym_phrase_also_finds_its_words_apart(
    fresh_engine: SearchEngine, conformance_taxonomies: Taxonomies
) -> None:
    """« risk mapping » is a synonym phrase (« cartographie des risques »); its words are also found apart, after
    the phrase (Meilisearch's query graph keeps the typed words' path beside the synonym's; proximity ranks the
    phrase first)."""
    t = conformance_taxonomies
    fresh_engine.index(
        [
            doc(t, "apart.en", "Mapping suppliers", "Where the risk lies, tier by tier."),
            doc(t, "phrase.en", "Risk mapping", "Suppliers, tier by tier."),
            doc(t, "synonym.fr", "La cartographie des risques", "Fournisseur par fournisseur."),
            doc(t, "one-word.en", "Mapping suppliers", "Tier by tier."),
        ]
    )
    found = ids(search(fresh_engine, "risk mapping "))
    assert set(found) == {"apart.en", "phrase.en", "synonym.fr"}
    assert found.index("phrase.en") < found.index("apart.en")


# -- highlights: only what matched -----------------------------------------------------------------------------
def test_pakistan_does_not_highlight_republic(fresh_engine: SearchEngine, conformance_taxonomies: Taxonomies) -> None:
    """« Islamic Republic of Pakistan » is a synonym of « pakistan »: its words are marked only together, in order
    (Meilisearch: ``compute_partial_match`` in milli's search/new/matches/mod.rs; embedded: ``highlight.py``)."""
    fresh_engine.index(
        [
            doc(conformance_taxonomies, "note.en", "Brick kilns in Pakistan",
                "The Republic of Korea buys little; Pakistan's kilns employ families.", countries=("PK",)),
        ]
    )  # fmt: skip
    hit = search(fresh_engine, "pakistan").hits[0]
    assert "<mark>Pakistan</mark>" in hit.highlights["title"]
    assert "<mark>Republic</mark>" not in hit.highlights["body"] and "<mark>Korea" not in hit.highlights["body"]


# -- Meilisearch parity ----------------------------------------------------------------------------------------
@pytest.fixture
def codes_engine(fresh_engine: SearchEngine, conformance_taxonomies: Taxonomies) -> SearchEngine:
    t = conformance_taxonomies
    fresh_engine.index(
        [
            doc(t, "country-de.en", "Germany: supply chain due diligence act", "In force since 2023.",
                type="risk_sheet", countries=("DE",)),
            doc(t, "country-in.en", "India: child labour in mica mining", "Mica is mined in Jharkhand.",
                type="risk_sheet", countries=("IN",)),
            doc(t, "country-it.fr", "Italie : le caporalato dans les champs de tomates", "Un des cas de la filière.",
                type="risk_sheet", countries=("IT",)),
            doc(t, "country-at.en", "Austria: seasonal work in agriculture", "Harvest work is checked.",
                type="risk_sheet", countries=("AT",)),
            doc(t, "country-be.fr", "Belgique : le port d'Anvers", "Les importations y sont contrôlées.",
                type="risk_sheet", countries=("BE",)),
            doc(t, "audit.en", "Audits in the field", "What is in an audit, and what it can be: in short, a check."),
            doc(t, "audit.fr", "Les audits de terrain", "Ce que dit un audit de la filière et de ses fournisseurs."),
        ]
    )  # fmt: skip
    return fresh_engine


@pytest.mark.parametrize(
    ("q", "expected"),
    [("DE", "country-de.en"), ("IN", "country-in.en"), ("IT", "country-it.fr"), ("AT", "country-at.en"),
     ("BE", "country-be.fr")],
)  # fmt: skip
def test_a_country_code_that_is_a_stop_word_means_the_country(
    codes_engine: SearchEngine, q: str, expected: str
) -> None:
    """« DE », « IN », « IT », « AT », « BE » are stop words (French « de », English « in », « it », « at »,
    « be »): typed in capitals they name a country, on both engines. Stripped as stop words, the query would be
    empty and list everything; left to Meilisearch's own stop words, it would be a prefix matching nearly every
    text (milli keeps a query's last word even when it is a stop word: ``located_query_terms_from_tokens``)."""
    assert ids(search(codes_engine, q)) == [expected]
    assert ids(search(codes_engine, q + " ")) == [expected]


def test_worst_forms_of_child_labour_reaches_french_through_short_aliases(
    fresh_engine: SearchEngine, conformance_taxonomies: Taxonomies
) -> None:
    """Meilisearch never fires a synonym key of more than three words: the long term is reached through its
    concept's short aliases (« worst forms », « child labour »)."""
    body = "Elle vise les pires formes de travail des enfants."
    fresh_engine.index([doc(conformance_taxonomies, "c182.fr", "La convention 182", body)])
    assert ids(search(fresh_engine, "worst forms of child labour ")) == ["c182.fr"]


def test_delete_by_ids_with_any_character(fresh_engine: SearchEngine, conformance_taxonomies: Taxonomies) -> None:
    t = conformance_taxonomies
    odd = ['odd"id.en', "with space.fr", "under_score.en", "slash/id.fr", "plain.en"]
    fresh_engine.index([doc(t, i, f"Document {n}") for n, i in enumerate(odd)])
    fresh_engine.delete([*odd[:4], "never-indexed.fr"])
    assert ids(search(fresh_engine)) == ["plain.en"]


def test_total_hits_stop_at_max_total_hits(
    make_engine: EngineFactory, engine_kind: str, documents: list[SearchDocument]
) -> None:
    capped = make_engine(engine_kind, max_total_hits=5)
    capped.apply_settings()
    capped.rebuild(documents)
    result = capped.search(SearchQuery(per_page=5))
    assert result.total == 5 and len(result.hits) == 5
    capped.close()


TEN = "arbre bateau citron dauphin etoile fenetre girafe hibou igloo jardin"


def test_words_after_the_tenth_are_ignored(fresh_engine: SearchEngine, conformance_taxonomies: Taxonomies) -> None:
    """Meilisearch reads ten words: « … jardin kiwi » finds what has the first ten, with or without « kiwi »."""
    t = conformance_taxonomies
    fresh_engine.index([doc(t, "ten.fr", "Dix mots", TEN), doc(t, "eleven.fr", "Onze mots", TEN + " kiwi")])
    assert sorted(ids(search(fresh_engine, TEN + " kiwi "))) == ["eleven.fr", "ten.fr"]
    assert ids(search(fresh_engine, "kiwi " + TEN + " ")) == ["eleven.fr"]


def open_and_search(engine: SearchEngine) -> None:
    engine.apply_settings()
    engine.search(SearchQuery(q="cacao"))


def test_an_index_made_for_other_documents_fails_clearly(
    make_engine: EngineFactory, engine_kind: str, tmp_path: Path
) -> None:
    """Meilisearch: an existing index with another primary key; tantivy: an index of another schema."""
    engine = make_engine(engine_kind)
    if engine_kind == "tantivy":
        engine.apply_settings()
        directory = engine._dir  # type: ignore[attr-defined]
        generation = (directory / "CURRENT").read_text()
        for stale in (directory / generation).iterdir():
            stale.unlink()
        schema = tantivy.SchemaBuilder()
        schema.add_text_field("id", stored=True)
        tantivy.Index(schema.build(), path=str(directory / generation))
        engine.close()
        expected = "outdated"
    else:
        assert MEILI_URL
        uid = engine.index_uid  # type: ignore[attr-defined]
        client = meilisearch.Client(MEILI_URL, MEILI_KEY, timeout=10)
        client.wait_for_task(client.create_index(uid, {"primaryKey": "id"}).task_uid, timeout_in_ms=30_000)
        expected = "primary key 'id'"
    with pytest.raises(SearchUnavailable, match=expected):
        open_and_search(engine)


def test_a_preference_never_widens_the_lang_filter(engine: SearchEngine) -> None:
    for q in ("", "cacao "):
        result = search(engine, q, filters={FilterField.lang: ("fr",)}, prefer_language="en")
        assert result.hits and {hit.document.language for hit in result.hits} == {"fr"}


def test_a_sort_asked_for_still_applies_with_a_preference(engine: SearchEngine) -> None:
    found = search(engine, sort=SortOrder.published_desc, prefer_language="fr").hits
    dates = [(hit.document.language != "fr", -hit.document.published_at.toordinal()) for hit in found]
    assert dates == sorted(dates)
