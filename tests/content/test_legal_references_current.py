"""A counsel's audit of the legal references as they stand in December 2026: the French vigilance articles cited by
their current numbers, the EU due diligence directive's amending procedure stated with its sources, and the French and
English files of every resource that speaks of these texts giving the same dates."""

import re
from pathlib import Path

import pytest

from app.services import content as content_service
from tests.helpers import content_taxonomies

RESOURCES = Path(__file__).resolve().parents[2] / "content" / "resources"
# The texts a due diligence reader relies on: the EU directive (2024/1760, CSDDD), the forced labour regulation
# (2024/3015), the reporting directive (CSRD) and its amendments (Omnibus), the French law of 2017.
TEXTS = re.compile(r"2024/1760|CSDDD|devoir de vigilance|2024/3015|forced labour regulation|CSRD|Omnibus", re.I)
# The ordinance transposing the CSRD renumbered the vigilance articles on 1 January 2024: L. 225-102-4 became
# L. 225-102-1 and L. 225-102-5 became L. 225-102-2, so a reader searching the code today needs the new number.
RENUMBERED = {"L. 225-102-4": "L. 225-102-1", "L. 225-102-5": "L. 225-102-2"}
MONTHS_FR = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
MONTHS_EN = "January February March April May June July August September October November December".split()
SPACE = r"[ \u00a0\u202f]+"
DATE = re.compile(rf"\b(\d{{1,2}})(?:er)?{SPACE}({'|'.join(MONTHS_FR + MONTHS_EN)}){SPACE}(\d{{4}})\b")


def parsed(path: Path) -> content_service.ContentFile:
    found = content_service.parse_file(path, path.name, content_taxonomies())
    assert isinstance(found, content_service.ContentFile), found
    return found


def whole_text(item: content_service.ContentFile) -> str:
    return "\n".join((item.meta.title, item.meta.summary, item.body))


def dates(text: str) -> set[tuple[int, int, int]]:
    return {
        (int(day), (MONTHS_FR + MONTHS_EN).index(month) % 12 + 1, int(year))
        for day, month, year in DATE.findall(" ".join(text.split()))
    }


def section(body: str, heading: str) -> str:
    """The text under a « ## » heading, up to the next one."""
    found = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", body, re.M | re.S)
    assert found is not None, heading
    return found.group(1)


LEGAL_KEYS = sorted(
    {
        str(path.relative_to(RESOURCES)).rsplit(".", 2)[0]
        for path in RESOURCES.rglob("*.md")
        if TEXTS.search(path.read_text(encoding="utf-8"))
    }
)


def test_the_audit_reads_dates_as_both_languages_write_them() -> None:
    assert dates("le 1er janvier 2024, le 26\u00a0juillet\n2028") == {(1, 1, 2024), (26, 7, 2028)}
    assert dates("on 1 January 2024 and 26 July 2028") == {(1, 1, 2024), (26, 7, 2028)}
    assert len(LEGAL_KEYS) > 50


@pytest.mark.parametrize("key", LEGAL_KEYS)
def test_an_old_vigilance_article_number_comes_with_its_current_one(key: str) -> None:
    for language in ("fr", "en"):
        text = " ".join(whole_text(parsed(RESOURCES / f"{key}.{language}.md")).split())
        for old, new in RENUMBERED.items():
            if old in text:
                assert new in text, (key, language, old)


@pytest.mark.parametrize("key", LEGAL_KEYS)
def test_french_and_english_give_the_same_dates(key: str) -> None:
    french, english = (whole_text(parsed(RESOURCES / f"{key}.{language}.md")) for language in ("fr", "en"))
    assert dates(french) == dates(english), key


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_due_diligence_directive_states_its_amending_procedure_with_sources(language: str) -> None:
    item = parsed(RESOURCES / "legal" / f"law-csddd.{language}.md")
    key_dates = section(item.body, "Dates clés" if language == "fr" else "Key dates")
    for step in ("COM(2025) 81", "2025/794", "2026/470"):
        assert step in key_dates, step
    # proposal, agreement, Parliament, Council, publication, transposition and application, as the sources give them
    assert {(26, 2, 2025), (9, 12, 2025), (16, 12, 2025), (24, 2, 2026), (26, 2, 2026), (18, 3, 2026)} <= dates(
        key_dates
    )
    assert {(26, 7, 2028), (26, 7, 2029)} <= dates(key_dates)
    urls = {str(source.url) for source in item.meta.sources}
    assert any("CELEX:52025PC0081" in url for url in urls)
    assert any("europarl.europa.eu/doceo/document/TA-10-2025-0324" in url for url in urls)
    assert "https://eur-lex.europa.eu/eli/dir/2026/470/oj" in urls
