"""The screening page in Chromium: a real upload of a semicolon CSV in Windows-1252, badges with text, filters
with and without JavaScript, CSV download, the results without sideways scrolling at 1280 and 375 px (cards there),
axe-core (WCAG 2.2 AA) on the form and on the results, and a comparison with an earlier screening's XLSX."""

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from app.i18n import gettext
from app.services.pages import human_date
from app.services.screening_compare import CHANGED_SINCE, NEW_LINE, RESULT_CHANGED, SINCE, UNCHANGED
from tests.browser.checks import AXE, axe_violations, screenshot
from tests.browser.conftest import LiveApi

ROOT = Path(__file__).resolve().parents[2]
SUPPLIERS = "Référence;Pays;Produit\r\nF1;Côte d’Ivoire;fèves de cacao\r\nF2;Brésil;cacao\r\nF3;Albanie;cacao\r\n"
SUPPLIERS += "F4;États-Unis;t-shirts\r\nF5;Narnia;cacao\r\nF6;;or\r\n"
ALL_LINES = gettext("fr", "All lines screened") + " (5)"  # F6 is unreadable: not among them


@pytest.fixture
def suppliers_file(tmp_path: Path) -> Path:
    path = tmp_path / "fournisseurs.csv"
    path.write_bytes(SUPPLIERS.encode("cp1252"))  # Excel's "CSV (séparateur : point-virgule)"
    assert b"\xe9" in path.read_bytes()  # é in Windows-1252, not UTF-8
    return path


def upload(
    browser: Any,
    api: LiveApi,
    path: Path,
    *,
    js: bool,
    width: int = 1280,
    shown: str = "#screening-results",
    earlier: Path | None = None,
) -> Any:
    """The page after ``path`` was sent (with ``earlier``, an earlier screening's XLSX to compare with), once
    ``shown`` (the results, or a refusal) is there."""
    # bypass_csp: axe and Playwright's string predicates run in the page (test_csp.py keeps the CSP)
    context = browser.new_context(
        locale="fr-FR",
        java_script_enabled=js,
        accept_downloads=True,
        bypass_csp=True,
        viewport={"width": width, "height": 900},
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{api.url}/fr/outils/criblage")
    page.set_input_files("#screening-file", str(path))
    if earlier is not None:
        page.set_input_files("#screening-earlier", str(earlier))
    page.get_by_role("button", name="Cribler la liste").click()
    page.wait_for_selector(shown)
    page.wait_for_load_state("load")  # the deferred screening.js has run
    return page


def states(page: Any) -> dict[str, str]:
    rows = page.locator("#screening-results tbody tr:visible")
    return {
        rows.nth(i).locator("th[scope=row] strong").inner_text(): rows.nth(i).locator(".badge").inner_text().strip()
        for i in range(rows.count())
    }


def test_upload_a_windows_1252_semicolon_csv(browser: Any, live_api: LiveApi, suppliers_file: Path) -> None:
    page = upload(browser, live_api, suppliers_file, js=True)
    assert states(page) == {
        "F1": "▲ Constat",
        "F2": "▲ Constat",
        "F3": "● Pays évalué, aucun constat pour ce produit",
        "F4": "○ Pays non évalué par l’ILAB",
        "F5": "? Pays non reconnu",  # what is not recognised
    }
    body = page.locator("#screening-results").inner_text()
    assert "Côte d’Ivoire" in body and "Cacao\u00a0: travail forcé des enfants" in body  # each finding names its good
    assert "Ligne 7\u00a0: pas de pays" in page.inner_text("main")  # the bad line, with its number
    page.get_by_role("button", name="Non reconnu (1)").click()  # with JavaScript: in place
    assert list(states(page)) == ["F5"]
    with page.expect_download() as download:  # the lines shown, which the note beside the buttons says
        page.get_by_role("button", name="Télécharger en CSV").click()
    assert download.value.suggested_filename.startswith("criblage-non-reconnu-")
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig")), delimiter=";"))
    assert [row[1] for row in rows[1:]] == ["F5"]
    page.get_by_role("button", name=ALL_LINES).click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Télécharger en CSV").click()
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig")), delimiter=";"))
    assert [row[1] for row in rows[1:]] == ["F1", "F2", "F3", "F4", "F5", "F6"]  # the bad line's reference too
    page.context.close()


def test_most_serious_first_in_place_and_back_with_the_keyboard(
    browser: Any, live_api: LiveApi, suppliers_file: Path
) -> None:
    page = upload(browser, live_api, suppliers_file, js=True)
    serious = page.get_by_role("button", name="Les plus graves d’abord")
    serious.focus()
    page.keyboard.press("Enter")
    # Ivorian cocoa (forced child labour), Brazilian (child labour), the line to correct, no data, no finding.
    assert list(states(page)) == ["F1", "F2", "F5", "F4", "F3"]
    assert serious.get_attribute("aria-pressed") == "true"
    page.get_by_role("button", name="Constat (2)").click()  # a filter keeps the order
    assert list(states(page)) == ["F1", "F2"]
    page.wait_for_function("document.getElementById('screening-status').textContent !== ''")
    assert page.locator("#screening-status").text_content() == "Lignes affichées\u00a0: Constat (2)"
    page.get_by_role("button", name=ALL_LINES).click()
    with page.expect_download() as download:  # the download follows the order shown
        page.get_by_role("button", name="Télécharger en CSV").click()
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig")), delimiter=";"))
    assert [row[1] for row in rows[1:]] == ["F1", "F2", "F5", "F6", "F4", "F3"]  # F6, unreadable: to correct
    page.get_by_role("button", name="Ordre de votre liste").click()
    assert list(states(page)) == ["F1", "F2", "F3", "F4", "F5"]
    page.context.close()


def test_filter_without_javascript_posts_the_list_again(browser: Any, live_api: LiveApi, suppliers_file: Path) -> None:
    page = upload(browser, live_api, suppliers_file, js=False)
    page.get_by_role("button", name="Constat (2)").click()
    page.wait_for_selector("#screening-results")
    assert list(states(page)) == ["F1", "F2"]
    page.get_by_role("button", name="Les plus graves d’abord").click()  # the filter kept, the order changed
    page.wait_for_selector("#screening-results")
    assert list(states(page)) == ["F1", "F2"]
    page.get_by_role("button", name=ALL_LINES).click()  # the order kept
    page.wait_for_selector("#screening-results")
    assert list(states(page)) == ["F1", "F2", "F5", "F4", "F3"]
    page.context.close()


@pytest.mark.parametrize("width", [1280, 375])
def test_the_results_fit_the_screen(browser: Any, live_api: LiveApi, suppliers_file: Path, width: int) -> None:
    """No sideways scrolling, in the page or in the table; at 375 px each line is a card whose cells say what they
    are, and the filters still hide the other cards."""
    page = upload(browser, live_api, suppliers_file, js=True, width=width)
    table = page.locator("#screening-results")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert table.evaluate("t => t.parentElement.scrollWidth <= t.parentElement.clientWidth")
    first = page.locator("#screening-results tbody tr").first
    labels = first.locator(".cell-label")
    if width == 375:
        assert labels.all_inner_texts() == [
            "Référence",
            "Pays",
            "Produit",
            "Constat pays-produit (ILAB)",
            "À lire ensuite",
        ]
        box = first.bounding_box()
        assert box is not None and box["width"] <= width
        page.get_by_role("button", name="Non reconnu (1)").click()
        assert list(states(page)) == ["F5"]
    else:
        assert not labels.first.is_visible()
    page.context.close()


@pytest.mark.skipif(not AXE.exists(), reason="node_modules/axe-core is missing: run `make test` (npm ci)")
@pytest.mark.parametrize("width", [1280, 375])
def test_axe_on_the_form_and_the_results(browser: Any, live_api: LiveApi, suppliers_file: Path, width: int) -> None:
    page = upload(browser, live_api, suppliers_file, js=True, width=width)
    result = axe_violations(page)
    assert result == [], json.dumps(result, indent=1)
    page.context.close()


@pytest.mark.skipif(not AXE.exists(), reason="node_modules/axe-core is missing: run `make test` (npm ci)")
def test_a_refused_file_and_a_did_you_mean_chosen_with_axe(browser: Any, live_api: LiveApi, tmp_path: Path) -> None:
    """A file that is no list is said beside the file field; a « did you mean » is a button that corrects its line
    (and axe finds nothing wrong with either page)."""
    old = tmp_path / "fournisseurs.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    page = upload(browser, live_api, old, js=True, width=375, shown="#screening-file-error")
    assert page.locator("#screening-file").get_attribute("aria-invalid") == "true"
    assert page.locator("#screening-results").count() == 0  # the .xls was « screened » as text
    assert axe_violations(page) == []
    page.fill("#screening-text", "référence;pays;produit\nA1;Ghana;cocao\n")
    page.get_by_role("button", name="Cribler la liste").click()
    page.wait_for_selector("#screening-results")
    assert states(page) == {"A1": "? Produit non reconnu"}
    assert axe_violations(page) == []
    page.locator('button[name="fix"][value="2:product:Cacao"]').click()
    page.wait_for_selector("#screening-results")
    assert states(page) == {"A1": "▲ Constat"}
    assert page.locator("#screening-text").input_value() == "référence;pays;produit\nA1;Ghana;Cacao\n"
    # the keyboard lands on the corrected line, the notice as its description (not back on « Résultats »)
    assert page.evaluate("document.activeElement.id") == "line-2"
    assert page.evaluate("document.activeElement.getAttribute('aria-describedby')") == "correction-notice"
    page.context.close()


def test_no_finding_is_not_shown_as_safe_and_the_print_button_needs_javascript(
    browser: Any, live_api: LiveApi, suppliers_file: Path
) -> None:
    """« Pays évalué, aucun constat » was green, a « safe » beside the grey of « not assessed »: the no-finding
    badges share one neutral style, told apart by their symbol and words. « Imprimer » prints, with JavaScript."""
    page = upload(browser, live_api, suppliers_file, js=True)

    def colours(reference: str) -> Any:
        row = page.locator("#screening-results tbody tr").filter(has=page.locator(f"strong:text-is('{reference}')"))
        return row.locator(".badge").evaluate("e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]")

    assert colours("F3") == colours("F4") != colours("F1")  # assessed without finding, not assessed; a finding
    assert page.locator(".legend li").count() == 3
    printing = page.locator("button.js-print")
    assert printing.is_visible()
    page.evaluate("window.print = () => { window.printed = true; }")
    printing.click()
    assert page.evaluate("window.printed") is True
    page.context.close()
    page = upload(browser, live_api, suppliers_file, js=False)
    assert page.locator("button.js-print").count() == 1 and not page.locator("button.js-print").is_visible()
    page.context.close()


LEGEND_LAYOUT = """item => {
  const label = item.querySelector('strong'), range = document.createRange();
  range.selectNodeContents(label);
  const lines = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top))).size;
  const colon = item.childNodes[2].textContent.trim();  // the colon and the meaning, after the label
  return {display: getComputedStyle(item).display, lines, colon: colon.slice(0, 1),
          labelTop: Math.round(label.getBoundingClientRect().top),
          symbolTop: Math.round(item.querySelector('.symbol').getBoundingClientRect().top)};
}"""


def test_the_no_finding_legend_reads_as_sentences_at_375_and_1280(
    browser: Any, live_api: LiveApi, suppliers_file: Path
) -> None:
    """The home map's ``.legend li { display: flex }`` laid out the screening's legend too: each label squeezed one
    word a line at 375 px, the colon floating apart, misaligned at 1280. Each item is a sentence again, its symbol,
    label and colon on one first line; the map's legend keeps its row of swatches. The results and the legend alone
    are saved to var/screenshots/ at both widths."""
    page = upload(browser, live_api, suppliers_file, js=True, width=375)
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        items = page.locator("ul.legend li")
        assert items.count() == 3
        for index in range(3):
            layout = items.nth(index).evaluate(LEGEND_LAYOUT)
            assert layout["display"] != "flex", (width, layout)
            assert layout["lines"] <= (2 if width == 375 else 1), (width, layout)  # not one word a line
            same_line = abs(layout["labelTop"] - layout["symbolTop"]) < 8  # one first line (their fonts differ)
            assert same_line and layout["colon"] == ":", (width, layout)
        screenshot(page, f"screening-results-{width}")
        screenshot(page.locator("ul.legend"), f"screening-legend-{width}")  # the legend alone
    page.goto(f"{live_api.url}/fr/")
    assert page.locator("figure.map .legend li").first.evaluate("e => getComputedStyle(e).display") == "flex"
    page.context.close()


# A month earlier, in English: F2 was Indian bricks then (Brazilian cocoa now), F9 is no longer in the list; F4 and F5
# are new (F6, unreadable, too).
EARLIER = "Reference;Country;Product\nF1;Ivory Coast;cocoa beans\nF2;India;bricks\nF3;Albania;cocoa\nF9;Peru;gold\n"


def test_compare_with_an_earlier_screening_downloaded_in_english(
    browser: Any, live_api: LiveApi, suppliers_file: Path, tmp_path: Path
) -> None:
    """« A month later I re-screen my changed list; nothing tells me what changed »: the XLSX downloaded from the
    English page, chosen beside the list on the French page, says on each line what changed since, filters the lines
    new or changed in place, names the line no longer in the list and goes into the downloads."""
    context = browser.new_context(locale="en-GB", accept_downloads=True, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_api.url}/en/tools/screening")
    page.fill("#screening-text", EARLIER)
    page.get_by_role("button", name="Screen the list").click()
    page.wait_for_selector("#screening-results")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download as XLSX").click()
    earlier = tmp_path / download.value.suggested_filename
    download.value.save_as(earlier)
    context.close()

    page = upload(browser, live_api, suppliers_file, js=True, earlier=earlier)
    label = page.get_by_text(gettext("fr", "An earlier screening’s result (the XLSX downloaded here)"))
    assert label.get_attribute("for") == "screening-earlier"
    screened = datetime.now(UTC).date()  # the earlier workbook's day: UTC, as its name and summary say it
    today = human_date(screened, "fr")
    heading = gettext("fr", SINCE, date=today)
    assert page.locator("#screening-results thead th").nth(4).inner_text() == heading

    def changes() -> dict[str, str]:
        rows = page.locator("#screening-results tbody tr:visible")
        return {
            rows.nth(i).locator("th[scope=row] strong").inner_text(): rows.nth(i).locator("td.change").inner_text()
            for i in range(rows.count())
        }

    same, new = gettext("fr", UNCHANGED), gettext("fr", NEW_LINE)
    was = "Constat (Travail forcé des enfants, Travail forcé, Travail des enfants)"
    changed = gettext("fr", RESULT_CHANGED, before=was, after="Constat (Travail des enfants)")
    assert changes() == {"F1": same, "F2": changed, "F3": same, "F4": new, "F5": new}
    assert "F9" in page.locator("#gone-title + ul").inner_text()
    page.get_by_role("button", name=f"{gettext('fr', CHANGED_SINCE, date=today)} (3)").click()  # in place
    assert list(changes()) == ["F2", "F4", "F5"]
    with page.expect_download() as download:  # the lines shown, with what changed
        page.get_by_role("button", name="Télécharger en XLSX").click()
    lines, summary = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).worksheets
    header = [cell.value for cell in lines[1]]
    dated = gettext("fr", SINCE, date=screened.isoformat())
    assert [row[header.index(dated)] for row in lines.iter_rows(min_row=2, values_only=True)] == [changed, new, new]
    assert any(row[1] and "F9" in str(row[1]) for row in summary.iter_rows(values_only=True))
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280  # the column fits
    if AXE.exists():
        assert axe_violations(page) == []
    page.set_viewport_size({"width": 375, "height": 900})  # a card: the cell says what it is
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.locator("#screening-results tbody tr:visible td.change .cell-label").first.inner_text() == heading
    page.context.close()
