"""Cropped highlights read a body only as far as its window, and mark exactly what a full reading would."""

import random
import re
from pathlib import Path

import pytest

from app.search.factory import country_codes
from app.search.highlight import _WORD, Highlighter, _crop, _every_character, _word_classes
from app.search.text import SynonymIndex, analyze_query
from app.taxonomy import load_taxonomies

TAXONOMIES = load_taxonomies(Path(__file__).resolve().parents[2] / "content")
SYNONYMS = SynonymIndex(TAXONOMIES.synonym_groups(), TAXONOMIES.concepts())
CODES = country_codes(TAXONOMIES)


def highlighter(q: str) -> Highlighter:
    return Highlighter(analyze_query(q, SYNONYMS, CODES), [])


def test_a_phrase_before_the_first_word_anchors_the_crop() -> None:
    # « child labour » (a synonym phrase of « travail des enfants ») comes long before « enfants ».
    text = " ".join(["mot"] * 30 + ["child", "labour"] + ["mot"] * 60 + ["enfants"] + ["mot"] * 30)
    cropped = highlighter("travail des enfants ").highlight(text, crop_words=10)
    assert cropped == "…mot mot mot <mark>child</mark> <mark>labour</mark> mot mot mot mot mot…"


def test_a_phrase_across_the_window_end_marks_its_words_inside() -> None:
    words = ["cacao"] + ["mot"] * 7 + ["cocoa", "beans"] + ["mot"] * 40
    cropped = highlighter("fèves de cacao ").highlight(" ".join(words), crop_words=9)
    assert cropped == "<mark>cacao</mark> mot mot mot mot mot mot mot <mark>cocoa</mark>…"


def test_a_match_at_the_very_end_is_found_and_the_rest_of_the_window_kept() -> None:
    text = " ".join(["mot"] * 200 + ["cacao"])
    cropped = highlighter("cacao ").highlight(text, crop_words=9)
    assert cropped == "…mot mot mot <mark>cacao</mark>"


def test_no_match_crops_from_the_start() -> None:
    text = " ".join(["mot"] * 100)
    assert highlighter("cacao ").highlight(text, crop_words=5) == "mot mot mot mot mot…"


def test_the_window_starts_a_third_before_the_match_even_past_the_lookbehind() -> None:
    # Long words: fewer than a third of the window fits in the 400 characters before the match, so the window
    # starts where the lookbehind does (inside a word), and the last words of the window are whole.
    text = " ".join(["anticonstitutionnellement"] * 30 + ["cacao"] + ["mot-clé"] * 30)
    cropped = highlighter("cacao ").highlight(text, crop_words=60)
    kept = cropped.removeprefix("…").removesuffix("…").split(" ")
    assert kept[:17] == ["nellement"] + ["anticonstitutionnellement"] * 15 + ["<mark>cacao</mark>"]
    assert kept[17:] == ["mot-clé"] * 21 + ["mot"]  # 60 words: the hyphen splits each « mot-clé » in two


def test_a_word_is_found_whatever_the_case_of_its_first_letter() -> None:
    # The candidate words are sought from the characters their first letter can be, ignoring case: Unicode's
    # too (the Kelvin sign is a « k », the long s an « s »), not only the letter's upper and lower case.
    marked = highlighter("kilns sugar ").highlight("KILNS, \u212ailns, ſugar, Sugar, skilns")
    assert marked == "<mark>KILNS</mark>, <mark>\u212ailns</mark>, <mark>ſugar</mark>, <mark>Sugar</mark>, skilns"


def test_a_match_ending_the_window_is_marked_and_none_after_it_is_read() -> None:
    words = ["recrue"] + ["mot"] * 7 + ["recrutement", "recrue"] + ["mot"] * 40
    cropped = highlighter("recru").highlight(" ".join(words), crop_words=9)
    assert cropped == "<mark>recrue</mark> mot mot mot mot mot mot mot <mark>recrutement</mark>…"


def test_the_faster_word_sets_match_what_the_word_pattern_does_but_for_the_underscore() -> None:
    word, other = _word_classes()
    everything = _every_character().replace("_", "")
    assert re.findall(word, everything) == re.findall(r"[^\W_]", everything)
    assert re.findall(other, everything) == re.findall(r"[\W_]", everything)


def test_an_underscore_separates_words_in_a_cropped_window() -> None:
    # « un_deux » is two words, as tantivy's tokenizer splits them: a text with « _ » is cropped by [^\W_].
    text = " ".join(["mot"] * 20 + ["cacao"] + ["un_deux"] * 20)
    cropped = highlighter("cacao ").highlight(text, crop_words=9)
    assert cropped == "…mot mot mot <mark>cacao</mark> un_deux un_deux un…"


def test_a_window_ends_after_its_words_counted_from_its_start() -> None:
    # The words after the anchor are counted from it: the same window as counting them all from its start.
    rng = random.Random(15)
    pieces = ["mot", "Côte", "d’Ivoire", "x", "2024", "…", " - ", "«", "»", "œuvre", "_", "ǅ", "\U0001d400b"]
    for _ in range(300):
        text = "".join(rng.choice(pieces) + rng.choice([" ", "", ", ", "\n"]) for _ in range(rng.randrange(80)))
        starts = [word.start() for word in _WORD.finditer(text)] or [0]
        anchor = rng.choice(starts)
        begin, end = _crop(text, anchor, 12)
        counted = re.compile(r"(?:[\W_]*+[^\W_]++){12}").match(text, begin)
        assert end == (counted.end() if counted else len(text)), (text, anchor)


@pytest.mark.parametrize(
    ("q", "text", "marked"),
    [
        ("soeur", "Sa sœur travaille.", "Sa <mark>sœur</mark> travaille."),
        ("sœur", "Sa soeur travaille.", "Sa <mark>soeur</mark> travaille."),
        ("oeuvre", "La mise en Œuvre du plan.", "La mise en <mark>Œuvre</mark> du plan."),
        ("mise en oeuvre", "Leur mise en œuvre.", "Leur <mark>mise</mark> en <mark>œuvre</mark>."),
        ("so", "Sa sœur.", "Sa <mark>sœur</mark>."),  # the prefix being typed
        ("strasse", "Die Straße.", "Die <mark>Straße</mark>."),
    ],
)
def test_a_letter_spelled_with_two_is_marked_as_its_spelling(q: str, text: str, marked: str) -> None:
    # fold() spells « œ » « oe », as the index does: a word found so is marked so, whichever way it was typed.
    assert highlighter(q).highlight(text) == marked
