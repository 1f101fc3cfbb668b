"""A researcher comparing countries had to scrape 143 country sheets for ILAB's 2022 indicators (school, ratifications,
legal framework, enforcement): `/v1/findings/countries` gave the advancement level and working children only. The API
now gives them, with the sheets' values (Bangladesh's corrected minimum age, Egypt's ages), null where ILAB has none,
in the JSON, the CSV and the XLSX, every field described."""

import csv
import io
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.ilab.errors import IlabDataError
from app.ilab.indicators import CORRECTIONS
from app.ilab.reader import load_ilab
from app.services.country_indicators import INDICATOR_CSV_COLUMNS
from tests.helpers import ilab_rows

SHEETS = Path(__file__).resolve().parents[2] / "content" / "resources" / "risk-sheets" / "countries"
RATIFICATION_KEYS = {
    "law-ilo-c138": "ilo_c138",
    "law-ilo-c182": "ilo_c182",
    "law-crc": "crc",
    "law-crc-opac": "crc_op_armed_conflict",
    "law-crc-opsc": "crc_op_sale_of_children",
    "law-palermo-protocol": "palermo_protocol",
}
SHEET_RATIFICATIONS = {
    "yes": "ratified",
    "no": "not_ratified",
    "not applicable": "not_applicable",
    "not available": None,
}
LAW_LABELS = {
    "Minimum age for work": "minimum_work",
    "Minimum age for hazardous work": "minimum_hazardous_work",
    "List of hazardous work prohibited for children": "types_hazardous_work",
    "Prohibition of forced labour": "prohibition_forced_labour",
    "Prohibition of child trafficking": "prohibition_child_trafficking",
    "Prohibition of commercial sexual exploitation of children": "prohibition_commercial_sexual_exploitation",
    "Prohibition of using children in illicit activities": "prohibition_illicit_activities",
    "Compulsory education age": "compulsory_education",
    "Free public education": "free_public_education",
}
ENFORCEMENT_LABELS = {
    "Labour inspectors": "labour_inspectors",
    "Inspections carried out": "labour_inspections",
    "Violations found": "labour_violations",
    "Penalties imposed": "labour_penalties_imposed",
    "Complaint mechanism": "complaint_mechanism",
    "Unannounced inspections permitted": "unannounced_inspections_permitted",
    "Investigations": "criminal_investigations",
    "Prosecutions": "criminal_prosecutions",
    "Convictions": "criminal_convictions",
}


def _section(sheet: str, title: str) -> str:
    return sheet.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def _value(text: str) -> Any:
    """A value as the English sheet writes it: « 70.1% » → 0.701, « 9,471 » → 9471, « yes » → True, « — » or « not
    available » → None."""
    text = text.strip()
    if text in ("—", "not available"):
        return None
    if text in ("yes", "no"):
        return text == "yes"
    if text.endswith("%"):
        return Decimal(text[:-1]) / 100
    number = Decimal(text.replace(",", ""))
    return int(number) if number == number.to_integral_value() else number


def _same(api: Any, sheet: Any) -> bool:
    if isinstance(api, float):
        return Decimal(str(api)) == sheet
    return bool(api == sheet) and type(api) is type(sheet)


def sheet_indicators(iso2: str) -> dict[str, Any]:
    """What the generator wrote on a country's English sheet, as the API's fields."""
    sheet = (SHEETS / f"country-{iso2.lower()}.en.md").read_text(encoding="utf-8")
    found: dict[str, Any] = {"school": {}, "ratifications": {}, "laws": {}, "enforcement": {}}
    children = _section(sheet, "Working children")
    working = re.search(r"^- Children aged (\d+)–(\d+) who work: ", children, re.M)
    found["working_children_ages"] = {"min": int(working[1]), "max": int(working[2])} if working else None
    ages = re.search(r"^- School attendance, ages (\d+)–(\d+): (.*)$", children, re.M)
    if ages:
        found["school"]["ages"] = {"min": int(ages[1]), "max": int(ages[2])}
        found["school"]["attendance_share"] = _value(ages[3])
        studying = re.search(r"^- Children aged (\d+)–(\d+) combining work and school: (.*)$", children, re.M)
        completion = re.search(r"^- Primary completion rate: (.*)$", children, re.M)
        assert studying and completion, iso2
        found["school"]["working_and_studying_share_7_14"] = _value(studying[3])
        found["school"]["working_and_studying_ages"] = {"min": int(studying[1]), "max": int(studying[2])}
        found["school"]["primary_completion_rate"] = _value(completion[1])
    for key, text in re.findall(r"^\| \[[^]]+\]\(crv:([a-z0-9-]+)\) \| ([a-z ]+) \|$", sheet, re.M):
        found["ratifications"][RATIFICATION_KEYS[key]] = SHEET_RATIFICATIONS[text]
    for label, age, meets in re.findall(r"^\| ([A-Z][^|]+?) \| ([^|]+) \| (yes|no|not available) \|$", sheet, re.M):
        if label in LAW_LABELS:
            found["laws"][LAW_LABELS[label]] = {"age": _value(age), "meets_international_standard": _value(meets)}
    for label, text in re.findall(r"^- ([A-Z][a-z ]+): (.*)$", _section(sheet, "Enforcement"), re.M):
        found["enforcement"][ENFORCEMENT_LABELS[label]] = _value(text)
    return found


def test_cote_d_ivoire_s_indicators_are_those_of_its_sheet(client: TestClient) -> None:
    """/en/resources/cote-d-ivoire shows them; the API gives the same values, typed."""
    ci = client.get("/v1/findings/countries/CI").json()
    assert ci["school"] == {
        "ages": {"min": 5, "max": 14},
        "attendance_share": 0.701,
        "working_and_studying_share_7_14": 0.218,
        "working_and_studying_ages": {"min": 7, "max": 14},
        "primary_completion_rate": 0.796,
    }
    assert set(ci["ratifications"].values()) == {"ratified"} and len(ci["ratifications"]) == 6
    laws = ci["laws"]
    assert laws["minimum_work"] == {"age": 16, "meets_international_standard": True}
    assert laws["minimum_hazardous_work"]["age"] == 18 and laws["compulsory_education"]["age"] == 16
    assert laws["free_public_education"] == {"age": None, "meets_international_standard": True}
    assert laws["corrections"] == []
    assert ci["enforcement"] == {
        "labour_inspectors": 344,
        "labour_inspections": 9471,
        "labour_violations": 0,  # ILAB's zero stays a zero…
        "labour_penalties_imposed": None,  # …and what ILAB does not give is null, not 0
        "complaint_mechanism": True,
        "unannounced_inspections_permitted": True,
        "criminal_investigations": 832,
        "criminal_prosecutions": 587,
        "criminal_convictions": 392,
    }
    sheet = sheet_indicators("CI")
    assert sheet["school"] == ci["school"] | {"attendance_share": Decimal("0.701")} | {
        "working_and_studying_share_7_14": Decimal("0.218"),
        "primary_completion_rate": Decimal("0.796"),
    }
    assert sheet["enforcement"] == ci["enforcement"]


def test_every_country_s_indicators_agree_with_what_the_generator_wrote(client: TestClient) -> None:
    """Each of the 131 countries ILAB's Findings cover: every value the sheet shows is the API's, Bangladesh's
    corrected minimum age (14, not the data's 19) and Egypt's ages (6–14) included."""
    countries = [c for c in client.get("/v1/findings/countries").json()["countries"] if c["in_findings_report"]]
    assert len(countries) == 131
    for country in countries:
        code = country["country"]["code"]
        sheet = sheet_indicators(code)
        for group in ("school", "ratifications", "enforcement"):
            api = country[group]
            if not sheet[group]:  # « Not available: ILAB's 2022 data gives no … »
                assert all(value is None for key, value in api.items() if not key.endswith("ages")), (code, group)
                continue
            assert sheet[group].keys() == api.keys(), (code, group)
            for key, value in sheet[group].items():
                assert value == api[key] if isinstance(value, dict) else _same(api[key], value), (code, group, key)
        if sheet["working_children_ages"]:
            assert country["working_children"]["ages"] == sheet["working_children_ages"], code
        laws = country["laws"]
        if not sheet["laws"]:
            assert all(
                laws[name] == {"age": None, "meets_international_standard": None} for name in LAW_LABELS.values()
            )
        for name, standard in sheet["laws"].items():
            assert _same(laws[name]["age"], standard["age"]), (code, name)
            assert laws[name]["meets_international_standard"] is standard["meets_international_standard"], (code, name)
    bangladesh = client.get("/v1/findings/countries/BD").json()
    assert bangladesh["laws"]["minimum_work"] == {"age": 14, "meets_international_standard": False}
    assert next(r for r in ilab_rows("countries.csv") if r["iso2"] == "BD")["law_minimum_work_age"] == "19"
    (correction,) = bangladesh["laws"]["corrections"]
    assert (correction["field"], correction["ilab_value"], correction["value"]) == ("minimum_work.age", "19", "14")
    assert correction["sources"] == [url for _, url in CORRECTIONS[("BD", "law_minimum_work_age")][2]]
    egypt = client.get("/v1/findings/countries/EG").json()
    assert egypt["school"]["ages"] == egypt["working_children"]["ages"] == {"min": 6, "max": 14}
    assert client.get("/v1/findings/countries/GH").json()["working_children"]["ages"] == {"min": 5, "max": 14}
    # Each figure its own ages, as ILAB's data give them: Morocco's survey counts working children from 10, its
    # school attendance from 6.
    morocco = client.get("/v1/findings/countries/MA").json()
    assert (
        morocco["working_children"]["ages"] == morocco["school"]["working_and_studying_ages"] == {"min": 10, "max": 14}
    )
    assert morocco["school"]["ages"] == {"min": 6, "max": 14}
    christmas = client.get("/v1/findings/countries/CX").json()
    assert christmas["laws"]["minimum_work"]["age"] == 17.5
    bhutan = client.get("/v1/findings/countries/BT").json()["ratifications"]
    assert (bhutan["ilo_c138"], bhutan["crc"]) == ("not_applicable", "ratified")


def test_a_country_without_data_gives_nulls_not_zeros(client: TestClient) -> None:
    """France (outside ILAB's reports) and China (only on the List of Goods): no group at all; Afghanistan, covered
    but without enforcement figures: null counts, and empty cells in the CSV, never 0."""
    for code in ("FR", "CN"):
        country = client.get(f"/v1/findings/countries/{code}").json()
        assert [country[group] for group in ("school", "ratifications", "laws", "enforcement")] == [None] * 4, code
    afghanistan = client.get("/v1/findings/countries/AF").json()
    assert set(afghanistan["enforcement"].values()) == {None}
    assert afghanistan["school"]["attendance_share"] == 0.364
    rows = _countries_csv(client)
    for code in ("FR", "CN", "AF"):
        assert {rows[code][f"enforcement_{name}"] for name in ENFORCEMENT_LABELS.values()} == {""}, code
    assert rows["FR"]["school_attendance_share"] == rows["FR"]["ratified_ilo_c138"] == ""
    assert rows["CN"]["law_minimum_work_age"] == rows["CN"]["law_corrections"] == ""


def _countries_csv(client: TestClient) -> dict[str, dict[str, str]]:
    response = client.get("/v1/findings/countries", params={"format": "csv"})
    return {row["country_code"]: row for row in csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))}


def test_the_countries_csv_ends_with_the_indicators(client: TestClient) -> None:
    """New columns at the end (a consumer reading by position keeps working), the JSON's values in them."""
    response = client.get("/v1/findings/countries", params={"format": "csv"})
    header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header[-len(INDICATOR_CSV_COLUMNS) :] == list(INDICATOR_CSV_COLUMNS)
    assert header[: header.index("exploited_inputs_en") + 1][-4:] == [
        "in_findings_report",
        "goods_made_with_exploited_inputs",
        "exploited_inputs_fr",
        "exploited_inputs_en",
    ]
    rows = _countries_csv(client)
    ci = rows["CI"]
    assert (ci["school_attendance_share"], ci["school_attendance_age_min"], ci["school_attendance_age_max"]) == (
        "0.701",
        "5",
        "14",
    )
    assert (ci["ratified_ilo_c182"], ci["ratified_palermo_protocol"]) == ("ratified", "ratified")
    assert (ci["law_minimum_work_age"], ci["law_minimum_work_meets_international_standard"]) == ("16", "true")
    assert (ci["enforcement_labour_inspections"], ci["enforcement_labour_violations"]) == ("9471", "0")
    assert (ci["enforcement_labour_penalties_imposed"], ci["enforcement_complaint_mechanism"]) == ("", "true")
    assert (rows["BD"]["law_minimum_work_age"], rows["BD"]["law_corrections"]) == ("14", "minimum_work.age")
    assert (rows["EG"]["working_children_age_min"], rows["EG"]["school_attendance_age_min"]) == ("6", "6")
    assert (rows["PK"]["working_and_studying_age_min"], rows["CI"]["working_and_studying_age_min"]) == ("10", "7")
    assert rows["BT"]["ratified_ilo_c138"] == "not_applicable" and rows["CX"]["law_minimum_work_age"] == "17.5"


def test_the_openapi_describes_the_indicators(client: TestClient) -> None:
    """Each group and each of its fields says what it holds (units, year, source)."""
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    country = schemas["CountryFindings"]["properties"]
    for group in ("school", "ratifications", "laws", "enforcement"):
        assert "ILAB's Findings on the Worst Forms of Child Labor (2022)" in country[group]["description"], group
    assert "2022" in country["enforcement"]["description"]
    for name in ("School", "Ratifications", "Laws", "LawStandard", "LawCorrection", "Enforcement", "AgeRange"):
        undescribed = [field for field, spec in schemas[name]["properties"].items() if not spec.get("description")]
        assert undescribed == [], name
    assert "fraction" in schemas["School"]["properties"]["attendance_share"]["description"]
    assert "may exceed 1" in schemas["School"]["properties"]["primary_completion_rate"]["description"]
    assert "years" in schemas["LawStandard"]["properties"]["age"]["description"]
    assert "Egypt: 6–14" in schemas["WorkingChildren"]["properties"]["ages"]["description"]


def test_a_correction_the_data_no_longer_need_stops_the_reader(tmp_path: Path) -> None:
    """The API applies the sheets' corrections with the same function: data that no longer hold Bangladesh's 19
    stop the reader, as they stop the generator, instead of serving a stale correction."""
    rows = ilab_rows("countries.csv")
    for row in rows:
        if row["iso2"] == "BD":
            row["law_minimum_work_age"] = "14"
    with (tmp_path / "countries.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    (tmp_path / "country_goods.csv").write_text(
        (Path(__file__).resolve().parents[2] / "data" / "ilab-2022" / "country_goods.csv").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    with pytest.raises(IlabDataError, match=r"law_minimum_work_age.*CORRECTIONS"):
        load_ilab(tmp_path)
