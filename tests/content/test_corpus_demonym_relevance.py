"""Nationality adjectives name their country, on the real corpus (the embedded engine): an English-speaking buyer's
« Chinese cotton », « Turkmen cotton », « Ivorian cocoa », and in French « coton chinois », « cacao ivoirien » were
answered « without “chinese” », the country's sheet missing. Demonyms are country synonyms
(content/taxonomies/countries.yaml); the ambiguous ones and those one typo from a common word are not."""

import pytest

from app.filters import FilterField
from app.search.base import SearchEngine, SearchQuery
from app.search.text import SynonymIndex, analyze_query, synonym_index
from app.services.site.search_page import PER_PAGE
from app.taxonomy import Taxonomies, TaxonomyName, fold
from tests.helpers import IndexedContent, content_taxonomies


@pytest.fixture(scope="module")
def engine(indexed_corpus: IndexedContent) -> SearchEngine:
    return indexed_corpus.engine


@pytest.fixture(scope="module")
def taxonomies() -> Taxonomies:
    return content_taxonomies()


@pytest.fixture(scope="module")
def synonyms(taxonomies: Taxonomies) -> SynonymIndex:
    return synonym_index(taxonomies.synonym_groups(), taxonomies.concepts())


def first_page(engine: SearchEngine, q: str, language: str) -> tuple[list[str], tuple[str, ...]]:
    """The translation keys of the search page's first page of ``q`` in ``language``, and the words left out."""
    query = SearchQuery(q=q, filters={FilterField.lang: (language,)}, per_page=PER_PAGE)
    result = engine.search(query)
    return [hit.document.translation_key for hit in result.hits], result.left_out


@pytest.mark.parametrize(
    ("q", "language", "sheets"),
    [
        ("Chinese cotton", "en", {"country-cn", "commodity-cotton"}),
        ("Turkmen cotton", "en", {"country-tm"}),
        ("Ivorian cocoa", "en", {"country-ci"}),
        ("Nigerian cocoa", "en", {"country-ng"}),
        ("Indian mica", "en", {"country-in"}),
        ("coton chinois", "fr", {"country-cn", "commodity-cotton"}),
        ("cacao ivoirien", "fr", {"country-ci"}),
        ("coton ouzbek", "fr", {"country-uz"}),
        ("fournisseurs chinois", "fr", {"country-cn"}),
        ("usines chinoises", "fr", {"country-cn"}),
        # Either Congo's: a free synonym of « Congo » (synonyms.yaml), no one country's name.
        ("Congolese cobalt", "en", {"country-cd"}),
        ("cobalt congolais", "fr", {"country-cd"}),
    ],
)
def test_a_nationality_adjective_finds_its_country_s_sheet(
    engine: SearchEngine, q: str, language: str, sheets: set[str]
) -> None:
    """They were left out (« Chinese cotton »: 36 cotton texts « without “chinese” », China's sheet not among them)."""
    found, left_out = first_page(engine, q, language)
    assert left_out == () and sheets & set(found), (found, left_out)


@pytest.mark.parametrize(
    ("q", "code"),
    [
        ("japonaise", "JP"),  # known, not corrected to « gabonaise » two letters away
        ("irlandais", "IE"),  # nor to « rwandais »
        ("Chinese", "CN"),
        ("chinois", "CN"),
        ("chinoise", "CN"),
        ("chinoises", "CN"),  # a feminine plural, read as its singular
        ("Ivorians", "CI"),
        ("ivoiriennes", "CI"),
        ("ouzbek", "UZ"),
        ("South Sudanese", "SS"),  # the longer phrase, not « Sudanese »
        ("sud-soudanais", "SS"),
        ("Sudanese", "SD"),
    ],
)
def test_each_form_of_a_demonym_names_one_country(synonyms: SynonymIndex, q: str, code: str) -> None:
    (clause,) = analyze_query(f"{q} ", synonyms)
    assert clause.codes == (("countries", code),)


@pytest.mark.parametrize(
    "q",
    [
        "congolais",  # the DR Congo's and the Republic of the Congo's, not read as « togolais » either
        "Congolese",
        "guinéen",  # Guinea's, Guinea-Bissau's, Equatorial Guinea's
        "anglais",  # one typo from « angolais », left out
        "résilience",  # two from « brésilienne », left out
        "serve",  # one from « serbe », left out
        "angolaise",  # two from « togolaise », left out
        "French",
    ],
)
def test_an_ambiguous_adjective_or_a_near_word_names_no_country(synonyms: SynonymIndex, q: str) -> None:
    """A country named by a word several countries share, or by a typo correction of a common word, would add that
    country's resources to the search, and the screening tool would read it as that country."""
    assert [clause.codes for clause in analyze_query(f"{q} ", synonyms)] == [()]


def test_no_name_of_a_country_is_another_s(taxonomies: Taxonomies) -> None:
    """The screening tool reads a name as the first country that has it (app.services.resolve_countries): one two
    countries shared would silently be one of them."""
    owners: dict[str, set[str]] = {}
    for term in taxonomies[TaxonomyName.countries].values():
        for name in term.search_terms:
            owners.setdefault(fold(name), set()).add(term.code)
    assert {name: codes for name, codes in owners.items() if len(codes) > 1} == {}
