"""Sector sheets: agriculture, fishing, mining, construction, domestic work, textiles, manufacturing."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal

from .commodities import commodity_advice
from .common import Sheet, commodity_link, finished_sheet, region_links, risks_of, top_keys
from .constants import BUILDING_MATERIALS, FINDINGS_TITLE, FINDINGS_URL, GOODS_TITLE, GOODS_URL, LANGS, RELATED_UPSTREAM
from .countries import sorted_codes
from .model import Country, Dataset, GoodRow
from .text import join_words, link, lower_first, not_available, number, percent, plural, t, table


def commodity_table(
    dataset: Dataset, codes: Sequence[str], lang: str, within: Sequence[GoodRow] | None = None
) -> list[str]:
    """Per commodity, the number of countries (of ``within``, default all rows) with each finding."""
    header = t(lang, "commodity_table.1").split("|")

    def count(rows: Iterable[GoodRow]) -> str:
        return number(len({r.iso2 for r in rows}), lang)

    pool = dataset.rows if within is None else within
    rows_out = []
    for code in codes:
        rows = [r for r in pool if r.commodity == code]
        rows_out.append(
            [
                commodity_link(dataset, code, lang),
                count(rows),
                count(r for r in rows if r.child),
                count(r for r in rows if r.forced),
                count(r for r in rows if r.forced_child),
            ]
        )
    return table(header, rows_out)


def rank_commodities(dataset: Dataset, rows: Sequence[GoodRow], lang: str, limit: int | None = None) -> list[str]:
    """Commodities by number of countries with a finding, at most ``limit`` of them, chosen alike in both languages
    (``top_keys``)."""
    countries: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        if r.has_finding:
            countries[r.commodity].add(r.iso2)
    counts = {code: len(found) for code, found in countries.items()}
    return top_keys(counts, lambda code: dataset.commodity(code).label(lang), limit)


def top_countries_table(dataset: Dataset, rows: Sequence[GoodRow], lang: str, limit: int) -> list[str]:
    goods: dict[str, set[str]] = defaultdict(set)
    forced: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        if r.has_finding:
            goods[r.iso2].add(r.commodity)
            if r.has_forced_labour:
                forced[r.iso2].add(r.commodity)
    counts = {iso2: len(codes) for iso2, codes in goods.items()}
    ranked = top_keys(counts, lambda iso2: dataset.countries[iso2].name(lang), limit)
    header = t(lang, "top_countries_table.1").split("|")
    return table(
        header,
        (
            [
                link(dataset.countries[c].name(lang), dataset.countries[c].key),
                number(len(goods[c]), lang),
                number(len(forced[c]), lang),
            ]
            for c in ranked
        ),
    )


def sector_codes(dataset: Dataset, sector: str) -> list[str]:
    if sector == "construction":
        return [c for c in BUILDING_MATERIALS if dataset.commodity_rows(c)]
    if sector == "domestic-work":
        return []
    return [c for c in dataset.commodities() if dataset.sectors[c].group == sector]


def sector_sheets(dataset: Dataset, sector: str) -> list[Sheet]:
    term = dataset.sectors[sector]
    codes = sector_codes(dataset, sector)
    rows = [r for r in dataset.rows if r.commodity in codes]
    countries = sorted({r.iso2 for r in rows})
    regions = sorted({dataset.countries[c].region for c in countries})
    risks = risks_of(rows)
    sources = [(GOODS_TITLE, GOODS_URL)]
    services = []
    if sector == "domestic-work":
        services = [c for c in dataset.countries.values() if c.row["working_children_services_share"]]
        sources = [(FINDINGS_TITLE, FINDINGS_URL), (GOODS_TITLE, GOODS_URL)]
        countries = sorted(c.iso2 for c in services)
        regions = sorted({c.region for c in services})
        risks = ["child-labour"]
    sheets = []
    for lang in LANGS:
        label = term.label(lang)
        title = t(lang, "sector_sheets.1", label=label)
        ranked = rank_commodities(dataset, rows, lang, limit=4)
        n_countries = plural(len({r.iso2 for r in rows}), lang, ("pays", "pays"), ("country", "countries"))
        n_codes = plural(len(codes), lang, ("produit", "produits"), ("commodity", "commodities"))
        top = [
            f"{lower_first(dataset.commodity(c).label(lang))} "
            f"({number(len({r.iso2 for r in dataset.commodity_rows(c)}), lang)})"
            for c in ranked
        ]
        body: list[str] = []
        if sector == "domestic-work":
            summary = t(lang, "sector_sheets.2", label=label, services=number(len(services), lang))
            body += domestic_work_body(dataset, services, lang)
        else:
            figures = {"label": label, "n_codes": n_codes, "n_countries": n_countries, "top": join_words(top, lang)}
            summary = t(lang, "sector_sheets.3" if sector == "construction" else "sector_sheets.6", **figures)
            if sector == "construction":
                body += [
                    "",
                    t(lang, "sector_sheets.4"),
                    "",
                    t(lang, "sector_sheets.5"),
                    "",
                ]
            else:
                body += ["", t(lang, "sector_sheets.7"), ""]
                if sector == "agriculture":
                    body += [
                        t(
                            lang,
                            "sector_sheets.8",
                            label=link(dataset.sectors["fishing"].label(lang), "sector-fishing"),
                        ),
                        "",
                    ]
            findings = Counter(r.kind for r in rows)
            body.append(
                t(
                    lang,
                    "sector_sheets.9",
                    rows=plural(len(rows), lang, ("inscription", "inscriptions"), ("listing", "listings")),
                    sum=number(sum(1 for r in rows if r.child), lang),
                    sum2=number(sum(1 for r in rows if r.forced), lang),
                    X=number(findings["X"], lang),
                    rows2=plural(len(rows), lang, ("listing", "listings"), ("listing", "listings")),
                )
            )
            body.append("")
            body += commodity_table(dataset, sorted_codes(dataset, codes, lang), lang)
            body += [
                "",
                t(lang, "sector_sheets.10"),
                "",
            ]
            body += top_countries_table(dataset, rows, lang, 15)
            body += ["", t(lang, "sector_sheets.11"), ""]
            advice_group = "mining" if sector == "construction" else sector
            advice = commodity_advice(dataset, rows, advice_group, sector, lang)
            if sector == "construction":
                advice.insert(
                    0,
                    t(lang, "sector_sheets.12"),
                )
            body.extend(f"- {a}" for a in advice)
        related: list[tuple[str, Sequence[str]]] = []
        if codes:
            related.append(
                (
                    t(lang, "sector_sheets.13"),
                    [commodity_link(dataset, c, lang) for c in sorted_codes(dataset, codes, lang)],
                )
            )
        upstream = RELATED_UPSTREAM.get(sector, ())
        if upstream:
            related.append(
                (
                    t(lang, "sector_sheets.14"),
                    [commodity_link(dataset, c, lang) for c in sorted_codes(dataset, upstream, lang)],
                )
            )
        related.append((t(lang, "sector_sheets.15"), region_links(dataset, regions, lang)))
        sheets.append(
            finished_sheet(
                lang,
                folder="sectors",
                key=f"sector-{sector}",
                name=label,
                title=title,
                summary=summary,
                body=body,
                related=related,
                sources=sources,
                tags=([], regions, [sector, *codes], risks),  # no country tags: see the module docstring
            )
        )
    return sheets


def domestic_work_body(dataset: Dataset, services: Sequence[Country], lang: str) -> list[str]:
    body = [
        "",
        t(lang, "domestic_work_body.1"),
        "",
        t(lang, "domestic_work_body.2"),
        "",
        t(lang, "domestic_work_body.3"),
        "",
    ]
    shares = {c.iso2: Decimal(c.row["working_children_services_share"]) for c in services}
    ranked = [dataset.countries[iso2] for iso2 in top_keys(shares, lambda iso2: dataset.countries[iso2].name(lang), 15)]
    header = t(lang, "domestic_work_body.4").split("|")
    body += table(
        header,
        (
            [
                link(c.name(lang), c.key),
                percent(c.row["working_children_services_share"], lang),
                percent(c.row["working_children_5_14_share"], lang)
                if c.row["working_children_5_14_share"]
                else not_available(lang),
            ]
            for c in ranked
        ),
    )
    body += [
        "",
        t(lang, "domestic_work_body.5"),
        "",
        t(lang, "domestic_work_body.6"),
    ]
    return body
