"""A resource's documents in Chromium, as Awa sends them and the editor reads them: the form's file fields with a
file refused beside its row, then the form with its saved document, then the submission on the desk, each without
axe-core violation and without sideways scroll at 1280 and 375 px. English pages (their words need no catalog)."""

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.checks import AXE, check_widths, screenshot
from tests.browser.conftest import editor_and_partner_site
from tests.browser.test_portal_layout import TITLE, new_resource_filled, opened

pytestmark = pytest.mark.skipif(not AXE.exists(), reason="node_modules/axe-core is missing: run `make test` (npm ci)")

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n" + b"x" * 40_000


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with editor_and_partner_site(tmp_path_factory, "portal-documents") as url:
        yield url


def row(page: Any, number: int, part: str) -> Any:
    return page.locator(f'[id="f-attachments.{number}.{part}"]')


def test_documents_on_the_form_and_the_desk_pass_axe_at_both_widths(browser: Any, site: str) -> None:
    awa = opened(browser, site, "awa@ong-cacao.org", 1280, bypass_csp=True)  # axe is injected as an inline script
    new_resource_filled(awa, site)
    row(awa, 0, "file").set_input_files({"name": "Full report.pdf", "mimeType": "application/pdf", "buffer": PDF})
    row(awa, 0, "title").fill("Full report")
    poster = b"<!doctype html><title>x</title><script>alert(1)</script>"
    row(awa, 1, "file").set_input_files({"name": "poster.pdf", "mimeType": "application/pdf", "buffer": poster})
    awa.get_by_role("button", name="Save the draft").click()
    problem = awa.locator('[id="e-attachments.1.file"]')
    problem.wait_for()
    assert "“poster.pdf” is not a document the centre accepts" in problem.inner_text()
    assert row(awa, 1, "file").get_attribute("aria-invalid") == "true"
    assert awa.locator("#files-dropped").is_visible()  # the files are to be chosen again
    check_widths(awa, "portal-documents-refused")
    screenshot(awa.locator("#documents"), "portal-documents-refused-fieldset")  # at 375 px
    awa.set_viewport_size({"width": 1280, "height": 900})
    row(awa, 0, "file").set_input_files({"name": "Full report.pdf", "mimeType": "application/pdf", "buffer": PDF})
    row(awa, 1, "file").set_input_files([])
    awa.get_by_role("button", name="Save and submit").click()
    awa.get_by_text("Submitted: the centre's editors will review it.", exact=False).wait_for()
    saved = awa.get_by_role("link", name="full-report.pdf")
    assert saved.is_visible() and "(PDF, 39\u00a0kB)" in awa.locator("#documents").inner_text()
    check_widths(awa, "portal-documents-saved")
    screenshot(awa.locator("#documents"), "portal-documents-saved-fieldset")
    awa.context.close()
    editor = opened(browser, site, "redac@crv.org", 1280, bypass_csp=True)
    editor.goto(f"{site}/en/editorial")
    editor.get_by_role("link", name=TITLE).click()
    assert editor.get_by_role("link", name="Full report").is_visible()
    check_widths(editor, "desk-documents")
    screenshot(editor.get_by_role("link", name="Full report").locator("xpath=ancestor::ul[1]"), "desk-documents-list")
    editor.context.close()
