"""The languages of the centre: every resource exists in each of them. The one place that lists them."""

from enum import StrEnum
from typing import Final


class Language(StrEnum):
    fr = "fr"
    en = "en"


LANGUAGES: Final[tuple[str, ...]] = tuple(language.value for language in Language)
DEFAULT_LANGUAGE: Final = Language.fr


def other_language(language: str) -> str:
    """The centre's other language: where a page's language switch and a resource's translation lead."""
    return "en" if language == "fr" else "fr"
