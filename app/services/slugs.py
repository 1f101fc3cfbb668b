"""A title's slug, as the centre's addresses and anchors are made: a leaf module, so that what only needs a slug
(the glossary's anchors) does not import the publishing workflow."""

from slugify import slugify as python_slugify

# An apostrophe separates words ("d'Ivoire" → "d-ivoire", as in the corpus's slugs); python-slugify drops it.
_APOSTROPHES = [["'", "-"], ["’", "-"]]


def slugify(text: str, max_length: int = 80) -> str:
    """``Côte d’Ivoire : cacao`` → ``cote-d-ivoire-cacao``, ``œuvre`` → ``oeuvre``; a long title is cut on a word
    boundary."""
    return python_slugify(text, max_length=max_length, word_boundary=True, save_order=True, replacements=_APOSTROPHES)
