"""Wording helpers: the per-language templates (templates/<lang>.yaml), typography, numbers, lists."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path

import yaml

from app.services.typography import NNBSP

from .constants import PROPER_WORDS

TEMPLATES = Path(__file__).with_name("templates")


@functools.cache
def templates(lang: str) -> dict[str, str]:
    """The sheets' prose in one language: key -> ``str.format`` template (templates/<lang>.yaml)."""
    loaded = yaml.safe_load((TEMPLATES / f"{lang}.yaml").read_text(encoding="utf-8"))
    return {str(key): str(value) for key, value in loaded.items()}


def t(lang: str, key: str, /, **values: object) -> str:
    """The template ``key`` of ``lang``, filled with ``values``."""
    return templates(lang)[key].format(**values)


def tr(lang: str, fr: str, en: str) -> str:
    return fr if lang == "fr" else en


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def kebab(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def sort_key(text: str) -> tuple[str, str]:
    return (fold(text), text)


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    if first in PROPER_WORDS or (len(first) > 1 and first[1].isupper()):
        return text
    return text[:1].lower() + text[1:]


def join_words(items: Sequence[str], lang: str) -> str:
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + tr(lang, " et ", " and ") + items[-1]


def truncate_list(items: Sequence[str], limit: int, lang: str, other: tuple[str, str]) -> str:
    """« a, b et 3 autres biens »: at most ``limit`` items, then a count of the rest (never « 1 other goods »:
    a single remaining item is named)."""
    if len(items) <= limit + 1:
        return join_words(items, lang)
    rest = len(items) - limit
    noun = other[0] if lang == "fr" else other[1]
    return join_words([*items[:limit], f"{rest} {noun}"], lang)


def number(value: str | int, lang: str) -> str:
    text = str(value)
    if "." in text:
        whole, decimals = text.split(".", 1)
        return number(whole, lang) + tr(lang, ",", ".") + decimals
    digits = f"{int(text):,}"
    return digits.replace(",", NNBSP) if lang == "fr" else digits


def percent(value: str, lang: str) -> str:
    """0.12 → « 12,0 % » / "12.0%": one decimal, more only if the data has more."""
    scaled = Decimal(value) * 100
    rounded = scaled.quantize(Decimal("0.1"))
    text = str(rounded if rounded == scaled else scaled.normalize())
    return number(text, lang) + tr(lang, " %", "%")


def yes_no(value: str, lang: str) -> str:
    return {
        "true": t(lang, "yes_no.1"),
        "false": t(lang, "yes_no.2"),
        "N/A": t(lang, "yes_no.3"),
    }.get(value, t(lang, "yes_no.4"))


def not_available(lang: str) -> str:
    return t(lang, "not_available.1")


def link(label: str, key: str) -> str:
    return f"[{label}](crv:{key})"


def plural(count: int, lang: str, fr: tuple[str, str], en: tuple[str, str]) -> str:
    forms = fr if lang == "fr" else en
    return f"{number(count, lang)} {forms[0] if count == 1 else forms[1]}"


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines
