"""Sections of a country sheet drawn from the country's ILAB row."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Literal

from app.ilab.indicators import age_ranges

from .common import advancement_label, kind_label
from .constants import CHECKED_ROWS, CORRECTIONS, GOODS_URL, ILAB_SECTORS, INSTRUMENTS, STANDARDS
from .model import KIND_ORDER, KIND_SUMMARY_FR, Country, Dataset
from .text import (
    join_words,
    link,
    lower_first,
    not_available,
    number,
    percent,
    plural,
    t,
    table,
    tr,
    truncate_list,
    upper_first,
    yes_no,
)


def country_summary(dataset: Dataset, country: Country, lang: str, limit: int) -> str:
    name = country.name(lang)
    by_kind: dict[str, list[str]] = defaultdict(list)
    for row in country.goods:
        label = lower_first(row.label(lang))  # ILAB's own good (« palm fruit »), not the commodity sheet's name
        if label not in by_kind[row.kind]:
            by_kind[row.kind].append(label)
    other = ("autres biens", "other goods")
    parts = [
        f"{KIND_SUMMARY_FR[kind] if lang == 'fr' else kind_label(kind, lang)} "
        f"({truncate_list(labels, limit, lang, other)})"
        for kind, labels in sorted(by_kind.items(), key=lambda item: KIND_ORDER[item[0]])
    ]
    if parts:
        text = t(lang, "country_summary.1", name=name, parts=join_words(parts, lang))
    elif country.no_figures:
        text = t(lang, "summary.no_figures", name=name, this=country.this(lang), in_sentence=country.in_sentence(lang))
    else:
        text = t(lang, "country_summary.2", name=name, this=country.this(lang), in_sentence=country.in_sentence(lang))
    share = country.row["working_children_5_14_share"]
    if share:
        text += t(lang, "country_summary.3", share=percent(share, lang), ages=ages(country, lang))
    if country.advancement:
        # ILAB's whole level, its qualifier included (« No Advancement – Efforts Made but Complicit in Forced Child
        # Labor »): the base level alone reads as a plain rating, which the qualifier says it is not.
        text += t(lang, "country_summary.4", advancement_label=advancement_label(country.advancement, lang))
    if not country.assessed:
        text += t(lang, "summary.not_assessed", this=country.this(lang), in_sentence=country.in_sentence(lang))
    # Other names (« Ivory Coast ») are not listed here: they are search keywords, from content/taxonomies.
    return text


def ages(
    country: Country, lang: str, figure: Literal["working", "attendance", "working_and_studying"] = "working"
) -> str:
    """The ages a country's ``figure`` (a field of :class:`app.ilab.indicators.AgeRanges`) covers, as written."""
    low, high = getattr(age_ranges(country.iso2), figure)
    return f"{low} à {high}" if lang == "fr" else f"{low}–{high}"


def goods_section(dataset: Dataset, country: Country, lang: str) -> list[str]:
    lines = ["", t(lang, "goods_section.1"), ""]
    listed = [r for r in country.goods if r.has_finding]
    if not listed:
        lines.append(t(lang, "goods_section.2", this=country.this(lang), in_sentence=country.in_sentence(lang)))
        return lines
    lines.append(
        t(
            lang,
            "goods_section.3",
            listed=plural(len(listed), lang, ("bien", "biens"), ("good", "goods")),
            this=country.this(lang),
            in_sentence=country.in_sentence(lang),
        )
    )
    lines.append("")
    yes, dash = t(lang, "goods_section.4"), "—"
    header = t(lang, "goods_section.5").split("|")
    lines.extend(
        table(
            header,
            (
                [
                    link(upper_first(r.label(lang)), f"commodity-{r.commodity}"),
                    tr(lang, *ILAB_SECTORS[r.ilab_sector]),
                    yes if r.child else dash,
                    yes if r.forced else dash,
                    yes if r.forced_child else dash,
                ]
                for r in listed
            ),
        )
    )
    return lines


def downstream_section(dataset: Dataset, country: Country, lang: str) -> list[str]:
    made_here = [r for r in country.goods if r.downstream]
    used_elsewhere = [r for r in country.used_as_input if r.iso2 != country.iso2]
    if not made_here and not used_elsewhere:
        return []
    lines = [
        "",
        t(lang, "downstream_section.1"),
        "",
    ]
    if made_here:
        lines.append(t(lang, "downstream_section.2", in_sentence=country.in_sentence(lang)))
        lines.append("")
        header = t(lang, "downstream_section.3").split("|")
        rows = []
        for r in made_here:
            assert r.input_iso2
            source = dataset.countries[r.input_iso2]
            origin = source.name(lang) if source is country else link(source.name(lang), source.key)
            rows.append(
                [
                    link(upper_first(r.label(lang)), f"commodity-{r.commodity}"),
                    tr(lang, *ILAB_SECTORS[r.ilab_sector]),
                    origin,
                ]
            )
        lines.extend(table(header, rows))
    if used_elsewhere:
        if made_here:
            lines.append("")
        lines.append(t(lang, "downstream_section.4", in_sentence=country.in_sentence(lang)))
        lines.append("")
        header = t(lang, "downstream_section.5").split("|")
        lines.extend(
            table(
                header,
                (
                    [
                        link(upper_first(r.label(lang)), f"commodity-{r.commodity}"),
                        link(dataset.countries[r.iso2].name(lang), dataset.countries[r.iso2].key),
                    ]
                    for r in used_elsewhere
                ),
            )
        )
    return lines


def working_children_section(country: Country, lang: str) -> list[str]:
    row = country.row
    lines = ["", t(lang, "working_children_section.1"), ""]
    columns = (
        "working_children_5_14_share",
        "working_children_5_14_count",
        "working_children_agriculture_share",
        "working_children_industry_share",
        "working_children_services_share",
        "school_attendance_5_14_share",
        "working_and_studying_7_14_share",
        "primary_completion_rate",
    )
    if not any(row[c] for c in columns):
        lines.append(
            t(lang, "working_children_section.2", this=country.this(lang), in_sentence=country.in_sentence(lang))
        )
        return lines
    na = not_available(lang)
    share, count = row["working_children_5_14_share"], row["working_children_5_14_count"]
    if share and count:
        working = t(lang, "working_children_section.3", share=percent(share, lang), count=number(count, lang))
    elif share:
        working = t(lang, "working_children_section.4", share=percent(share, lang))
    elif count:
        working = t(lang, "working_children_section.5", count=number(count, lang))
    else:
        working = na
    split = [
        (t(lang, "working_children_section.6"), row["working_children_agriculture_share"]),
        (t(lang, "working_children_section.7"), row["working_children_industry_share"]),
        (t(lang, "working_children_section.8"), row["working_children_services_share"]),
    ]
    split_text = (
        ", ".join(f"{label} {percent(v, lang) if v else na}" for label, v in split) if any(v for _, v in split) else na
    )

    def value(column: str) -> str:
        return percent(row[column], lang) if row[column] else na

    items = [
        (t(lang, "working_children_section.9", ages=ages(country, lang)), working),
        (
            t(lang, "working_children_section.10"),
            split_text,
        ),
        (
            t(lang, "working_children_section.11", ages=ages(country, lang, "attendance")),
            value("school_attendance_5_14_share"),
        ),
        (
            t(lang, "working_children_section.12", ages=ages(country, lang, "working_and_studying")),
            value("working_and_studying_7_14_share"),
        ),
        (t(lang, "working_children_section.13"), value("primary_completion_rate")),
    ]
    lines.extend(f"- {label} : {text}" if lang == "fr" else f"- {label}: {text}" for label, text in items)
    # The data hold no survey year, and ILAB repeats a survey's figures until a newer one is analysed (Thailand's 13.0 %
    # of working children, 1,302,267 children, already stood in ILAB's 2014 report): the reader is told where the
    # survey's year is given.
    lines.extend(["", t(lang, "working_children_section.survey_year", this=country.this(lang))])
    completion = row["primary_completion_rate"]
    if completion and Decimal(completion) > 1:
        lines.extend(
            [
                "",
                t(lang, "working_children_section.14"),
            ]
        )
    if country.iso2 in CHECKED_ROWS:
        lines.extend(["", t(lang, f"checked_row.{country.iso2}")])
    return lines


def ratification_section(country: Country, lang: str) -> list[str]:
    row = country.row
    lines = ["", t(lang, "ratification_section.1"), ""]
    if not any(row[instrument.column] for instrument in INSTRUMENTS):
        lines.append(t(lang, "ratification_section.2", this=country.this(lang), in_sentence=country.in_sentence(lang)))
        return lines
    header = t(lang, "ratification_section.3").split("|")
    rows = (
        [
            f"[{tr(lang, instrument.fr, instrument.en)}](crv:{instrument.reference})",
            yes_no(row[instrument.column], lang),
        ]
        for instrument in INSTRUMENTS
    )
    lines.extend(table(header, rows))
    missing = [tr(lang, i.fr_short, i.en_short) for i in INSTRUMENTS if row[i.column] == "false"]
    if missing:
        lines.extend(
            [
                "",
                t(lang, "ratification_section.4", missing=", ".join(missing)),
            ]
        )
    return lines


def legal_gaps(country: Country, lang: str) -> list[str]:
    gaps = []
    for column, fr, en in STANDARDS:
        if country.row[f"law_{column}_meets_intl_standard"] == "false":
            age = country.row[f"law_{column}_age"]
            label = tr(lang, fr, en)
            if age:
                label += t(lang, "legal_gaps.1", age=number(age, lang))
            gaps.append(label)
    return gaps


def legal_section(country: Country, lang: str) -> list[str]:
    row = country.row
    lines = ["", t(lang, "legal_section.1"), ""]
    if not any(row[f"law_{c}_meets_intl_standard"] or row[f"law_{c}_age"] for c, _, _ in STANDARDS):
        lines.append(t(lang, "legal_section.2", this=country.this(lang), in_sentence=country.in_sentence(lang)))
        return lines
    header = t(lang, "legal_section.3").split("|")
    lines.extend(
        table(
            header,
            (
                [
                    upper_first(tr(lang, fr, en)),
                    number(row[f"law_{c}_age"], lang) if row[f"law_{c}_age"] else "—",
                    yes_no(row[f"law_{c}_meets_intl_standard"], lang),
                ]
                for c, fr, en in STANDARDS
            ),
        )
    )
    gaps = legal_gaps(country, lang)
    lines.append("")
    if gaps:
        lines.append(t(lang, "legal_section.4", gaps=" ; ".join(gaps), gaps2="; ".join(gaps)))
    else:
        lines.append(t(lang, "legal_section.5"))
    lines += correction_notes(country, lang, "law_")
    return lines


def correction_notes(country: Country, lang: str, prefix: str) -> list[str]:
    """Under a table: for each corrected column starting with ``prefix``, what ILAB's data hold and the sources."""
    notes = []
    for column in country.corrected:
        if column.startswith(prefix):
            _, _, sources = CORRECTIONS[(country.iso2, column)]
            notes += ["", t(lang, f"correction.{country.iso2}.{column}", **dict(sources))]
    return notes


def enforcement_section(country: Country, lang: str) -> list[str]:
    row = country.row
    lines = ["", t(lang, "enforcement_section.1"), ""]
    labour = (
        ("enforcement_labor_inspectors", "Inspecteurs du travail", "Labour inspectors"),
        ("enforcement_labor_inspections", "Inspections menées", "Inspections carried out"),
        ("enforcement_labor_violations", "Infractions constatées", "Violations found"),
        ("enforcement_labor_penalties_imposed", "Sanctions prononcées", "Penalties imposed"),
        ("enforcement_labor_complaint_mechanism", "Mécanisme de plainte", "Complaint mechanism"),
        (
            "enforcement_labor_unannounced_inspections_permitted",
            "Inspections inopinées autorisées",
            "Unannounced inspections permitted",
        ),
    )
    criminal = (
        ("enforcement_criminal_investigations", "Enquêtes", "Investigations"),
        ("enforcement_criminal_prosecutions", "Poursuites", "Prosecutions"),
        ("enforcement_criminal_convictions", "Condamnations", "Convictions"),
    )
    if not any(row[c] for c, _, _ in (*labour, *criminal)):
        lines.append(t(lang, "enforcement_section.2", this=country.this(lang), in_sentence=country.in_sentence(lang)))
        return lines

    def value(column: str) -> str:
        raw = row[column]
        if raw in ("true", "false"):
            return yes_no(raw, lang)
        return number(raw, lang) if raw else not_available(lang)

    sep = " : " if lang == "fr" else ": "
    lines.append(t(lang, "enforcement_section.3"))
    lines.append("")
    lines.extend(f"- {tr(lang, fr, en)}{sep}{value(c)}" for c, fr, en in labour)
    lines.append("")
    lines.append(t(lang, "enforcement_section.4"))
    lines.append("")
    lines.extend(f"- {tr(lang, fr, en)}{sep}{value(c)}" for c, fr, en in criminal)
    return lines


def advancement_section(country: Country, lang: str) -> list[str]:
    lines = ["", t(lang, "advancement_section.1"), ""]
    level = country.advancement
    if not level:
        lines.append(t(lang, "advancement_section.2", this=country.this(lang), in_sentence=country.in_sentence(lang)))
    else:
        lines.append(t(lang, "advancement_section.3", advancement_label=advancement_label(level, lang), level=level))
    if country.assessed:  # ILAB's page for the country (source_url) now shows a newer edition than the sheet's
        page = country.row["source_url"]
        lines.extend(["", t(lang, "advancement_section.editions", this=country.this(lang), page=page, goods=GOODS_URL)])
    return lines


def enforcement_gaps(country: Country) -> list[str]:
    """What ILAB's enforcement figures lack, in this order: ``complaints`` (no complaint mechanism),
    ``unannounced`` (no unannounced inspections), ``inspections`` (none made), ``penalties`` (violations found,
    no penalty imposed)."""
    row = country.row
    violations, penalties = row["enforcement_labor_violations"], row["enforcement_labor_penalties_imposed"]
    gaps = {
        "complaints": row["enforcement_labor_complaint_mechanism"] == "false",
        "unannounced": row["enforcement_labor_unannounced_inspections_permitted"] == "false",
        "inspections": row["enforcement_labor_inspections"] == "0",
        "penalties": bool(violations) and penalties == "0" and int(violations) > 0,
    }
    return [gap for gap, found in gaps.items() if found]


ENFORCEMENT_SIGNALS = {"complaints": 1, "unannounced": 2, "inspections": 3, "penalties": 4}


def enforcement_signals(country: Country, lang: str) -> list[str]:
    row = country.row
    violations = number(row["enforcement_labor_violations"] or "0", lang)
    signals = [
        t(lang, f"enforcement_signals.{ENFORCEMENT_SIGNALS[gap]}", violations=violations)
        for gap in enforcement_gaps(country)
    ]
    if country.has_findings_data and not any(
        row[c] for c in row if c.startswith("enforcement_labor_") and c != "enforcement_labor_complaint_mechanism"
    ):
        signals.append(t(lang, "enforcement_signals.5"))
    return signals
