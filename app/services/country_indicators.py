"""A country's ILAB indicators for the findings API: school, ratifications, legal framework, enforcement.

- ``indicators(facts) -> dict``: the four groups of :class:`~app.schemas.findings.CountryFindings` (``school``,
  ``ratifications``, ``laws``, ``enforcement``), each ``None`` for a country ILAB's Findings do not cover (outside
  ILAB's reports, or only on its List of Goods); drawn from :class:`~app.ilab.reader.CountryFacts`, whose values are
  those of the country sheets (:mod:`app.ilab.indicators`: Bangladesh's corrected minimum age, Egypt's ages).
- ``age_range(ages)``: an :class:`AgeRange` from a ``(min, max)`` pair.
- ``INDICATOR_CSV_COLUMNS`` and ``indicator_cells(country)``: the same as columns of the countries' CSV and XLSX, at
  their end; empty cells where the API has null (never 0), ratifications as their JSON value, booleans as
  ``true``/``false``.
"""

from typing import Any

from app.ilab import indicators as ilab
from app.ilab.reader import CountryFacts
from app.schemas.country_indicators import (
    AgeRange,
    Enforcement,
    LawCorrection,
    Laws,
    LawStandard,
    Ratifications,
    School,
)
from app.schemas.findings import CountryFindings
from app.services.tabular import Cell

# Field of ``Laws`` → the standard's name in ILAB's columns (law_<standard>_…).
LAW_FIELDS = {
    "minimum_work": "minimum_work",
    "minimum_hazardous_work": "minimum_hazardous_work",
    "types_hazardous_work": "types_hazardous_work",
    "prohibition_forced_labour": "prohibition_forced_labor",
    "prohibition_child_trafficking": "prohibition_child_trafficking",
    "prohibition_commercial_sexual_exploitation": "prohibition_csec",
    "prohibition_illicit_activities": "prohibition_illicit_activities",
    "compulsory_education": "compulsory_education",
    "free_public_education": "free_public_education",
}
RATIFICATION_FIELDS = tuple(Ratifications.model_fields)
ENFORCEMENT_FIELDS = tuple(Enforcement.model_fields)
INDICATOR_CSV_COLUMNS = (
    "working_children_age_min",
    "working_children_age_max",
    "school_attendance_share",
    "school_attendance_age_min",
    "school_attendance_age_max",
    "working_and_studying_share_7_14",
    "working_and_studying_age_min",
    "working_and_studying_age_max",
    "primary_completion_rate",
    *(f"ratified_{name}" for name in RATIFICATION_FIELDS),
    *(f"law_{name}_{part}" for name in LAW_FIELDS for part in ("age", "meets_international_standard")),
    "law_corrections",
    *(f"enforcement_{name}" for name in ENFORCEMENT_FIELDS),
)


def age_range(ages: tuple[int, int]) -> AgeRange:
    return AgeRange(min=ages[0], max=ages[1])


def _law_field(column: str) -> str:
    """« law_minimum_work_age » → « minimum_work.age »: the field of ``laws`` a corrected column sets."""
    for name, standard in LAW_FIELDS.items():
        for part, field in (("age", "age"), ("meets_intl_standard", "meets_international_standard")):
            if column == f"law_{standard}_{part}":
                return f"{name}.{field}"
    return column


def _laws(facts: CountryFacts) -> Laws:
    standards: dict[str, Any] = {
        name: LawStandard(
            age=facts.laws.standards[standard].age,
            meets_international_standard=facts.laws.standards[standard].meets_international_standard,
        )
        for name, standard in LAW_FIELDS.items()
    }
    corrections = []
    for column in facts.laws.corrected:
        found, value, sources = ilab.CORRECTIONS[(facts.iso2, column)]
        corrections.append(
            LawCorrection(field=_law_field(column), ilab_value=found, value=value, sources=[url for _, url in sources])
        )
    return Laws(**standards, corrections=corrections)


def indicators(facts: CountryFacts | None) -> dict[str, Any]:
    """The keyword arguments ``school``, ``ratifications``, ``laws`` and ``enforcement`` of a country's findings."""
    if facts is None or not facts.in_findings_report:
        return dict.fromkeys(("school", "ratifications", "laws", "enforcement"))
    school = facts.school
    ratified = facts.ratifications
    enforced = facts.enforcement
    return {
        "school": School(
            ages=age_range(school.ages),
            attendance_share=school.attendance_share,
            working_and_studying_share_7_14=school.working_and_studying_share,
            working_and_studying_ages=age_range(school.working_and_studying_ages),
            primary_completion_rate=school.primary_completion_rate,
        ),
        "ratifications": Ratifications(**{name: getattr(ratified, name) for name in RATIFICATION_FIELDS}),
        "laws": _laws(facts),
        "enforcement": Enforcement(**{name: getattr(enforced, name) for name in ENFORCEMENT_FIELDS}),
    }


def _cell(value: object) -> Cell:
    """A value as a cell: empty for null, ``true``/``false`` for a boolean, the text of an enumeration."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return int(value)  # « 1 », as the XLSX reads its number back, not « 1.0 » (Cabo Verde's completion rate)
    if isinstance(value, int | float):
        return value
    return str(value)


def indicator_cells(country: CountryFindings) -> list[Cell]:
    """The cells of :data:`INDICATOR_CSV_COLUMNS` for one country."""
    children, school, laws = country.working_children, country.school, country.laws
    ratified, enforced = country.ratifications, country.enforcement
    standards = [getattr(laws, name) if laws else None for name in LAW_FIELDS]
    return [
        _cell(children.ages.min if children else None),
        _cell(children.ages.max if children else None),
        _cell(school.attendance_share if school else None),
        _cell(school.ages.min if school else None),
        _cell(school.ages.max if school else None),
        _cell(school.working_and_studying_share_7_14 if school else None),
        _cell(school.working_and_studying_ages.min if school else None),
        _cell(school.working_and_studying_ages.max if school else None),
        _cell(school.primary_completion_rate if school else None),
        *(_cell(getattr(ratified, name) if ratified else None) for name in RATIFICATION_FIELDS),
        *(
            _cell(part)
            for standard in standards
            for part in ((standard.age, standard.meets_international_standard) if standard else (None, None))
        ),
        "|".join(correction.field for correction in laws.corrections) if laws else "",
        *(_cell(getattr(enforced, name) if enforced else None) for name in ENFORCEMENT_FIELDS),
    ]
