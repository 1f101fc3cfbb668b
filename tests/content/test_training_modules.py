"""The training modules (type ``training_module``) as a trainer uses them: each leads to the modules that fit, in
both languages alike; the SME module links the tools its units use and has the exercises it announces; the buyers
module says how its day splits into two half-days, with durations that add up, and has a half-day version of its own
(a retail group's trainer found the split dropped what to do when a problem is reported, and the quiz) whose
fictional case screens as it says; the strategy the modules quote is named where it first appears."""

import functools
import re
from pathlib import Path

import pytest

from app.paths import page_path
from app.services import content as content_service
from app.services import screening, screening_input
from app.services.findings import load_catalogue
from app.services.markdown import internal_links
from tests.helpers import CONTENT, ILAB_DATA

ROOT = Path(__file__).resolve().parents[2]
TRAINING = ROOT / "content" / "resources" / "training"
SECTION = {"fr": "## Formations complémentaires", "en": "## Further training"}
STRATEGY_URL = "lancement-de-la-strategie-nationale-dacceleration"


@functools.cache
def _document(key: str, language: str) -> tuple[dict[str, object], str]:
    path = TRAINING / f"{key}.{language}.md"
    document = content_service.read_document(path, path.name)
    assert not isinstance(document, list), document
    assert document.metadata["type"] == "training_module"
    return document.metadata, document.body


def _keys() -> list[str]:
    return sorted({path.name.split(".")[0] for path in TRAINING.glob("training-*.md")})


def _section(body: str, heading: str) -> str:
    """The text under ``heading`` (a ``## `` line), up to the next ``## `` heading."""
    start = body.index(heading + "\n") + len(heading) + 1
    following = body.find("\n## ", start)
    return body[start:] if following == -1 else body[start:following]


def _minutes(text: str) -> int:
    """« 1 h 30 », « 45 min », « 3 h 15 » (spaces of any kind), in English « 3 hours 15 minutes », as minutes."""
    match = re.fullmatch(r"(?:(\d+)\s*h(?:ours?)?)?\s*(\d+)?\s*(?:min(?:utes)?)?", text.strip())
    assert match is not None and text.strip(), text
    hours, minutes = match.groups()
    return int(hours or 0) * 60 + int(minutes or 0)


def _unit_durations(body: str, language: str) -> dict[int, int]:
    word = "Séquence" if language == "fr" else "Unit"
    found = re.findall(rf"\*\*{word}\s(\d+)\s?:[^*]*?\(([^()]*?(?:h|min)[^()]*?)\)\.\*\*", body)
    return {int(number): _minutes(duration) for number, duration in found}


def test_seventeen_modules_in_both_languages() -> None:
    keys = _keys()
    assert len(keys) == 17
    for key in keys:
        assert {p.name for p in TRAINING.glob(f"{key}.*.md")} == {f"{key}.fr.md", f"{key}.en.md"}


@pytest.mark.parametrize("key", _keys())
def test_a_module_leads_to_other_modules_the_same_in_both_languages(key: str) -> None:
    links = {language: internal_links(_document(key, language)[1]) for language in ("fr", "en")}
    others = {target for target in links["fr"] if target.startswith("training-") and target != key}
    assert others, f"{key} links to no other training module"
    assert set(links["fr"]) == set(links["en"])
    assert all((TRAINING / f"{target}.fr.md").exists() for target in others)
    sections = {language: SECTION[language] in _document(key, language)[1] for language in ("fr", "en")}
    assert sections["fr"] == sections["en"]
    if sections["fr"]:
        listed = {
            language: internal_links(_section(_document(key, language)[1], SECTION[language]))
            for language in ("fr", "en")
        }
        assert listed["fr"] == listed["en"]  # same modules, same order
        assert listed["fr"] and all(t.startswith("training-") and t != key for t in listed["fr"])
        assert len(set(listed["fr"])) == len(listed["fr"])


@pytest.mark.parametrize("language", ["fr", "en"])
def test_sme_module_links_its_tools_where_its_units_use_them_and_has_its_exercises(language: str) -> None:
    _, body = _document("training-smes", language)
    units = _section(body, "## Séquences" if language == "fr" else "## Units")
    tools = {
        "tool-supplier-self-assessment",
        "tool-contract-clauses",
        "tool-remediation-plan",
        "tool-action-plan-after-finding",
    }
    assert tools <= set(internal_links(units))
    exercises = _section(body, "## Exercices" if language == "fr" else "## Exercises")
    word, unit = ("Exercice", "séquence") if language == "fr" else ("Exercise", "unit")
    announced = re.findall(rf"{word}\s(\d)\s\((\d+)\smin\)", units)
    described = re.findall(rf"\*\*{word}\s(\d)\s?:\s[^*]*\({unit}\s(\d),\s(\d+)\smin", exercises)
    assert len(announced) == 4
    durations = _unit_durations(body, language)
    for number, minutes in announced:
        match = [d for d in described if d[0] == number]
        assert match, f"{word} {number} is announced but not described"
        _, in_unit, described_minutes = match[0]
        assert described_minutes == minutes
        assert int(minutes) < durations[int(in_unit)]
    # The cases are the centre's own sheets, not invented facts.
    assert {"topic-paris-2024-building-sites", "topic-kafala-qatar"} <= set(internal_links(exercises))


@pytest.mark.parametrize("language", ["fr", "en"])
def test_buyers_module_says_which_units_make_each_half_day_and_the_durations_add_up(language: str) -> None:
    _, body = _document("training-corporate-buyers", language)
    durations = _unit_durations(body, language)
    assert sorted(durations) == [1, 2, 3, 4, 5, 6]
    assert sum(durations.values()) == 6 * 60
    audience = " ".join(_section(body, "## Public et format" if language == "fr" else "## Audience and format").split())
    word = "séquences" if language == "fr" else "units"
    halves = re.findall(rf"{word} (\d) (?:à|to) (\d) \(([^:]+):", audience)
    assert len(halves) == 2, audience
    covered = []
    for first, last, duration in halves:
        numbers = range(int(first), int(last) + 1)
        covered += numbers
        assert _minutes(duration) == sum(durations[n] for n in numbers)
    assert covered == [1, 2, 3, 4, 5, 6]


HALF_DAY = {"fr": "## Version demi-journée", "en": "## Half-day version"}
NOTES = {"fr": "## Notes pour l’animateur", "en": "## Facilitator notes"}
CASE = {"fr": "## Cas fictif", "en": "## Fictional case"}


def _heading(body: str, start: str) -> str:
    """The whole ``## `` heading line that begins with ``start``."""
    (line,) = [line for line in body.splitlines() if line.startswith(start)]
    return line


@pytest.mark.parametrize("language", ["fr", "en"])
def test_buyers_module_has_a_half_day_version_that_keeps_problems_and_the_quiz(language: str) -> None:
    _, body = _document("training-corporate-buyers", language)
    heading = _heading(body, HALF_DAY[language])
    total = re.fullmatch(r"## [^(]+\((.+)\)", heading)
    assert total is not None, heading
    version = " ".join(_section(body, heading).split())
    word, pause = ("Partie", "Pause") if language == "fr" else ("Part", "Break")
    parts = re.findall(rf"\*\*{word}\s(\d)\s?:\s?([^*(]+?)\s\(([^()]+)\)\.\*\*", version)
    breaks = re.findall(rf"\*\*{pause}\s\(([^()]+)\)\.\*\*", version)
    assert [int(number) for number, _, _ in parts] == [1, 2, 3, 4, 5, 6]
    minutes = sum(_minutes(duration) for _, _, duration in parts) + sum(_minutes(b) for b in breaks)
    assert minutes == _minutes(total.group(1)) <= 3 * 60 + 30
    # Its last two parts are the full day's last two units: what to do when a problem is reported, and the quiz.
    units = dict(re.findall(r"\*\*(?:Séquence|Unit)\s(\d)\s?:\s?([^*(]+?)\s\(", " ".join(body.split())))
    assert [title for _, title, _ in parts[4:]] == [units["5"], units["6"]]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_buyers_half_day_has_a_key_message_and_debrief_points_for_each_part(language: str) -> None:
    _, body = _document("training-corporate-buyers", language)
    notes = _section(body, _heading(body, NOTES[language]))
    items = [" ".join(item.split()) for item in re.split(r"^- ", notes, flags=re.MULTILINE)[1:]]
    word, message, debrief = (
        ("Partie", "Message clé", "Débriefing") if language == "fr" else ("Part", "Key message", "Debrief")
    )
    numbers = [re.match(rf"\*\*{word}\s(\d)\.\*\*", item) for item in items]
    assert [int(number.group(1)) if number else None for number in numbers] == [1, 2, 3, 4, 5, 6]
    assert all(message in item and debrief in item for item in items), items


# What the case's debriefing says the screening shows, line by line (ILAB's List of Goods, 2022).
CASE_FINDINGS = {
    "fr": [
        ["Vêtements\u00a0: travail des enfants", "Coton\u00a0: travail des enfants"],
        ["Fils\u00a0: travail forcé, travail des enfants", "Coton\u00a0: travail des enfants"],
        [],
    ],
    "en": [
        ["Garments: child labour", "Cotton: child labour"],
        ["Thread/yarn: forced labour, child labour", "Cotton: child labour"],
        [],
    ],
}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_buyers_fictional_case_screens_as_its_debriefing_says(language: str) -> None:
    """The case names no real company and says so; its three lines, pasted into the screening tool, give the
    findings its debriefing states, and the line of unknown origin is not recognised."""
    _, body = _document("training-corporate-buyers", language)
    case = _section(body, _heading(body, CASE[language]))
    warning = case.strip().split("\n\n")[0]
    assert warning.startswith("*") and ("inventé" if language == "fr" else "invented") in warning
    lines = re.findall(r"`(B-0\d;[^`]+)`", case)
    assert len(lines) == 3
    result = screening.screen(
        load_catalogue(ILAB_DATA, CONTENT, "http://crv.test"), screening_input.parse_text("\n".join(lines))
    )
    assert [line.state for line in result.lines] == [
        screening.ScreeningState.finding,
        screening.ScreeningState.finding,
        screening.ScreeningState.unresolved,
    ]
    assert [screening.goods_findings(line, language) for line in result.lines] == CASE_FINDINGS[language]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_buyers_module_links_the_oecd_guidance_and_the_screening_tool(language: str) -> None:
    """It named « le guide de l’OCDE » three times and the US list of goods without pointing to either page."""
    metadata, body = _document("training-corporate-buyers", language)
    units = _section(body, "## Séquences" if language == "fr" else "## Units")
    assert internal_links(units).count("method-oecd-due-diligence-guidance") == 2
    assert f"]({page_path('screening', language)})" in units
    assert metadata["audiences"][0] == "company-buyers" and "public-buyers" not in metadata["audiences"]


@pytest.mark.parametrize("key", _keys())
def test_no_three_dot_ellipsis(key: str) -> None:
    for language in ("fr", "en"):
        assert "..." not in _document(key, language)[1]


@pytest.mark.parametrize("key", _keys())
def test_the_strategy_a_module_quotes_is_named_where_it_first_appears(key: str) -> None:
    for language in ("fr", "en"):
        metadata, body = _document(key, language)
        sources = metadata.get("sources") or []
        assert isinstance(sources, list)
        if not any(STRATEGY_URL in str(source.get("url", "")) for source in sources):
            continue
        text = " ".join(body.split())
        if language == "fr":
            first = re.search(r"\bstratégie\b.{0,40}", text, re.IGNORECASE)
            assert first is not None and first.group().startswith("stratégie nationale d’accélération"), first
        else:
            first = re.search(r".{0,30}\bstrategy\b", text, re.IGNORECASE)
            assert first is not None and first.group().endswith("national acceleration strategy"), first


@pytest.mark.parametrize("key", _keys())
def test_every_module_ends_with_further_training_of_one_to_four_modules(key: str) -> None:
    """Each module, the public buyers' two included, closes on the modules a trainer can run next."""
    for language in ("fr", "en"):
        body = _document(key, language)[1]
        assert SECTION[language] in body, (key, language)
        assert body.rstrip().rfind("\n## ") == body.rstrip().index("\n" + SECTION[language])
        items = [line for line in _section(body, SECTION[language]).splitlines() if line.startswith("- ")]
        assert 1 <= len(items) <= 4
        for item in items:
            links = internal_links(item)
            assert len(links) == 1 and links[0].startswith("training-"), item
            assert re.search(r"\)\s?:\s?\S", item), f"{key}: no reason given in {item!r}"
