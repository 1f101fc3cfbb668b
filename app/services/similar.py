"""The published resources most like a submission, shown to the editor before approving it: a partner may submit
what the centre (or another partner) already publishes, under another address.

The search engine finds the candidates: its search on the submission's title, alone, among the resources of the
submission's countries, then of its sectors, and the resources of both its countries and its sectors. A search on
a title is no judge of likeness: when no text holds every word, the engine leaves words out — those no text holds,
then one at a time those naming no taxonomy term first (:func:`app.search.text.one_fewer`) — until some text holds
the rest, anywhere in its body. A long title keeps little: « Suivi communautaire des enfants dans les
coopératives » (in Côte d'Ivoire's cocoa) kept « enfants » alone, and the desk listed a sheet on Pakistan's brick
kilns. So each candidate is weighed here against the submission's subject: its title's words (a synonym, in either
language, counting as the word; a word in many titles, « pays », « fiche risque », « travail des enfants »,
counting little) and its countries, sectors and risks. Only those close enough are listed (:func:`closeness`), the
closest first, ties in the engine's order: none when none is."""

import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Organisation, Resource, ResourceRevision, RevisionState
from app.paths import resource_path
from app.search.base import FilterField, SearchDocument, SearchEngine, SearchQuery, SearchUnavailable
from app.search.text import STOP_WORDS, SynonymIndex, number_key, synonym_index, tokenize
from app.services.centre import organisation_name
from app.services.search import language_names
from app.services.site.published import published_index
from app.taxonomy import Taxonomies, TaxonomyName

SHOWN = 5
# One page of the engine's ranking for each search: room for the submission's own published versions, each
# resource's other language and the candidates too far from the submission, which are left out.
ASKED = 12
# A shared country or sector says the subject is the same; a shared risk little (nearly every resource is about
# child or forced labour): it only ranks.
PLACES, SECTORS, RISKS = "countries", "sectors", "risks"
FILTER_OF: Mapping[str, FilterField] = {PLACES: FilterField.country, SECTORS: FilterField.sector}
# Titles this alike (:func:`title_likeness`, 0–1) are listed whatever their tags: a duplicate's title, reworded.
NEAR_TITLE = 0.5
# Title words this telling in common (their :meth:`Frequencies.weight` added up) list a resource with a country or
# a sector in common: one word in fewer titles than (titles + 1) ** 0.6, 1 in 12 of 468, 1 in 100 of 100,000
# (« cacao », « remédiation »), not « pays » (136 French titles of 468) nor « travail des enfants » (312).
TELLING = 0.4

Word = frozenset[tuple[str, ...]]  # a title's word or synonym phrase, in every form it is matched in


@dataclass(frozen=True, slots=True)
class Similar:
    title: str
    path: str  # its public page
    language: str
    language_name: str  # in the reader's language
    type_label: str  # in the reader's language
    publisher: str  # its organisation's name


def ranked(
    documents: list[SearchDocument], translation_key: str, language: str, limit: int = SHOWN
) -> list[SearchDocument]:
    """``documents`` (best first: :func:`closest`) without the submission's own resource (``translation_key``: its
    published versions), a resource once (its version in ``language`` when found, at its best-ranked version's
    place), those in ``language`` first."""
    chosen: dict[str, SearchDocument] = {}
    for document in documents:
        key = document.translation_key
        if key == translation_key:
            continue
        if key not in chosen or (chosen[key].language != language and document.language == language):
            chosen[key] = document
    in_order = sorted(chosen.values(), key=lambda document: document.language != language)  # stable: rank kept
    return in_order[:limit]


def title_words(index: SynonymIndex, title: str) -> tuple[tuple[Word, ...], dict[str, set[str]]]:
    """The words of ``title``, stop words left out, a synonym or taxonomy phrase one word in all its synonyms'
    forms (« travail des enfants » is also « child labour »), each in either number; and the taxonomy codes it
    names, by document attribute (« cacao »: sectors, cocoa)."""
    tokens = tokenize(title)
    words: dict[Word, None] = {}
    codes: dict[str, set[str]] = {}
    position = 0
    while position < len(tokens):
        length = index.longest_match(tokens, position)
        if length:
            phrase = index.spelling(tuple(tokens[position : position + length]))
            words[frozenset(tuple(map(number_key, p)) for p in index.alternatives(phrase) or (phrase,))] = None
            for attribute, code in index.codes(phrase):
                codes.setdefault(attribute, set()).add(code)
            position += length
            continue
        token = tokens[position]
        position += 1
        if token not in STOP_WORDS:
            words[frozenset({(number_key(token),)})] = None
    return tuple(words), codes


@dataclass(frozen=True, slots=True)
class Frequencies:
    """How many published titles in a language there are, and how many hold each word (by its number key)."""

    titles: int
    words: Mapping[str, int]

    def weight(self, word: Word) -> float:
        """What sharing ``word`` says, from 1 (in no title) to 0 (in all): the less, the more titles have it
        (« fiche risque », « pays », « travail des enfants »: hundreds; « cacao », « remédiation »: a few; its
        inverse document frequency, over its largest). A phrase counts as in the titles having each of its words, in
        the form most titles have."""
        if not self.titles:
            return 1.0
        held = max(
            min((self.words.get(key, 0) for key in phrase if key not in STOP_WORDS), default=self.titles)
            for phrase in word
        )
        return math.log((self.titles + 1) / (held + 1)) / math.log(self.titles + 1)


FREQUENCIES_KEPT = 4  # (published index, language) pairs
_FREQUENCIES: dict[tuple[int, str], Frequencies] = {}


def frequencies(session: Session, language: str) -> Frequencies:
    """The words of the published titles in ``language`` (:class:`Frequencies`), counted once per published index,
    as written: no synonym is looked up (~10 µs a title)."""
    published = published_index(session)
    key = (published.token, language)
    found = _FREQUENCIES.get(key)
    if found is None:
        entries = published.newest_first.get(language, ())
        counts = Counter(word for entry in entries for word in {number_key(token) for token in tokenize(entry.title)})
        if len(_FREQUENCIES) >= FREQUENCIES_KEPT:
            _FREQUENCIES.clear()
        found = _FREQUENCIES[key] = Frequencies(len(entries), counts)
    return found


def shared_weight(words: Sequence[Word], weights: Frequencies, others: Sequence[Word]) -> float:
    """The weight of ``words`` (:meth:`Frequencies.weight`) that ``others`` have too."""
    return sum(weights.weight(word) for word in words if any(word & other for other in others))


def title_likeness(words: Sequence[Word], weights: Frequencies, others: Sequence[Word], theirs: Frequencies) -> float:
    """Dice's coefficient of two titles' words (``weights``, ``theirs``: their languages' :class:`Frequencies`),
    each word weighed by what sharing it says: 0 to 1, the share of their weight that the other title has too."""
    total = sum(map(weights.weight, words)) + sum(map(theirs.weight, others))
    if not total:
        return 0.0
    return 2 * min(shared_weight(words, weights, others), shared_weight(others, theirs, words)) / total


@dataclass(frozen=True, slots=True)
class Subject:
    """What a submission is about: its title's words, in its language, and its taxonomy codes by document attribute
    (countries, sectors, risks), those its title names with them."""

    words: tuple[Word, ...]
    language: str
    codes: Mapping[str, frozenset[str]]


def closeness(
    index: SynonymIndex, subject: Subject, document: SearchDocument, weights: Callable[[str], Frequencies]
) -> float | None:
    """How close ``document`` is to the submission's ``subject``, its title counting twice as much as its tags
    (``weights``: a language's :class:`Frequencies`); None when not close enough to be listed: a title nearly the
    same (:data:`NEAR_TITLE`), or a country or a sector in common with telling words of the title
    (:data:`TELLING`), or a country and a sector in common."""
    words, _ = title_words(index, document.title)
    mine = weights(subject.language)
    likeness = title_likeness(subject.words, mine, words, weights(document.language))
    telling = shared_weight(subject.words, mine, words) >= TELLING
    place, sector, risk = (
        not subject.codes.get(name, frozenset()).isdisjoint(getattr(document, name))
        for name in (PLACES, SECTORS, RISKS)
    )
    if likeness < NEAR_TITLE and not (place and sector) and not (telling and (place or sector)):
        return None
    return 2 * likeness + (2 * place + 2 * sector + risk) / 5


def closest(
    index: SynonymIndex, subject: Subject, documents: Sequence[SearchDocument], weights: Callable[[str], Frequencies]
) -> list[SearchDocument]:
    """The versions in ``documents`` (the engine's order) of the resources close enough to ``subject`` (one of
    their versions is: :func:`closeness`), the closest resources first, ties in the order found."""
    scores: dict[str, float] = {}
    for document in documents:
        score = closeness(index, subject, document, weights)
        if score is not None:
            scores[document.translation_key] = max(score, scores.get(document.translation_key, score))
    close = [(found, document) for found, document in enumerate(documents) if document.translation_key in scores]
    return [document for _, document in sorted(close, key=lambda pair: (-scores[pair[1].translation_key], pair[0]))]


def submitted_codes(session: Session, translation_key: str, language: str, title: str) -> dict[str, set[str]]:
    """The countries, sectors and risks of the submission of ``translation_key`` in ``language`` as submitted (the
    one titled ``title`` when two organisations' submissions have that public id)."""
    rows = session.scalars(
        select(ResourceRevision.data)
        .join(Resource, Resource.id == ResourceRevision.resource_id)
        .where(
            Resource.translation_key == translation_key,
            Resource.language == language,
            ResourceRevision.state == RevisionState.submitted,
        )
        .order_by(Resource.id)
    ).all()
    data: list[Mapping[str, Any]] = list(rows)
    chosen = next((d for d in data if d.get("title") == title), data[0] if data else {})
    return {name: set(chosen.get(name) or ()) for name in (PLACES, SECTORS, RISKS)}


def subject_of(session: Session, index: SynonymIndex, title: str, translation_key: str, language: str) -> Subject:
    words, named = title_words(index, title)
    codes = submitted_codes(session, translation_key, language, title)
    return Subject(words, language, {name: frozenset(codes[name] | named.get(name, set())) for name in codes})


def candidates(engine: SearchEngine, subject: Subject, title: str) -> list[SearchDocument]:
    """The engine's answers, in this order: to the submission's title, to it among the resources of the
    submission's countries, then of its sectors, and the resources of both its countries and its sectors."""
    tags = {FILTER_OF[name]: tuple(sorted(codes)) for name in FILTER_OF if (codes := subject.codes.get(name))}

    def ask(q: str, filters: Mapping[FilterField, tuple[str, ...]]) -> SearchQuery:
        return SearchQuery(q=q, filters=filters, per_page=ASKED, prefer_language=subject.language)

    searches = [ask(title, {}), *(ask(title, {name: codes}) for name, codes in tags.items())]
    if len(tags) == len(FILTER_OF):
        searches.append(ask("", tags))
    return [hit.document for search in searches for hit in engine.search(search).hits]


def _publishers(session: Session, codes: set[str]) -> Mapping[str, str]:
    if not codes:
        return {}
    return dict(session.execute(select(Organisation.slug, Organisation.name).where(Organisation.slug.in_(codes))).all())


def similar(
    session: Session,
    engine: SearchEngine,
    taxonomies: Taxonomies,
    *,
    title: str,
    translation_key: str,
    language: str,
    reader_language: str,
) -> list[Similar] | None:
    """The published resources most like the submission of ``title`` in ``language`` (:func:`closest`, then
    :func:`ranked`: its own published versions, sharing its ``translation_key``, left out), their type, language
    and publisher named in ``reader_language``; None when the engine cannot answer (the desk's page still shows
    the submission)."""
    index = synonym_index(taxonomies.synonym_groups(), taxonomies.concepts())  # built once per process
    subject = subject_of(session, index, title, translation_key, language)
    try:
        found = candidates(engine, subject, title)
    except SearchUnavailable:
        return None
    documents = ranked(
        closest(index, subject, found, lambda lang: frequencies(session, lang)), translation_key, language
    )
    names = _publishers(session, {document.publisher for document in documents})
    types = taxonomies[TaxonomyName.types]
    named = language_names(reader_language)
    return [
        Similar(
            title=document.title,
            path=resource_path(document.language, document.slug),
            language=document.language,
            language_name=named.get(document.language, document.language),
            type_label=term.label(reader_language) if (term := types.get(document.type)) else document.type,
            publisher=organisation_name(
                document.publisher, names.get(document.publisher, document.publisher), reader_language
            ),
        )
        for document in documents
    ]
