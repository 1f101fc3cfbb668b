"""The training modules (type ``training_module``) as a trainer uses them: each leads to the modules that fit, in
both languages alike; the SME module links the tools its units use and has the exercises it announces; the buyers
module says how its day splits into two half-days, with durations that add up; the strategy the modules quote is
named where it first appears."""

import functools
import re
from pathlib import Path

import pytest

from app.services import content as content_service
from app.services.markdown import internal_links

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
