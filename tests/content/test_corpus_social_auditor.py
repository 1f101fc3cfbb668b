"""A social auditor preparing, in one morning, a semi-announced audit of a garment factory near Dhaka that sends its
embroidery out, then a visit to a Tamil Nadu spinning mill suspected of the Sumangali scheme, searching in French with
English words (December 2026), on the real corpus (the embedded engine) as the search page asks: the reader's language
only. « worker interview » brought Better Work first (for « work ») and « grille d'entretien » the contract clauses,
never the worker interview guide; « liste de contrôle visite », « checklist visite » and « site visit checklist » five
other checklists, never the site-visit one (titled « Liste d'observation »); « overtime » nothing; « spinning mill »
the regional procurement scheme alone; « unannounced », « subcontracting » and « passport » were left out. And the
briefs she reads did not lead to the tools she takes on site. Both engines take these synonyms from
content/taxonomies/ (tests/search/test_social_auditor_synonyms.py)."""

from pathlib import Path

import pytest

from app.filters import FilterField
from app.search.base import SearchEngine, SearchQuery
from app.services.content import read_document
from app.services.markdown import internal_links
from tests.helpers import IndexedContent

RESOURCES = Path(__file__).resolve().parents[2] / "content" / "resources"


@pytest.fixture(scope="module")
def engine(indexed_corpus: IndexedContent) -> SearchEngine:
    return indexed_corpus.engine


def first(engine: SearchEngine, q: str, language: str, count: int = 3) -> list[str]:
    """The translation keys of the first ``count`` hits for ``q`` in ``language``, as the search page lists them."""
    query = SearchQuery(q=q, filters={FilterField.lang: (language,)}, prefer_language=language, per_page=count)
    return [hit.document.translation_key for hit in engine.search(query).hits]


@pytest.mark.parametrize(
    ("q", "language"),
    [
        ("worker interview", "fr"),
        ("worker interviews", "fr"),
        ("grille d'entretien", "fr"),
        ("entretien travailleurs", "fr"),
        ("interview guide", "en"),
    ],
)
def test_the_worker_interview_guide_comes_first(engine: SearchEngine, q: str, language: str) -> None:
    assert first(engine, q, language)[:1] == ["tool-worker-interview-guide"]


@pytest.mark.parametrize(
    ("q", "language", "within"),
    [
        # « Liste de contrôle » as typed in two other checklists' titles outranks its synonym in this one's.
        ("liste de contrôle visite", "fr", 2),
        ("checklist visite", "fr", 1),
        ("check-list visite de site", "fr", 1),
        ("site visit checklist", "fr", 1),
        ("site visit", "fr", 1),
        ("site visit checklist", "en", 1),
    ],
)
def test_the_site_visit_checklist_comes_at_the_top(engine: SearchEngine, q: str, language: str, within: int) -> None:
    assert "tool-site-visit-checklist" in first(engine, q, language, count=within)


def test_overtime_on_the_french_site_finds_what_heures_supplementaires_finds(engine: SearchEngine) -> None:
    """17 French texts say « heures supplémentaires »; « overtime » found none of them, and the worker interview
    guide, which asks whether overtime can be refused, is among them."""
    typed = first(engine, "overtime", "fr", count=20)
    assert sorted(typed) == sorted(first(engine, "heures supplémentaires", "fr", count=20))
    assert "tool-worker-interview-guide" in typed


@pytest.mark.parametrize(("q", "language"), [("spinning mill", "fr"), ("spinning mills", "fr"), ("filatures", "fr")])
def test_a_spinning_mill_brings_the_yarn_sheet_and_the_spinning_mills_brief(
    engine: SearchEngine, q: str, language: str
) -> None:
    assert set(first(engine, q, language, count=2)) == {"commodity-yarn", "brief-spinning-mills"}


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("embroidery subcontracting", "commodity-embellished-textiles"),
        ("unannounced audit", "method-social-audits"),
        ("semi-announced audit", "method-social-audits"),
        ("confiscation passport", "tool-responsible-recruitment-checklist"),
        ("confiscation pasport", "tool-responsible-recruitment-checklist"),
    ],
)
def test_english_words_on_the_french_site_keep_their_meaning(engine: SearchEngine, q: str, expected: str) -> None:
    """« subcontracting », « unannounced », « semi-announced » and « passport » (« pasport » too) were left out as
    words no French text holds: the results were those of the other words alone, the recruitment checklist on
    passports fifth."""
    query = SearchQuery(q=q, filters={FilterField.lang: ("fr",)}, prefer_language="fr", per_page=1)
    result = engine.search(query)
    assert result.left_out == ()
    assert [hit.document.translation_key for hit in result.hits] == [expected]


def _links(key: str, folder: str, language: str) -> set[str]:
    path = RESOURCES / folder / f"{key}.{language}.md"
    document = read_document(path, path.name)
    assert not isinstance(document, list), document
    return set(internal_links(document.body))


VISIT_TOOLS = {"tool-site-visit-checklist", "tool-worker-interview-guide"}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_textile_briefs_lead_to_the_tools_taken_on_site(language: str) -> None:
    """The briefs an auditor reads before a garment factory and a spinning mill named the mapping and recruitment
    tools, not the site-visit checklist and the interview guide she takes on site; the cotton and garments brief,
    which speaks of mills' hostels and of embroidery sent out, linked to neither the spinning mills brief nor the
    embellished textiles sheet."""
    garments = _links("brief-cotton-garments", "sector-briefs", language)
    assert {"brief-spinning-mills", "commodity-embellished-textiles"} | VISIT_TOOLS <= garments
    assert VISIT_TOOLS <= _links("brief-spinning-mills", "sector-briefs", language)
    assert "tool-site-visit-checklist" in _links("tool-worker-interview-guide", "tools", language)
