"""The human 404's guesses: the words of the address that led nowhere (a mistyped or retired resource slug, an old
link), searched in the page's language, so that the page offers what the reader most likely wanted; and the addresses
that are a page's in the other language's words, which lead to it."""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import unquote

from app.languages import LANGUAGES, other_language
from app.models import Resource
from app.paths import PAGES, RESOURCES_FOLDER, page_path, resource_path
from app.search.base import FilterField, SearchEngine, SearchQuery, SearchUnavailable
from app.services.site.search_hits import Hit, hits
from app.services.typography import typeset
from app.taxonomy import Taxonomies

GUESSES = 5
MAX_WORDS = 80  # characters: an address is not a query
# At least one word of three letters: a robot's probe (/wp-login.php, /.env, /123) costs no search.
WORD = re.compile(r"[^\W\d_]{3,}")
EXTENSION = re.compile(r"\.(html?|php|aspx?|jsp|pdf)$", re.IGNORECASE)
PROBES = frozenset({"wp", "admin", "login", "env", "git", "config", "xmlrpc", "phpmyadmin", "cgi"})


def in_this_language(path: str) -> str | None:
    """This language's address of the page whose other-language address ``path`` is under this language's prefix
    (``/en/outils/criblage`` → ``/en/tools/screening``, ``/fr/tools/`` → ``/fr/outils/``, a resource's
    ``/en/ressources/coton`` → ``/en/resources/coton``, whose slug its page then reads), or None. A reader who
    changed ``fr`` to ``en`` in the address, or a link written so, was told that nothing was there."""
    _, language, rest = [*path.split("/", 2), "", ""][:3]
    if language not in LANGUAGES or not rest:
        return None
    other = other_language(language)
    folder, _, slug = rest.partition("/")
    if folder == RESOURCES_FOLDER[other] != RESOURCES_FOLDER[language] and slug and "/" not in slug:
        return resource_path(language, slug)
    asked = f"/{other}/{rest}".rstrip("/")
    return next((pages[language] for pages in PAGES.values() if pages[other].rstrip("/") == asked), None)


def address_words(path: str) -> str:
    """The last segment of ``path`` as words (``/fr/ressources/cote-divoire-cacao`` → ``cote divoire cacao``),
    or "" when it holds none worth searching."""
    last = EXTENSION.sub("", unquote(path).rstrip("/").rsplit("/", 1)[-1])
    words = [word for word in re.split(r"[\s\-_.+,;]+", last) if word]
    if not any(WORD.fullmatch(word) for word in words) or any(word.lower() in PROBES for word in words):
        return ""
    return " ".join(words)[:MAX_WORDS].strip()


@dataclass(frozen=True, slots=True)
class OnlyIn:
    """A resource published only in the other language at the address asked for: what the 404 links to first."""

    title: str
    language: str
    url: str


def only_in(resource: Resource) -> OnlyIn:
    return OnlyIn(
        typeset(resource.title, resource.language), resource.language, resource_path(resource.language, resource.slug)
    )


def title_words(title: str) -> str:
    """A withdrawn resource's title as the words to search for what else the centre holds on its subject."""
    return " ".join(WORD.findall(title))[:MAX_WORDS].strip()


@dataclass(frozen=True, slots=True)
class Guesses:
    """What the address's words find: the first resources, how many in all, and the search page holding them."""

    hits: Sequence[Hit] = ()
    total: int = 0
    search_url: str = ""  # the search page with the words typed in: every result, with its filters


def guesses(engine: SearchEngine, taxonomies: Taxonomies, words: str, language: str) -> Guesses:
    """The resources in ``language`` that ``words`` find first; none when the engine cannot answer now."""
    if not words:
        return Guesses()
    query = SearchQuery(q=words, filters={FilterField.lang: (language,)}, per_page=GUESSES)
    try:
        result = engine.search(query)
    except SearchUnavailable:
        return Guesses()
    found = hits(result, taxonomies, language)
    if not found:
        return Guesses()
    return Guesses(found, result.total, page_path("search", language, q=words))
