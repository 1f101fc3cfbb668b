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
from app.i18n import gettext
from app.services.screening_input import OLD_XLS

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
    # The summary in the language asked for (it was English whatever --lang said).
    said = " ".join(result.output.split())
    summary = gettext("fr", "Lines screened: %(screened)s; unreadable: %(rejected)s.", screened=2, rejected=1)
    assert " ".join(summary.split()) in said
    assert "Constat : 2." in said and "Ligne 4 : pas de pays" in said  # (no-break spaces made spaces)
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


def test_screen_from_another_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The ILAB data and the content are the project's, wherever the command runs (it failed with IlabDataError
    outside the repository)."""
    monkeypatch.delenv("CRV_CONTENT_DIR", raising=False)
    monkeypatch.delenv("CRV_ILAB_DATA_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    get_settings.cache_clear()
    (tmp_path / "list.csv").write_text("pays;produit\nGhana;cacao\n", encoding="utf-8")
    try:
        result = runner.invoke(app, ["screen", "list.csv"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1].split(",")[13] == "finding"


def test_a_file_that_is_no_list_is_refused_before_it_is_sent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def post(url: str, **kwargs: Any) -> httpx.Response:
        raise AssertionError("an .xls must not be sent to be read as text")

    monkeypatch.setattr("app.cli_screen.httpx.post", post)
    old = tmp_path / "fournisseurs.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    out = tmp_path / "result.csv"
    result = runner.invoke(app, ["screen", str(old), "--server", "http://crv.test", "-o", str(out), "--lang", "fr"])
    assert result.exit_code == 1 and not out.exists()
    assert " ".join(gettext("fr", OLD_XLS).split()) in " ".join(result.output.split())
