"""The resources the desk lists as like a submission, on the real corpus (the embedded engine): those sharing its
subject — its title's telling words, its countries, sectors — closest first; none when none does.

The audit's case: a good practice on the community monitoring of child labour in Ivorian cocoa cooperatives. The
engine's search on its title found no text with every word and left words out until some text held the rest:
« surveillance travail des enfants Côte d'Ivoire » found one text, a risk-scoring grid with no country and no sector,
which was all the desk listed."""

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker

from app.http import IfMatch
from app.models import OrganisationKind, Scope
from app.schemas.publishing import ResourceCreate
from app.search.base import SearchDocument, SearchEngine
from app.search.text import number_key, synonym_index
from app.services import keys, principal, publishing
from app.services.similar import Frequencies, Subject, closeness, similar, title_likeness, title_words
from app.taxonomy import Taxonomies, load_taxonomies
from tests.helpers import CONTENT, IndexedContent, good_practice

Corpus = tuple[sessionmaker[Session], SearchEngine, Taxonomies]


@pytest.fixture(scope="module")
def corpus(indexed_corpus: IndexedContent) -> Corpus:
    """The whole corpus indexed (tests/conftest.py); each test's submission is rolled back."""
    return indexed_corpus.session_factory, indexed_corpus.engine, indexed_corpus.taxonomies


def listed(corpus: Corpus, **changes: Any) -> list[str]:
    """The public pages the desk lists as like a partner's submission of tests.helpers.good_practice (a cocoa
    remediation in Côte d'Ivoire) with ``changes``, asked twice: the same both times."""
    session_factory, engine, taxonomies = corpus
    data = good_practice(**changes)
    with session_factory() as session:
        organisation = keys.create_organisation(session, "ong-a", "ONG A", OrganisationKind.ngo)
        token = keys.create_key(session, organisation, scopes=(Scope.resources_write,)).token
        key = principal.from_key(session, token, "203.0.113.1")
        publishing.create(session, key, ResourceCreate.model_validate(data), taxonomies)
        publishing.submit(session, key, f"{data['translation_key']}.{data['language']}", IfMatch.parse("*"))
        session.flush()
        asked = {"title": data["title"], "translation_key": data["translation_key"], "language": data["language"]}
        answers = [similar(session, engine, taxonomies, **asked, reader_language="fr") for _ in range(2)]
        session.rollback()
    assert answers[0] is not None and answers[0] == answers[1]
    return [found.path for found in answers[0]]


IVORIAN_COCOA = {"countries": ["CI"], "sectors": ["cocoa"], "risks": ["child-labour"]}


@pytest.mark.parametrize(
    ("title", "language", "practice", "sheet", "grid"),
    [
        (
            "Surveillance communautaire du travail des enfants dans les coopératives cacaoyères de Côte d’Ivoire",
            "fr",
            "/fr/ressources/bonne-pratique-ici-suivi-remediation-travail-enfants",
            "/fr/ressources/cote-d-ivoire",
            "/fr/ressources/grille-de-cotation-pays-produit",
        ),
        (
            "Community-based child labour monitoring in cocoa cooperatives in Côte d'Ivoire",
            "en",
            "/en/resources/good-practice-ici-child-labour-monitoring-remediation",
            "/en/resources/cote-d-ivoire",
            "/en/resources/risk-scoring-grid-country-product",
        ),
    ],
)
def test_community_monitoring_in_ivorian_cocoa_lists_the_ivorian_cocoa_resources_not_a_scoring_grid(
    corpus: Corpus, title: str, language: str, practice: str, sheet: str, grid: str
) -> None:
    found = listed(corpus, title=title, language=language, **IVORIAN_COCOA)
    assert grid not in found
    assert practice in found and sheet in found, found
    assert found[0] == sheet  # the title names Côte d'Ivoire, which few titles do


def test_a_title_sharing_only_common_words_lists_no_convention_on_trade_unions(corpus: Corpus) -> None:
    """« comités », « communautaires », « surveillance », « expérience », « coopératives » are in no title with
    « travail des enfants »: the engine kept the latter (in hundreds of texts) and listed ILO conventions, a board
    note, the Bangladesh Accord; now the resources of its subject, Ivorian cocoa."""
    title = "Comités communautaires de surveillance du travail des enfants : l’expérience des coopératives"
    found = listed(corpus, title=title, **IVORIAN_COCOA)
    assert "/fr/ressources/conventions-oit-liberte-syndicale-negociation-collective-c87-c98" not in found
    assert "/fr/ressources/modele-de-note-au-conseil" not in found
    assert found and all(path in COCOA_IN_COTE_D_IVOIRE for path in found), found


COCOA_IN_COTE_D_IVOIRE = {
    "/fr/ressources/cacao",
    "/fr/ressources/cote-d-ivoire",
    "/fr/ressources/fiche-filiere-cacao",
    "/fr/ressources/bonne-pratique-ici-suivi-remediation-travail-enfants",
    "/fr/ressources/bonne-pratique-initiative-francaise-cacao-durable",
}


@pytest.mark.parametrize(
    ("title", "tags"),
    [
        ("Rapport annuel de notre association 2025", {"countries": [], "sectors": []}),
        ("Jardins scolaires dans les villages de montagne", {"countries": ["NP"], "sectors": []}),
    ],
)
def test_a_submission_like_nothing_published_lists_nothing(corpus: Corpus, title: str, tags: dict[str, Any]) -> None:
    """The engine had found a plan of action after a finding of child labour, and red flags of recruitment
    agencies."""
    assert listed(corpus, title=title, **tags) == []


def test_a_reworded_duplicate_comes_first(corpus: Corpus) -> None:
    """The centre's methodology, its title shortened, under the partner's tags (Côte d'Ivoire's, cocoa): it comes
    before the Ivorian cocoa resources; no other country's sheet for sharing « pays »."""
    found = listed(corpus, title="Cartographier les risques par pays et par secteur", **IVORIAN_COCOA)
    assert found[0] == "/fr/ressources/cartographie-des-risques-pays-secteur"
    assert not {"/fr/ressources/bresil", "/fr/ressources/ghana", "/fr/ressources/somalie"} & set(found), found


def _document(title: str, language: str = "fr", **tags: tuple[str, ...]) -> SearchDocument:
    day = datetime(2026, 1, 1, tzinfo=UTC).date()
    return SearchDocument(
        id=f"x.{language}", translation_key="x", slug="x", type="tool", language=language, title=title, summary="",
        body="", countries=tags.get("countries", ()), regions=(), sectors=tags.get("sectors", ()),
        risks=tags.get("risks", ()), audiences=(), publisher="crv", published_at=day, updated_at=day,
    )  # fmt: skip


def test_a_word_in_many_titles_says_little_and_a_synonym_in_the_other_language_counts() -> None:
    taxonomies = load_taxonomies(CONTENT)
    index = synonym_index(taxonomies.synonym_groups(), taxonomies.concepts())
    counts = {"pays": 40, "cacao": 2, "travail": 70, "enfants": 70, "cartographier": 1}
    titles = Frequencies(100, {number_key(word): count for word, count in counts.items()})
    english = Frequencies(100, {"child": 70, "labour": 70, "cocoa": 2})
    (country,), _ = title_words(index, "pays")
    (cocoa,), codes = title_words(index, "cacao")
    assert titles.weight(country) < 0.3 < titles.weight(cocoa) and codes == {"sectors": {"cocoa"}}
    french, _ = title_words(index, "Le travail des enfants dans le cacao")
    assert len(french) == 2  # « travail des enfants » one phrase, stop words left out
    assert title_likeness(french, titles, title_words(index, "Child labour in cocoa")[0], english) == 1.0

    codes = {"countries": frozenset({"CI"}), "sectors": frozenset({"cocoa"}), "risks": frozenset[str]()}
    subject = Subject(title_words(index, "Cartographier les risques par pays")[0], "fr", codes)
    weights = {"fr": titles, "en": english}.__getitem__
    # « pays » in common and a sector: not enough; a country and a sector: enough
    assert closeness(index, subject, _document("Brésil : fiche pays", sectors=("cocoa",)), weights) is None
    # a telling word in common and a sector, closer than a country and a sector
    near = closeness(index, subject, _document("Cartographier les risques", sectors=("cocoa",)), weights)
    far = closeness(index, subject, _document("Ghana", countries=("CI",), sectors=("cocoa",)), weights)
    assert near is not None and far is not None and near > far
