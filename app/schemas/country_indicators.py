"""A country's indicators from ILAB's Findings on the Worst Forms of Child Labor (2022), as its country sheet shows
them: school, ratifications, legal framework, enforcement (``CountryFindings.school`` and the three after it)."""

from pydantic import BaseModel, Field

from app.ilab.indicators import Ratification

SOURCE = "ILAB's Findings on the Worst Forms of Child Labor (2022), the country's page (`source`)"
RATIFIED = (
    "`ratified`, `not_ratified`, or `not_applicable` where ILAB's data say N/A (Kosovo and Tokelau for every "
    "instrument, Bhutan and Palestine for the two ILO conventions); null where ILAB records nothing"
)


class AgeRange(BaseModel):
    """The ages a figure covers, both included."""

    min: int = Field(description="Youngest age, in years", examples=[5])
    max: int = Field(description="Oldest age, in years", examples=[14])


class School(BaseModel):
    """Schooling figures of ILAB's page: fractions (0.701 = 70.1 %), null where ILAB says unavailable. The year of
    the survey behind each figure is on ILAB's page, not in its data."""

    ages: AgeRange = Field(
        description="Ages of `attendance_share`: 5–14, except where ILAB's data say otherwise (Egypt: 6–14, "
        "Indonesia: 10–14…); in the CSV, `school_attendance_age_min` and `school_attendance_age_max`"
    )
    attendance_share: float | None = Field(
        description="Children of `ages` attending school, as a fraction; in the CSV, `school_attendance_share`",
        examples=[0.701],
    )
    working_and_studying_share_7_14: float | None = Field(
        description="Children of `working_and_studying_ages` (7–14 for most countries, whence the name) who both "
        "work and attend school, as a fraction",
        examples=[0.218],
    )
    working_and_studying_ages: AgeRange = Field(
        description="Ages of `working_and_studying_share_7_14`: 7–14, except where ILAB's data say otherwise "
        "(Pakistan: 10–14…); in the CSV, `working_and_studying_age_min` and `working_and_studying_age_max`"
    )
    primary_completion_rate: float | None = Field(
        description="Gross primary completion rate, as a fraction: it counts pupils older or younger than the "
        "official age too, so it may exceed 1 (Albania: 1.007)",
        examples=[0.796],
    )


class Ratifications(BaseModel):
    """Whether the country has ratified the international instruments on child labour and trafficking, as ILAB's
    2022 page records it; in the CSV, `ratified_<field>`."""

    ilo_c138: Ratification | None = Field(description=f"ILO Convention 138 (minimum age): {RATIFIED}")
    ilo_c182: Ratification | None = Field(description=f"ILO Convention 182 (worst forms of child labour): {RATIFIED}")
    crc: Ratification | None = Field(description=f"UN Convention on the Rights of the Child: {RATIFIED}")
    crc_op_armed_conflict: Ratification | None = Field(
        description=f"Optional Protocol to the CRC on the involvement of children in armed conflict: {RATIFIED}"
    )
    crc_op_sale_of_children: Ratification | None = Field(
        description="Optional Protocol to the CRC on the sale of children, child prostitution and child "
        f"pornography: {RATIFIED}"
    )
    palermo_protocol: Ratification | None = Field(
        description=f"UN Palermo Protocol on trafficking in persons, especially women and children: {RATIFIED}"
    )


class LawStandard(BaseModel):
    """One legal standard: the age the law sets, if any, and ILAB's assessment against international standards.
    ILAB's data also have an « exists » column, equal to that assessment in every row of 2022 (an age of 18 with
    « exists » false): it is left out, as on the sheets."""

    age: int | float | None = Field(
        description="Age set by the law, in years (17.5 for Christmas Island and the Cocos (Keeling) Islands, as "
        "ILAB's data give it); null where the standard sets no age or ILAB gives none",
        examples=[16],
    )
    meets_international_standard: bool | None = Field(
        description="ILAB finds the law in line with international standards; null where ILAB records nothing"
    )


class LawCorrection(BaseModel):
    """A value of ILAB's data that ILAB's own published report contradicts, corrected as on the country sheet."""

    field: str = Field(description="The corrected field of `laws`", examples=["minimum_work.age"])
    ilab_value: str = Field(description="What ILAB's 2022 data hold", examples=["19"])
    value: str = Field(description="What `laws` and the sheet give", examples=["14"])
    sources: list[str] = Field(description="Addresses of the sources of the corrected value")


class Laws(BaseModel):
    """The legal framework on child labour as ILAB's 2022 page assesses it; in the CSV, `law_<field>_age` and
    `law_<field>_meets_international_standard`."""

    minimum_work: LawStandard = Field(description="Minimum age for work")
    minimum_hazardous_work: LawStandard = Field(description="Minimum age for hazardous work")
    types_hazardous_work: LawStandard = Field(description="List of hazardous work prohibited for children")
    prohibition_forced_labour: LawStandard = Field(description="Prohibition of forced labour")
    prohibition_child_trafficking: LawStandard = Field(description="Prohibition of child trafficking")
    prohibition_commercial_sexual_exploitation: LawStandard = Field(
        description="Prohibition of commercial sexual exploitation of children"
    )
    prohibition_illicit_activities: LawStandard = Field(
        description="Prohibition of using children in illicit activities"
    )
    compulsory_education: LawStandard = Field(description="Compulsory education age")
    free_public_education: LawStandard = Field(description="Free public education")
    corrections: list[LawCorrection] = Field(
        description="Values that differ from ILAB's data, with their sources (Bangladesh's minimum age for work: 19 "
        "in the data, 14 in ILAB's 2021 report and in Bangladesh's ratification of ILO C138); empty elsewhere. In the "
        "CSV, `law_corrections`: the corrected fields, separated by `|`"
    )


class Enforcement(BaseModel):
    """Enforcement of child labour law in 2022, ILAB's reporting year: counts, null where ILAB gives none (unknown
    is not zero)."""

    labour_inspectors: int | None = Field(description="Labour inspectors", examples=[344])
    labour_inspections: int | None = Field(description="Labour inspections carried out", examples=[9471])
    labour_violations: int | None = Field(description="Violations found")
    labour_penalties_imposed: int | None = Field(description="Penalties imposed for those violations")
    complaint_mechanism: bool | None = Field(description="A complaint mechanism exists")
    unannounced_inspections_permitted: bool | None = Field(description="Unannounced inspections are permitted")
    criminal_investigations: int | None = Field(description="Criminal investigations")
    criminal_prosecutions: int | None = Field(description="Criminal prosecutions")
    criminal_convictions: int | None = Field(description="Criminal convictions")


DESCRIPTIONS = {
    "school": f"School attendance and completion, from {SOURCE}; null for a country that report does not cover",
    "ratifications": f"Ratifications of the ILO and UN instruments, from {SOURCE}; null for a country that report "
    "does not cover",
    "laws": f"Legal framework (minimum ages, prohibitions, education), from {SOURCE}; null for a country that report "
    "does not cover",
    "enforcement": f"Labour inspection and criminal law enforcement figures for 2022, from {SOURCE}; null for a "
    "country that report does not cover",
}
