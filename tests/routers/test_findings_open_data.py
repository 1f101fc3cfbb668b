"""What a data journalist's audit of ILAB's findings as the API serves them found (December 2026): the countries only
on ILAB's List of Goods cited its Findings, which do not assess them; the countries' CSV named China's four solar goods
alike; the API's goods counted what the country index does not; the OpenAPI left most columns undescribed; the XLSX
the API page offers Excel users was refused."""

import csv
import html
import io
import re

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from app.ilab.reader import FINDINGS_TITLE, GOODS_TITLE, GOODS_URL
from tests.helpers import ilab_rows

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The countries that only ILAB's List of Goods names: no advancement level, no figure (data/ilab-2022/README.md).
LIST_ONLY = {"CN", "IR", "MY", "KP", "RU", "SD", "TW", "TJ", "TR", "TM", "VE", "VN"}


def countries_csv(client: TestClient) -> dict[str, dict[str, str]]:
    response = client.get("/v1/findings/countries", params={"format": "csv"})
    assert response.status_code == 200
    return {row["country_code"]: row for row in csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))}


def test_the_countries_only_on_the_list_of_goods_cite_it_not_the_findings(client: TestClient) -> None:
    """China: the sheet says ILAB's Findings do not assess it, so its status cites ILAB's List of Goods, in the JSON
    and the CSV alike; a country the Findings cover keeps its own page of them."""
    countries = client.get("/v1/findings/countries").json()["countries"]
    only_listed = {c["country"]["code"] for c in countries if c["assessed"] and not c["in_findings_report"]}
    assert only_listed == LIST_ONLY
    china = client.get("/v1/findings/countries/CN").json()
    assert china["source"]["title"] == GOODS_TITLE and china["source"]["url"] == GOODS_URL
    assert china["advancement"] is None and china["in_findings_report"] is False
    ghana = client.get("/v1/findings/countries/GH").json()
    assert ghana["source"]["title"] == FINDINGS_TITLE and ghana["in_findings_report"] is True
    assert ghana["source"]["url"] == "https://www.dol.gov/agencies/ilab/resources/reports/child-labor/ghana"
    rows = countries_csv(client)
    for code in LIST_ONLY:
        assert (rows[code]["source"], rows[code]["source_url"]) == (GOODS_TITLE, GOODS_URL), code
        assert rows[code]["in_findings_report"] == "false"
    assert rows["GH"]["source"] == FINDINGS_TITLE and rows["GH"]["in_findings_report"] == "true"
    assert rows["FR"]["source"] == "" and rows["FR"]["in_findings_report"] == "false"  # outside ILAB's reports


def test_the_countries_csv_names_each_good_made_with_exploited_inputs(client: TestClient) -> None:
    """China's inputs went into four solar goods, the CSV said « CN:solar-polysilicon » four times: each item now
    names ILAB's good after the commodity, and two columns give the goods' names, as the JSON does."""
    rows = countries_csv(client)
    china = client.get("/v1/findings/countries/CN").json()
    items = rows["CN"]["exploited_inputs"].split("|")
    assert items == [
        f"{made['country']['code']}:{made['commodity']['code']}:{made['good']['ilab']}"
        for made in china["exploited_inputs"]
    ]
    assert len(items) == len(set(items)) == 4
    assert "CN:solar-polysilicon:Photovoltaic Wafers" in items
    assert rows["CN"]["exploited_inputs_en"].split("|") == [
        m["good"]["labels"]["en"] for m in china["exploited_inputs"]
    ]
    assert rows["CN"]["exploited_inputs_fr"].split("|") == [
        m["good"]["labels"]["fr"] for m in china["exploited_inputs"]
    ]
    palm = rows["ID"]["exploited_inputs"].split("|")
    assert len(set(palm)) == 5 and all(item.startswith("ID:palm-oil:") for item in palm)
    assert {item.split(":", 2)[2] for item in palm} == {
        row["good_en"] for row in ilab_rows("country_goods.csv") if row["input_source_country"] == "Indonesia"
    }
    assert rows["CD"]["exploited_inputs"] == "CN:lithium-ion-batteries:Lithium-Ion Batteries"  # cobalt, made in China


def test_a_country_s_goods_are_counted_as_the_country_index_counts_them(client: TestClient) -> None:
    """China: 18 goods listed for child or forced labour (the index and the sheet), 5 made with exploited inputs
    (the API counted 23); Indonesia 7 and 5. Every country's count is the index's."""
    china = client.get("/v1/findings/countries/CN").json()
    assert (china["goods"], china["goods_made_with_exploited_inputs"]) == (18, 5)
    indonesia = client.get("/v1/findings/countries/ID").json()
    assert (indonesia["goods"], indonesia["goods_made_with_exploited_inputs"]) == (7, 5)
    rows = countries_csv(client)
    assert (rows["CN"]["goods"], rows["CN"]["goods_made_with_exploited_inputs"]) == ("18", "5")
    countries = client.get("/v1/findings/countries").json()["countries"]
    page = client.get("/en/countries/").text
    shown = dict(
        re.findall(
            r'<tr data-region="[^"]*"[^>]*>\s*<th scope="row">(.*?)</th>.*?<td class="num"[^>]*>(\d+)</td>', page, re.S
        )
    )
    by_name = {html.unescape(re.sub(r"<[^>]+>", "", name)): int(count) for name, count in shown.items()}
    assessed = [c for c in countries if c["assessed"]]
    assert len(by_name) == len(assessed) == 143
    for country in assessed:
        assert by_name[country["country"]["labels"]["en"]] == country["goods"], country["country"]["code"]
    total = sum(c["goods"] + c["goods_made_with_exploited_inputs"] for c in countries)
    assert total == client.get("/v1/findings").json()["total"] == 467  # each row of the list once


def test_the_openapi_describes_every_column_of_a_finding_row(client: TestClient) -> None:
    """commodity against good (ILAB's exact good), region as a code of the regions taxonomy: each field of a row says
    what it holds, and so do the countries' new fields."""
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    row = schemas["FindingRow"]["properties"]
    undescribed = [name for name, field in row.items() if not field.get("description")]
    assert undescribed == []
    assert "ILAB's exact good" in row["good"]["description"] and "good_ilab" in row["good"]["description"]
    assert "several rows" in row["commodity"]["description"]
    assert "/v1/taxonomies/regions" in row["region"]["description"]
    country = schemas["CountryFindings"]["properties"]
    for name in ("goods", "goods_made_with_exploited_inputs", "in_findings_report", "source", "advancement"):
        assert country[name].get("description"), name
    assert "made here with exploited inputs are counted apart" in country["goods"]["description"]


@pytest.mark.parametrize(
    ("path", "name", "code_column", "rows"),
    [
        ("/v1/findings", "findings", "country_code", 467),
        ("/v1/findings/countries", "findings-countries", "country_code", None),
    ],
)
def test_the_findings_come_as_xlsx_for_excel_in_french(
    client: TestClient, path: str, name: str, code_column: str, rows: int | None
) -> None:
    """The API page tells Excel users in French to take the XLSX: the findings answer it (they answered 422), with
    the CSV's columns and cells, shares and counts as numbers, addresses as links; a tag of their own."""
    response = client.get(path, params={"format": "xlsx"})
    assert response.status_code == 200
    assert response.headers["content-type"] == XLSX
    assert response.headers["content-disposition"] == f'attachment; filename="{name}.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    table = [list(row) for row in sheet.iter_rows(values_only=True)]
    as_csv = list(csv.reader(io.StringIO(client.get(path, params={"format": "csv"}).content.decode("utf-8-sig"))))
    assert table[0] == as_csv[0] and len(table) == len(as_csv)
    if rows is not None:
        assert len(table) - 1 == rows
    assert [["" if cell is None else str(cell) for cell in row] for row in table[1:]] == [
        [cell.removeprefix("'") for cell in row] for row in as_csv[1:]
    ]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    header = table[0]
    ci = next(index for index, row in enumerate(table, 1) if row[header.index(code_column)] == "CI")
    links = {header[cell.column - 1]: cell.hyperlink.target for cell in sheet[ci] if cell.hyperlink}
    assert links["source_url"].startswith("https://www.dol.gov/")
    assert links["country_sheet_en"] == "http://testserver/en/resources/cote-d-ivoire"
    if path.endswith("countries"):
        assert table[ci - 1][header.index("working_children_share_5_14")] == 0.256  # a number, not text
        assert isinstance(table[ci - 1][header.index("goods")], int)
    etags = {client.get(path, params={"format": f}).headers["etag"] for f in ("json", "csv", "xlsx")}
    assert len(etags) == 3
    assert client.get(path, params={"format": "xlsx"}).headers["etag"] == response.headers["etag"]  # stable
    by_accept = client.get(path, headers={"Accept": XLSX})
    assert by_accept.headers["content-type"] == XLSX and "Accept" in by_accept.headers["vary"]
