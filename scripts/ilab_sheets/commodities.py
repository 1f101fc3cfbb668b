"""Commodity sheets: one per commodity code of the List of Goods."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from app.services.typography import french

from .common import (
    Sheet,
    country_links,
    findings_text,
    finished_sheet,
    kind_label,
    own_advice_group,
    region_links,
    risks_of,
    state_imposed_pairs,
)
from .constants import (
    ADVICE_GROUPS_BY_COMMODITY,
    BUILDING_MATERIALS,
    GOODS_TITLE,
    GOODS_URL,
    ILAB_SECTORS,
    LANGS,
    NAMED_COUNTRIES_MAX,
    SUMMARY_MAX,
)
from .model import KIND_ORDER, Dataset, GoodRow
from .text import join_words, link, lower_first, number, plural, sort_key, t, table, tr, truncate_list, upper_first


def risk_words(rows: Sequence[GoodRow], lang: str) -> str:
    child = any(r.has_child_labour for r in rows)
    forced = any(r.has_forced_labour for r in rows)
    if child and forced:
        return t(lang, "risk_words.1")
    if child:
        return t(lang, "risk_words.2")
    if forced:
        return t(lang, "risk_words.3")
    return t(lang, "risk_words.4")


ADVICE_GROUPS = (
    "agriculture",
    "fishing",
    "mining",
    "manufacturing",
    "textiles",
    "fish-drying",
    "inland-fishing",
    "livestock",
    "silk-rearing",
)  # sectors with a paragraph of advice in the templates (group_advice.*)


def commodity_advice(dataset: Dataset, rows: Sequence[GoodRow], group: str | None, code: str, lang: str) -> list[str]:
    if code == "pornography":
        return [t(lang, "commodity_advice.1") + t(lang, "pornography_advice")]
    advice = []
    # The remediation plan of the common step fits no good whose forced labour the state imposes: those get a step
    # of their own, and the common one only where other goods remain. That step points to the country sheets for its
    # sources: cited here too, their titles (« … Xinjiang ») would bring every commodity and sector sheet naming
    # China's goods up in a search for the Uyghurs.
    if any(r.has_forced_labour and not r.state_imposed for r in rows):
        advice.append(t(lang, "commodity_advice.2"))
    if any(r.state_imposed for r in rows):
        advice.append(t(lang, "commodity_advice.state_imposed", pairs=state_imposed_pairs(dataset, rows, lang)))
    # Children the state puts to work (``StateImposed.children``) are not reached by the common step's age checks,
    # schooling and adult income: a step of their own says that the state-imposed step applies to them.
    if any(r.has_child_labour and not r.state_imposed_children for r in rows):
        advice.append(t(lang, "commodity_advice.3"))
    imposed = [r for r in rows if r.state_imposed_children]
    if imposed:
        pairs = state_imposed_pairs(dataset, imposed, lang)
        advice.append(t(lang, "commodity_advice.state_imposed_children", pairs=pairs))
    if any(r.downstream for r in rows):
        advice.append(t(lang, "commodity_advice.4"))
    if group in ADVICE_GROUPS:
        advice.append(t(lang, f"group_advice.{group}"))
    # Goods whose work is not that of the sheet's sector (dried fish on a fish sheet, cattle on the agriculture
    # sheet): their own sector's paragraph too, naming them, once per sector.
    own: dict[str, dict[str, None]] = {}
    for r in sorted(rows, key=lambda r: sort_key(r.label(lang))):
        other = own_advice_group(r)
        if other and other != group:
            own.setdefault(other, {})[own_goods_label(dataset, rows, r, other, lang)] = None
    for other, labels in own.items():
        text = lower_first(t(lang, f"group_advice.{other}"))
        advice.append(t(lang, "group_advice.for_goods", goods=join_words(list(labels), lang), advice=text))
    return advice


def own_goods_label(dataset: Dataset, rows: Sequence[GoodRow], row: GoodRow, group: str, lang: str) -> str:
    """``row``'s good, with the countries it has ``group``'s advice for where others of ``rows`` with the same good
    do not (« Fish (Ghana, Paraguay, Uganda) »: the other countries' fish keeps the fishing advice)."""
    label = upper_first(row.label(lang))
    same = [r for r in rows if r.good == row.good]
    if all(own_advice_group(r) == group for r in same):
        return label
    names = sorted({dataset.countries[r.iso2].name(lang) for r in same if own_advice_group(r) == group}, key=sort_key)
    return f"{label} ({', '.join(names)})"


def commodity_summary(dataset: Dataset, code: str, rows: Sequence[GoodRow], lang: str, limit: int) -> str:
    term = dataset.commodity(code)
    label = term.label(lang)
    countries = {r.iso2 for r in rows}
    by_kind: dict[str, list[str]] = defaultdict(list)
    for r in sorted(rows, key=lambda r: sort_key(dataset.countries[r.iso2].name(lang))):
        name = dataset.countries[r.iso2].name(lang)
        if name not in by_kind[r.kind]:
            by_kind[r.kind].append(name)
    rest = ("autres", "others")
    parts = []
    for kind, names in sorted(by_kind.items(), key=lambda item: KIND_ORDER[item[0]]):
        kind_text = t(lang, "commodity_summary.1") if kind == "D" else kind_label(kind, lang)
        if len(countries) <= NAMED_COUNTRIES_MAX:
            parts.append(f"{kind_text} ({truncate_list(names, limit, lang, rest)})")
        else:
            parts.append(f"{kind_text} : {number(len(names), lang)}" if lang == "fr" else f"{kind_text}: {len(names)}")
    text = t(
        lang,
        "commodity_summary.2",
        label=label,
        countries=plural(len(countries), lang, ("pays", "pays"), ("country", "countries")),
        parts=" ; ".join(parts),
        parts2="; ".join(parts),
    )
    return text


def commodity_sheets(dataset: Dataset, code: str) -> list[Sheet]:
    term = dataset.commodity(code)
    rows = sorted(
        dataset.commodity_rows(code),
        key=lambda r: (KIND_ORDER[r.kind], sort_key(dataset.countries[r.iso2].name("en")), r.good),
    )
    countries = sorted({r.iso2 for r in rows})
    regions = sorted({dataset.countries[c].region for c in countries})
    input_countries = sorted({r.input_iso2 for r in rows if r.input_iso2})
    advice_group = ADVICE_GROUPS_BY_COMMODITY.get(code, term.group)  # cattle: livestock, not agriculture
    sheets = []
    for lang in LANGS:
        label = term.label(lang)
        title = t(lang, "commodity_sheets.1", label=label, risk_words=risk_words(rows, lang))
        summary = ""
        for limit in (6, 4, 3, 2, 1):
            summary = commodity_summary(dataset, code, rows, lang, limit)
            if len(french(summary)) <= SUMMARY_MAX:
                break
        ordered = sorted(
            rows, key=lambda r: (KIND_ORDER[r.kind], sort_key(dataset.countries[r.iso2].name(lang)), r.good)
        )
        body = ["", t(lang, "commodity_sheets.2"), ""]
        if code == "pornography":
            body += [t(lang, "pornography_note"), ""]
        body.append(
            t(
                lang,
                "commodity_sheets.3",
                countries=plural(len(countries), lang, ("pays", "pays"), ("country", "countries")),
            )
        )
        goods = sorted({upper_first(r.label(lang)) for r in rows}, key=sort_key)
        if len(goods) > 1:
            body.append(t(lang, "commodity_sheets.4", goods=", ".join(goods)))
        body.append("")
        header = t(lang, "commodity_sheets.5").split("|")
        body.extend(
            table(
                header,
                (
                    [
                        link(dataset.countries[r.iso2].name(lang), dataset.countries[r.iso2].key),
                        upper_first(r.label(lang)),
                        tr(lang, *ILAB_SECTORS[r.ilab_sector]),
                        findings_text(r, lang, dataset.countries),
                    ]
                    for r in ordered
                ),
            )
        )
        body += ["", t(lang, "commodity_sheets.6"), ""]
        counts = [
            (t(lang, "commodity_sheets.7"), [r for r in rows if r.child]),
            (t(lang, "commodity_sheets.8"), [r for r in rows if r.forced]),
            (t(lang, "commodity_sheets.9"), [r for r in rows if r.forced_child]),
            (
                t(lang, "commodity_sheets.10"),
                [r for r in rows if r.downstream],
            ),
        ]
        sep = " : " if lang == "fr" else ": "
        for label_text, subset in counts:
            names = [dataset.countries[c].name(lang) for c in {r.iso2 for r in subset}]
            names.sort(key=sort_key)
            if names:
                body.append(
                    f"- {label_text}{sep}{plural(len(names), lang, ('pays', 'pays'), ('country', 'countries'))}"
                )
        region_counts = Counter(dataset.countries[c].region for c in countries)
        body.append(
            f"- {t(lang, 'commodity_sheets.11')}{sep}"
            + ", ".join(
                f"{dataset.regions[r].label(lang)} ({number(n, lang)})"
                for r, n in sorted(region_counts.items(), key=lambda item: (-item[1], item[0]))
            )
        )
        body += ["", t(lang, "commodity_sheets.12"), ""]
        body.extend(f"- {advice}" for advice in commodity_advice(dataset, rows, advice_group, code, lang))
        related: list[tuple[str, Sequence[str]]] = []  # the country sheets are linked from the table above
        if input_countries:
            related.append(
                (
                    t(lang, "commodity_sheets.13"),
                    country_links((dataset.countries[c] for c in input_countries), lang),
                )
            )
        sector_links = [link(dataset.sectors[term.group].label(lang), f"sector-{term.group}")] if term.group else []
        if code in BUILDING_MATERIALS:
            sector_links.append(link(dataset.sectors["construction"].label(lang), "sector-construction"))
        related.append((t(lang, "commodity_sheets.14"), sector_links))
        related.append((t(lang, "commodity_sheets.15"), region_links(dataset, regions, lang)))
        sectors = [code, *([term.group] if term.group else [])]
        sectors += ["construction"] if code in BUILDING_MATERIALS else []
        sheets.append(
            finished_sheet(
                lang,
                folder="commodities",
                key=f"commodity-{code}",
                name=label,
                title=title,
                summary=summary,
                body=body,
                related=related,
                sources=[(GOODS_TITLE, GOODS_URL)],
                tags=([], regions, sectors, risks_of(rows)),  # no country tags: see the module docstring
            )
        )
    return sheets
