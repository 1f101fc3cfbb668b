"""ILAB's 2022 country indicators beyond the working children: school, ratifications, legal framework, enforcement.

One reading of ``countries.csv`` for the findings API (:mod:`app.ilab.reader`) and for the risk sheets' generator
(``scripts/ilab_sheets``), so that both say the same:

- :data:`CORRECTIONS` and :func:`apply_corrections`: the values ILAB's own published report contradicts, set on the
  CSV's rows before anything reads them (Bangladesh's minimum age for work: 19 in the data, 14 shown); a data set
  that no longer holds the corrected value raises :class:`IlabDataError`, so that a stale note is never shown;
- :data:`AGE_RANGES` and :func:`age_ranges`: the ages each figure covers (working children 5–14, school attendance
  5–14, working and studying 7–14) except where ILAB's data say otherwise (Egypt: 6–14, Pakistan: 10–14…);
- :func:`school`, :func:`ratifications`, :func:`laws`, :func:`enforcement`: a corrected row's columns as typed
  values, ``None`` where the CSV is empty (ILAB: unavailable), never 0.
"""

from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from enum import StrEnum

from app.ilab.errors import IlabDataError


@dataclass(frozen=True, slots=True)
class AgeRanges:
    """The ages, both included, that each of a country's figures covers."""

    working: tuple[int, int] = (5, 14)  # working children (share, count, split by sector)
    attendance: tuple[int, int] = (5, 14)  # school attendance
    working_and_studying: tuple[int, int] = (7, 14)  # children who work and go to school


# The countries whose figures cover other ages than the usual ones: ILAB's 2022 data give each figure's own range
# (the Sweat & Toil app's "Child Labor/countries_2016.xml" of github.com/USDepartmentofLabor/Child-Labor at commit
# 48678c8e66b96c7b9070c631c1c9cb832c42ed51, elements Age_Range of Children_Work_Statistics,
# Education_Statistics_Attendance_Statistics and Children_Working_and_Studying_7-14_yrs_old), which countries.csv
# drops. The surveys behind them differ: Pakistan's Labour Force Survey asks from age 10, Egypt's analysis from 6.
_TEN_TO_FOURTEEN = AgeRanges(working=(10, 14), attendance=(10, 14), working_and_studying=(10, 14))
_SEVEN_TO_FOURTEEN = AgeRanges(working=(7, 14), attendance=(7, 14))
AGE_RANGES = {
    "AZ": AgeRanges(attendance=(6, 14)),
    "BF": AgeRanges(working=(10, 14)),
    "BO": _SEVEN_TO_FOURTEEN,
    "CV": AgeRanges(working=(10, 14), working_and_studying=(10, 14)),
    "EG": AgeRanges(working=(6, 14), attendance=(6, 14)),
    "ET": _SEVEN_TO_FOURTEEN,
    "GT": _SEVEN_TO_FOURTEEN,
    "ID": _TEN_TO_FOURTEEN,
    "MA": AgeRanges(working=(10, 14), attendance=(6, 14), working_and_studying=(10, 14)),
    "NE": AgeRanges(attendance=(7, 14)),
    "NI": _TEN_TO_FOURTEEN,
    "NU": AgeRanges(attendance=(7, 14)),
    "PK": _TEN_TO_FOURTEEN,
    "PY": _TEN_TO_FOURTEEN,
    "RW": AgeRanges(working=(6, 14), attendance=(6, 14)),
    "SS": AgeRanges(working=(10, 14), attendance=(6, 14), working_and_studying=(10, 14)),
}

# Values of countries.csv that ILAB's own published report contradicts, corrected with their sources:
# (iso2, column) -> (value in the CSV, value shown, sources as (template key, url)). The sheet shows the corrected
# value, says under the table what ILAB's data hold and why the sheet differs (template correction.<iso2>.<column>,
# with each source's url as the placeholder named by its key) and lists the sources (template
# other_source.<key>.title); the API gives the corrected value and the correction (``laws.corrections``). The CSV
# value is checked when the data is loaded: a data set that no longer holds it stops the run, so that a stale note is
# never shown.
# Bangladesh: ILAB's 2022 data give 19 as the minimum age for work (the Sweat & Toil app's own data, file
# "Child Labor/countries_2016.xml" of github.com/USDepartmentofLabor/Child-Labor, hold 19 since the 2022 update, 14
# before), while ILAB's 2021 report gives 14 (sections 1-2 and 34 of the Bangladesh Labour Act), Bangladesh specified
# 14 when it ratified ILO Convention 138 in March 2022, and ILAB's 2022 summary and suggested actions mention no change
# of that age. The other ages outside 12-18 were checked against ILAB's 2021 reports, which print the same values
# (Zambia, hazardous work: 19, article 83 of the Employment Code Act; Benin and Burma, compulsory education: 11 and
# 10, ages ILAB calculated): they are what ILAB published and are shown as they are.
CORRECTIONS: dict[tuple[str, str], tuple[str, str, tuple[tuple[str, str], ...]]] = {
    ("BD", "law_minimum_work_age"): (
        "19",
        "14",
        (
            (
                "bd_minimum_age_ilab_2021",
                "https://github.com/USDepartmentofLabor/Child-Labor/blob/bb35965ac689c69a8bf9602f1d2fc0e750f7e590/"
                "Child%20Labor/Bangladesh.pdf",
            ),
            (
                "bd_c138_minimum_age",
                "https://www.business-humanrights.org/en/latest-news/bangladesh-bangladesh-ratifies-ilo-minimum-wage-convention/",
            ),
        ),
    ),
}
# The legal standards ILAB assesses, by the middle of their columns (law_<standard>_{exists,age,meets_intl_standard}).
STANDARDS = (
    "minimum_work",
    "minimum_hazardous_work",
    "types_hazardous_work",
    "prohibition_forced_labor",
    "prohibition_child_trafficking",
    "prohibition_csec",
    "prohibition_illicit_activities",
    "compulsory_education",
    "free_public_education",
)


def age_ranges(iso2: str) -> AgeRanges:
    """The ages each of a country's figures covers: the usual ones unless ILAB's data say otherwise
    (:data:`AGE_RANGES`)."""
    return AGE_RANGES.get(iso2, AgeRanges())


def apply_corrections(rows: Mapping[str, MutableMapping[str, str]]) -> dict[str, tuple[str, ...]]:
    """Set the values of :data:`CORRECTIONS` on ``rows`` (by ISO code), each only where the CSV still holds the value
    it corrects; the corrected columns per country. A country or value that no longer matches raises."""
    corrected: dict[str, list[str]] = {}
    for (iso2, column), (found, value, _) in CORRECTIONS.items():
        row = rows.get(iso2)
        if row is None:
            raise IlabDataError(f"{iso2}: not in countries.csv: review CORRECTIONS (app/ilab/indicators.py)")
        if row[column] != found:
            raise IlabDataError(
                f"{iso2}: {column} is {row[column]!r}, not {found!r}: review CORRECTIONS (app/ilab/indicators.py)"
            )
        row[column] = value
        corrected.setdefault(iso2, []).append(column)
    return {iso2: tuple(columns) for iso2, columns in corrected.items()}


class Ratification(StrEnum):
    """A ratification as ILAB records it; ``not_applicable`` for ILAB's "N/A" (Kosovo and Tokelau for every
    instrument, Bhutan and Palestine for the two ILO conventions)."""

    ratified = "ratified"
    not_ratified = "not_ratified"
    not_applicable = "not_applicable"


RATIFICATION_VALUES = {
    "true": Ratification.ratified,
    "false": Ratification.not_ratified,
    "N/A": Ratification.not_applicable,
}


@dataclass(frozen=True, slots=True)
class School:
    ages: tuple[int, int]  # of attendance_share
    attendance_share: float | None  # children attending school, as a fraction
    working_and_studying_ages: tuple[int, int]  # of working_and_studying_share
    working_and_studying_share: float | None  # children who work and go to school, as a fraction
    primary_completion_rate: float | None  # gross rate, may exceed 1


@dataclass(frozen=True, slots=True)
class Ratifications:
    ilo_c138: Ratification | None
    ilo_c182: Ratification | None
    crc: Ratification | None
    crc_op_armed_conflict: Ratification | None
    crc_op_sale_of_children: Ratification | None
    palermo_protocol: Ratification | None


@dataclass(frozen=True, slots=True)
class LawStandard:
    # years; 17.5 for Christmas Island and the Cocos (Keeling) Islands, as ILAB's data give it
    age: int | float | None
    meets_international_standard: bool | None


@dataclass(frozen=True, slots=True)
class Laws:
    standards: Mapping[str, LawStandard]  # by STANDARDS
    corrected: tuple[str, ...]  # columns of countries.csv set from CORRECTIONS


@dataclass(frozen=True, slots=True)
class Enforcement:
    labour_inspectors: int | None
    labour_inspections: int | None
    labour_violations: int | None
    labour_penalties_imposed: int | None
    complaint_mechanism: bool | None
    unannounced_inspections_permitted: bool | None
    criminal_investigations: int | None
    criminal_prosecutions: int | None
    criminal_convictions: int | None


def _where(row: Mapping[str, str], column: str) -> str:
    return f"countries.csv {row['iso2']}: {column}"


def _share(row: Mapping[str, str], column: str) -> float | None:
    value = row[column]
    try:
        return float(value) if value else None
    except ValueError:
        raise IlabDataError(f"{_where(row, column)} must be a number, not {value!r}") from None


def _count(row: Mapping[str, str], column: str) -> int | None:
    value = row[column]
    if value and not value.isdigit():
        raise IlabDataError(f"{_where(row, column)} must be a whole number, not {value!r}")
    return int(value) if value else None


def _age(row: Mapping[str, str], column: str) -> int | float | None:
    share = _share(row, column)
    if share is None:
        return None
    return int(share) if share.is_integer() else share


def _yes_no(row: Mapping[str, str], column: str) -> bool | None:
    value = row[column]
    if value not in ("true", "false", ""):
        raise IlabDataError(f"{_where(row, column)} must be true, false or empty, not {value!r}")
    return None if not value else value == "true"


def _ratification(row: Mapping[str, str], column: str) -> Ratification | None:
    value = row[column]
    if value and value not in RATIFICATION_VALUES:
        raise IlabDataError(f"{_where(row, column)} must be true, false, N/A or empty, not {value!r}")
    return RATIFICATION_VALUES[value] if value else None


def school(row: Mapping[str, str]) -> School:
    ranges = age_ranges(row["iso2"])
    return School(
        ages=ranges.attendance,
        working_and_studying_ages=ranges.working_and_studying,
        attendance_share=_share(row, "school_attendance_5_14_share"),
        working_and_studying_share=_share(row, "working_and_studying_7_14_share"),
        primary_completion_rate=_share(row, "primary_completion_rate"),
    )


def ratifications(row: Mapping[str, str]) -> Ratifications:
    return Ratifications(
        ilo_c138=_ratification(row, "ratified_c138"),
        ilo_c182=_ratification(row, "ratified_c182"),
        crc=_ratification(row, "ratified_crc"),
        crc_op_armed_conflict=_ratification(row, "ratified_crc_op_armed_conflict"),
        crc_op_sale_of_children=_ratification(row, "ratified_crc_op_sale_sexual_exploitation"),
        palermo_protocol=_ratification(row, "ratified_palermo_protocol"),
    )


def laws(row: Mapping[str, str], corrected: tuple[str, ...] = ()) -> Laws:
    """The legal standards of a corrected row. ILAB's ``law_*_exists`` equals ``law_*_meets_intl_standard`` in every
    row of the 2022 data (an age of 18 with ``exists=false``): only the age and the assessment are read, as the sheets
    show them."""
    for standard in STANDARDS:
        exists, meets = f"law_{standard}_exists", f"law_{standard}_meets_intl_standard"
        if row[exists] != row[meets]:
            raise IlabDataError(f"{_where(row, exists)} differs from {meets}: read it in app/ilab/indicators.py")
    standards = {
        standard: LawStandard(
            age=_age(row, f"law_{standard}_age"),
            meets_international_standard=_yes_no(row, f"law_{standard}_meets_intl_standard"),
        )
        for standard in STANDARDS
    }
    return Laws(standards=standards, corrected=tuple(c for c in corrected if c.startswith("law_")))


def enforcement(row: Mapping[str, str]) -> Enforcement:
    return Enforcement(
        labour_inspectors=_count(row, "enforcement_labor_inspectors"),
        labour_inspections=_count(row, "enforcement_labor_inspections"),
        labour_violations=_count(row, "enforcement_labor_violations"),
        labour_penalties_imposed=_count(row, "enforcement_labor_penalties_imposed"),
        complaint_mechanism=_yes_no(row, "enforcement_labor_complaint_mechanism"),
        unannounced_inspections_permitted=_yes_no(row, "enforcement_labor_unannounced_inspections_permitted"),
        criminal_investigations=_count(row, "enforcement_criminal_investigations"),
        criminal_prosecutions=_count(row, "enforcement_criminal_prosecutions"),
        criminal_convictions=_count(row, "enforcement_criminal_convictions"),
    )
