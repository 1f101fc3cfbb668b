"""Country sheets: what a buyer should look at, related sheets, the sheet itself."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from decimal import Decimal

from app.services.typography import french

from .common import (
    Sheet,
    advancement_base,
    advancement_label,
    commodity_link,
    country_links,
    finished_sheet,
    groups_of,
    own_advice_group,
    region_links,
    risks_of,
    sector_links,
    sorted_countries,
)
from .constants import (
    CORRECTIONS,
    FINDINGS_TITLE,
    FINDINGS_URL,
    FOCUS_NEEDS_CHILD_LABOUR,
    GOODS_TITLE,
    GOODS_URL,
    INSTRUMENTS,
    LANGS,
    LEGAL_GAP_KINDS,
    OTHER_SOURCES,
    STANDARDS,
    STATE_IMPOSED,
    SUMMARY_MAX,
)
from .country_sections import (
    advancement_section,
    ages,
    country_summary,
    downstream_section,
    enforcement_gaps,
    enforcement_section,
    enforcement_signals,
    goods_section,
    legal_gaps,
    legal_section,
    ratification_section,
    working_children_section,
)
from .model import Country, Dataset, GoodRow
from .text import join_words, kebab, link, lower_first, percent, sort_key, t, templates, tr

ADVICE_GROUP_ORDER = (
    "bricks",
    "fish-drying",
    "inland-fishing",
    "fishing",
    "mining",
    "silk-rearing",
    "livestock",
    "textiles",
    "manufacturing",
    "agriculture",
)


def advice_group(dataset: Dataset, row: GoodRow) -> str:
    """The broad sector whose advice applies to ``row``: its own where the commodity's does not fit it
    (``own_advice_group``: dried fish is dried on land, cattle are herded, not harvested), bricks apart, else the
    commodity's."""
    own = own_advice_group(row)
    if own:
        return own
    return "bricks" if row.commodity == "bricks" else dataset.commodity(row.commodity).group or ""


def advice_groups(dataset: Dataset, rows: Sequence[GoodRow]) -> list[str]:
    """The broad sectors of ``rows`` that have advice of their own, most specific first."""
    found = {advice_group(dataset, r) for r in rows}
    return [g for g in ADVICE_GROUP_ORDER if g in found] or ["other"]


def focus_groups(dataset: Dataset, rows: Sequence[GoodRow]) -> list[str]:
    """The two sectors to look at first: those with the most listed goods, so that a country whose findings are
    mostly on farms is not sent to its one fishing good first; the more specific sector first on a tie."""
    goods = Counter(advice_group(dataset, r) for r in {r.commodity: r for r in rows}.values())
    return sorted(advice_groups(dataset, rows), key=lambda g: -goods[g])[:2]  # stable: ties keep the order above


def focus_template(dataset: Dataset, rows: Sequence[GoodRow], kind: str, group: str) -> str:
    """The template naming what to look at first in ``group``: a forced-labour focus that speaks of children or
    families only where ILAB lists child labour too in that group's goods (``FOCUS_NEEDS_CHILD_LABOUR``)."""
    if (
        kind == "forced_focus"
        and group in FOCUS_NEEDS_CHILD_LABOUR
        and not any(r.has_child_labour for r in rows if advice_group(dataset, r) == group)
    ):
        return "forced_focus.other"
    return f"{kind}.{group}"


def goods_links(rows: Iterable[GoodRow], lang: str) -> str:
    """ILAB's own goods of ``rows``, each once, linked to their commodity sheets."""
    seen: dict[str, None] = {}
    for r in rows:
        seen[link(lower_first(r.label(lang)), f"commodity-{r.commodity}")] = None
    return ", ".join(seen)


def forced_children(rows: Sequence[GoodRow], lang: str) -> str:
    """What a forced-labour step adds about forced child labour among ``rows``: in each case, in some, or nothing."""
    with_children = [lower_first(r.label(lang)) for r in rows if r.forced_child]
    if with_children and all(r.forced_child for r in rows):
        return t(lang, "buyer_section.2")
    if with_children:
        return t(lang, "buyer_section.3", fromkeys=join_words(list(dict.fromkeys(with_children)), lang))
    return ""


def state_imposed_advice(country: Country, rows: Sequence[GoodRow], lang: str) -> str:
    """The step for goods whose forced labour the state imposes (``STATE_IMPOSED``): what the source says, and why
    a remediation plan with the supplier is no answer."""
    entry = STATE_IMPOSED[country.iso2]
    fact = t(lang, f"state_imposed.{entry.source}", url=entry.url, **dict(entry.further))
    goods, children = goods_links(rows, lang), forced_children(rows, lang)
    return t(lang, "advice.state_imposed", goods=goods, children=children, fact=fact)


def buyer_section(dataset: Dataset, country: Country, lang: str) -> list[str]:
    """What to look at first: each paragraph is built from the country's own findings, gaps and signals."""
    name = country.name(lang)
    lines = [
        "",
        t(lang, "buyer_section.1", name=name, in_sentence=country.in_sentence(lang)),
        "",
    ]
    items: list[str] = []

    def places(rows: Sequence[GoodRow], kind: str) -> str:
        """Every place to map (``place``), or what to look at first in the two main sectors (``*_focus``), kept
        apart by « ainsi que » since each already lists its own items."""
        if kind == "place":
            return join_words([t(lang, f"place.{g}") for g in advice_groups(dataset, rows)], lang)
        # A focus lists its items with "|": an item that the other sector's focus already names (home-based work
        # in both textiles and manufacturing) is named once, where it first comes.
        said: dict[str, None] = {}
        parts = []
        for g in focus_groups(dataset, rows):
            items = [item for item in t(lang, focus_template(dataset, rows, kind, g)).split("|") if item not in said]
            said.update(dict.fromkeys(items))
            if items:
                parts.append(join_words(items, lang))
        return tr(lang, ", ainsi que ", ", as well as ").join(parts)

    goods = [r for r in country.goods if r.commodity != "pornography"]
    forced = [r for r in goods if r.has_forced_labour]
    # Forced labour the state imposes first, with advice of its own; the rest gets the remediation plan. The advice
    # on where to start, where several goods are listed, closes the last of these steps.
    forced_steps: list[str] = []
    imposed = [r for r in forced if r.state_imposed]
    if imposed:
        forced_steps.append(state_imposed_advice(country, imposed, lang))
    others = [r for r in forced if not r.state_imposed]
    if others:
        forced_steps.append(
            t(
                lang,
                "advice.forced",
                goods=goods_links(others, lang),
                children=forced_children(others, lang),
                places=places(others, "place"),
                focus=places(others, "forced_focus"),
            )
        )
    if len({r.commodity for r in forced}) >= 3:
        forced_steps[-1] += t(lang, "advice.volume")
    items += forced_steps
    # Every good with child labour, those also with forced labour included: the forced-labour step maps the
    # chain and its recruiters, this one looks at the children's own work (harvests, family farms, homework). Where
    # the state-imposed step's source says the state puts children to work too (Turkmenistan's cotton), age checks
    # and remediation with suppliers cannot end it: that step applies to the children as well.
    lead = t(lang, "buyer_section.5") if forced else t(lang, "buyer_section.6")
    imposed_child = [r for r in goods if r.state_imposed_children]
    if imposed_child:
        items.append(t(lang, "advice.child_state_imposed", lead=lead, goods=goods_links(imposed_child, lang)))
    child = [r for r in goods if r.has_child_labour and not r.state_imposed_children]
    if child:
        items.append(
            t(lang, "advice.child", lead=lead, goods=goods_links(child, lang), focus=places(child, "child_focus"))
        )
    if any(r.commodity == "pornography" for r in country.goods):
        items.append(
            t(lang, "buyer_section.8", commodity_link=commodity_link(dataset, "pornography", lang, in_sentence=True))
        )
    downstream = [r for r in country.goods if r.downstream]
    if downstream:
        origins = sorted_countries({dataset.countries[r.input_iso2] for r in downstream if r.input_iso2}, lang)
        origin_text = join_words([c.in_sentence(lang) for c in origins], lang)
        items.append(t(lang, "buyer_section.9", goods_links=goods_links(downstream, lang), origin_text=origin_text))
    items += legal_advice(country, lang)
    items += enforcement_advice(country, lang)
    level = country.advancement
    base = advancement_base(level)
    if base in ("No Advancement", "Minimal Advancement"):
        key = "advice.rating_complicit" if "Complicit" in level else f"advice.rating.{kebab(base)}"
        items.append(t(lang, key, advancement_label=advancement_label(level, lang), level=level))
    if not country.assessed:
        items.append(t(lang, "advice.not_assessed", this=country.this(lang), in_sentence=country.in_sentence(lang)))
    if not any(r.has_finding or r.downstream for r in country.goods):
        share = country.row["working_children_5_14_share"]
        if country.no_figures:
            items.append(t(lang, "advice.no_figures", this=country.this(lang), in_sentence=country.in_sentence(lang)))
        else:
            figure = t(lang, "buyer_section.15", share=percent(share, lang), ages=ages(country, lang)) if share else ""
            items.append(
                t(
                    lang,
                    "buyer_section.16",
                    figure=figure,
                    this=country.this(lang),
                    in_sentence=country.in_sentence(lang),
                )
            )
    if not items:
        items.append(t(lang, "buyer_section.17"))
    lines.extend(f"{i}. {item}" for i, item in enumerate(items, 1))
    return lines


def legal_advice(country: Country, lang: str) -> list[str]:
    """One paragraph on the legal gaps ILAB found, with the step that answers each kind of gap."""
    row = country.row
    gaps = legal_gaps(country, lang)
    unratified = [tr(lang, i.fr_short, i.en_short) for i in INSTRUMENTS if row[i.column] == "false"]
    if not gaps and not unratified:
        return []
    details = []
    if gaps:
        details.append(t(lang, "advice.gaps", gaps=join_words(gaps, lang)))
    if unratified:
        details.append(t(lang, "buyer_section.11", unratified=", ".join(unratified)))
    steps = []
    failing = {column for column, _, _ in STANDARDS if row[f"law_{column}_meets_intl_standard"] == "false"}
    for kind, columns in LEGAL_GAP_KINDS:
        found = [c for c in columns if c in failing]
        if found:
            items = join_words([t(lang, f"gap_item.{c}") for c in found], lang)
            steps.append(t(lang, f"advice.gap_step.{kind}", items=items))
    if unratified and not steps:
        steps.append(t(lang, "advice.gap_step.unratified"))
    sep = " ; " if lang == "fr" else "; "
    return [t(lang, "advice.legal", details=sep.join(details), steps=" ".join(steps))]


def enforcement_advice(country: Country, lang: str) -> list[str]:
    """One paragraph on enforcement, whose steps follow the signals found in ILAB's figures."""
    signals = enforcement_signals(country, lang)
    if not signals:
        return []
    steps = [t(lang, f"advice.enforcement_step.{gap}") for gap in enforcement_gaps(country) if gap != "inspections"]
    if not steps:
        steps.append(t(lang, "advice.enforcement_step.figures"))
    sep = " ; " if lang == "fr" else "; "
    return [t(lang, "advice.enforcement", signals=sep.join(signals), steps=" ".join(steps))]


def country_sheets(dataset: Dataset, country: Country) -> list[Sheet]:
    sheets = []
    codes = sorted({r.commodity for r in country.goods})
    groups = groups_of(dataset, codes)
    risks = risks_of(country.goods)
    share = country.row["working_children_5_14_share"]
    if share and Decimal(share) > 0 and "child-labour" not in risks:
        risks = ["child-labour", *risks]
    for lang in LANGS:
        name = country.name(lang)
        title = t(lang, "title.no_figures" if country.no_figures else "country_sheets.1", name=name)
        summary = ""
        for limit in (4, 3, 2, 1):
            summary = country_summary(dataset, country, lang, limit)
            if len(french(summary)) <= SUMMARY_MAX:
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
        body += other_sources_section(country, lang)
        input_countries = {
            dataset.countries[r.input_iso2] for r in country.goods if r.input_iso2 and r.input_iso2 != country.iso2
        } | {dataset.countries[r.iso2] for r in country.used_as_input if r.iso2 != country.iso2}
        related = [
            (
                t(lang, "country_sheets.3"),
                [commodity_link(dataset, c, lang) for c in sorted_codes(dataset, codes, lang)],
            ),
            (t(lang, "country_sheets.4"), sector_links(dataset, groups, lang)),
            (t(lang, "country_sheets.5"), region_links(dataset, [country.region], lang)),
            (t(lang, "country_sheets.6"), country_links(input_countries, lang)),
        ]
        sheets.append(
            finished_sheet(
                lang,
                folder="countries",
                key=country.key,
                name=name,
                title=title,
                summary=summary,
                body=body,
                related=related,
                sources=sheet_sources(country, lang),
                tags=([country.iso2], [country.region], [*codes, *groups], risks),
                corrected=bool(country.corrected),
            )
        )
    return sheets


def sorted_codes(dataset: Dataset, codes: Iterable[str], lang: str) -> list[str]:
    return sorted(codes, key=lambda c: sort_key(dataset.commodity(c).label(lang)))


def own_sources(country: Country, lang: str) -> list[tuple[str, str]]:
    """The country's entries of ``OTHER_SOURCES``: (template key, url in the sheet's language)."""
    return [(key, url.replace("{lang}", lang)) for key, url in OTHER_SOURCES.get(country.iso2, ())]


def sheet_sources(country: Country, lang: str) -> list[tuple[str, str]]:
    """ILAB's Findings (the 2022 edition's data) where that report covers the country, then ILAB's List of Goods, then
    ILAB's page for the country, which shows its latest edition (the sheet says so); only the list for the countries
    it alone names (China, Russia…), which the sheet says the Findings do not assess."""
    sources = [(FINDINGS_TITLE, FINDINGS_URL)] if country.assessed else []
    sources.append((GOODS_TITLE, GOODS_URL))
    if country.assessed:
        title = t(lang, "source.country_page", name=country.name(lang))
        sources.append((title, country.row["source_url"]))
    for column in country.corrected:
        sources += [(t(lang, f"other_source.{key}.title"), url) for key, url in CORRECTIONS[(country.iso2, column)][2]]
    sources += [(t(lang, f"other_source.{key}.title"), url) for key, url in own_sources(country, lang)]
    if any(r.state_imposed for r in country.goods):
        entry = STATE_IMPOSED[country.iso2]
        sources.append((t(lang, f"other_source.{entry.source}.title"), entry.url))
        sources += [(t(lang, f"other_source.{key}.title"), url) for key, url in entry.further]
    if not country.assessed:
        sources += [(t(lang, f"other_source.{key}.title"), url) for key, url in OTHER_SOURCES["*"]]
    return sources


def other_sources_section(country: Country, lang: str) -> list[str]:
    """What other public sources state about the country, then, where ILAB does not assess it, where to look. A
    source with no fact of its own (template other_source.<key>.fact) backs another's fact, which links it as
    {<key>}."""
    own = own_sources(country, lang)
    facts = [
        f"- {t(lang, f'other_source.{key}.fact', url=url, **dict(own))}"
        for key, url in own
        if f"other_source.{key}.fact" in templates(lang)
    ]
    if not country.assessed:
        where = t(lang, "other_sources.where", in_sentence=country.in_sentence(lang), this=country.this(lang))
        facts.append(f"- {where}")
    return ["", t(lang, "other_sources.heading"), "", *facts] if facts else []
