"""A screening compared with an earlier one, as a CSR officer asked after her audit: « a month later I re-screen my
changed list; nothing tells me what changed ». The earlier file is the page's own XLSX download, read in either
language; lines are matched by reference, else by country, product and supplier name."""

import csv
import io
import zipfile
from datetime import UTC, date, datetime, time

import pytest
from openpyxl import Workbook, load_workbook

from app.errors import InvalidParameters
from app.i18n import gettext
from app.services import screening
from app.services.findings import FindingsCatalogue
from app.services.screening_compare import (
    CHANGED_FILTER,
    FIELD,
    NEW_LINE,
    NOT_OURS,
    RESULT_CHANGED,
    UNCHANGED,
    Change,
    Earlier,
    carry,
    compare,
    parse_carried,
    read_earlier,
)
from app.services.screening_files import result_file
from app.services.screening_input import ScreeningFormat, parse_text
from app.services.screening_page import build_view
from app.services.screening_report import Options, Record, report_file

EARLIER_DAY = date(2025, 3, 3)
BEFORE = (
    "Reference;Supplier name;Country;Product\n"
    "S-001;Cacao Ivoire SA;Ivory Coast;cocoa beans\n"
    "S-002;Agro Bahia;Brazil;cocoa\n"
    "S-003;Dhaka Knit;Bangladesh;t-shirts\n"
    "S-004;Oro Andino;Peru;gold\n"
)
# A month later: S-002 now buys its cocoa in Albania, S-004 is gone, S-005 is new, the order and the spelling changed
# (a French list, a French header; « Côte d’Ivoire » is the same country as typed differently, but the same line).
AFTER = (
    "Référence;Nom fournisseur;Pays;Produit\n"
    "S-003;Dhaka Knit;Bangladesh;t-shirts\n"
    "S-001;Cacao Ivoire SA;Côte d’Ivoire;fèves de cacao\n"
    "S-002;Agro Bahia;Albanie;cacao\n"
    "S-005;Briqueterie Sud;Inde;briques\n"
)


def earlier_file(catalogue: FindingsCatalogue, text: str, lang: str, options: Options | None = None) -> bytes:
    """The XLSX the page's « Download as XLSX » gives for ``text``, screened on EARLIER_DAY, in ``lang``."""
    parsed = parse_text(text)
    result = screening.screen(catalogue, parsed)
    record = Record(screened_at=datetime.combine(EARLIER_DAY, time(9, 30), UTC), site="https://crv.test")
    body, _, _ = report_file(
        result, ScreeningFormat.xlsx, lang, parsed.buyer_columns(), options or Options(), record=record
    )
    return body


def changes(catalogue: FindingsCatalogue, earlier: Earlier, text: str, lang: str = "fr") -> list[str]:
    """What each screened line of ``text`` says against ``earlier``, in the list's order."""
    result = screening.screen(catalogue, parse_text(text))
    comparison = compare(earlier, result)
    return [comparison.said(line.line, lang) for line in result.lines]


def test_lines_are_matched_by_reference_new_changed_unchanged_and_gone(catalogue: FindingsCatalogue) -> None:
    earlier = read_earlier(earlier_file(catalogue, BEFORE, "fr"))
    assert earlier.screened_on == EARLIER_DAY and [line.reference for line in earlier.lines][:2] == ["S-001", "S-002"]
    result = screening.screen(catalogue, parse_text(AFTER))
    comparison = compare(earlier, result)
    said = {line.reference: comparison.said(line.line, "fr") for line in result.lines}
    changed = gettext(
        "fr",
        RESULT_CHANGED,
        before="Constat (Travail des enfants)",
        after="Pays évalué, aucun constat pour ce produit",
    )
    assert said == {
        "S-003": gettext("fr", UNCHANGED),
        "S-001": gettext("fr", UNCHANGED),  # « Ivory Coast » then, « Côte d’Ivoire » now: the same reference
        "S-002": changed,  # Brazilian cocoa (child labour) then, Albanian now
        "S-005": gettext("fr", NEW_LINE),
    }
    assert [(line.line, line.reference) for line in comparison.gone] == [(5, "S-004")]
    assert comparison.counts == {Change.unchanged: 2, Change.changed: 1, Change.new: 1}
    assert comparison.is_changed(4) and comparison.is_changed(5) and not comparison.is_changed(2)
    gone = comparison.gone[0].said("en")
    assert gone == "Line 5 (S-004; Oro Andino; Peru; gold): Finding (Forced labour, Child labour)"


def test_without_references_lines_are_matched_by_country_product_and_supplier(catalogue: FindingsCatalogue) -> None:
    before = "Pays;Produit;Partenaire\nCôte d'Ivoire;cacao;Cacao Ivoire SA\nBrésil;cacao;Agro Bahia\nPérou;or;Acme\n"
    earlier = read_earlier(earlier_file(catalogue, before, "fr"))
    assert earlier.suppliers and not any(line.reference for line in earlier.lines)  # names, no reference
    # Case, accents and apostrophes aside, the same line; the same pair from another supplier is another line.
    after = (
        "Pays;Produit;Partenaire\nbresil;Cacao;AGRO BAHIA\nPérou;or;Autre SARL\nCôte d’Ivoire;cacao;cacao ivoire sa\n"
    )
    assert changes(catalogue, earlier, after, "en") == ["Unchanged", "New line", "Unchanged"]
    # A reference on one side only: the names decide (a buyer who added a reference column since).
    with_references = "Réf;Pays;Produit;Partenaire\nR1;Brésil;cacao;Agro Bahia\nR2;Pérou;or;Acme\n"
    assert changes(catalogue, earlier, with_references, "en") == ["Unchanged", "Unchanged"]
    # A list that no longer names its suppliers: country and product alone.
    assert changes(catalogue, earlier, "Pays;Produit\nPérou;or\nPérou;or\n", "en") == ["Unchanged", "New line"]


def test_two_references_that_differ_are_two_lines_whatever_their_names(catalogue: FindingsCatalogue) -> None:
    earlier = read_earlier(earlier_file(catalogue, "Réf;Pays;Produit\nA1;Ghana;cacao\nA1;Ghana;cacao\n", "fr"))
    after = "Réf;Pays;Produit\nB7;Ghana;cacao\nA1;Ghana;cacao\nA1;Ghana;cacao\nA1;Ghana;cacao\n"
    # B7 is no A1 renamed; a reference twice matches twice, a third time is new.
    new, same = gettext("fr", NEW_LINE), gettext("fr", UNCHANGED)
    assert changes(catalogue, earlier, after) == [new, same, same, new]


def test_an_english_file_compared_on_the_french_page(catalogue: FindingsCatalogue) -> None:
    english = read_earlier(earlier_file(catalogue, BEFORE, "en"))
    french = read_earlier(earlier_file(catalogue, BEFORE, "fr"))
    assert [line.outcome.key for line in english.lines] == [line.outcome.key for line in french.lines]
    _, s001, s002, _ = changes(catalogue, english, AFTER, "fr")
    assert s001 == gettext("fr", UNCHANGED)  # « Finding » then is « Constat » now: not a change
    assert "Constat (Travail des enfants) → Pays évalué" in s002  # the earlier result said in French


def test_a_line_screened_on_its_category_is_the_same_line_again(catalogue: FindingsCatalogue) -> None:
    text = "Fournisseur;Pays;Produit;Catégorie\nAcme;Chine;;Textile\n"
    earlier = read_earlier(earlier_file(catalogue, text, "en"))
    assert earlier.lines[0].product == "Textile"  # written « Textile (category) »
    assert changes(catalogue, earlier, text) == [gettext("fr", UNCHANGED)]


def test_what_the_page_carries_is_the_earlier_screening_again(catalogue: FindingsCatalogue) -> None:
    earlier = read_earlier(earlier_file(catalogue, BEFORE + "S-006;;;or\n", "en"))  # an unreadable line too
    assert parse_carried(carry(earlier)) == earlier
    for forged in ("", "line;reference\n2;A\n", "crv-earlier:1;2025-03-03;;\nnot;a;line\n"):
        with pytest.raises(InvalidParameters):
            parse_carried(forged)


# A line screened on its category and an unreadable one (no country) beside BEFORE's.
WITH_CATEGORY = (
    "Reference;Supplier name;Country;Product;Category\n"
    "S-001;Cacao Ivoire SA;Ivory Coast;cocoa beans;\n"
    "S-002;Agro Bahia;Brazil;cocoa;\n"
    "S-003;Dhaka Knit;China;;Textile\n"
    "S-004;Oro Andino;;gold;\n"
)


def api_file(catalogue: FindingsCatalogue, text: str, lang: str) -> bytes:
    """The XLSX the API (``POST /v1/screenings?format=xlsx``) and ``crv screen --format xlsx`` write for ``text``:
    column codes, labels in ``lang``, screened late on EARLIER_DAY (UTC)."""
    parsed = parse_text(text)
    result = screening.screen(catalogue, parsed)
    at = datetime.combine(EARLIER_DAY, time(23, 30), UTC)
    body, _ = result_file(result, parsed.buyer_columns(), ScreeningFormat.xlsx, lang, screened_at=at)
    return body


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_api_s_workbook_is_read_as_the_page_s(catalogue: FindingsCatalogue, lang: str) -> None:
    """The API's and ``crv screen``'s workbook was refused as an earlier file (its headers are codes, it had no
    date): read now, it says what the page's download of the same list says, line for line."""
    from_api = read_earlier(api_file(catalogue, WITH_CATEGORY, lang))
    from_page = read_earlier(earlier_file(catalogue, WITH_CATEGORY, lang))
    assert from_api == from_page
    assert from_api.screened_on == EARLIER_DAY and from_api.suppliers and not from_api.scope
    ivory, _, category, unreadable = from_api.lines
    assert len(ivory.outcome.findings) == 3  # « ; » between the API's findings, « , » between the page's
    assert (category.product, category.supplier) == ("Textile", "Dhaka Knit")  # its category, its product empty
    assert unreadable.outcome.result.en == "Unreadable line"  # the API writes « error » and no label
    # Compared with the same list, every line is unchanged, the unreadable one too; with AFTER, what changed.
    result = screening.screen(catalogue, parse_text(WITH_CATEGORY))
    comparison = compare(from_api, result)
    assert {comparison.said(line, "en") for line in (2, 3, 4, 5)} == {"Unchanged"} and not comparison.gone
    _, s001, s002, s005 = changes(catalogue, from_api, AFTER, "en")
    assert (s001, s005) == ("Unchanged", "New line")
    assert s002.startswith("Result changed: Finding (Child labour) → ")  # Brazilian cocoa then, Albanian now


def workbook(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_file_that_is_not_one_of_ours_is_refused_beside_its_field(catalogue: FindingsCatalogue) -> None:
    ours = earlier_file(catalogue, BEFORE, "fr")
    book = load_workbook(io.BytesIO(ours))
    del book[book.sheetnames[1]]  # the summary, with the date, removed
    without_summary = io.BytesIO()
    book.save(without_summary)
    damaged = io.BytesIO()
    with zipfile.ZipFile(damaged, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook")
    others = [
        BEFORE.encode(),  # the supplier list itself, as CSV
        workbook([["Référence", "Pays", "Produit"], ["S-001", "Ghana", "cacao"]]),  # …or as a workbook
        without_summary.getvalue(),
        damaged.getvalue(),
        b"%PDF-1.4\n",
        ours[: len(ours) // 2],  # cut short
    ]
    for data in others:
        with pytest.raises(InvalidParameters) as refused:
            read_earlier(data)
        error = refused.value.errors[0]
        assert error.field == FIELD and error.localized("fr") == gettext("fr", NOT_OURS)


def test_the_downloads_carry_the_comparison(catalogue: FindingsCatalogue) -> None:
    earlier = read_earlier(earlier_file(catalogue, BEFORE, "en"))
    parsed = parse_text(AFTER + "S-007;;;or\n")  # an unreadable line is compared too
    result = screening.screen(catalogue, parsed)
    comparison = compare(earlier, result)
    record = Record(screened_at=datetime(2025, 4, 2, 16, 0, tzinfo=UTC), site="https://crv.test")
    body, _, name = report_file(
        result, ScreeningFormat.csv, "fr", parsed.buyer_columns(), record=record, comparison=comparison
    )
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    since = gettext("fr", "Since the screening of %(date)s", date="2025-03-03")
    at = header.index(since)
    # beside the result
    assert header[at - 2 : at] == ["Constat pays-produit (ILAB)", "Constats de l’ILAB pour ce pays et ce produit"]
    assert [row[at] for row in rows[1:]] == [
        gettext("fr", UNCHANGED),
        gettext("fr", UNCHANGED),
        comparison.said(4, "fr"),
        gettext("fr", NEW_LINE),
        gettext("fr", NEW_LINE),
    ]
    body, _, _ = report_file(
        result, ScreeningFormat.xlsx, "fr", parsed.buyer_columns(), record=record, comparison=comparison
    )
    book = load_workbook(io.BytesIO(body))
    lines, summary = book.worksheets
    assert [cell.value for cell in lines[1]][at] == since
    assert lines.cell(row=4, column=at + 1).value == comparison.said(4, "fr")
    # The share of children working is still a number, its links still links: the columns after moved by one.
    share = [cell.value for cell in lines[1]].index("Enfants de 5 à 14 ans qui travaillent (%)")
    assert isinstance(lines.cell(row=2, column=share + 1).value, float)
    sheet = [cell.value for cell in lines[1]].index("Fiche pays")
    assert lines.cell(row=2, column=sheet + 1).hyperlink is not None
    said = {row[0].value: row[1].value for row in summary.iter_rows() if row[0].value}
    assert said["Comparé au criblage du"] == "2025-03-03"
    assert said[gettext("fr", "Lines no longer in the list")] == 1
    assert comparison.gone[0].said("fr") in [row[1].value for row in summary.iter_rows()]
    # A download compared is an earlier file in turn: read again, its lines are the list's.
    assert [line.reference for line in read_earlier(body).lines] == ["S-003", "S-001", "S-002", "S-005", "S-007"]
    # The lines new or changed alone, as the page's filter shows them.
    view = build_view("fr", result, CHANGED_FILTER, "list", comparison=comparison)
    assert [row.reference for row in view.rows] == ["S-002", "S-005"] and view.options.changed_only
    body, _, name = report_file(
        result, ScreeningFormat.csv, "en", parsed.buyer_columns(), view.options, record=record, comparison=comparison
    )
    assert name == "screening-changes-2025-04-02-1600-UTC.csv"
    assert [row[1] for row in csv.reader(io.StringIO(body.decode("utf-8-sig")))][1:] == ["S-002", "S-005"]


def test_an_earlier_file_of_some_lines_says_so(catalogue: FindingsCatalogue) -> None:
    """An earlier download of the lines with a finding only: the others would all be « new »; the page says why."""
    partial = earlier_file(
        catalogue, BEFORE + "S-008;Ferme;France;blé\n", "en", Options(state=screening.LineGroup.finding)
    )
    earlier = read_earlier(partial)
    assert earlier.scope == "Finding only: 4 of 5"
    result = screening.screen(catalogue, parse_text(AFTER))
    view = build_view("fr", result, "", comparison=compare(earlier, result))
    assert view.comparison is not None and "Finding only: 4 of 5" in view.comparison.note
