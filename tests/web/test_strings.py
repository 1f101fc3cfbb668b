"""Every interface string of the partners' and editors' pages has its French translation, with French
typography (a narrow no-break space before : ; ? !)."""

import re
from pathlib import Path

from app.web.i18n import FR

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_STRING = re.compile(r"""_\(\s*(["'])(.+?)(?<!\\)\1""")
PYTHON_STRING = re.compile(r"""gettext\(\s*\w+,\s*"([^"]+)\"""")
NOTICE_STRING = re.compile(r""":\s*"([A-Z][^"]+\.)",""")


def strings() -> set[str]:
    found: set[str] = set()
    for template in (ROOT / "app" / "templates" / "web").glob("*.html"):
        found.update(match[1].replace("\\'", "'") for match in TEMPLATE_STRING.findall(template.read_text()))
    sources = [*(ROOT / "app" / "web").glob("*.py")]
    sources += [ROOT / "app" / "routers" / name for name in ("accounts.py", "portal.py", "desk.py")]
    for source in sources:
        text = source.read_text()
        found.update(PYTHON_STRING.findall(text))
        if "NOTICES" in text:
            block = text.split("NOTICES = {")[1].split("}")[0]
            found.update(NOTICE_STRING.findall(block))
    return found


def test_every_string_has_a_french_translation() -> None:
    found = strings()
    assert len(found) > 60
    missing = sorted(s for s in found if s not in FR)
    assert missing == []


def test_french_typography() -> None:
    for english, french in FR.items():
        assert "'" not in french.replace("%(", ""), (english, french)  # the apostrophe is ’
        for mark in (":", ";", "?", "!"):
            for index in [i for i, c in enumerate(french) if c == mark]:
                before = french[index - 1] if index else ""
                if (before.isalnum() and mark != ":") or before == " ":
                    raise AssertionError(f"{french!r}: no-break space needed before {mark!r}")
