"""The searches' words counted, so that editors see what readers look for and do not find: per day, language,
source (the site's search page, the API) and words, the number of searches and of those that found nothing or
fewer than the search page's « few » — never who searched (no address, key, session or time of day).

Recording costs no database write: each process adds to a counter in memory (:class:`SearchStatistics`), written
every minute by a thread with one upsert that adds to the day's rows (:mod:`app.services.counters`), so any number
of workers and machines add up. The rows past ``search_statistics_kept_days`` are
deleted by the retention service (app/services/retention.py), with the rest of what the centre keeps for a time.

What is counted: words on the first page of a search narrowed by nothing but its language (a search with a
country or a type chosen that finds nothing says the filter is narrow, not that a subject is missing; and the
editors' link, the words on the search page in that language, shows what the reader saw). Words that look
personal (an address, a phone number, a long run of digits) are never counted, nor words longer than a search, nor
a search box's searches as the person types (:data:`TYPING_PARAMETER`): the site's search page and the widget
search at each pause in the typing, and « trav », « travai » were counted as searches that found nothing. A search
the person settled (Enter, a form submitted, a page loaded, an API call without the mark) is counted.
An editor following the page's link to the words counts as one more search of them: words shown already.
"""

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from functools import lru_cache
from typing import Final

from sqlalchemy.orm import Session

from app.filters import FilterField
from app.languages import DEFAULT_LANGUAGE, LANGUAGES
from app.models import SearchCount, SearchSource
from app.models.search_count import QUERY_LENGTH
from app.search.base import SearchQuery
from app.search.text import fold
from app.services.counters import DailyCounter, add_to_rows, utc_today
from app.services.site.search_page import FEW_RESULTS

# The query parameter (``typing=1``) by which a search box marks a search sent as the person types. A parameter, not
# a header: the widget's GETs stay CORS simple requests (a header would cost a preflight per typed search), and a
# typed search's cached answer is not the one an Enter on the same words asks for, which then reaches the server.
TYPING_PARAMETER: Final = "typing"
# Distinct words × language × source held between two writes: past it, words not already held are not counted
# (a flood of random words cannot grow a process's memory; ~100 bytes each).
MAX_HELD: Final = 20_000

# What a person may type that says who they are, or who someone else is. Looked for in the words as typed, before
# folding: an e-mail address (an « @ » inside a word: no search of the centre's subjects has one); a phone number
# or an identifier (IBAN, social security, card number) written in groups — nine digits or more with spaces, dots,
# dashes, slashes or brackets between them; six digits in a row. A postcode (5 digits), a year (4), ILO convention
# numbers (3), « 2019 2020 » (8) are kept. Each branch is linear in the words' length (a full address pattern,
# « x+@x+\.x+ », took 6 ms on 1,000 letters without an « @ »).
PERSONAL: Final = re.compile(
    r"[^\s@]@[^\s@]"  # an address
    r"|\d(?:[\s.\-/()]*\d){8,}"  # nine digits or more in groups
    r"|\d{6,}"  # a long run of digits
)


def normalise(q: str) -> str:
    """The words as the search reads them alike: folded (lowercase, no accents, « œ » as « oe »:
    :func:`app.search.text.fold`), whitespace collapsed."""
    return " ".join(fold(q).split())


def looks_personal(q: str) -> bool:
    return PERSONAL.search(q) is not None


@lru_cache(maxsize=2048)
def counted_words(q: str) -> str | None:
    """The words ``q`` is counted under, or None when it is not counted: personal-looking, longer than a search,
    blank. Cached: the same words come back often (a popular search, a widget's first page), and folding accented
    words costs 8-15 µs (« travail des enfants Côte d’Ivoire »), a cached answer 0.15."""
    if len(q) > 2 * QUERY_LENGTH or looks_personal(q):  # typed with spaces to spare, still longer than a search
        return None
    words = normalise(q)
    return words if words and len(words) <= QUERY_LENGTH else None


Key = tuple[date, str, SearchSource, str]  # day, language, source, normalised words


class SearchStatistics(DailyCounter[Key]):
    """A process's counts of searches since its last write (:class:`app.services.counters.DailyCounter`): per key,
    searches, those that found nothing, those that found few."""

    name = "search_statistics"
    width = 3

    def __init__(self, *, enabled: bool, today: Callable[[], date] = utc_today) -> None:
        super().__init__(enabled=enabled, max_held=MAX_HELD, today=today)

    def record(self, q: str, language: str, total: int, source: SearchSource) -> None:
        """One search of ``q`` in ``language`` that found ``total`` resources (a few microseconds, no I/O)."""
        words = counted_words(q) if self.enabled else None
        if words is None:
            return
        self._add((self._today(), language, source, words), (1, int(total == 0), int(0 < total < FEW_RESULTS)))

    def write(self, session: Session, counts: Mapping[Key, Iterable[int]]) -> None:
        add(session, counts)


def add(session: Session, counts: Mapping[Key, Iterable[int]]) -> None:
    """Add ``counts`` to the day's rows (rows in key order: :func:`app.services.counters.add_to_rows`)."""
    rows = [
        {"day": day, "language": language, "source": source, "query": words, **dict(zip(COUNTED, tally, strict=True))}
        for (day, language, source, words), tally in sorted(counts.items())
    ]
    add_to_rows(session, SearchCount, ("day", "language", "source", "query"), COUNTED, rows)


COUNTED: Final = ("searches", "found_nothing", "found_few")


def record_search(
    statistics: SearchStatistics, query: SearchQuery, total: int, source: SearchSource, *, typing: bool
) -> None:
    """Count ``query`` if it is one the editors' page shows: words, its first page, narrowed by its language alone
    (one language asked for, else the reader's), settled (``typing``: sent as the person types, marked with
    :data:`TYPING_PARAMETER`) — see the module's docstring."""
    if typing or not query.q or query.page != 1 or query.fixed_filters:
        return
    if any(values for field, values in query.filters.items() if field != FilterField.lang):
        return
    languages = set(query.filters.get(FilterField.lang, ()))
    language = languages.pop() if len(languages) == 1 else query.prefer_language
    statistics.record(query.q, language if language in LANGUAGES else DEFAULT_LANGUAGE.value, total, source)
