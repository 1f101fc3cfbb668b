"""``crv screen``: in process and against a server, CSV and XLSX out."""

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from typer.testing import CliRunner

from app.cli import app
from app.config import get_settings

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def suppliers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("CRV_CONTENT_DIR", str(ROOT / "content"))
    monkeypatch.setenv("CRV_ILAB_DATA_DIR", str(ROOT / "data" / "ilab-2022"))
    get_settings.cache_clear()
    path = tmp_path / "suppliers.csv"
    path.write_bytes("Référence;Pays;Produit\nS1;Côte d’Ivoire;cacao\nS2;Brésil;cacao\nS3;;or\n".encode("cp1252"))
    yield path
    get_settings.cache_clear()


def test_screen_to_xlsx_in_process(suppliers: Path, tmp_path: Path) -> None:
    out = tmp_path / "result.xlsx"
    result = runner.invoke(app, ["screen", str(suppliers), "--format", "xlsx", "-o", str(out), "--lang", "fr"])
    assert result.exit_code == 0, result.output
    assert "2 lines screened, 1 rejected" in result.output
    rows = list(load_workbook(io.BytesIO(out.read_bytes()), read_only=True)["screening"].iter_rows(values_only=True))
    header = rows[0]
    assert [row[header.index("state")] for row in rows[1:]] == ["finding", "finding", "error"]
    assert rows[2][header.index("findings")] == "Travail des enfants"


def test_xlsx_needs_an_output_file(suppliers: Path) -> None:
    assert runner.invoke(app, ["screen", str(suppliers), "--format", "xlsx"]).exit_code == 2


def test_screen_against_a_server(suppliers: Path, client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    def post(url: str, **kwargs: Any) -> httpx.Response:
        assert url == "http://crv.test/v1/screenings"
        kwargs.pop("timeout")
        return client.post("/v1/screenings", **kwargs)

    monkeypatch.setattr("app.cli_screen.httpx.post", post)
    result = runner.invoke(app, ["screen", str(suppliers), "--server", "http://crv.test/", "--separator", "semicolon"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("line;reference;country_input")
    assert lines[1].split(";")[13] == "finding"
