"""British and American spellings of the corpus's English words, made synonyms by one rule.

The corpus writes British English (« labour », « organisation », « programme », « harbouring »), ILAB's texts and
many readers American (« labor », « organization », « program »). Neither engine has a spelling-variant step: typo
tolerance joined some pairs (« labor », one letter from « labour »), not others (« program » is two letters from
« programme »; « harbor » one from « harbour », but the corpus only says « harbouring »), and the stemmers keep
them apart (« organis », « organ »). Each word listed here and its American spelling (:func:`american`) make a
synonym group (:meth:`app.taxonomy.Taxonomies.synonym_groups`), which reaches Meilisearch's settings as any other.

Words are listed, not found by their ending: the same endings close words that are not variants (« four »,
« hour », « your »; « rise », « exercise », « enterprise », « promise », spelled alike on both sides), and some
British spellings fold to a French word of another meaning: « realise » is « réalisé » (carried out), which must not
find « realize » (understand). The British spellings listed that are French words too (« organisation »,
« programme », « analyse », « dialogue », « favourable » → « favorable ») mean the same in both languages.
"""

import re
from typing import Final

# A British ending and the American one, each before the inflections that keep it (« labourer », « organisations »,
# « analysing »); the ending must close the word.
AMERICAN_ENDINGS: Final[tuple[tuple[re.Pattern[str], str], ...]] = (
    (re.compile(r"our(?=(?:s|ed|ing|ers?|able)?$)"), "or"),  # labour, labourer, harbouring, favourable
    (re.compile(r"is(?=(?:e[sd]?|ing|ers?|ations?)$)"), "iz"),  # organise, organised, organisation
    (re.compile(r"ys(?=(?:e[sd]?|ing)$)"), "yz"),  # analyse, analysing
    (re.compile(r"amme(?=s?$)"), "am"),  # programme
    (re.compile(r"ogue(?=s?$)"), "og"),  # dialogue
)

# The British spellings of the English texts (a plural is found through its singular, app.search.text.number_key),
# and the singular of a noun they only use in the plural (« behaviours »). Add a word when a text brings a new one.
BRITISH_WORDS: Final[tuple[str, ...]] = (
    # -our
    "behaviour", "colour", "favourable", "harbour", "harbouring", "honour", "labour", "labourer",
    # -ise, -isation
    "anonymised", "authorisation", "authorise", "authorised", "authorising", "characterise", "criminalise",
    "demobilised", "finalised", "formalisation", "formalise", "harmonise", "jeopardise", "minimise", "mobilisation",
    "mobilise", "mobilised", "modernisation", "organisation", "organise", "organised", "organiser", "organising",
    "penalise", "penalised", "penalising", "personalised", "prioritisation", "prioritise", "prioritising",
    "recognise", "recognised", "recognising", "specialised", "standardised", "stigmatising", "summarise",
    "summarised", "unauthorised",
    # -yse
    "analyse", "analysed", "analysing",
    # -amme, -ogue
    "programme", "dialogue",
)  # fmt: skip


def american(word: str) -> str:
    """``word``'s American spelling: « organisation » → « organization », « labourer » → « laborer »."""
    for ending, spelled in AMERICAN_ENDINGS:
        changed = ending.sub(spelled, word, count=1)
        if changed != word:
            return changed
    raise ValueError(f"{word!r} has no British ending")


def spelling_groups() -> tuple[tuple[str, str], ...]:
    """Each listed British spelling with its American one, as synonym groups."""
    return tuple((word, american(word)) for word in BRITISH_WORDS)
