"""Cropped highlights read a body only as far as its window, and mark exactly what a full reading would."""

from pathlib import Path

from app.search.factory import country_codes
from app.search.highlight import Highlighter
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
