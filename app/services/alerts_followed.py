"""The editors' « What readers follow »: the subjects of the readers' confirmed email alerts
(:mod:`app.services.alerts`) — each value of their filters (a type, a risk, a region, a country, a sector, an
audience, a publisher) and each search's words — with the number of alerts following each, per language of the
alerts (their mails' and search page's), as a table and its downloads.

Never who: no address leaves this module, and a subject is shown only once ``alerts_min_shown`` readers follow it —
distinct addresses, not alerts, so that neither one reader's alert about a rare subject nor the several alerts one
reader keeps on it can be told. An alert waiting for its address's confirmation is not counted: nobody follows it
yet, and anyone could ask for one. Words are counted as the searches page counts them, folded, and never when they
look personal (:func:`app.services.search_statistics.counted_words`). An alert's ``lang`` filter is no subject: it
repeats the language of the page it was asked from (the search page adds its own)."""

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.filters import FilterField
from app.i18n import N_, collation_key, gettext
from app.models import SearchAlert
from app.paths import absolute, page_path
from app.services import tabular
from app.services.alerts import query_of
from app.services.jsonld import organisation_names
from app.services.search import facet_labels, language_names
from app.services.search_statistics import counted_words
from app.services.site.search_page import FACETS
from app.taxonomy import Taxonomies

SHOWN: Final = 200  # subjects listed, the most followed first
WORDS: Final = "q"  # a subject that is a search's words: the search page's parameter
KINDS: Final[Mapping[str, str]] = {WORDS: N_("Words searched"), **{name.value: label for name, label in FACETS}}
FILTERS: Final = frozenset(name for name, _ in FACETS)  # the filters a subject may be a value of: not ``lang``

Key = tuple[str, str, str]  # the alerts' language, the kind (a filter's name or WORDS), the code or folded words


@dataclass(frozen=True, slots=True)
class Subject:
    """A filter value or words followed by confirmed alerts in one language."""

    language: str  # of the alerts: the search page their mails link to
    kind: str  # a filter's name, or WORDS
    code: str  # the filter's value, or the folded words
    kind_label: str  # in the page's language: « Country », « Words searched »
    label: str  # in the page's language: « Côte d’Ivoire », « “cacao” »
    alerts: int

    def search_path(self) -> str:
        """The subject alone on the site's search page of the alerts' language."""
        return page_path("search", self.language, **{self.kind: self.code})


@dataclass(frozen=True, slots=True)
class Followed:
    subjects: list[Subject]  # those followed by enough readers, the most followed first
    alerts: int  # every confirmed alert counted, whatever it follows (none shown): the table's scale


def subjects_of(language: str, selection: Mapping[str, Any]) -> set[Key]:
    """What one alert follows: each value of its filters and its words, each once."""
    q, filters = query_of(selection)
    found = {(language, name.value, code) for name, codes in filters.items() if name in FILTERS for code in codes}
    if (words := counted_words(q)) is not None:
        found.add((language, WORDS, words))
    return found


def followed(
    session: Session,
    taxonomies: Taxonomies,
    *,
    lang: str,
    language: str | None,
    min_readers: int,
    limit: int = SHOWN,
) -> Followed:
    """The subjects of the confirmed alerts (in ``language``, else in each) followed by at least ``min_readers``
    distinct addresses, labelled in ``lang``: the most followed first, then by label. Counted here rather than in
    SQL: each alert's selection is a JSON document, read alike on SQLite and PostgreSQL, and alerts are few."""
    statement = select(SearchAlert.language, SearchAlert.email, SearchAlert.selection).where(
        SearchAlert.confirmed_at.is_not(None)
    )
    if language:
        statement = statement.where(SearchAlert.language == language)
    alerts: Counter[Key] = Counter()
    readers: defaultdict[Key, set[str]] = defaultdict(set)
    total = 0
    for alert_language, email, selection in session.execute(statement):
        total += 1
        for key in subjects_of(str(alert_language), selection):
            alerts[key] += 1
            readers[key].add(email)
    shown = [key for key, addresses in readers.items() if len(addresses) >= min_readers]
    codes: defaultdict[FilterField, set[str]] = defaultdict(set)
    for _, kind, code in shown:
        if kind != WORDS:
            codes[FilterField(kind)].add(code)
    labels = {
        name: facet_labels(taxonomies, name, values, lang, lambda: organisation_names(session))
        for name, values in codes.items()
    }
    subjects = [
        Subject(
            language,
            kind,
            code,
            gettext(lang, KINDS[kind]),
            gettext(lang, "“%(word)s”", word=code) if kind == WORDS else labels[FilterField(kind)][code],
            alerts[language, kind, code],
        )
        for language, kind, code in shown
    ]
    # ties by name, words by themselves (not by their quotation marks, which differ between languages)
    subjects.sort(key=lambda s: (-s.alerts, collation_key(s.code if s.kind == WORDS else s.label), s.language, s.kind))
    return Followed(subjects[:limit], total)


HEADER: Final = (N_("Followed subject"), N_("Kind"), N_("Language"), N_("Alerts"), N_("Search page"))


def sheet(found: Sequence[Subject], lang: str, base_url: str) -> tabular.Sheet:
    """The table as a worksheet (the CSV has the same columns): each subject, its kind, language, alerts and search
    page's address."""
    names = language_names(lang)
    rows: list[Sequence[tabular.Cell]] = [
        (
            subject.label,
            subject.kind_label,
            names.get(subject.language, subject.language),
            subject.alerts,
            absolute(base_url, subject.search_path()),
        )
        for subject in found
    ]
    return tabular.Sheet(
        title=gettext(lang, "What readers follow"),
        header=[gettext(lang, name) for name in HEADER],
        rows=rows,
        widths={0: 40, 4: 60},
        links=frozenset({4}),
    )
