"""A generated sheet (front matter and body) and helpers shared by every kind of sheet."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import yaml

from app.services.typography import french, french_markdown

from .constants import (
    ADVANCEMENT_FR,
    ADVANCEMENT_QUALIFIERS_FR,
    ADVICE_GROUPS_BY_COMMODITY,
    ADVICE_GROUPS_BY_GOOD,
    ADVICE_GROUPS_BY_ROW,
    AUDIENCES,
    FINDINGS_TITLE,
    GOODS_TITLE,
    PUBLISHED_AT,
    SECTOR_SHEETS,
    SUMMARY_MAX,
    TITLE_MAX,
    UPDATED_AT,
    UPDATED_FOLDERS,
)
from .model import KIND_LABELS, Country, Dataset, GoodRow
from .text import kebab, link, lower_first, sort_key, t, tr

Related = Sequence[tuple[str, Sequence[str]]]  # (heading, links) of the "related sheets" section
# The sources a French sheet cites under their English titles, said so (``language: en``) so that the page marks them
# for screen readers (WCAG 3.1.2). The other sources' French titles (templates other_source.<key>.title) are French, or
# mix French words with an English title (« …, 2022 Trafficking in Persons Report : Corée du Nord (en anglais) »):
# marking them wholly English would have the French read with English words, so only the English title inside is
# (``original_title``, ENGLISH_PARTS).
ENGLISH_TITLES = frozenset({FINDINGS_TITLE, GOODS_TITLE})
# The English titles inside the French sheets' mixed source titles. Longest first, so that a title holding two of them
# gets the whole one (« 2022 Trafficking in Persons Report », not « Trafficking in Persons Report »).
ENGLISH_PARTS = tuple(
    sorted(
        (
            "Child Labor and Forced Labor Reports",
            "Trafficking in Persons Report",
            "2022 Trafficking in Persons Report",
            "2021 Findings on the Worst Forms of Child Labor, Bangladesh",
            "Bangladesh ratifies ILO’s minimum age convention",
            "Against Their Will: The Situation in Xinjiang",
            "US Customs and Border Protection, Withhold Release Orders and Findings List",
            "Situation and gap analysis on Malaysian legislation, policies, and programmes and the ILO Forced Labour "
            "Convention and Protocol",
            "Malaysia ratifies the International Labour Organisation Protocol on Forced Labour",
            "Vietnam renews commitment to combat forced labour",
            "Elimination of the worst forms of child labour in seasonal hazelnut agriculture in Turkey",
            "Uzbek Cotton Dropped From Key Forced Labor List",
            "Silk Noose on Uzbek Farmers' Neck",
        ),
        key=len,
        reverse=True,
    )
)


def english_part(title: str) -> str | None:
    """The English title quoted in the French source title ``title`` (one of ENGLISH_PARTS), or None."""
    return next((part for part in ENGLISH_PARTS if part in title), None)


@dataclass
class Sheet:
    folder: str
    key: str
    lang: str
    slug: str
    title: str
    summary: str
    countries: list[str]
    regions: list[str]
    sectors: list[str]
    risks: list[str]
    sources: list[tuple[str, str]]
    body: list[str]

    @property
    def filename(self) -> str:
        return f"{self.key}.{self.lang}.md"

    def render(self) -> str:
        title, summary, body = self.title, self.summary, "\n".join(self.body).strip() + "\n"
        if self.lang == "fr":
            title, summary, body = french(title), french(summary), french_markdown(body)
        if len(title) > TITLE_MAX or len(summary) > SUMMARY_MAX:
            raise SystemExit(f"{self.filename}: title or summary too long")
        meta: dict[str, Any] = {
            "translation_key": self.key,
            "language": self.lang,
            "slug": self.slug,
            "type": "risk_sheet",
            "title": title,
            "summary": summary,
            "countries": sorted(self.countries),
            "regions": sorted(self.regions),
            "sectors": sorted(self.sectors),
            "risks": sorted(self.risks),
            "audiences": list(AUDIENCES),
            "publisher": "crv",
            "licence": "CC-BY-4.0",
            "published_at": PUBLISHED_AT,
        }
        changes = [date for date in (UPDATED_AT.get(self.key), UPDATED_FOLDERS.get(self.folder)) if date]
        if changes:
            meta["updated_at"] = max(changes)  # ISO dates: the latest change
        lines = ["---"]
        for name, value in meta.items():
            if isinstance(value, list):
                lines.append(f"{name}: [{', '.join(value)}]")
            elif name in ("title", "summary"):
                lines.append(f"{name}: {json.dumps(value, ensure_ascii=False)}")
            else:
                lines.append(f"{name}: {value}")
        lines.append("sources:")
        for source_title, url in self.sources:
            shown = french(source_title) if self.lang == "fr" else source_title
            lines.append(f"  - title: {json.dumps(shown, ensure_ascii=False)}")
            lines.append(f"    url: {url}")
            if self.lang != "en" and source_title in ENGLISH_TITLES:
                lines.append("    language: en")
            elif self.lang == "fr" and (part := english_part(shown)):
                lines.append("    language: en")
                lines.append(f"    original_title: {json.dumps(part, ensure_ascii=False)}")
        lines.append("---")
        front = "\n".join(lines) + "\n"
        parsed = yaml.safe_load(front.strip("-\n"))
        dates = ("published_at", "updated_at")  # YAML reads them as dates
        if {k: parsed[k] for k in meta if k not in dates} != {k: v for k, v in meta.items() if k not in dates}:
            raise SystemExit(f"{self.filename}: front matter does not round-trip through YAML")
        return front + body


def related_section(lang: str, entries: Related) -> list[str]:
    lines = ["", t(lang, "related_section.1"), ""]
    sep = " : " if lang == "fr" else ": "
    lines.extend(f"- {label}{sep}{', '.join(links)}" for label, links in entries if links)
    return lines


def region_links(dataset: Dataset, regions: Iterable[str], lang: str) -> list[str]:
    return [link(dataset.regions[r].label(lang), f"region-{r}") for r in regions]


def sector_links(dataset: Dataset, groups: Iterable[str], lang: str) -> list[str]:
    """Links to the sector sheets of ``groups`` (the groups that have one)."""
    return [link(dataset.sectors[g].label(lang), f"sector-{g}") for g in groups if g in SECTOR_SHEETS]


def finished_sheet(
    lang: str,
    *,
    folder: str,
    key: str,
    name: str,
    title: str,
    summary: str,
    body: list[str],
    related: Related,
    sources: list[tuple[str, str]],
    tags: tuple[list[str], list[str], list[str], list[str]],
    corrected: bool = False,
) -> Sheet:
    """Every sheet ends alike: its related sheets, then its sources with the generated-by note (which says so where
    a value was corrected). ``tags`` are its countries, regions, sectors and risks."""
    countries, regions, sectors, risks = tags
    note = generated_note(lang, corrected)
    body = [*body, *related_section(lang, related), *sources_section(sources, lang, note)]
    return Sheet(folder, key, lang, kebab(name), title, summary, countries, regions, sectors, risks, sources, body)


def sources_section(sources: Sequence[tuple[str, str]], lang: str, note: str) -> list[str]:
    lines = ["", "## Sources", ""]
    lines.extend(f"- [{title}]({url})" for title, url in sources)
    lines.extend(["", note])
    return lines


def generated_note(lang: str, corrected: bool = False) -> str:
    return t(lang, "generated_note.corrected" if corrected else "generated_note.1")


def advancement_label(level: str, lang: str) -> str:
    if lang == "en" or not level:
        return level
    base, _, qualifier = level.partition(" – ")
    text = ADVANCEMENT_FR[base]
    if qualifier:
        text += f" ({ADVANCEMENT_QUALIFIERS_FR[qualifier]})"
    return text


def advancement_base(level: str) -> str:
    return level.partition(" – ")[0]


def kind_label(kind: str, lang: str) -> str:
    fr, en = KIND_LABELS[kind]
    return tr(lang, fr, en)


def findings_text(row: GoodRow, lang: str, countries: Mapping[str, Country]) -> str:
    parts = []
    if row.child:
        parts.append(t(lang, "findings_text.1"))
    if row.forced:
        parts.append(t(lang, "findings_text.2"))
    if row.forced_child:
        parts.append(t(lang, "findings_text.3"))
    if row.downstream and row.input_iso2:
        source = countries[row.input_iso2]
        parts.append(t(lang, "findings_text.4") + link(source.name(lang), source.key))
    return "; ".join(parts) if lang == "en" else " ; ".join(parts)


def risks_of(rows: Iterable[GoodRow]) -> list[str]:
    rows = list(rows)
    risks = []
    if any(r.has_child_labour for r in rows):
        risks.append("child-labour")
    if any(r.has_forced_labour for r in rows):
        risks.append("forced-labour")
    return risks


def commodity_link(dataset: Dataset, code: str, lang: str, in_sentence: bool = False) -> str:
    label = dataset.commodity(code).label(lang)
    return link(lower_first(label) if in_sentence else label, f"commodity-{code}")


def own_advice_group(row: GoodRow) -> str | None:
    """The advice group that fits ``row``'s work where its commodity's broad sector does not, most specific first:
    the row's own (inland fishing), its good's (dried fish), its commodity's (livestock); else None."""
    return (
        ADVICE_GROUPS_BY_ROW.get((row.iso2, row.good))
        or ADVICE_GROUPS_BY_GOOD.get(row.good)
        or ADVICE_GROUPS_BY_COMMODITY.get(row.commodity)
    )


def top_keys(counts: Mapping[str, Decimal | int], label: Callable[[str], str], limit: int | None = None) -> list[str]:
    """The keys (commodity or ISO codes) of ``counts``, highest count first. Which keys make the ``limit`` is settled
    on ties by the key, not by its translated label, so that both languages of a sheet list the same ones; the kept
    keys are shown with ties in the order of their labels."""
    kept = sorted(counts, key=lambda key: (-counts[key], key))[:limit]
    return sorted(kept, key=lambda key: (-counts[key], sort_key(label(key))))


def groups_of(dataset: Dataset, codes: Iterable[str]) -> list[str]:
    return sorted({g for c in codes if (g := dataset.sectors[c].group)})


def sorted_countries(countries: Iterable[Country], lang: str) -> list[Country]:
    return sorted(countries, key=lambda c: sort_key(c.name(lang)))


def country_links(countries: Iterable[Country], lang: str) -> list[str]:
    return [link(c.name(lang), c.key) for c in sorted_countries(countries, lang)]


def state_imposed_pairs(dataset: Dataset, rows: Iterable[GoodRow], lang: str) -> str:
    """« [China](crv:country-cn) (gloves, hair products) »: each country of ``rows`` whose forced labour the state
    imposes, with those goods."""
    goods: dict[str, dict[str, None]] = {}
    for r in rows:
        if r.state_imposed:
            goods.setdefault(r.iso2, {})[lower_first(r.label(lang))] = None
    countries = sorted_countries((dataset.countries[iso2] for iso2 in goods), lang)
    return ", ".join(
        f"{link(c.name(lang), c.key)} ({', '.join(sorted(goods[c.iso2], key=sort_key))})" for c in countries
    )
