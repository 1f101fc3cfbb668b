"""Search follows (country, commodity) pairs: ``country=CI&sector=cocoa`` finds the cocoa commodity sheet with the
Côte d'Ivoire sheet, and region sheets no longer answer every country filter (real sheets of content/)."""

import re
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[2]
SHEETS = ROOT / "content" / "resources" / "risk-sheets"
KEYS = (
    "countries/country-ci",
    "countries/country-al",
    "countries/country-gh",
    "commodities/commodity-cocoa",
    "commodities/commodity-coffee",
    "regions/region-sub-saharan-africa",
)


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "taxonomies", root / "taxonomies")
    (root / "resources").mkdir()
    kept = {key.split("/")[1] for key in KEYS}

    def unlink(match: re.Match[str]) -> str:  # links to sheets left out become plain text
        return match.group(0) if match.group(2) in kept else match.group(1)

    for key in KEYS:
        for language in ("fr", "en"):
            source = SHEETS / f"{key}.{language}.md"
            text = re.sub(r"\[([^\]]+)\]\(crv:([a-z0-9-]+)\)", unlink, source.read_text(encoding="utf-8"))
            (root / "resources" / source.name).write_text(text, encoding="utf-8")
    return root


def ids(client: TestClient, **params: str | list[str]) -> set[str]:
    response = client.get("/v1/search", params={"lang": "en", "per_page": "50", **params})
    assert response.status_code == 200, response.text
    return {hit["id"] for hit in response.json()["hits"]}


@pytest.mark.usefixtures("loaded")
def test_country_and_sector_find_the_commodity_sheet(client: TestClient) -> None:
    assert ids(client, country="CI", sector="cocoa") == {"country-ci.en", "commodity-cocoa.en"}
    assert ids(client, country="GH", sector="cocoa") == {"country-gh.en", "commodity-cocoa.en"}
    assert ids(client, country="CI", sector="coffee") == {"country-ci.en", "commodity-coffee.en"}


@pytest.mark.usefixtures("loaded")
def test_region_sheets_answer_the_region_filter_not_every_country(client: TestClient) -> None:
    assert "region-sub-saharan-africa.en" not in ids(client, country="CI")
    assert ids(client, country="AL") == {"country-al.en"}  # no cocoa sheet, no region sheet for Albania
    assert "region-sub-saharan-africa.en" in ids(client, region="sub-saharan-africa")


@pytest.mark.usefixtures("loaded")
def test_a_country_name_still_ranks_its_own_sheet_first(client: TestClient) -> None:
    response = client.get("/v1/search", params={"q": "Côte d'Ivoire", "lang": "en"})
    assert response.json()["hits"][0]["id"] == "country-ci.en"
