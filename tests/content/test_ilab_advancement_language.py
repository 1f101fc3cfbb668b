"""ILAB's English name of a country's advancement level, quoted after its French rendering on the French sheet, is
marked English (``[…]{lang=en}``, app/language_spans.py): a screen reader read « Significant Advancement » with
French sounds (WCAG 3.1.2). The English sheets give the name in their own language, unmarked."""

import re
from pathlib import Path

# French typography applied: a no-break space before the colon, narrow ones inside the quotation marks.
LEVEL = re.compile(r"^Évaluation par l’ILAB des efforts de 2022\s:\s\*\*[^*]+\*\* \(«\s(.*)\s»\)\.$", re.MULTILINE)


def test_the_french_sheets_mark_ilab_s_english_level_name(output: Path) -> None:
    french = [path.read_text(encoding="utf-8") for path in sorted((output / "countries").glob("*.fr.md"))]
    levels = [found.group(1) for text in french if (found := LEVEL.search(text))]
    assert len(levels) > 120
    assert all(re.fullmatch(r"\[[A-Z][^][]+\]\{lang=en\}", level) for level in levels), levels
    ivory_coast = (output / "countries" / "country-ci.fr.md").read_text(encoding="utf-8")
    assert "**progrès significatifs** («\u202f[Significant Advancement]{lang=en}\u202f»)." in ivory_coast
    english = (output / "countries" / "country-ci.en.md").read_text(encoding="utf-8")
    assert "**Significant Advancement**." in english and "{lang=" not in english
