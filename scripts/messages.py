"""Extracts the interface strings (templates and ``app/``) and updates the French and English catalogs.

    python scripts/messages.py          # update app/locale/{fr,en}/LC_MESSAGES/messages.po
    python scripts/messages.py --check  # exit 1 if a catalog misses a string or a French translation

New strings arrive in ``fr`` with an empty translation to write; ``en`` gets the English id as its translation.
Obsolete strings are dropped. The application compiles the ``.po`` files in memory (``app/i18n.py``).
"""

import argparse
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.i18n import catalog_path  # noqa: E402
from app.languages import LANGUAGES  # noqa: E402

# Every module: only the pages' strings are marked (gettext(lang, …), ngettext, N_), and a list of files let a new
# module's strings go unextracted, shown in English on the French pages.
PYTHON = [("**.py", "python")]
TEMPLATES = [("templates/*.html", "jinja2"), ("templates/site/**.html", "jinja2"), ("templates/web/*.html", "jinja2")]
OPTIONS = {"templates/**.html": {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}}


def extract() -> Catalog:
    """Every message of ``app/`` (templates through Jinja's extractor, Python through Babel's)."""
    catalog = Catalog(project="crv", charset="utf-8")
    keywords = {"_": None, "N_": None, "gettext": (2,), "ngettext": (2, 3)}
    # gettext(lang, "…") and ngettext(lang, "…", "…", n) in Python: the message is the second argument
    python = extract_from_dir(ROOT / "app", PYTHON, keywords=keywords, comment_tags=("i18n:",))
    jinja_keywords = {"_": None, "gettext": None, "ngettext": (1, 2)}
    templates = extract_from_dir(
        ROOT / "app",
        TEMPLATES,
        options_map=OPTIONS,
        keywords=jinja_keywords,
    )
    for filename, lineno, message, comments, context in (*python, *templates):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def load(language: str) -> Catalog:
    path = catalog_path(language)
    if not path.exists():
        return Catalog(locale=language, project="crv", charset="utf-8")
    with path.open("rb") as po:
        return read_po(po, locale=language)


def problems(template: Catalog) -> list[str]:
    found = []
    wanted = {m.id for m in template if m.id}
    for language in LANGUAGES:
        catalog = load(language)
        have = {m.id: m for m in catalog if m.id}
        found += [f"{language}: missing {mid!r}" for mid in sorted(wanted - have.keys(), key=str)]
        found += [f"{language}: obsolete {mid!r}" for mid in sorted(have.keys() - wanted, key=str)]
        for mid, message in have.items():
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if mid in wanted and (not all(strings) or message.fuzzy):
                found.append(f"{language}: untranslated {mid!r}")
    return found


def update(template: Catalog) -> None:
    for language in LANGUAGES:
        catalog = load(language)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        if language == "en":
            for message in catalog:
                if message.id and not (
                    message.string if not isinstance(message.string, tuple) else all(message.string)
                ):
                    message.string = message.id
        path = catalog_path(language)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as po:
            write_po(po, catalog, width=120, omit_header=False, sort_output=True, include_lineno=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    template = extract()
    if args.check:
        found = problems(template)
        print("\n".join(found) or f"{len(template)} messages, catalogs complete")
        return 1 if found else 0
    update(template)
    print("\n".join(problems(template)) or f"{len(template)} messages, catalogs complete")
    return 0


if __name__ == "__main__":
    sys.exit(main())
