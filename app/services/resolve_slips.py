"""Slips of the finger, for :func:`app.services.resolve.fuzzy`: which edits between a typed word and a known one a
hand makes on a keyboard, and which spell another word.

A hand misses a key (« cottn », « coffe »), presses one twice or with the key beside it (« cotoon », « coffeee »),
presses the key beside the right one (« cpffee »), or swaps two (« cacoa », « srhimp »). One letter for another
that is not beside it on a QWERTY or an AZERTY keyboard, or a letter added far from its neighbours, is how another
word is spelt: « sweets » are not a typo of « sweat » (garments), « marteaux » (hammers) of « manteaux » (coats),
« fournitures » (supplies) of « furniture ».
"""

from functools import lru_cache

# The letter rows of the layouts buyers type on, each set half a key right of the row above it.
KEYBOARDS = (("qwertyuiop", "asdfghjkl", "zxcvbnm"), ("azertyuiop", "qsdfghjklm", "wxcvbn"))
FAR = 10  # an edit no slip makes: more than any word's typo budget


def _neighbours() -> dict[str, frozenset[str]]:
    """Each letter's keys around it, on either layout: « o » is beside « i », « p », « k » and « l »."""
    near: dict[str, set[str]] = {}
    for rows in KEYBOARDS:
        for r, row in enumerate(rows):
            above = rows[r - 1] if r else ""
            below = rows[r + 1] if r + 1 < len(rows) else ""
            for i, key in enumerate(row):
                around = {row[i - 1 : i], row[i + 1 : i + 2], above[i : i + 2], below[max(i - 1, 0) : i + 1]}
                near.setdefault(key, set()).update(letter for keys in around for letter in keys)
    return {key: frozenset(keys) for key, keys in near.items()}


NEIGHBOURS = _neighbours()


def _beside(a: str, b: str) -> bool:
    return a == b or b in NEIGHBOURS.get(a, ())


def _extra(typed: str, at: int) -> bool:
    """The letter at ``at`` is one a hand adds: a space, or a letter typed twice or with the key beside it."""
    letter = typed[at]
    return letter == " " or any(_beside(letter, typed[n]) for n in (at - 1, at + 1) if 0 <= n < len(typed))


@lru_cache(maxsize=8192)
def slip_typos(typed: str, known: str) -> int:
    """Edits from ``typed`` to ``known`` when each is a slip of the finger (a transposition is one); an edit no slip
    makes counts as :data:`FAR`."""
    previous2: list[int] = []
    previous = list(range(len(known) + 1))  # a letter missed is a slip: any letter of ``known`` may be
    for i in range(1, len(typed) + 1):
        row = [previous[0] + (1 if _extra(typed, i - 1) else FAR)]
        for j in range(1, len(known) + 1):
            a, b = typed[i - 1], known[j - 1]
            cost = min(
                previous[j - 1] + (0 if a == b else 1 if _beside(a, b) else FAR),
                previous[j] + (1 if _extra(typed, i - 1) else FAR),
                row[j - 1] + 1,
            )
            if i > 1 and j > 1 and a == known[j - 2] and typed[i - 2] == b:
                cost = min(cost, previous2[j - 2] + 1)
            row.append(cost)
        previous2, previous = previous, row
    return previous[-1]
