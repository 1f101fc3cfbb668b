"""Query analysis: folding, typo budgets, synonym spans, stop words, country codes."""

from pathlib import Path

import pytest

from app.search.factory import country_codes
from app.search.highlight import Highlighter
from app.search.tantivy_schema import build_analyzer
from app.search.text import (
    STOP_WORDS,
    SynonymIndex,
    analyze_query,
    fold,
    one_fewer,
    term_words,
    tokenize,
    typo_budget,
)
from app.taxonomy import load_taxonomies

TAXONOMIES = load_taxonomies(Path(__file__).resolve().parents[2] / "content")
SYNONYMS = SynonymIndex(TAXONOMIES.synonym_groups(), TAXONOMIES.concepts())
CODES = country_codes(TAXONOMIES)


def test_fold_and_tokenize() -> None:
    assert fold("Côte d’Ivoire ÉTÉ") == "cote d’ivoire ete"
    assert tokenize("Côte d’Ivoire — l'œuvre, 2022!") == ["cote", "d", "ivoire", "l", "oeuvre", "2022"]


def test_initials_written_with_full_stops_are_one_word() -> None:
    assert tokenize("la R.D.C.") == ["la", "rdc"]
    assert tokenize("l’O.I.T et U.S.A. cotton") == ["l", "oit", "et", "usa", "cotton"]
    # A lone initial, decimals and words joined by a full stop stay apart.
    assert tokenize("M. Dupont, 3.5 mm, travail.forcé") == ["m", "dupont", "3", "5", "mm", "travail", "force"]
    clauses = analyze_query("R.D.C.", SYNONYMS, CODES)
    assert [clause.codes for clause in clauses] == [(("countries", "CD"),)]


def test_a_querys_words_are_spelled_as_the_index_spells_them() -> None:
    # The index folds with tantivy's ascii_fold; a query word folded otherwise finds nothing (« sœur » did not).
    text = "Sœur, cœur et mise en œuvre ; Æsop, Straße, Øresund, Łódź, Đakovo, Þingvellir — Côte d’Ivoire, ÉTÉ"
    assert tokenize(text) == build_analyzer(None).analyze(text)


@pytest.mark.parametrize(("word", "budget"), [("mica", 0), ("cacao", 1), ("enfants", 1), ("esclavage", 2)])
def test_typo_budget_follows_meilisearch(word: str, budget: int) -> None:
    assert typo_budget(word) == budget


def test_multi_word_synonyms_span_the_phrase() -> None:
    clauses = analyze_query("travail des enfants cacao", SYNONYMS, CODES)
    assert len(clauses) == 2
    assert ("child", "labour") in clauses[0].alternatives
    assert ("cocoa",) in clauses[1].alternatives


def test_a_phrase_typed_is_also_sought_as_its_words_apart() -> None:
    """Meilisearch's query graph keeps the typed words' own path beside a synonym phrase: « mapping … risk »."""
    (mapping,) = analyze_query("risk mapping", SYNONYMS, CODES)
    assert ("cartographie", "des", "risques") in mapping.alternatives
    assert [(word.alternatives, word.prefix) for word in mapping.apart] == [
        ((("risk",),), False),
        ((("mapping",),), True),
    ]
    (finished,) = analyze_query("cartographie des risques ", SYNONYMS, CODES)
    assert [word.alternatives for word in finished.apart] == [
        (("cartographie",),),
        (("risques",),),
    ]  # « des »: a stop word
    assert not any(word.prefix for word in finished.apart)
    # A mistyped word is sought as typed and as corrected, like a word of its own.
    (corrected,) = analyze_query("cartograpie des risques ", SYNONYMS, CODES)
    assert corrected.apart[0].alternatives == (("cartograpie",), ("cartographie",))
    # A taxonomy term's phrase reaches its documents through their tags: its words are not sought apart.
    (labour,) = analyze_query("travail forcé ", SYNONYMS, CODES)
    assert labour.codes == (("risks", "forced-labour"),) and labour.apart == ()


def test_country_variants_are_synonyms() -> None:
    (clause,) = analyze_query("Birmanie ", SYNONYMS, CODES)
    assert ("myanmar",) in clause.alternatives and ("burma",) in clause.alternatives
    (clause,) = analyze_query("RDC", SYNONYMS, CODES)
    assert ("democratic", "republic", "of", "the", "congo") in clause.alternatives
    (clause,) = analyze_query("ivory coast", SYNONYMS, CODES)
    assert ("cote", "d", "ivoire") in clause.alternatives


def test_last_word_is_a_prefix_only_while_typing() -> None:
    assert analyze_query("risk mapp", SYNONYMS, CODES)[-1].prefix
    assert not analyze_query("risk mapp ", SYNONYMS, CODES)[-1].prefix


def test_stop_words_dropped_but_codes_kept() -> None:
    assert analyze_query("the and of", SYNONYMS, CODES) == []
    (clause,) = analyze_query("PAK", SYNONYMS, CODES)
    assert clause.codes == (("countries", "PK"),)
    (clause,) = analyze_query("mica IN", SYNONYMS, CODES)[1:]
    assert clause.codes == (("countries", "IN"),)
    assert clause.code_only
    assert not analyze_query("PAK", SYNONYMS, CODES)[0].code_only


@pytest.mark.parametrize(
    ("q", "named"),
    [
        ("thé Kenya", [("sectors", "tea"), ("countries", "KE")]),
        ("Thé", [("sectors", "tea")]),
        ("mines d’or", [("sectors", "mining"), ("sectors", "gold")]),
        ("l'or du Ghana", [("sectors", "gold"), ("countries", "GH")]),
        ("Or Ghana", [("sectors", "gold"), ("countries", "GH")]),
        # The English article and conjunction stay stop words: « the » is not tea, « or » not gold.
        ("the tea harvest", [("sectors", "tea")]),
        ("cocoa or coffee", [("sectors", "cocoa"), ("sectors", "coffee")]),
        ("cocoa OR coffee", [("sectors", "cocoa"), ("sectors", "coffee")]),
    ],
)
def test_a_stop_word_names_the_term_it_spells_as_typed(q: str, named: list[tuple[str, str]]) -> None:
    assert [code for clause in analyze_query(q, SYNONYMS, CODES) for code in clause.codes] == named


def test_no_alternative_is_a_stop_word() -> None:
    # « Thé » folds to « the »: sought for « tea », it found every English text (468 of 468).
    for q in ("tea", "thé", "gold", "mines d’or", "United States"):
        for clause in analyze_query(q, SYNONYMS, CODES):
            assert all(not set(alternative) <= STOP_WORDS for alternative in clause.alternatives), q


@pytest.mark.parametrize(
    ("q", "subject"),
    [
        ("je suis acheteur public", ["acheteur public"]),
        ("quels pays sont à risque pour le coton", ["pays", "risque", "coton"]),
        (
            "comment vérifier qu'un fournisseur n'emploie pas d'enfants",
            ["verifier", "fournisseur", "emploie", "enfants"],
        ),
        ("how can we check our suppliers", ["check", "suppliers"]),
        ("what to do if we find child labour in our supply chain", ["child labour", "supply chain"]),
        # The verbs of a request: no text says « write » (« how to write a vigilance plan » missed the method).
        ("comment rédiger un plan de vigilance", ["plan", "vigilance"]),
        ("how to write a vigilance plan", ["vigilance", "plan"]),
    ],
)
def test_a_question_typed_as_a_sentence_keeps_its_subject(q: str, subject: list[str]) -> None:
    """Pronouns, auxiliaries and question words are stop words: every word must match, and « je suis acheteur
    public » found nothing. A country code among them names the country only typed in capitals."""
    assert [clause.word for clause in analyze_query(q, SYNONYMS, CODES)] == subject
    (israel,) = analyze_query("IL", SYNONYMS, CODES)
    assert israel.codes == (("countries", "IL"),)
    (canada,) = analyze_query("cotton CAN", SYNONYMS, CODES)[1:]
    assert canada.codes == (("countries", "CA"),)


def test_taxonomy_terms_carry_their_codes() -> None:
    cocoa, ivory_coast = analyze_query("cacao Côte d'Ivoire", SYNONYMS, CODES)
    assert ("sectors", "cocoa") in cocoa.codes
    assert ivory_coast.codes == (("countries", "CI"),)
    (labour,) = analyze_query("travail des enfants", SYNONYMS, CODES)
    assert ("risks", "child-labour") in labour.codes


def test_highlighter_marks_exact_stem_typo_and_prefix_and_escapes() -> None:
    clauses = analyze_query("enfnats cacao trav", SYNONYMS, CODES)
    highlighter = Highlighter(clauses, [lambda w: w.rstrip("s")])
    html = highlighter.highlight("<b>Les enfants</b> du cacao travaillent")
    assert html == "&lt;b&gt;Les <mark>enfants</mark>&lt;/b&gt; du <mark>cacao</mark> <mark>travaillent</mark>"


def test_highlighter_crops_around_the_first_match() -> None:
    (clause,) = analyze_query("mica ", SYNONYMS, CODES)
    text = " ".join(["mot"] * 50 + ["mica"] + ["mot"] * 50)
    cropped = Highlighter([clause], []).highlight(text, crop_words=10)
    assert cropped.startswith("…") and cropped.endswith("…")
    assert "<mark>mica</mark>" in cropped and cropped.count("mot") == 9


def test_typos_are_corrected_against_the_vocabulary_before_synonyms() -> None:
    (clause,) = analyze_query("travial des enfnats", SYNONYMS, CODES)
    assert ("child", "labour") in clause.alternatives
    assert ("risks", "child-labour") in clause.codes
    cocoa, ivory_coast = analyze_query("cacoa ivroy coast", SYNONYMS, CODES)
    assert cocoa.alternatives[0] == ("cacoa",)  # what was typed is still sought
    assert ("sectors", "cocoa") in cocoa.codes
    assert ivory_coast.codes == (("countries", "CI"),)


def test_short_words_and_known_words_are_not_corrected() -> None:
    assert SYNONYMS.correct("mica") == "mica"  # under 5 letters: no typo allowed
    assert SYNONYMS.correct("coton") == "coton"
    assert SYNONYMS.correct("zzzzzzz") == "zzzzzzz"


def test_highlighter_is_accent_and_case_insensitive() -> None:
    clauses = analyze_query("cote d'ivoire ecole ", SYNONYMS, CODES)
    html = Highlighter(clauses, []).highlight("La CÔTE d’Ivoire et l’École")
    assert html == "La <mark>CÔTE</mark> d’<mark>Ivoire</mark> et l’<mark>École</mark>"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Türkiye", "TR"),
        ("Turquie", "TR"),
        ("Viet Nam", "VN"),
        ("Lao PDR", "LA"),
        ("Laos", "LA"),
        ("Eswatini", "SZ"),
        ("Swaziland", "SZ"),
        ("Czechia", "CZ"),
        ("Tchéquie", "CZ"),
        ("Czech Republic", "CZ"),
        ("Cabo Verde", "CV"),
        ("Cape Verde", "CV"),
        ("Timor-Leste", "TL"),
        ("Côte d’Ivoire", "CI"),  # typographic apostrophe, as CLDR writes it
        ("Côte d'Ivoire", "CI"),
        ("Myanmar (Burma)", "MM"),
        ("Vatican City", "VA"),
    ],
)
def test_current_and_alternative_country_names_resolve(name: str, code: str) -> None:
    """Names from pycountry (common, short and official) and from CLDR through Babel, not a hand list."""
    clauses = analyze_query(name + " ", SYNONYMS, CODES)
    assert len(clauses) == 1, clauses
    assert ("countries", code) in clauses[0].codes


def test_pakistan_highlights_pakistan_not_republic() -> None:
    """Pakistan's synonyms include « Islamic Republic of Pakistan »: its words are marked only together."""
    highlighter = Highlighter(analyze_query("pakistan", SYNONYMS, CODES), [])
    text = "The Republic of Korea and the Islamic Republic of Pakistan; Pakistan's kilns."
    assert highlighter.highlight(text) == (
        "The Republic of Korea and the <mark>Islamic</mark> <mark>Republic</mark> of <mark>Pakistan</mark>; "
        "<mark>Pakistan</mark>&#x27;s kilns."
    )


def test_a_phrase_typed_highlights_its_words_apart_not_its_synonyms_words() -> None:
    highlighter = Highlighter(analyze_query("risk mapping", SYNONYMS, CODES), [])
    text = "Mapping the risks: a risk map. La cartographie des risques, des risques aux cartes."
    assert highlighter.highlight(text) == (
        "<mark>Mapping</mark> the risks: a <mark>risk</mark> map. La <mark>cartographie</mark> des "
        "<mark>risques</mark>, des risques aux cartes."
    )


def test_words_after_the_tenth_are_ignored_and_the_tenth_is_finished() -> None:
    words = "arbre bateau citron dauphin etoile fenetre girafe hibou igloo jardin kiwi"
    clauses = analyze_query(words, SYNONYMS, CODES)
    assert [c.word for c in clauses] == words.split()[:10]
    assert not clauses[-1].prefix
    assert len(analyze_query("le " + words, SYNONYMS, CODES)) == 10  # stop words do not count


def test_one_fewer_leaves_out_the_last_word_naming_no_term_then_the_last_term() -> None:
    """« uniformes coton Chine »: « uniformes » goes first; terms alone go from the end."""
    assert one_fewer([0, 1, 2], [False, True, True]) == [1, 2]
    assert one_fewer([0, 1, 2], [True, False, False]) == [0, 1]
    assert one_fewer([1, 2], [False, True, True]) == [1]


def test_term_words_are_the_words_of_the_clauses_naming_a_term() -> None:
    cotton = ["Coton", "Cotton"]
    index = SynonymIndex([["travail forcé", "forced labour"], cotton], [(cotton, "sectors", "cotton")])
    assert term_words(analyze_query("uniformes coton travail forcé", index)) == {"coton", "cotton"}
