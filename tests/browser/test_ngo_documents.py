"""A communication officer's whole path with her resource's documents, in Chromium: she writes a good practice,
attaches its PDF report and a poster, submits; the editor reads them on the desk, downloads one and sends it back;
she replaces the report, removes the poster and submits again; the editor sees what changed and approves; the public
page lists « Documents » with their format and size, serves them with the right headers, and the API lists them."""

import os
import zlib
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.browser.checks import AXE, axe_violations
from tests.browser.conftest import editor_and_partner_site
from tests.browser.test_portal_layout import opened

pytestmark = pytest.mark.skipif(not AXE.exists(), reason="node_modules/axe-core is missing: run `make test` (npm ci)")

SHOTS = Path(os.environ.get("CRV_NGODOCS_SHOTS", ""))
NEW = "/en/partner/new-resource"
TITLE = "Community monitoring of children in cooperatives"


def pdf(text: str) -> bytes:
    """A tiny valid PDF: one page saying ``text``."""
    stream = f"BT /F1 24 Tf 72 700 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def png() -> bytes:
    """A tiny valid PNG: 4 × 4 orange pixels."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + b"\xf0\x80\x20" * 4 for _ in range(4))
    header = struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with editor_and_partner_site(tmp_path_factory, "ngo-documents") as url:
        yield url


def shots(page: Any, name: str) -> None:
    if not str(SHOTS) or str(SHOTS) == ".":
        return
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
        for part in ("#documents", "section.documents", ".changes", "main"):
            if page.locator(part).count():
                page.locator(part).first.screenshot(path=str(SHOTS / f"{name}-{width}-part.png"))
                break
    page.set_viewport_size({"width": 1280, "height": 900})


def row(page: Any, number: int, part: str) -> Any:
    return page.locator(f'[id="f-attachments.{number}.{part}"]')


def test_the_whole_path_in_english(browser: Any, site: str) -> None:
    awa = opened(browser, site, "awa@ong-cacao.org", 1280, bypass_csp=True)
    awa.goto(site + NEW)
    shots(awa, "01-new-form")
    awa.get_by_label("Title", exact=True).fill(TITLE)
    awa.get_by_label("Summary").fill("Village committees find working children and help them back to school.")
    awa.get_by_label("Text of the page").fill("## Approach\n\nCommittees visit the households.")
    awa.get_by_label("Source 1: title").fill("ICI")
    awa.get_by_label("Source 1: address (https://…)").fill("https://example.org/clmrs")
    awa.get_by_label("Licence").select_option("CC-BY-4.0")
    row(awa, 0, "file").set_input_files({"name": "Rapport 2025.pdf", "mimeType": "application/pdf", "buffer": pdf("v1")})
    row(awa, 0, "title").fill("Full report")
    row(awa, 1, "file").set_input_files({"name": "poster.png", "mimeType": "image/png", "buffer": png()})
    row(awa, 1, "title").fill("Poster")
    awa.get_by_role("button", name="Save the draft").click()
    awa.wait_for_load_state()
    shots(awa, "02-draft-saved")
    awa.get_by_role("button", name="Save and submit").click()
    awa.wait_for_load_state()
    shots(awa, "03-submitted")
    editor = opened(browser, site, "redac@crv.org", 1280, bypass_csp=True)
    editor.goto(f"{site}/en/editorial")
    editor.get_by_role("link", name=TITLE).click()
    shots(editor, "04-desk-item")
    link = editor.get_by_role("link", name="Full report")
    href = link.get_attribute("href")
    got = editor.request.get(site + href if href.startswith("/") else href)
    print("desk download", got.status, got.headers)
    editor.get_by_label("Reason, for the organisation").fill("Please send the final report, not the draft.")
    editor.get_by_role("button", name="Send back for changes").click()
    editor.wait_for_load_state()
    shots(editor, "05-sent-back")
    awa.goto(f"{site}/en/partner")
    shots(awa, "06-portal-sent-back")
    awa.get_by_role("link", name=TITLE).first.click()
    awa.wait_for_load_state()
    shots(awa, "07-edit-form")
    print(awa.url)
