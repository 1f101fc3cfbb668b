"""What a French public buyer's audit of the search found, on the real corpus (the embedded engine): products named
as buyers name them (« ordinateurs », « t-shirts »), the screening tool by its French name, the words a search
without every one keeps, and the listing of the resources for public buyers."""

import pytest

from app.filters import FilterField
from app.paths import page_path
from app.search.base import SearchEngine, SearchQuery, SortOrder
from app.services.site import search_page
from app.services.site.published import PublishedIndex
from app.taxonomy import Taxonomies, TaxonomyName, load_taxonomies
from tests.helpers import CONTENT, IndexedContent


@pytest.fixture(scope="module")
def engine(indexed_corpus: IndexedContent) -> SearchEngine:
    return indexed_corpus.engine


@pytest.fixture(scope="module")
def taxonomies() -> Taxonomies:
    return load_taxonomies(CONTENT)


def view_of(
    engine: SearchEngine, taxonomies: Taxonomies, state: search_page.SearchState, language: str = "fr"
) -> search_page.SearchView:
    """The search page's view of ``state``, about no term with essentials (none is published here)."""
    return search_page.build_view(engine, taxonomies, _no_published, state, language)


def _no_published() -> PublishedIndex:
    raise AssertionError("no search of this module is about a term with essentials")


def french(engine: SearchEngine, q: str, count: int = 3) -> tuple[list[str], tuple[str, ...]]:
    """The translation keys of the first French hits for ``q``, and the words they are without."""
    result = engine.search(SearchQuery(q=q, filters={FilterField.lang: ("fr",)}, per_page=count))
    return [hit.document.translation_key for hit in result.hits], result.left_out


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("ordinateurs", "commodity-electronics"),
        ("ordinateur portable", "commodity-electronics"),
        ("laptops", "commodity-electronics"),
        ("PC", "commodity-electronics"),
        ("t-shirts", "commodity-garments"),
        ("tee-shirt", "commodity-garments"),
    ],
)
def test_products_named_as_buyers_name_them_find_their_sheet(engine: SearchEngine, q: str, expected: str) -> None:
    """« ordinateurs » found nothing, « t-shirts » one training module on school workshops."""
    found, left_out = french(engine, q)
    assert found[:1] == [expected] and left_out == (), found


def test_t_shirts_coton_chine_keeps_every_word(engine: SearchEngine) -> None:
    """It found one module « without “coton chine” »: « t-shirts » now names the garments."""
    found, left_out = french(engine, "t-shirts coton Chine", count=10)
    assert left_out == () and "brief-cotton-garments" in found, found


def test_a_search_without_every_word_keeps_the_country_and_the_commodity(engine: SearchEngine) -> None:
    """Dropped from the end, « uniformes coton Chine » kept « uniformes » alone; a word naming no taxonomy term goes
    first. Terms alone still go from the end, and a search with all its words is left as it was."""
    found, left_out = french(engine, "uniformes coton Chine", count=10)
    assert left_out == ("uniformes",) and "country-cn" in found, found
    assert french(engine, "briques Pakistan cobalt")[1] == ("cobalt",)
    assert french(engine, "coton Chine", count=10)[0] == found


@pytest.mark.parametrize(
    ("q", "language"), [("criblage", "fr"), ("dépistage des fournisseurs", "fr"), ("screening", "en")]
)
def test_the_screening_tool_s_name_links_to_it(
    engine: SearchEngine, taxonomies: Taxonomies, q: str, language: str
) -> None:
    view = view_of(engine, taxonomies, search_page.SearchState(q=q), language)
    assert [tool.url for tool in view.tools] == [page_path("screening", language)]


def test_no_tool_is_offered_for_other_words(engine: SearchEngine, taxonomies: Taxonomies) -> None:
    view = view_of(engine, taxonomies, search_page.SearchState(q="uniformes coton"))
    assert view.tools == []


def test_the_public_buyers_listing_begins_with_their_guides(engine: SearchEngine, taxonomies: Taxonomies) -> None:
    """It began « Açaí », « Accessoires de mode », « Afghanistan »: risk sheets, by title. Every resource is still
    listed, once, the guides first then the sheets, each part by title."""
    filters = {FilterField.audience: ("public-buyers",)}
    first = search_page.SearchState(filters=filters)
    view = view_of(engine, taxonomies, first)
    sheet = taxonomies[TaxonomyName.types]["risk_sheet"].label("fr")
    assert view.hits and all(hit.type_label != sheet for hit in view.hits)
    listed = list(view.hits)
    for page in range(2, view.total_pages + 1):
        state = search_page.SearchState(filters=filters, page=page)
        listed += view_of(engine, taxonomies, state, "fr").hits
    assert len({hit.url for hit in listed}) == len(listed) == view.total
    sheets = [hit.type_label == sheet for hit in listed]
    assert sheets == sorted(sheets) and any(sheets)
    # A type chosen, or another sort, keeps the engine's order.
    by_type = {**filters, FilterField.type: ("risk_sheet",)}
    typed = view_of(engine, taxonomies, search_page.SearchState(filters=by_type))
    by_title = view_of(engine, taxonomies, search_page.SearchState(filters=filters, sort=SortOrder.title_asc))
    assert typed.hits[0].title.startswith("Açaí") and by_title.hits[0].title.startswith("Açaí")


def test_the_company_buyers_audience_lists_their_module_and_tools_not_public_procurement(engine: SearchEngine) -> None:
    """A retail group's trainer found « Acheteurs publics » the only buyers' audience, and it led to public
    procurement: company buyers have their own, on their module and the tools written for purchasing teams."""
    filters = {FilterField.audience: ("company-buyers",), FilterField.lang: ("fr",)}
    result = engine.search(SearchQuery(filters=filters, per_page=100))
    keys = {hit.document.translation_key for hit in result.hits}
    assert result.total == len(keys)
    assert {"training-corporate-buyers", "tool-purchasing-practices-self-assessment", "tool-contract-clauses"} <= keys
    assert not keys & {
        "training-public-buyers",
        "method-public-procurement",
        "method-public-buyer-path",
        "method-spaser",
    }
