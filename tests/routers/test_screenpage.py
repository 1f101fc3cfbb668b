"""The screening page over HTTP, as the buyer's audit used it: a large workbook screened, then downloaded, sorted and
corrected (each a post of the list); downloads of the lines shown; pages of lines; what the summary says and where
the focus goes."""

import base64
import csv
import html
import io
import re
import zlib

import pytest
from fastapi.testclient import TestClient
from openpyxl import Workbook

from app.errors import PayloadTooLarge
from app.services.screening_input import MAX_BYTES
from app.services.screening_page import PACKED, PAGE_SIZE, unpack

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def token(client: TestClient, path: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert found
    return found.group(1)


def carried(page: str) -> str:
    found = re.search(r'name="list" value="([^"]*)"', page)
    assert found
    return html.unescape(found.group(1))


def box(page: str) -> str:
    found = re.search(r'<textarea id="screening-text"[^>]*>([^<]*)</textarea>', page)
    assert found
    return html.unescape(found.group(1))


def states(page: str) -> list[str]:
    return re.findall(r'<tr data-state="([a-z_]+)"', page)


def wide_workbook(lines: int) -> bytes:
    """A list whose text, once read, is longer than 2 MiB, in a workbook far smaller (its text repeats)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["N° fournisseur", "Pays", "Article", "Désignation longue", "Commentaire acheteur"])
    for number in range(lines):
        long = f"crevettes — qualité export, lot {number}, " + "selon cahier des charges 2025 " * 60
        sheet.append([f"F{number:05d}", "Inde" if number % 2 else "Ghana", "crevettes", long, "audit à prévoir " * 80])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_a_list_accepted_once_can_always_be_posted_again(client: TestClient) -> None:
    """A workbook of 313 KB screened, then « Télécharger en CSV » answered 413: the list, sent back as text in a
    hidden field, was over the limit of a file (2 MiB)."""
    data = wide_workbook(700)
    assert len(data) < MAX_BYTES
    csrf = token(client, "/fr/outils/criblage")
    first = client.post("/fr/outils/criblage", data={"csrf_token": csrf}, files={"file": ("liste.xlsx", data, XLSX)})
    assert first.status_code == 200
    listed, sent_back = box(first.text), carried(first.text)
    assert len(listed.encode()) > MAX_BYTES  # the list as read, in the box
    assert sent_back.startswith(PACKED) and len(sent_back) < MAX_BYTES / 10  # compressed: once, not 2 MB a form
    assert first.text.count('name="list"') == 1
    download = client.post("/fr/outils/criblage", data={"csrf_token": csrf, "list": sent_back, "download": "csv"})
    assert download.status_code == 200
    assert len(list(csv.reader(io.StringIO(download.content.decode("utf-8-sig")), delimiter=";"))) == 701
    sorted_ = client.post("/fr/outils/criblage", data={"csrf_token": csrf, "list": sent_back, "set_order": "list"})
    assert sorted_.status_code == 200 and len(states(sorted_.text)) == PAGE_SIZE
    corrected = client.post("/fr/outils/criblage", data={"csrf_token": csrf, "text": listed.replace("Ghana", "Inde")})
    assert corrected.status_code == 200 and "Ghana" not in box(corrected.text)  # the box, posted again: screened
    # A file over 2 MiB is still refused, though the page's posts may be larger.
    too_big = {"file": ("liste.csv", b"pays;produit\n" + b"Ghana;cacao\n" * (MAX_BYTES // 12 + 1), "text/csv")}
    refused = client.post("/fr/outils/criblage", data={"csrf_token": csrf}, files=too_big)
    assert refused.status_code == 413 and "2\u00a0Mio" in refused.text


def test_a_carried_list_is_unpacked_within_bounds() -> None:
    assert unpack("line;reference;country;product\n2;;Ghana;cacao\n").startswith("line;")  # an older page's
    assert unpack(PACKED + "not base64!") == ""
    bomb = PACKED + base64.b64encode(zlib.compress(b"x" * (40 * 1024 * 1024), 9)).decode()
    with pytest.raises(PayloadTooLarge):  # past the page's limit, whatever it claims to unpack to
        unpack(bomb)


def test_the_downloads_hold_the_lines_shown(client: TestClient) -> None:
    csrf = token(client, "/en/tools/screening")
    text = "ref;country;product\nA;Ghana;cocoa\nB;France;cotton\nC;Narnia;gold\nD;Brazil;cocoa\nE;;gold\n"
    first = client.post("/en/tools/screening", data={"csrf_token": csrf, "text": text})
    assert "The downloads hold every line, the unreadable ones too." in first.text
    sent_back = carried(first.text)
    shown = client.post("/en/tools/screening", data={"csrf_token": csrf, "list": sent_back, "set_state": "finding"})
    assert states(shown.text) == ["finding", "finding"]
    assert "The downloads hold the lines shown: 2 (every page)." in shown.text
    # The filter is what the page shows: its form sends it with the download.
    state = re.search(r'<input type="hidden" name="state" value="([a-z_]*)">', shown.text)
    assert state and state.group(1) == "finding"
    download = client.post(
        "/en/tools/screening", data={"csrf_token": csrf, "list": sent_back, "state": "finding", "download": "csv"}
    )
    assert 'filename="screening-finding-' in download.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert [row[1] for row in rows[1:]] == ["A", "D"]


def test_a_long_list_is_shown_a_page_at_a_time_the_most_serious_first(client: TestClient) -> None:
    csrf = token(client, "/en/tools/screening")
    lines = ["France;cotton"] * (PAGE_SIZE + 10) + ["Côte d'Ivoire;cocoa"]
    first = client.post(
        "/en/tools/screening", data={"csrf_token": csrf, "text": "country;product\n" + "\n".join(lines)}
    )
    rows = states(first.text)
    assert len(rows) == PAGE_SIZE and rows[0] == "finding"  # the Ivorian cocoa, last in the list, first
    assert 'value="severity" aria-pressed="true"' in first.text
    assert "data-complete" not in first.text  # the script leaves the filters to the server: not every line is here
    assert f"Lines 1 to {PAGE_SIZE} of {PAGE_SIZE + 11}" in first.text
    second = client.post(
        "/en/tools/screening",
        data={"csrf_token": csrf, "list": carried(first.text), "order": "severity", "set_page": "2"},
    )
    assert len(states(second.text)) == 11 and f"Lines {PAGE_SIZE + 1} to {PAGE_SIZE + 11}" in second.text
    assert 'name="set_page" value="1"' in second.text and 'name="set_page" value="3"' not in second.text
    small = client.post("/en/tools/screening", data={"csrf_token": csrf, "text": "country;product\nGhana;cocoa\n"})
    assert "data-complete" in small.text and "Lines 1 to" not in small.text  # one page: no pager
    assert 'value="list" aria-pressed="true"' in small.text  # a short list opens in its own order


def test_the_summary_says_what_its_counts_are_and_the_caution_comes_first(client: TestClient) -> None:
    csrf = token(client, "/en/tools/screening")
    text = "country;product\nCôte d'Ivoire;cocoa\nBrazil;cocoa\nAlbania;cocoa\nChina;garlic\n"
    page = client.post("/en/tools/screening", data={"csrf_token": csrf, "text": text}).text
    assert "Finding: 2." in page and "Assessed, no finding for this product: 1." in page  # one group a line
    assert "No finding on ILAB’s list: 1." in page  # China's, which ILAB's Findings do not assess: not « Assessed »
    assert "Lines per finding (a line may have several):" in page
    caution, table = page.index("No finding does not mean no risk"), page.index('<table id="screening-results">')
    assert caution < table  # it was at the very bottom, after every line
    assert "ILAB’s yearly Findings do not cover this country" in page  # China's garlic
    # a public buyer read a finding as a ground to exclude a bidder, a company to drop a supplier: the page says it
    # is neither, on its own
    assert "not, on its own, a ground for dropping a supplier or for excluding a bidder from a public contract." in page


def test_a_file_and_a_pasted_list_sent_together_say_which_was_screened(client: TestClient) -> None:
    csrf = token(client, "/en/tools/screening")
    files = {"file": ("list.csv", b"country;product\nGhana;cocoa\n", "text/csv")}
    page = client.post(
        "/en/tools/screening", data={"csrf_token": csrf, "text": "country;product\nPeru;gold\n"}, files=files
    )
    assert "The file was screened; the list in the box was not" in page.text and states(page.text) == ["finding"]
    alone = client.post("/en/tools/screening", data={"csrf_token": csrf}, files=files)
    assert "the list in the box was not" not in alone.text
    assert '<label for="screening-file">File (CSV or XLSX)</label>' in alone.text


def test_focus_goes_to_what_the_post_answered(client: TestClient) -> None:
    csrf = token(client, "/en/tools/screening")
    assert "autofocus" not in client.get("/en/tools/screening").text
    first = client.post("/en/tools/screening", data={"csrf_token": csrf, "text": "country;product\nGhana;cocoa\n"})
    assert '<h2 id="results-title" tabindex="-1" autofocus>' in first.text and first.text.count("autofocus") == 1
    assert 'action="/en/tools/screening#results-title"' in first.text  # the answer opens on its results
    # A filter posts to its own button in the answer, which the browser focuses (autofocus would give way to a
    # fragment, which #results-title was): the keyboard stays on the button pressed.
    button = re.search(r'<button type="submit" name="set_state" value="finding"[^>]*>', first.text)
    assert button and 'id="show-finding" formaction="/en/tools/screening#show-finding"' in button.group(0)
    filtered = client.post(
        "/en/tools/screening", data={"csrf_token": csrf, "list": carried(first.text), "set_state": "finding"}
    )
    pressed = re.search(r'<button type="submit" name="set_state" value="finding"[^>]*>', filtered.text)
    assert pressed and 'id="show-finding"' in pressed.group(0) and 'aria-pressed="true"' in pressed.group(0)
    assert "autofocus" not in filtered.text  # the fragment alone says where the focus goes
    refused = client.post("/en/tools/screening", data={"csrf_token": csrf, "text": ""})
    assert re.search(r'<textarea id="screening-text"[^>]*aria-invalid="true"[^>]*autofocus', refused.text)
    expired = client.post("/en/tools/screening", data={"csrf_token": "1.forged", "text": "x"})
    assert '<p class="error" role="alert" tabindex="-1" autofocus>' in expired.text
