"""The French and English catalogs hold every interface string, translated (``python scripts/messages.py``)."""

import importlib.util
from pathlib import Path

from app.i18n import gettext, translations
from app.languages import LANGUAGES, Language

ROOT = Path(__file__).resolve().parents[2]


def _messages_script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("messages_script", ROOT / "scripts" / "messages.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_catalogs_are_complete_and_current() -> None:
    script = _messages_script()
    template = script.extract()
    assert len(template) > 50
    problems = script.problems(template)
    assert not problems, "run python scripts/messages.py and translate:\n" + "\n".join(problems)


def test_french_typography_in_the_catalog() -> None:
    catalog = translations("fr")
    assert gettext("fr", ":") == "\u00a0:"
    assert gettext("fr", "for “%(query)s”", query="x") == "pour «\u00a0x\u00a0»"
    for message in catalog._catalog.values():  # type: ignore[attr-defined]
        assert "'" not in message, message  # typographic apostrophe only
        assert " :" not in message and " ;" not in message and " ?" not in message, message
        assert "\u202f:" not in message, message  # a colon takes the full no-break space, as typeset() sets it


def test_both_languages_load() -> None:
    for language in LANGUAGES:
        assert gettext(language, "Search") in ("Rechercher", "Search")
    assert gettext("de", "Search") == "Search"


def test_a_language_enum_shares_the_plain_strings_catalog() -> None:
    # Language.fr (from a model) and "fr" must not be two cache entries: switching language would recompile.
    for language in Language:
        assert translations(language) is translations(language.value)
    assert translations("de") is translations("en")
