"""The screening page compared with an earlier screening, over HTTP: the earlier XLSX chosen beside the list (the
page's download, the API's or ``crv screen``'s), what changed said on each line and in the downloads, carried by the
page's forms (never stored; the box's too, to screen the list again), and a file not one of the centre's refused
beside its field."""

import csv
import html
import io
import logging
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import Engine
from typer.testing import CliRunner

from app.cli import app
from app.config import get_settings
from app.i18n import gettext
from app.services.screening_compare import NEW_LINE, NOT_OURS, RESULT_CHANGED, UNCHANGED
from app.services.screening_page import unpack
from tests.helpers import rows_in_every_table

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BEFORE = "Reference;Country;Product\nS-001;Ivory Coast;cocoa beans\nS-002;Brazil;cocoa\nS-004;Peru;gold\n"
AFTER = "Référence;Pays;Produit\nS-001;Côte d’Ivoire;fèves de cacao\nS-002;Albanie;cacao\nS-005;Inde;briques\n"
ROOT = Path(__file__).resolve().parents[2]


def token(client: TestClient, path: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert found
    return found.group(1)


def hidden(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found
    return html.unescape(found.group(1))


def changes(page: str) -> dict[str, str]:
    """Each row's reference and what its comparison cell says."""
    rows = re.findall(
        r'<tr data-state.*?<strong>([^<]*)</strong>.*?<td class="change">.*?</span>([^<]*)</td>', page, re.S
    )
    return {reference: html.unescape(said) for reference, said in rows}


@pytest.fixture
def earlier_xlsx(client: TestClient) -> bytes:
    """The earlier screening's XLSX, downloaded from the English page."""
    csrf = token(client, "/en/tools/screening")
    first = client.post("/en/tools/screening", data={"csrf_token": csrf, "text": BEFORE})
    download = client.post(
        "/en/tools/screening", data={"csrf_token": csrf, "list": hidden(first.text, "list"), "download": "xlsx"}
    )
    assert download.status_code == 200
    return download.content


def box_form(page: str) -> dict[str, str]:
    """What a browser sends of the page's first form, the box's: its hidden fields, its boxes checked, its text."""
    form = page[page.index("<form") : page.index("</form>")]
    fields = {}
    for attributes in re.findall(r"<input ([^>]*)>", form):
        kind, name = re.search(r'type="([^"]*)"', attributes), re.search(r'name="([^"]*)"', attributes)
        value = re.search(r'value="([^"]*)"', attributes)
        assert kind and name
        if kind.group(1) == "hidden" or (kind.group(1) == "checkbox" and " checked" in attributes):
            fields[name.group(1)] = html.unescape(value.group(1) if value else "on")
    text = re.search(r'<textarea id="screening-text"[^>]*>([^<]*)</textarea>', form)
    assert text
    fields["text"] = html.unescape(text.group(1))
    return fields


@pytest.fixture
def api_xlsx(client: TestClient) -> bytes:
    """The earlier screening's XLSX from the API, labels in French."""
    response = client.post(
        "/v1/screenings", content=BEFORE, params={"format": "xlsx", "lang": "fr"}, headers={"Content-Type": "text/csv"}
    )
    assert response.status_code == 200
    return response.content


@pytest.fixture
def cli_xlsx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> bytes:
    """The earlier screening's XLSX from ``crv screen --format xlsx``, in process, labels in English."""
    monkeypatch.setenv("CRV_CONTENT_DIR", str(ROOT / "content"))
    monkeypatch.setenv("CRV_ILAB_DATA_DIR", str(ROOT / "data" / "ilab-2022"))
    (tmp_path / "before.csv").write_text(BEFORE, encoding="utf-8")
    out = tmp_path / "result.xlsx"
    get_settings.cache_clear()
    try:
        done = CliRunner().invoke(app, ["screen", str(tmp_path / "before.csv"), "--format", "xlsx", "-o", str(out)])
    finally:
        get_settings.cache_clear()
    assert done.exit_code == 0, done.output
    return out.read_bytes()


@pytest.mark.parametrize("written_by", ["api_xlsx", "cli_xlsx"])
def test_the_api_s_and_the_cli_s_workbooks_are_earlier_files_too(
    client: TestClient, request: pytest.FixtureRequest, written_by: str
) -> None:
    """Their workbooks were refused (« not a screening result downloaded from this page »): other headers (column
    codes), no date. Compared on the page, they say what the page's own download says."""
    earlier: bytes = request.getfixturevalue(written_by)
    csrf = token(client, "/en/tools/screening")
    files = {"earlier_file": ("result.xlsx", earlier, XLSX)}
    response = client.post("/en/tools/screening", data={"csrf_token": csrf, "text": AFTER}, files=files)
    assert response.status_code == 200, response.text
    changed = "Result changed: Finding (Child labour) → Assessed, no finding for this product"
    assert changes(response.text) == {"S-001": "Unchanged", "S-002": changed, "S-005": "New line"}
    gone = re.search(r'<ul aria-labelledby="gone-title"><li>([^<]*)</li></ul>', response.text)
    assert gone and "S-004" in html.unescape(gone.group(1))


def test_the_list_screened_again_from_the_box_is_compared_again(client: TestClient, earlier_xlsx: bytes) -> None:
    """Correcting the list in the box at the top of the results and screening it again dropped the comparison: the
    box's form did not carry it. It does now, said beside the box, which may drop it."""
    csrf = token(client, "/en/tools/screening")
    files = {"earlier_file": ("screening.xlsx", earlier_xlsx, XLSX)}
    first = client.post("/en/tools/screening", data={"csrf_token": csrf, "text": AFTER}, files=files)
    assert re.search(
        r'<label for="screening-earlier-again">Compare again with the screening of [^<]+</label>', first.text
    )
    box = box_form(first.text)
    assert unpack(box["earlier"]).startswith("crv-earlier:1;")
    box["text"] = box["text"].replace("Albanie", "Brésil")  # S-002 buys in Brazil again: as it did then
    again = client.post("/en/tools/screening", data=box)
    assert changes(again.text) == {"S-001": "Unchanged", "S-002": "Unchanged", "S-005": "New line"}
    assert box_form(again.text)["earlier"] == box["earlier"]  # and carried once more, by the box as by the results
    # The box unchecked: the plain screening.
    plain = client.post("/en/tools/screening", data={key: value for key, value in box.items() if key != "earlier"})
    assert 'class="change"' not in plain.text and 'name="earlier"' not in plain.text
    # A list refused (emptied by mistake) keeps the comparison in the box for the next try.
    refused = client.post("/en/tools/screening", data={**box, "text": " "})
    assert refused.status_code == 422
    assert box_form(refused.text)["earlier"] == box["earlier"]


def test_an_english_download_compared_on_the_french_page(client: TestClient, earlier_xlsx: bytes) -> None:
    csrf = token(client, "/fr/outils/criblage")
    page = client.get("/fr/outils/criblage").text
    assert 'name="earlier_file"' in page and 'aria-describedby="screening-earlier-hint"' in page
    files = {"earlier_file": ("screening-2025-03-03.xlsx", earlier_xlsx, XLSX)}
    response = client.post("/fr/outils/criblage", data={"csrf_token": csrf, "text": AFTER}, files=files)
    assert response.status_code == 200
    heading = html.escape(gettext("fr", "Since the screening of %(date)s", date=""), quote=False)
    assert f'<th scope="col">{heading}' in response.text  # the column, dated
    said = changes(response.text)
    assert said["S-001"] == gettext("fr", UNCHANGED)  # « Finding » in English is « Constat »: unchanged
    before, after = "Constat (Travail des enfants)", "Pays évalué, aucun constat pour ce produit"  # Brazil, Albania
    assert said["S-002"] == gettext("fr", RESULT_CHANGED, before=before, after=after)
    assert said["S-005"] == gettext("fr", NEW_LINE)
    gone = re.search(r'<ul aria-labelledby="gone-title"><li>([^<]*)</li></ul>', response.text)
    assert gone and "S-004" in html.unescape(gone.group(1)) and "Peru" in html.unescape(gone.group(1))
    # The earlier screening is carried by the results' form, as the list is: nothing kept on the server.
    carried = unpack(hidden(response.text, "earlier"))
    assert carried.startswith("crv-earlier:1;") and "S-004" in carried
    changed = re.search(r'<button type="submit" name="set_state" value="changed"[^>]*>([^<]*)</button>', response.text)
    assert changed and changed.group(1).endswith("(2)")


def test_filters_downloads_and_corrections_compare_again(client: TestClient, earlier_xlsx: bytes) -> None:
    csrf = token(client, "/en/tools/screening")
    files = {"earlier_file": ("screening.xlsx", earlier_xlsx, XLSX)}
    first = client.post(
        "/en/tools/screening", data={"csrf_token": csrf, "text": AFTER + "S-006;Ghana;cocao\n"}, files=files
    )
    form = {"csrf_token": csrf, "list": hidden(first.text, "list"), "earlier": hidden(first.text, "earlier")}
    filtered = client.post("/en/tools/screening", data={**form, "set_state": "changed"})
    assert list(changes(filtered.text)) == ["S-002", "S-005", "S-006"]
    assert "The downloads hold the lines shown: 3 (every page)." in filtered.text
    download = client.post("/en/tools/screening", data={**form, "download": "csv"})
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    at = next(i for i, name in enumerate(rows[0]) if name.startswith("Since the screening of "))
    changed = "Result changed: Finding (Child labour) → Assessed, no finding for this product"
    assert [row[at] for row in rows[1:]] == ["Unchanged", changed, "New line", "New line"]
    workbook = client.post("/en/tools/screening", data={**form, "download": "xlsx"})
    summary = load_workbook(io.BytesIO(workbook.content)).worksheets[1]
    said = {row[0].value: row[1].value for row in summary.iter_rows() if row[0].value}
    assert said["Compared with the screening of"] and said["Lines no longer in the list"] == 1
    # A « did you mean » chosen: screened again, compared again.
    corrected = client.post("/en/tools/screening", data={**form, "fix": "5:product:Cocoa"})
    assert changes(corrected.text)["S-006"] == "New line" and 'name="earlier"' in corrected.text
    # Without the carried comparison, the page is the plain screening.
    plain = client.post("/en/tools/screening", data={"csrf_token": csrf, "list": form["list"]})
    assert 'class="change"' not in plain.text and 'name="earlier"' not in plain.text


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("suppliers.csv", AFTER.encode()),  # the list itself, chosen in the wrong field
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600),
        ("cut.xlsx", b"PK\x03\x04" + b"\x00" * 100),
    ],
)
def test_a_file_not_ours_is_refused_beside_its_field(client: TestClient, name: str, data: bytes) -> None:
    csrf = token(client, "/fr/outils/criblage")
    files = {"file": ("fournisseurs.csv", AFTER.encode(), "text/csv"), "earlier_file": (name, data, XLSX)}
    response = client.post("/fr/outils/criblage", data={"csrf_token": csrf}, files=files)
    assert response.status_code == 422
    error = re.search(
        r'<span class="error field-error" id="screening-earlier-error" role="alert">([^<]*)</span>', response.text
    )
    assert error and html.unescape(error.group(1)) == gettext("fr", NOT_OURS)
    assert re.search(r'<input type="file" id="screening-earlier"[^>]*aria-invalid="true"[^>]*autofocus', response.text)
    # The rest of the page is kept: the uploaded list, as read, is in the box.
    box = re.search(r'<textarea id="screening-text"[^>]*>([^<]*)</textarea>', response.text)
    assert box and "S-005;Inde;briques" in html.unescape(box.group(1))
    forged = client.post(
        "/fr/outils/criblage", data={"csrf_token": csrf, "text": AFTER, "earlier": "z:not-a-comparison"}
    )
    assert forged.status_code == 422


def test_the_earlier_file_is_neither_logged_nor_stored(
    client: TestClient,
    earlier_xlsx: bytes,
    db_engine: Engine,
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
) -> None:
    before = rows_in_every_table(db_engine)
    caplog.set_level(logging.DEBUG)
    csrf = token(client, "/en/tools/screening")
    files = {"earlier_file": ("screening.xlsx", earlier_xlsx, XLSX)}
    client.post("/en/tools/screening", data={"csrf_token": csrf, "text": AFTER}, files=files)
    captured = capfd.readouterr()
    assert "S-004" not in caplog.text and "S-004" not in captured.out and "S-004" not in captured.err
    assert rows_in_every_table(db_engine) == before
