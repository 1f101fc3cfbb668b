"""Slips of the finger: the edits a hand makes on a QWERTY or an AZERTY keyboard, and those that spell another word."""

import pytest

from app.services.resolve_slips import FAR, NEIGHBOURS, slip_typos


def test_neighbours_on_either_layout() -> None:
    assert {"i", "p", "k", "l"} <= NEIGHBOURS["o"]
    assert "q" in NEIGHBOURS["a"] and "w" in NEIGHBOURS["a"]  # AZERTY's and QWERTY's
    assert "m" in NEIGHBOURS["p"]  # AZERTY: « m » under « p »
    assert "a" not in NEIGHBOURS["e"] and "n" not in NEIGHBOURS["r"]


@pytest.mark.parametrize(
    ("typed", "known", "slips"),
    [
        ("coffe", "coffee", 1),  # a letter missed
        ("coffeee", "coffee", 1),  # typed twice
        ("cpffee", "coffee", 1),  # the key beside
        ("cacoa", "cacao", 1),  # two swapped
        ("sweet", "sweat", 2),  # « e » for « a »: only a letter missed after one typed twice
        ("marteau", "manteau", 2),
        ("fourniture", "furniture", FAR),
    ],
)
def test_slip_typos(typed: str, known: str, slips: int) -> None:
    assert min(slip_typos(typed, known), FAR) == slips
