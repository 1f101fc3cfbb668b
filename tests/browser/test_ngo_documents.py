"""A communication officer's whole path with her good practice's documents, in Chromium: she writes it, attaches
its PDF report and a poster, submits; the editor reads them on the desk, downloads one and sends it back; she
replaces the report, removes the poster and submits again; the editor sees what changed and approves; the public
page lists « Documents » with their format and size (no axe-core violation at 1280 and 375 px), serves them with
the right headers, and the API lists them. A later report replaces the published one everywhere once approved.
In French without scripts: a form refused with files chosen says so at its top and in each row, by the file's
name; an editor's correction keeps the documents."""

import struct
import zlib
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.browser.checks import AXE, check_widths, screenshot
from tests.browser.conftest import editor_and_partner_site
from tests.browser.test_portal_layout import opened

pytestmark = pytest.mark.skipif(not AXE.exists(), reason="node_modules/axe-core is missing: run `make test` (npm ci)")

NEW = "/en/partner/new-resource"
TITLE = "Community monitoring of children in cooperatives"
RID = "community-monitoring-of-children-in-cooperatives.en"
FOCUSED_ID = "() => document.activeElement.id || document.activeElement.name || document.activeElement.tagName"


def pdf(text: str) -> bytes:
    """A tiny valid PDF: one page saying ``text``."""
    stream = f"BT /F1 24 Tf 72 700 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def png() -> bytes:
    """A tiny valid PNG: 4 × 4 orange pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    pixels = b"".join(b"\x00" + b"\xf0\x80\x20" * 4 for _ in range(4))
    header = struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(pixels)) + chunk(b"IEND", b"")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with editor_and_partner_site(tmp_path_factory, "ngo-documents") as url:
        yield url


def file_of(name: str, content: bytes, media_type: str) -> dict[str, Any]:
    return {"name": name, "mimeType": media_type, "buffer": content}


def fill_resource(page: Any, title: str) -> None:
    page.locator('[id="f-title"]').fill(title)
    page.locator("#f-summary").fill("Village committees find working children and help them back to school.")
    page.locator("#f-body").fill("## Approach\n\nCommittees visit the households.")
    page.locator('[id="f-sources.0.title"]').fill("ICI")
    page.locator('[id="f-sources.0.url"]').fill("https://example.org/clmrs")
    page.locator('input[name="licence"][value="CC-BY-4.0"]').check()


def desk_item(browser: Any, site: str, title: str, lang: str = "en", **options: Any) -> Any:
    editor = opened(browser, site, "redac@crv.org", 1280, bypass_csp=True, **options)
    to_item(editor, site, title, lang)
    return editor


def to_item(editor: Any, site: str, title: str, lang: str = "en") -> None:
    editor.goto(f"{site}/{lang}/{'editorial' if lang == 'en' else 'redaction'}")
    editor.get_by_role("link", name=title).first.click()


def approve(editor: Any) -> None:
    editor.locator("details.approve summary").click()
    editor.locator('button[name="decision"][value="approve"]').click()
    editor.wait_for_load_state()


def test_a_report_and_a_poster_from_the_form_to_the_public_page(browser: Any, site: str) -> None:
    awa = opened(browser, site, "awa@ong-cacao.org", 1280, bypass_csp=True)  # axe is injected as an inline script
    awa.goto(site + NEW)
    fill_resource(awa, TITLE)
    # each field names its document: a screen reader's list of fields said « File » twice
    awa.get_by_label("Document 1: File", exact=True).set_input_files(
        file_of("Rapport 2025.pdf", pdf("v1"), "application/pdf")
    )
    # what it may be is read with the field, before a file is chosen
    described = awa.get_by_label("Document 1: File", exact=True).get_attribute("aria-describedby").split()
    assert "h-documents" in described and "10\u00a0MB at most each" in awa.locator("#h-documents").inner_text()
    awa.get_by_label("Document 1: Title shown to readers", exact=True).fill("Full report")
    awa.get_by_label("Document 2: File", exact=True).set_input_files(file_of("poster.png", png(), "image/png"))
    awa.get_by_label("Document 2: Title shown to readers", exact=True).fill("Poster")
    awa.get_by_role("button", name="Save the draft").click()
    awa.get_by_role("link", name="poster.png").wait_for()
    awa.get_by_role("button", name="Save and submit").click()
    awa.get_by_text("Submitted: the centre's editors will review it.", exact=False).wait_for()

    editor = desk_item(browser, site, TITLE)
    report = editor.get_by_role("link", name="Full report")
    downloaded = editor.request.get(site + report.get_attribute("href"))
    assert downloaded.status == 200 and downloaded.body() == pdf("v1")
    assert downloaded.headers["content-type"] == "application/pdf"
    assert downloaded.headers["cache-control"] == "private, no-cache"
    assert editor.get_by_role("link", name="Poster").is_visible()
    editor.get_by_label("Reason, for the organisation").fill("Please send the final report, not the draft.")
    editor.get_by_role("button", name="Send back for changes").click()
    editor.get_by_text("Sent back to its organisation: ").wait_for()

    awa.goto(f"{site}/en/partner/resources/{RID}")
    # by keyboard: the row's link, its file, its title, its language, then its removal, named by its document
    awa.get_by_role("link", name="poster.png").focus()
    order = []
    for _ in range(4):
        awa.keyboard.press("Tab")
        order.append(awa.evaluate(FOCUSED_ID))
    assert order == [
        "f-attachments.1.file",
        "f-attachments.1.title",
        "f-attachments.1.language",
        "attachments.1.remove",
    ]
    awa.keyboard.press("Space")
    assert awa.get_by_role("checkbox", name="Document 2: Remove this document").is_checked()
    awa.get_by_label("Document 1: Replace the file (optional)").set_input_files(
        file_of("Rapport 2025 final.pdf", pdf("v2"), "application/pdf")
    )
    check_widths(awa, "ngo-documents-form")
    awa.get_by_role("button", name="Save and submit").click()
    awa.get_by_text("Submitted: the centre's editors will review it.", exact=False).wait_for()

    to_item(editor, site, TITLE)
    changes = editor.locator("dl.changes").first.inner_text()
    # the report replaced said so, in words, the poster removed: no digest to compare
    assert "Replaced: Full report (rapport-2025.pdf): new file, PDF, 1\u00a0kB; was PDF, 1\u00a0kB" in changes
    assert "Removed: Poster (poster.png, PNG, 1\u00a0kB)" in changes and "Added:" not in changes
    check_widths(editor, "ngo-documents-desk-diff")
    approve(editor)

    public = opened(browser, site, "awa@ong-cacao.org", 1280, bypass_csp=True)
    public.context.clear_cookies()  # a reader, signed in to nothing
    public.goto(f"{site}/en/resources/{RID.removesuffix('.en')}")
    documents = public.get_by_role("region", name="Documents")
    assert documents.inner_text().split("\n")[1:] == ["Full report (PDF, 1\u00a0kB)"]
    check_widths(public, "ngo-documents-public")  # axe: no WCAG 2.2 AA violation at 1280 and 375 px
    url = documents.get_by_role("link").get_attribute("href")
    served = httpx.get(url)
    assert served.content == pdf("v2") and served.headers["content-type"] == "application/pdf"
    assert served.headers["content-disposition"] == 'inline; filename="rapport-2025.pdf"'
    assert served.headers["x-content-type-options"] == "nosniff"
    assert served.headers["cache-control"] == "public, max-age=300"
    assert httpx.get(url.replace("rapport-2025.pdf", "poster.png")).status_code == 404
    listed = httpx.get(f"{site}/v1/resources/{RID}").json()["attachments"]
    assert [(a["title"], a["filename"], a["media_type"], a["url"]) for a in listed] == [
        ("Full report", "rapport-2025.pdf", "application/pdf", url)
    ]
    # the draft's first report was never published: its revision's address is not the public's
    first = httpx.get(f"{site}/en/partner/resources/{RID}/revisions/1/documents/rapport-2025.pdf")
    assert first.status_code != 200 and first.content != pdf("v1")

    # a later report: unseen until approved, then the only one the address serves
    awa.goto(f"{site}/en/partner/resources/{RID}")
    awa.get_by_label("Document 1: Replace the file (optional)").set_input_files(
        file_of("Rapport 2026.pdf", pdf("v3"), "application/pdf")
    )
    awa.get_by_role("button", name="Save and submit").click()
    awa.get_by_text("Submitted: the centre's editors will review it.", exact=False).wait_for()
    assert httpx.get(url).content == pdf("v2")
    to_item(editor, site, TITLE)
    approve(editor)
    newer = httpx.get(url, headers={"If-None-Match": served.headers["etag"]})
    assert newer.status_code == 200 and newer.content == pdf("v3")
    for page in (awa, editor, public):
        page.context.close()


FR_TITLE = "Suivi communautaire des enfants dans les coopératives"
FR_RID = "suivi-communautaire-des-enfants-dans-les-cooperatives.fr"


def test_in_french_without_scripts_files_to_choose_again_are_named_and_a_correction_keeps_them(
    browser: Any, site: str
) -> None:
    awa = opened(browser, site, "awa@ong-cacao.org", 375, java_script_enabled=False)
    awa.goto(f"{site}/fr/espace-partenaire/nouvelle-ressource")
    fill_resource(awa, FR_TITLE)
    awa.locator('[id="f-sources.0.url"]').fill("pas une adresse")  # refused: nothing is saved
    awa.locator('[id="f-attachments.0.file"]').set_input_files(
        file_of("Rapport d’activité 2025.pdf", pdf("fr"), "application/pdf")
    )
    awa.locator('button[name="action"][value="save"]').click()
    # said at the top, where the person reads what to correct, not only in the documents' box at the form's end
    alert = awa.get_by_role("alert")
    assert "Choisissez aussi de nouveau les fichiers" in alert.inner_text()
    chosen = awa.locator('[id="k-attachments.0.file"]')
    assert "choisi «\u00a0Rapport d’activité 2025.pdf\u00a0»" in chosen.inner_text()
    described = awa.locator('[id="f-attachments.0.file"]').get_attribute("aria-describedby").split()
    assert described == ["h-documents", "k-attachments.0.file"]
    screenshot(awa, "ngo-documents-refused-fr-375")
    awa.locator('[id="f-sources.0.url"]').fill("https://example.org/clmrs")
    awa.locator('[id="f-attachments.0.file"]').set_input_files(
        file_of("Rapport d’activité 2025.pdf", pdf("fr"), "application/pdf")
    )
    awa.locator('[id="f-attachments.0.title"]').fill("Rapport complet")
    awa.locator('button[name="action"][value="submit"]').click()
    awa.get_by_role("link", name="rapport-d-activite-2025.pdf").wait_for()
    assert awa.locator('[id="k-attachments.0.file"]').count() == 0
    awa.context.close()

    editor = desk_item(browser, site, FR_TITLE, "fr", java_script_enabled=False)
    editor.get_by_role("link", name="Corriger avant de décider").click()
    kept = editor.locator("#documents-kept").inner_text()
    assert "Les documents restent tels que" in kept
    editor.locator("#f-summary").fill("Des comités villageois repèrent les enfants au travail, les ramènent à l’école.")
    editor.locator('button[name="action"][value="save"]').click()
    editor.locator("dl.changes").first.wait_for()
    # the correction is of the text: the report stays, to download and to publish
    assert editor.get_by_role("link", name="Rapport complet").is_visible()
    approve(editor)
    editor.context.close()

    reader = browser.new_context(locale="fr-FR", viewport={"width": 375, "height": 900}, bypass_csp=True)
    page = reader.new_page()
    page.goto(f"{site}/fr/ressources/{FR_RID.removesuffix('.fr')}")
    documents = page.get_by_role("region", name="Documents")
    assert documents.inner_text().split("\n")[1:] == ["Rapport complet (PDF, 1\u00a0ko)"]
    check_widths(page, "ngo-documents-public-fr", widths=(375, 1280))
    reader.close()
