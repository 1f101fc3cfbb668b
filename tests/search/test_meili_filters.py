"""Meilisearch filter expressions: exact output, no breakout for hostile values, allow-listed attributes only.

``parse_filter`` below is a reference implementation of the part of Meilisearch's filter grammar our
expressions use, written from the server source (``crates/filter-parser/src/value.rs``, v1.50.0): a
double-quoted value ends at the first ``"`` not preceded by a backslash (a backslash consumes the next
character), then ``\\"`` is replaced by ``"`` and the result goes through the ``unescaper`` crate. It is checked
against the server's own test vectors, then used to prove every hostile value comes back as exactly one value.
"""

import random
from collections.abc import Mapping
from dataclasses import dataclass

import pytest

from app.search.base import FILTER_ATTRIBUTES, FilterField
from app.search.meili_filters import (
    FILTERABLE_ATTRIBUTES,
    UnknownFilter,
    any_of,
    attribute_for,
    build_filter,
    ids_filter,
    quote,
)

# -- reference parser ---------------------------------------------------------------------------------------
KEYWORDS = {"AND", "OR", "NOT", "IN", "TO", "EXISTS", "IS", "NULL", "EMPTY", "CONTAINS", "STARTS", "WITH"}


class FilterSyntaxError(ValueError):
    pass


@dataclass(frozen=True)
class Tok:
    kind: str  # "word", "keyword", "string", "punct", "op"
    text: str


def unescaper(text: str) -> str:
    """The ``unescaper`` crate's ``unescape`` (strict), as the server calls it on every value."""
    out: list[str] = []
    chars = list(text)
    i = 0
    simple = {
        "b": "\b",
        "f": "\f",
        "n": "\n",
        "r": "\r",
        "t": "\t",
        "v": "\v",
        "'": "'",
        '"': '"',
        "\\": "\\",
        "/": "/",
    }
    while i < len(chars):
        c = chars[i]
        i += 1
        if c != "\\":
            out.append(c)
            continue
        if i >= len(chars):
            raise FilterSyntaxError("incomplete escape")
        c = chars[i]
        i += 1
        if c in simple:
            out.append(simple[c])
        elif c == "u":
            if i < len(chars) and chars[i] == "{":
                end = text.index("}", i)
                digits, i = text[i + 1 : end], end + 1
            else:
                digits, i = text[i : i + 4], i + 4
            out.append(chr(int(digits, 16)))
        elif c == "x":
            out.append(chr(int(text[i : i + 2], 16)))
            i += 2
        elif c in "01234567":
            digits = c
            for _ in range(2 if c in "0123" else 1):
                if i < len(chars) and chars[i] in "01234567":
                    digits += chars[i]
                    i += 1
            out.append(chr(int(digits, 8)))
        else:
            raise FilterSyntaxError(f"invalid escape \\{c}")
    return "".join(out)


def read_quoted(expression: str, start: int, quote_char: str = '"') -> tuple[str, int]:
    """``quoted_by`` + the two unescaping steps; ``start`` is just after the opening quote. Returns the value
    and the index just after the closing quote."""
    i = start
    escaped = False
    while i < len(expression):
        c = expression[i]
        if c == quote_char:
            raw = expression[start:i]
            if escaped:
                raw = raw.replace("\\" + quote_char, quote_char)
            return unescaper(raw), i + 1
        if c == "\\":
            if i + 1 >= len(expression):
                raise FilterSyntaxError("backslash at end of input")
            escaped |= expression[i + 1] == quote_char
            i += 2
            continue
        i += 1
    raise FilterSyntaxError("missing closing quote")


def tokenize_filter(expression: str) -> list[Tok]:
    tokens: list[Tok] = []
    i = 0
    while i < len(expression):
        c = expression[i]
        if c.isspace():
            i += 1
        elif c in "()[],":
            tokens.append(Tok("punct", c))
            i += 1
        elif expression.startswith("!=", i):
            tokens.append(Tok("op", "!="))
            i += 2
        elif c in "=<>":
            tokens.append(Tok("op", c))
            i += 1
        elif c in "\"'":
            value, i = read_quoted(expression, i + 1, c)
            tokens.append(Tok("string", value))
        elif c.isalnum() or c in "_-.":
            start = i
            while i < len(expression) and (expression[i].isalnum() or expression[i] in "_-."):
                i += 1
            word = expression[start:i]
            tokens.append(Tok("keyword" if word in KEYWORDS else "word", word))
        else:
            raise FilterSyntaxError(f"unexpected {c!r} at {i}")
    return tokens


def parse_filter(expression: str) -> list[tuple[str, list[str]]]:
    """Our expression shape only: ``group (AND group)*`` where a group is ``(attr = "v" (OR attr = "v")*)`` or
    ``attr IN []``. Returns (attribute, values) per group; anything else is a syntax error."""
    tokens = tokenize_filter(expression)
    groups: list[tuple[str, list[str]]] = []
    i = 0

    def expect(kind: str, text: str | None = None) -> Tok:
        nonlocal i
        if i >= len(tokens) or tokens[i].kind != kind or (text is not None and tokens[i].text != text):
            raise FilterSyntaxError(f"expected {kind} {text or ''} at token {i}: {tokens[i : i + 3]}")
        i += 1
        return tokens[i - 1]

    while True:
        if i < len(tokens) and tokens[i] == Tok("punct", "("):
            i += 1
            attribute = expect("word").text
            expect("op", "=")
            values = [expect("string").text]
            while i < len(tokens) and tokens[i] == Tok("keyword", "OR"):
                i += 1
                expect("word", attribute)
                expect("op", "=")
                values.append(expect("string").text)
            expect("punct", ")")
            groups.append((attribute, values))
        else:
            attribute = expect("word").text
            expect("keyword", "IN")
            expect("punct", "[")
            expect("punct", "]")
            groups.append((attribute, []))
        if i == len(tokens):
            return groups
        expect("keyword", "AND")


# -- the reference parser agrees with the server's own test vectors (filter-parser/src/value.rs) -------------
@pytest.mark.parametrize(
    ("literal", "value"),
    [
        (r'"channel"', "channel"),
        (r'" some spaces "', " some spaces "),
        (r'''"cha'nnel"''', "cha'nnel"),
        (r'"\\"', "\\"),
        (r'"\\\\\\"', "\\\\\\"),
        (r'"aa\\aa"', r"aa\aa"),
        (r'"Hello \"world\""', 'Hello "world"'),
        (r'"Hello \\\"world\\\""', r"Hello \"world\""),
        (r'''"I'm \"super\" tamo"''', """I'm "super" tamo"""),
        (r'"\"\""', '""'),
        (r"""'Hello \'world\''""", "Hello 'world'"),
        (r"""'Hello \\\'world\\\''""", r"Hello \'world\'"),
    ],
)
def test_reference_parser_matches_server_vectors(literal: str, value: str) -> None:
    (token,) = tokenize_filter(literal)
    assert token == Tok("string", value)


def test_reference_parser_rejects_unterminated_and_bad_escapes() -> None:
    for bad in ['"abc', '"abc\\"', '"a\\qb"', 'type = "a" OR', "type = a"]:
        with pytest.raises(FilterSyntaxError):
            parse_filter(bad)


# -- exact expressions ---------------------------------------------------------------------------------------
def test_exact_expression() -> None:
    expression = build_filter(
        {FilterField.type: ("methodology", "tool"), FilterField.country: ("CI",)},
        {FilterField.lang: ("fr",)},
    )
    assert expression == '(type = "methodology" OR type = "tool") AND (countries = "CI") AND (language = "fr")'


@pytest.mark.parametrize(
    ("value", "quoted"),
    [
        ('a"b', r'"a\"b"'),
        ("a\\b", r'"a\\b"'),
        ("\\", r'"\\"'),
        ('\\"', r'"\\\""'),
        ('"\\', r'"\"\\"'),
        ("", '""'),
        ("x\ny", '"x\ny"'),
        ("\x00", '"\x00"'),
        ("\u202eIC", '"\u202eIC"'),
        ("e\u0301", '"e\u0301"'),
        ("\\n", r'"\\n"'),
        ("\\u{22}", r'"\\u{22}"'),
        ("'", '''"'"'''),
    ],
)
def test_quote(value: str, quoted: str) -> None:
    assert quote(value) == quoted
    (token,) = tokenize_filter(quoted)
    assert token.text == value


def test_quote_refuses_non_strings() -> None:
    with pytest.raises(TypeError):
        quote(1)  # type: ignore[arg-type]


HOSTILE = [
    '"',
    "\\",
    '\\"',
    '"\\',
    '\\\\"',
    'CI" OR countries EXISTS OR countries = "x',
    'x") OR (type = "y',
    "x' OR type = 'y",
    "OR",
    "AND",
    "NOT",
    "NOT type = tool",
    "(",
    ")",
    "()",
    ") OR (",
    "1 TO 9",
    "TO",
    "=",
    "!=",
    "type != tool",
    "_geo",
    "_geoRadius(48.8, 2.3, 1000)",
    "_geoBoundingBox([1, 2], [3, 4])",
    "a\nb",
    "\r\n",
    "\n) OR (",
    "\x00",
    "a\x00b",
    "\u202eIC",  # right-to-left override
    "\u2066x\u2069",  # isolates
    "e\u0301\u0301\u0301",  # combining marks
    "\u200b",
    "🦀",
    "ＣＩ",
    "",
    " ",
    "\t",
    "\\u{22} OR 1",
    "\\x22",
    "\\0",
    "\\",
    "\\\\",
    "a\\",
    "IN []",
    "countries IN [CI]",
    "x IS NULL",
    "x IS EMPTY",
    "CONTAINS",
    "STARTS WITH",
]


@pytest.mark.parametrize("field", list(FilterField))
@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_values_stay_one_value(field: FilterField, hostile: str) -> None:
    other = next(f for f in FilterField if f != field)
    expression = build_filter({field: (hostile, "ok")}, {other: (hostile,)})
    assert expression is not None
    assert parse_filter(expression) == [
        (FILTER_ATTRIBUTES[field], [hostile, "ok"]),
        (FILTER_ATTRIBUTES[other], [hostile]),
    ]


def test_random_values_round_trip() -> None:
    alphabet = ['"', "\\", "'", "(", ")", "[", "]", ",", " ", "\n", "\x00", "=", "!", "O", "R", "A", "N", "D",
                "T", "u", "x", "{", "}", "0", "7", "n", "é", "\u0301", "\u202e", "_", "-", "."]  # fmt: skip
    rng = random.Random(87)
    for _ in range(3000):
        values = tuple("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(3))
        expression = build_filter({FilterField.sector: values})
        assert expression is not None
        assert parse_filter(expression) == [("sectors", list(values))]


# -- composition ---------------------------------------------------------------------------------------------
def test_values_ored_filters_anded_fixed_last() -> None:
    filters: Mapping[FilterField, tuple[str, ...]] = {
        FilterField.country: ("CI", "PK"),
        FilterField.risk: ("child-labour",),
    }
    fixed = {FilterField.lang: ("fr",), FilterField.audience: ("companies", "smes")}
    assert parse_filter(build_filter(filters, fixed) or "") == [
        ("countries", ["CI", "PK"]),
        ("risks", ["child-labour"]),
        ("language", ["fr"]),
        ("audiences", ["companies", "smes"]),
    ]


def test_without_leaves_out_only_the_callers_filter() -> None:
    filters = {FilterField.country: ("CI",), FilterField.lang: ("en",)}
    fixed = {FilterField.lang: ("fr",)}
    assert build_filter(filters, fixed, without=FilterField.lang) == '(countries = "CI") AND (language = "fr")'
    assert build_filter(filters, fixed, without=FilterField.country) == '(language = "en") AND (language = "fr")'


def test_no_filters_is_none_and_empty_caller_filter_is_ignored() -> None:
    assert build_filter({}) is None
    assert build_filter({FilterField.type: ()}) is None
    assert build_filter({FilterField.type: ("tool",)}, without=FilterField.type) is None


def test_empty_fixed_filter_matches_nothing() -> None:
    expression = build_filter({}, {FilterField.type: ()})
    assert expression == "type IN []"
    assert parse_filter(expression) == [("type", [])]


def test_every_filter_field_has_a_filterable_attribute() -> None:
    assert {attribute_for(f) for f in FilterField} == set(FILTERABLE_ATTRIBUTES)


@pytest.mark.parametrize("name", ["type", "countries", "_geo", "is_public", "id", 'type = "x" OR type'])
def test_unknown_filter_names_are_refused(name: str) -> None:
    with pytest.raises(UnknownFilter):
        build_filter({name: ("x",)})  # type: ignore[dict-item]
    with pytest.raises(UnknownFilter):
        build_filter({}, {name: ("x",)})  # type: ignore[dict-item]


@pytest.mark.parametrize("attribute", ["_geo", "is_public", "key", "title", "type OR 1", ""])
def test_any_of_refuses_attributes_outside_the_allow_list(attribute: str) -> None:
    with pytest.raises(UnknownFilter):
        any_of(attribute, ["x"])


def test_ids_filter_quotes_every_key() -> None:
    expression = ids_filter("key", ["country-ci_2e_fr", 'evil"] OR key EXISTS OR key IN ["'])
    assert expression == r'key IN ["country-ci_2e_fr", "evil\"] OR key EXISTS OR key IN [\""]'
    tokens = tokenize_filter(expression)
    assert [t.kind for t in tokens] == ["word", "keyword", "punct", "string", "punct", "string", "punct"]


@pytest.mark.parametrize(
    "naive",
    [
        '(countries = "CI" OR countries EXISTS OR countries = "x")',  # quotes not escaped
        '(countries = "a\\")',  # trailing backslash not doubled: eats the closing quote
        '(countries = "a") OR (type = "b")',
        '(countries = "\\q")',  # an escape the server refuses
    ],
)
def test_reference_parser_catches_breakouts(naive: str) -> None:
    """The parser is strict enough that the quoting mistakes it guards against would fail the tests above."""
    with pytest.raises(FilterSyntaxError):
        parse_filter(naive)
