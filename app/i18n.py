"""Interface strings through gettext (Babel catalogs in ``app/locale/<lang>/LC_MESSAGES/messages.po``).

Message ids are English. The ``.po`` catalogs are the only source: they are compiled in memory when first used, so
no build step (and no committed ``.mo``) can fall out of date. ``python scripts/messages.py`` extracts the strings
of the templates and of ``app/`` and updates both catalogs; a test fails when a catalog misses one.

In templates: ``{{ _("Search") }}``, ``{{ _("%(count)s results", count=n) }}``, ``{{ ngettext("%(num)d result",
"%(num)d results", n) }}``. The language is the ``lang`` variable of the render context. In Python:
``gettext(lang, "Search")``; mark strings for extraction without translating them with ``N_("...")``.

Filling in a French sentence elides what a name needs (« Membres de %(organisation)s » with « ONG Audit »: « Membres
d’ONG Audit »; :func:`app.services.typography.elide`), in templates and in Python alike (:func:`interpolate`).
Moments (an instant, UTC in the database) are shown in the centre's time zone by :func:`format_moment`.
"""

import gettext as _gettext
import unicodedata
from collections.abc import Mapping
from datetime import UTC, date, datetime
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from markupsafe import Markup

from app.languages import LANGUAGES
from app.services.typography import elide

DEFAULT_LANGUAGE = "fr"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"


def catalog_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def translations(language: str) -> _gettext.GNUTranslations:
    """The compiled catalog of ``language`` (``fr`` or ``en``; anything else gets English)."""
    # A plain ``str`` key: ``Language.fr`` (a model's column) and ``"fr"`` are different keys to ``lru_cache``, and
    # four keys in its two places made every change of language compile a catalog again (~50 ms).
    return _compiled(str(language) if language in LANGUAGES else "en")


@lru_cache(maxsize=len(LANGUAGES))
def _compiled(language: str) -> _gettext.GNUTranslations:
    with catalog_path(language).open("rb") as po:
        catalog = read_po(po, locale=language, domain=DOMAIN)
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


def interpolate(text: str, variables: Mapping[str, object], language: str) -> str:
    """``text % variables``, French elisions made before the names put in (« qu’Élise », « d’Awa »). A ``Markup``
    text stays one, so the variables are escaped as they go in."""
    if language == "fr" and variables and "%(" in text:
        elided = elide(text, variables)
        text = Markup(elided) if isinstance(text, Markup) else elided
    return text % variables


def gettext(language: str, message: str, **variables: object) -> str:
    text = translations(language).gettext(message)
    return interpolate(text, variables, language) if variables else text


def ngettext(language: str, singular: str, plural: str, number: int, **variables: object) -> str:
    text = translations(language).ngettext(singular, plural, number)
    return interpolate(text, {"num": number} | variables, language)


def N_(message: str) -> str:
    """Marks a string for extraction; translate it later with ``gettext(lang, message)``."""
    return message


@lru_cache(maxsize=4096)
def format_number(number: int, language: str) -> str:
    """``12 345`` (narrow no-break space) in French, ``12,345`` in English (kept: Babel takes ~35 µs a number, and
    an index page shows a hundred counts)."""
    return format_decimal(number, locale="fr_FR" if language == "fr" else "en_GB")


CENTRE_TIME_ZONE = ZoneInfo("Europe/Paris")  # where the centre's editors work: the pages' moments are in its time


def centre_today(now: datetime | None = None) -> date:
    """The day it is (at ``now``) in the centre's time zone: a French reader citing a page at 00:30 consulted it
    that day, not the day before as UTC has it."""
    return (now or datetime.now(UTC)).astimezone(CENTRE_TIME_ZONE).date()


# A moment as the people's pages show it: « 2 déc. 2026, 10 h 23 » (no-break spaces around the h; « 1er » for the
# first of a month, as human_date writes it) and "2 Dec 2026, 10:23"; Babel names the months in the page's language.
MOMENT_PATTERNS = {"fr": "d MMM y, H\u00a0'h'\u00a0mm", "en": "d MMM y, HH:mm"}


def format_moment(at: datetime, language: str) -> str:
    """``at`` (an instant; naive means UTC) in the centre's time zone, in ``language``'s words (French or English)."""
    instant = at if at.tzinfo is not None else at.replace(tzinfo=UTC)
    lang = "fr" if language == "fr" else "en"
    locale = "fr_FR" if lang == "fr" else "en_GB"
    text = format_datetime(instant, MOMENT_PATTERNS[lang], tzinfo=CENTRE_TIME_ZONE, locale=locale)
    return "1er" + text[1:] if lang == "fr" and text.startswith("1 ") else text


def iso_instant(at: datetime) -> str:
    """``at`` as a ``<time datetime>`` holds it: ISO 8601 in UTC, to the second (``2026-12-02T09:23:00Z``)."""
    instant = at if at.tzinfo is not None else at.replace(tzinfo=UTC)
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def collation_key(text: str) -> tuple[str, str]:
    """Dictionary order for names in French and English: accents and case count only between otherwise equal
    names (« Égypte » before « Érythrée » and after « Djibouti », where plain ``casefold`` put every É after Z)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold(), text.casefold()


def negotiate_language(accept_language: str | None) -> str:
    """The first of ``fr``/``en`` named in ``Accept-Language`` by preference (q values honoured); French otherwise."""
    return preferred_language(accept_language) or DEFAULT_LANGUAGE


def preferred_language(accept_language: str | None) -> str | None:
    """The one ``Accept-Language`` parser: the language of ours with the highest weight (``q=0`` excluded; equal
    weights, the first listed), or None when the header names none of them."""
    if not accept_language:
        return None
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept_language.split(",")[:32]):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and quality > 0:
            ranked.append((-quality, position, primary))
    return min(ranked)[2] if ranked else None
