"""The findings catalogue against data/ilab-2022/, read here independently with the csv module."""

import csv
import re

import pytest

from app.errors import InvalidParameters
from app.ilab.goods import GOODS
from app.services.findings import FindingsCatalogue, rows_csv, upper_first
from app.services.tabular import neutralise
from tests.helpers import CONTENT, ilab_rows

COMMODITY_SHEETS = CONTENT / "resources" / "risk-sheets" / "commodities"


def raw_goods() -> list[dict[str, str]]:
    return ilab_rows("country_goods.csv")


def raw_countries() -> dict[str, dict[str, str]]:
    return {row["iso2"]: row for row in ilab_rows("countries.csv")}


def test_every_row_of_the_list_of_goods_is_a_finding_row(catalogue: FindingsCatalogue) -> None:
    raw = raw_goods()
    assert len(catalogue.rows) == len(raw) == 467
    for source, row in zip(raw, catalogue.rows, strict=True):
        assert row.country.code == source["iso2"]
        assert row.child_labour == (source["child_labor"] == "true")
        assert row.forced_labour == (source["forced_labor"] == "true")
        assert row.forced_child_labour == (source["forced_child_labor"] == "true")
        assert row.made_with_exploited_inputs == (source["made_with_exploited_inputs"] == "true")
        assert row.source.vintage == "2022"
        assert row.source.url == "https://www.dol.gov/agencies/ilab/reports/child-labor/list-of-goods"


def test_goods_map_onto_the_commodity_sheets_that_list_them() -> None:
    """app/ilab/goods.py is a copy of the generator's table: each (country, good) sits in its commodity's sheet."""
    for source in raw_goods():
        code, _, english = GOODS[source["good_en"]]
        sheet = (COMMODITY_SHEETS / f"commodity-{code}.en.md").read_text(encoding="utf-8")
        pattern = rf"\(crv:country-{source['iso2'].lower()}\) \| {re.escape(upper_first(english))} \|"
        assert re.search(pattern, sheet), f"{source['iso2']} {source['good_en']} not in commodity-{code}"


def test_brazil_cocoa_is_child_labour_only(catalogue: FindingsCatalogue) -> None:
    (row,) = catalogue.pair("BR", "cocoa")
    assert row.findings == ["child_labour"]
    assert not row.forced_labour
    (ci,) = catalogue.pair("CI", "cocoa")
    assert ci.findings == ["forced_child_labour", "forced_labour", "child_labour"]
    assert (
        ci.country_sheet is not None and ci.country_sheet.page_url.fr == "http://crv.test/fr/ressources/cote-d-ivoire"
    )
    assert ci.commodity_sheet is not None and ci.commodity_sheet.api_url.en.endswith("/v1/resources/commodity-cocoa.en")
    assert ci.commodity.labels.fr == "Cacao" and ci.country.labels.en == "Côte d'Ivoire"


def test_country_status_is_its_most_serious_finding(catalogue: FindingsCatalogue) -> None:
    countries = raw_countries()
    expected: dict[str, str] = {}
    for source in raw_goods():
        flags = [
            ("forced_child_labour", source["forced_child_labor"]),
            ("forced_labour", source["forced_labor"]),
            ("child_labour", source["child_labor"]),
        ]
        order = ["forced_child_labour", "forced_labour", "child_labour", "assessed_without_finding"]
        found = next((name for name, flag in flags if flag == "true"), "assessed_without_finding")
        current = expected.get(source["iso2"], "assessed_without_finding")
        expected[source["iso2"]] = min(current, found, key=order.index)
    for iso2 in countries:
        assert catalogue.country(iso2).status == expected.get(iso2, "assessed_without_finding"), iso2
        assert catalogue.country(iso2).assessed
    france = catalogue.country("FR")
    assert france.status == "not_assessed" and not france.assessed and france.source is None
    assert france.status_labels.fr == "Non évalué par l’ILAB"
    assert catalogue.country("AL").status == "assessed_without_finding"
    assert len(catalogue.countries()) >= 249


def test_country_indicators_and_exploited_inputs(catalogue: FindingsCatalogue) -> None:
    ci = catalogue.country("ci")
    assert ci.advancement is not None and ci.advancement.labels.fr == "Progrès significatifs"
    assert ci.working_children is not None and ci.working_children.share_5_14 == pytest.approx(0.256)
    assert ci.source is not None and ci.source.url.endswith("/cote-divoire")
    drc = catalogue.country("CD")
    assert [(e.country.code, e.good.ilab) for e in drc.exploited_inputs] == [("CN", "Lithium-Ion Batteries")]
    minimal = next(c for c in catalogue.countries() if c.advancement and " – " in c.advancement.ilab)
    assert minimal.advancement is not None and "efforts réels" in minimal.advancement.labels.fr


def test_filters_and_or(catalogue: FindingsCatalogue) -> None:
    cocoa = catalogue.find(good=["cocoa"])
    assert {r.country.code for r in cocoa} == {"BR", "CI", "CM", "GH", "GN", "NG", "SL"}
    forced = catalogue.find(good=["cocoa"], finding=["forced_labour"])
    assert {r.country.code for r in forced} == {"CI", "NG"}
    textiles = catalogue.find(good=["textiles"], country=["BD", "IN"])
    assert textiles and all(r.commodity.group == "textiles" for r in textiles)
    inputs = catalogue.find(finding=["exploited_inputs"])
    assert len(inputs) == 10 and all(r.input_source_country for r in inputs)
    africa = catalogue.find(region=["sub-saharan-africa"], good=["gold"])
    assert africa and all(r.region.code == "sub-saharan-africa" for r in africa)


def test_unknown_filter_values_name_their_field(catalogue: FindingsCatalogue) -> None:
    with pytest.raises(InvalidParameters) as caught:
        catalogue.find(country=["ZZ"], good=["unobtainium"], finding=["slavery"], region=["mars"])
    fields = [e.field for e in caught.value.errors or []]
    assert fields == ["country", "good", "region", "finding"]


def test_csv_rows_and_formula_neutralisation(catalogue: FindingsCatalogue) -> None:
    text = rows_csv(catalogue.find(country=["CI"]))
    rows = list(csv.DictReader(text.splitlines()))
    assert [r["good_ilab"] for r in rows] == ["Cocoa", "Coffee"]
    assert rows[0]["country_sheet_en"] == "http://crv.test/en/resources/cote-d-ivoire"
    assert rows[0]["forced_child_labour"] == "true" and rows[0]["vintage"] == "2022"
    for value in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(value) == "'" + value
    assert neutralise("cocoa") == "cocoa"
