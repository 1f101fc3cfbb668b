"""The language a source is written in: a BCP 47 primary language subtag (``en``, ``fr``, ``es``), what HTML's
``lang`` and ``hreflang`` take, so that a screen reader reads an English title on a French page with English words
(WCAG 2.2, 3.1.2 Language of Parts).

A subtag is an ISO 639-1 code, or the ISO 639-3 code of a language that has none (BCP 47 takes the shortest code:
« en », never « eng »), as pycountry lists them. A region or a script (``en-GB``, ``zh-Hant``) is not asked for: a
title read in English is read in English.
"""

import gettext
import re
from functools import cache
from typing import Final

import pycountry

# The languages the partner portal offers for a source, in this order; any other code is typed through the API or a
# content file (and the form keeps it).
SOURCE_LANGUAGES: Final = ("en", "fr", "es", "pt", "ar", "de", "it", "nl", "ru", "zh")

_SHAPE = re.compile(r"^[a-z]{2,3}$")


@cache
def _subtags() -> frozenset[str]:
    codes = set()
    for language in pycountry.languages:
        code = getattr(language, "alpha_2", None) or language.alpha_3
        codes.add(code)
    return frozenset(codes)


def language_subtag(value: str) -> str | None:
    """``value`` as a primary language subtag, lowercased (``EN`` → ``en``), or None when it is not one."""
    tag = value.strip().lower()
    return tag if _SHAPE.match(tag) and tag in _subtags() else None


def suggested_subtag(value: str) -> str | None:
    """The subtag someone typing ``value`` probably meant: ``en-GB`` → ``en``, ``eng`` or ``English`` → ``en``; None
    when nothing fits."""
    text = value.strip()
    primary = re.split(r"[-_]", text, maxsplit=1)[0]
    if primary != text and (found := language_subtag(primary)):
        return found
    if len(text) <= 3:  # a code (« eng », « fre »): a name this short is a language's name only by chance (« E »)
        lowered = text.lower()
        language = pycountry.languages.get(alpha_3=lowered) or pycountry.languages.get(bibliographic=lowered)
    else:
        try:
            language = pycountry.languages.lookup(text)
        except LookupError:
            return None
    if language is None:
        return None
    return getattr(language, "alpha_2", None) or str(language.alpha_3)


@cache
def _names(language: str) -> gettext.NullTranslations:
    return gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=[language], fallback=True)


def language_name(subtag: str, language: str) -> str:
    """The language of ``subtag`` named in ``language`` (ISO 639's names as pycountry translates them: « Anglais »,
    « English »); the subtag itself when pycountry does not know it."""
    found = pycountry.languages.get(alpha_2=subtag) if len(subtag) == 2 else pycountry.languages.get(alpha_3=subtag)
    if found is None:
        return subtag
    return _names(language).gettext(str(found.name))
