"""Country sheets: what a buyer should look at, related sheets, the sheet itself."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from .common import (
    Sheet,
    advancement_base,
    advancement_label,
    commodity_link,
    country_links,
    generated_note,
    groups_of,
    risks_of,
    sorted_countries,
    sources_section,
)
from .constants import FINDINGS_TITLE, GOODS_TITLE, GOODS_URL, INSTRUMENTS, LANGS, SECTOR_SHEETS, SUMMARY_MAX
from .country_sections import (
    advancement_section,
    country_summary,
    downstream_section,
    enforcement_section,
    enforcement_signals,
    goods_section,
    legal_gaps,
    legal_section,
    ratification_section,
    working_children_section,
)
from .model import Country, Dataset, GoodRow
from .text import french_typography, join_words, kebab, link, lower_first, percent, plural, sort_key, t, tr


def buyer_section(dataset: Dataset, country: Country, lang: str) -> list[str]:
    name = country.name(lang)
    lines = [
        "",
        t(lang, "buyer_section.1", name=name, in_sentence=country.in_sentence(lang)),
        "",
    ]
    items: list[str] = []

    def goods_links(rows: Iterable[GoodRow]) -> list[str]:
        seen: dict[str, None] = {}
        for r in rows:
            seen[commodity_link(dataset, r.commodity, lang, in_sentence=True)] = None
        return list(seen)

    goods = [r for r in country.goods if r.commodity != "pornography"]
    forced = [r for r in goods if r.has_forced_labour]
    if forced:
        with_children = [lower_first(dataset.commodity(r.commodity).label(lang)) for r in forced if r.forced_child]
        children = ""
        if with_children and all(r.forced_child for r in forced):
            children = t(lang, "buyer_section.2")
        elif with_children:
            children = t(lang, "buyer_section.3", fromkeys=join_words(list(dict.fromkeys(with_children)), lang))
        items.append(t(lang, "buyer_section.4", goods_links=", ".join(goods_links(forced)), children=children))
    child_only = [r for r in goods if r.has_child_labour and not r.has_forced_labour]
    if child_only:
        lead = t(lang, "buyer_section.5") if forced else t(lang, "buyer_section.6")
        items.append(t(lang, "buyer_section.7", lead=lead, goods_links=", ".join(goods_links(child_only))))
    if any(r.commodity == "pornography" for r in country.goods):
        items.append(
            t(lang, "buyer_section.8", commodity_link=commodity_link(dataset, "pornography", lang, in_sentence=True))
        )
    downstream = [r for r in country.goods if r.downstream]
    if downstream:
        origins = sorted_countries({dataset.countries[r.input_iso2] for r in downstream if r.input_iso2}, lang)
        origin_text = join_words([c.in_sentence(lang) for c in origins], lang)
        items.append(
            t(lang, "buyer_section.9", goods_links=", ".join(goods_links(downstream)), origin_text=origin_text)
        )
    gaps = legal_gaps(country, lang)
    unratified = [
        tr(lang, fr_short, en_short) for col, _, _, fr_short, en_short in INSTRUMENTS if country.row[col] == "false"
    ]
    if gaps or unratified:
        details = []
        if gaps:
            details.append(
                t(
                    lang,
                    "buyer_section.10",
                    gaps=plural(len(gaps), lang, ("norme", "normes"), ("standard", "standards")),
                    gaps2=plural(len(gaps), lang, ("standard", "standards"), ("standard", "standards")),
                )
            )
        if unratified:
            details.append(t(lang, "buyer_section.11", unratified=", ".join(unratified)))
        items.append(t(lang, "buyer_section.12", details=" ; ".join(details), details2="; ".join(details)))
    signals = enforcement_signals(country, lang)
    if signals:
        items.append(t(lang, "buyer_section.13", signals=" ; ".join(signals), signals2="; ".join(signals)))
    level = country.advancement
    if advancement_base(level) in ("No Advancement", "Minimal Advancement"):
        items.append(t(lang, "buyer_section.14", advancement_label=advancement_label(level, lang), level=level))
    if not any(r.has_finding or r.downstream for r in country.goods):
        share = country.row["working_children_5_14_share"]
        figure = ""
        if share:
            figure = t(lang, "buyer_section.15", share=percent(share, lang))
        items.append(
            t(lang, "buyer_section.16", figure=figure, this=country.this(lang), in_sentence=country.in_sentence(lang))
        )
    if not items:
        items.append(t(lang, "buyer_section.17"))
    lines.extend(f"{i}. {item}" for i, item in enumerate(items, 1))
    return lines


def related_section(dataset: Dataset, lang: str, entries: Sequence[tuple[str, Sequence[str]]]) -> list[str]:
    lines = ["", t(lang, "related_section.1"), ""]
    sep = " : " if lang == "fr" else ": "
    lines.extend(f"- {label}{sep}{', '.join(links)}" for label, links in entries if links)
    return lines


def country_sheets(dataset: Dataset, country: Country) -> list[Sheet]:
    sheets = []
    codes = sorted({r.commodity for r in country.goods})
    groups = groups_of(dataset, codes)
    risks = risks_of(country.goods)
    share = country.row["working_children_5_14_share"]
    if share and Decimal(share) > 0 and "child-labour" not in risks:
        risks = ["child-labour", *risks]
    sources = [(FINDINGS_TITLE, country.row["source_url"]), (GOODS_TITLE, GOODS_URL)]
    for lang in LANGS:
        name = country.name(lang)
        title = t(lang, "country_sheets.1", name=name)
        summary = ""
        for limit in (4, 3, 2, 1):
            summary = country_summary(dataset, country, lang, limit)
            if len(french_typography(summary)) <= SUMMARY_MAX:
                break
        body: list[str] = []
        if not country.has_findings_data:
            body.extend(
                [
                    "",
                    t(lang, "country_sheets.2", this=country.this(lang), in_sentence=country.in_sentence(lang)),
                ]
            )
        body += goods_section(dataset, country, lang)
        body += downstream_section(dataset, country, lang)
        body += working_children_section(country, lang)
        body += ratification_section(country, lang)
        body += legal_section(country, lang)
        body += enforcement_section(country, lang)
        body += advancement_section(country, lang)
        body += buyer_section(dataset, country, lang)
        input_countries = {
            dataset.countries[r.input_iso2] for r in country.goods if r.input_iso2 and r.input_iso2 != country.iso2
        } | {dataset.countries[r.iso2] for r in country.used_as_input if r.iso2 != country.iso2}
        region = dataset.regions[country.region]
        body += related_section(
            dataset,
            lang,
            [
                (
                    t(lang, "country_sheets.3"),
                    [commodity_link(dataset, c, lang) for c in sorted_codes(dataset, codes, lang)],
                ),
                (
                    t(lang, "country_sheets.4"),
                    [link(dataset.sectors[g].label(lang), f"sector-{g}") for g in groups if g in SECTOR_SHEETS],
                ),
                (t(lang, "country_sheets.5"), [link(region.label(lang), f"region-{country.region}")]),
                (
                    t(lang, "country_sheets.6"),
                    country_links(input_countries, lang),
                ),
            ],
        )
        body += sources_section(sources, lang, generated_note(lang))
        sheets.append(
            Sheet(
                folder="countries",
                key=country.key,
                lang=lang,
                slug=kebab(name),
                title=title,
                summary=summary,
                countries=[country.iso2],
                regions=[country.region],
                sectors=[*codes, *groups],
                risks=risks,
                sources=sources,
                body=body,
            )
        )
    return sheets


def sorted_codes(dataset: Dataset, codes: Iterable[str], lang: str) -> list[str]:
    return sorted(codes, key=lambda c: sort_key(dataset.commodity(c).label(lang)))
