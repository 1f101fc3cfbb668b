"""Region sheets: ILAB's five regions."""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal

from .common import (
    Sheet,
    advancement_base,
    advancement_label,
    commodity_link,
    finished_sheet,
    groups_of,
    risks_of,
    sector_links,
    sorted_countries,
)
from .constants import (
    ADVANCEMENT_ORDER,
    FINDINGS_TITLE,
    FINDINGS_URL,
    GOODS_TITLE,
    GOODS_URL,
    INSTRUMENTS,
    LANGS,
    STANDARDS,
)
from .model import Dataset
from .sectors import commodity_table, rank_commodities
from .text import (
    join_words,
    link,
    lower_first,
    not_available,
    number,
    percent,
    sort_key,
    t,
    table,
    tr,
    upper_first,
)


def region_sheets(dataset: Dataset, region: str) -> list[Sheet]:
    term = dataset.regions[region]
    members = [c for c in dataset.countries.values() if c.region == region]
    rows = [r for r in dataset.rows if dataset.countries[r.iso2].region == region]
    codes = sorted({r.commodity for r in rows})
    risks = risks_of(rows)
    if (
        any(c.row["working_children_5_14_share"] and Decimal(c.row["working_children_5_14_share"]) > 0 for c in members)
        and "child-labour" not in risks
    ):
        risks = ["child-labour", *risks]
    sources = [(FINDINGS_TITLE, FINDINGS_URL), (GOODS_TITLE, GOODS_URL)]
    sheets = []
    for lang in LANGS:
        label = term.label(lang)
        ordered = sorted_countries(members, lang)
        with_goods = [c for c in members if any(r.has_finding for r in c.goods)]
        ranked = rank_commodities(dataset, rows, lang, limit=12)
        region_countries: dict[str, set[str]] = defaultdict(set)
        for r in rows:
            if r.has_finding:
                region_countries[r.commodity].add(r.iso2)
        top = [
            f"{lower_first(dataset.commodity(c).label(lang))} ({number(len(region_countries[c]), lang)})"
            for c in rank_commodities(dataset, rows, lang, limit=4)
        ]
        title = t(lang, "region_sheets.1", label=label)
        summary = t(
            lang,
            "region_sheets.2",
            label=label,
            members=number(len(members), lang),
            with_goods=number(len(with_goods), lang),
            top=join_words(top, lang),
        )
        body = ["", t(lang, "region_sheets.3"), ""]
        header = t(lang, "region_sheets.4").split("|")
        body += table(
            header,
            (
                [
                    link(c.name(lang), c.key),
                    upper_first(advancement_label(c.advancement, lang)) if c.advancement else not_available(lang),
                    number(sum(1 for r in c.goods if r.has_finding), lang),
                    percent(c.row["working_children_5_14_share"], lang)
                    if c.row["working_children_5_14_share"]
                    else not_available(lang),
                ]
                for c in ordered
            ),
        )
        body += ["", t(lang, "region_sheets.5"), ""]
        levels = Counter(advancement_base(c.advancement) for c in members)
        level_lines = []
        for level in (*ADVANCEMENT_ORDER, ""):
            if levels[level]:
                name = upper_first(advancement_label(level, lang)) if level else t(lang, "region_sheets.6")
                qualified = sum(
                    1 for c in members if advancement_base(c.advancement) == level and " – " in c.advancement
                )
                extra = ""
                if qualified:
                    extra = t(lang, "region_sheets.7", qualified=number(qualified, lang))
                sep = " : " if lang == "fr" else ": "
                level_lines.append(f"- {name}{sep}{number(levels[level], lang)}{extra}")
        body += level_lines
        body += ["", t(lang, "region_sheets.8"), ""]
        body += commodity_table(dataset, ranked, lang, rows)
        body += ["", t(lang, "region_sheets.9"), ""]
        sep = " : " if lang == "fr" else ": "
        any_gap = False
        for instrument in INSTRUMENTS:
            missing = [c.name(lang) for c in ordered if c.row[instrument.column] == "false"]
            if missing:
                any_gap = True
                body.append(f"- {tr(lang, instrument.fr, instrument.en)}{sep}{', '.join(missing)}")
        if not any_gap:
            body.append(t(lang, "region_sheets.10"))
        not_applicable = sorted(
            {c.name(lang) for c in members for i in INSTRUMENTS if c.row[i.column] == "N/A"}, key=sort_key
        )
        no_data = [c.name(lang) for c in ordered if not any(c.row[i.column] for i in INSTRUMENTS)]
        if not_applicable:
            body += [
                "",
                t(lang, "region_sheets.11", not_applicable=", ".join(not_applicable)),
            ]
        if no_data:
            body += [
                "",
                t(lang, "region_sheets.12", no_data=", ".join(no_data)),
            ]
        body += ["", t(lang, "region_sheets.13"), ""]
        body.append(t(lang, "region_sheets.14"))
        body.append("")
        header = t(lang, "region_sheets.15").split("|")
        legal_rows = []
        for column, fr, en in STANDARDS:
            short = [c.name(lang) for c in ordered if c.row[f"law_{column}_meets_intl_standard"] == "false"]
            if short:
                legal_rows.append([upper_first(tr(lang, fr, en)), number(len(short), lang), ", ".join(short)])
        body += table(header, legal_rows) if legal_rows else [t(lang, "region_sheets.16")]
        body += [
            "",
            t(lang, "region_sheets.17"),
            "",
        ]
        goods_rows = [r for r in rows if r.commodity != "pornography"]
        forced_codes = rank_commodities(dataset, [r for r in goods_rows if r.has_forced_labour], lang)
        # Commodities with child labour only, the first 15 (chosen alike in both languages), and whether more remain.
        child_rows = [r for r in goods_rows if r.commodity not in forced_codes]
        child_codes = rank_commodities(dataset, child_rows, lang, limit=15)
        more = len({r.commodity for r in child_rows if r.has_finding}) > len(child_codes)
        items = []
        if forced_codes:
            items.append(
                t(
                    lang,
                    "region_sheets.18",
                    join=", ".join(commodity_link(dataset, c, lang, in_sentence=True) for c in forced_codes),
                )
            )
        if child_codes:
            items.append(
                t(
                    lang,
                    "region_sheets.19",
                    join=", ".join(commodity_link(dataset, c, lang, in_sentence=True) for c in child_codes),
                    value=" et d'autres produits (voir les fiches pays)" if more else "",
                    value2=" and other commodities (see the country sheets)" if more else "",
                )
            )
        porn = sorted_countries({dataset.countries[r.iso2] for r in rows if r.commodity == "pornography"}, lang)
        if porn:
            items.append(
                t(
                    lang,
                    "region_sheets.20",
                    commodity_link=commodity_link(dataset, "pornography", lang, in_sentence=True),
                    join=", ".join(c.name(lang) for c in porn),
                )
            )
        weak = [
            c.name(lang)
            for c in ordered
            if advancement_base(c.advancement) in ("No Advancement", "Minimal Advancement")
        ]
        if weak:
            items.append(t(lang, "region_sheets.21", weak=", ".join(weak)))
        body.extend(f"{i}. {item}" for i, item in enumerate(items, 1))
        groups = groups_of(dataset, codes)
        related = [
            (t(lang, "region_sheets.22"), [link(c.name(lang), c.key) for c in ordered]),
            (t(lang, "region_sheets.23"), sector_links(dataset, groups, lang)),
        ]
        sheets.append(
            finished_sheet(
                lang,
                folder="regions",
                key=f"region-{region}",
                name=label,
                title=title,
                summary=summary,
                body=body,
                related=related,
                sources=sources,
                tags=([c.iso2 for c in members], [region], [*codes, *groups], risks),
            )
        )
    return sheets
