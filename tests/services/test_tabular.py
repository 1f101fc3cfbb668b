"""app.services.tabular.SpooledLinks: an XLSX's hyperlinks kept on disk and spliced into the saved workbook, read
back by openpyxl whatever the chunk boundaries."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from app.services.tabular import SpooledLinks


def _linked(rows: int, links_per_row: int) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("resources")
    sheet.append(["a", "b"])
    saved, out = io.BytesIO(), io.BytesIO()
    with SpooledLinks() as links:
        for number in range(2, rows + 2):
            sheet.append([f'https://example.org/{number}?x=1&y="2"', "text"])
            for column in "AB"[:links_per_row]:
                links.add(f"{column}{number}", f'https://example.org/{number}?x=1&y="2"')
        workbook.save(saved)
        saved.seek(0)
        links.write(saved, out)
    return out.getvalue()


@pytest.mark.parametrize("chunk", [7, 11, 12, 13, 64 * 1024])  # the page margins' tag across two chunks, or not
def test_links_spliced_whatever_the_chunks(monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    monkeypatch.setattr(SpooledLinks, "CHUNK", chunk)
    sheet = load_workbook(io.BytesIO(_linked(30, 2)))["resources"]
    for number in (2, 17, 31):
        for column in "AB":
            link = sheet[f"{column}{number}"].hyperlink
            assert link is not None and link.target == f'https://example.org/{number}?x=1&y="2"'
    assert sheet["A1"].hyperlink is None and sheet["A31"].value.startswith("https://example.org/31")


def test_without_links_the_workbook_is_copied_as_it_was() -> None:
    sheet = load_workbook(io.BytesIO(_linked(3, 0)))["resources"]
    assert [c.value for c in sheet[2]] == ['https://example.org/2?x=1&y="2"', "text"]
    assert all(c.hyperlink is None for row in sheet.iter_rows() for c in row)
