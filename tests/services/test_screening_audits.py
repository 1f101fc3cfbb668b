"""What two audits of the screening found, against the real ILAB data and content: findings credited to the wrong
good (Chinese and Turkish cotton yarn), the laws and guides suggested to a reader of either language, English
downloads that spoke French, and a text without columns screened as « 0 lines »."""

import csv
import io
import json
import re
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook

from app.errors import InvalidParameters
from app.ilab.reader import Finding
from app.schemas.screening import ScreenedLine, ScreeningState
from app.services import screening
from app.services.findings import FindingsCatalogue
from app.services.resource_links import STATE_IMPOSED_TOPIC
from app.services.screening import (
    CHILD_LABOUR_NEXT,
    EU_LAWS,
    FORCED_LABOUR_NEXT,
    FRENCH_LAW,
    LAST_READS,
    goods_findings,
    reads,
)
from app.services.screening_compare import read_earlier
from app.services.screening_files import COLUMNS, result_file
from app.services.screening_input import NO_COLUMNS, ParsedInput, ScreeningFormat, parse, parse_text
from app.services.screening_page import BUYER_TOOLS, PROCUREMENT_GUIDES, build_view, procurement_guides
from app.services.screening_report import GOODS_COLUMN, Record, report_file
from tests.helpers import CONTENT, ilab_rows

AT = datetime(2026, 12, 3, 12, 56, tzinfo=UTC)
RECORD = Record(screened_at=AT, site="http://crv.test")
YARN = "Supplier,Country,Product\nAnatolia Iplik A.S.,Turkey,cotton yarn\nUrumqi Spinning Co.,China,cotton yarn\n"


def yarn(catalogue: FindingsCatalogue) -> tuple[ParsedInput, list[ScreenedLine]]:
    parsed = parse_text(YARN)
    return parsed, screening.screen(catalogue, parsed).lines


def listed(country: str, good: str) -> set[str]:
    """ILAB's findings for ``good`` in ``country`` as its data file says them (not through the catalogue)."""
    rows = [row for row in ilab_rows("country_goods.csv") if row["iso2"] == country and row["good_en"] == good]
    columns = {
        "forced_child_labor": "forced_child_labour",
        "forced_labor": "forced_labour",
        "child_labor": "child_labour",
    }
    return {finding for row in rows for column, finding in columns.items() if row[column] == "true"}


def test_each_finding_names_the_good_it_is_about(catalogue: FindingsCatalogue) -> None:
    """China's yarn is listed for forced labour only, its cotton for all three; Türkiye's yarn is not listed at all,
    its cotton for child labour. The line, read as yarn, carries its cotton's findings too: each says its good."""
    assert listed("CN", "Thread/Yarn") == {"forced_labour"}
    assert listed("CN", "Cotton") == {"forced_child_labour", "forced_labour", "child_labour"}
    assert listed("TR", "Thread/Yarn") == set() and listed("TR", "Cotton") == {"child_labour"}
    parsed, (turkey, china) = yarn(catalogue)
    assert turkey.commodity is not None and turkey.commodity.code == "yarn" and turkey.state == ScreeningState.finding
    assert goods_findings(turkey, "en") == ["Cotton: child labour"]  # not « Yarn — Child labour »
    assert goods_findings(china, "en") == [
        "Thread/yarn: forced labour",
        "Cotton: forced child labour, forced labour, child labour",
    ]
    assert goods_findings(china, "fr") == [
        "Fils\u00a0: travail forcé",
        "Coton\u00a0: travail forcé des enfants, travail forcé, travail des enfants",
    ]
    # The page's row says them, good by good.
    rows = build_view("en", screening.screen(catalogue, parsed), "").rows
    assert [row.findings for row in rows] == [goods_findings(turkey, "en"), goods_findings(china, "en")]
    # The page's downloads, in the column of the findings by good.
    result = screening.screen(catalogue, parsed)
    body, _, _ = report_file(result, ScreeningFormat.csv, "en", parsed.buyer_columns(), record=RECORD)
    lines = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    by_good = GOODS_COLUMN.en
    assert [line[by_good] for line in lines] == [
        "Cotton: child labour",
        "Thread/yarn: forced labour; Cotton: forced child labour, forced labour, child labour",
    ]
    book, _, _ = report_file(result, ScreeningFormat.xlsx, "fr", parsed.buyer_columns(), record=RECORD)
    sheet = load_workbook(io.BytesIO(book))["Criblage"]
    header = [cell.value for cell in sheet[1]]
    assert sheet.cell(3, header.index(GOODS_COLUMN.fr) + 1).value.startswith("Fils\u00a0: travail forcé; Coton")
    # The API's files, in a column of their own after the documented ones, and its JSON, good by good.
    api, _ = result_file(result, parsed.buyer_columns(), ScreeningFormat.csv, "en", screened_at=AT)
    api_lines = list(csv.DictReader(io.StringIO(api.decode())))
    assert COLUMNS[-1] == "ilab_goods_findings"
    assert [line["ilab_goods_findings"] for line in api_lines] == [line[by_good] for line in lines]
    as_json, _ = result_file(result, parsed.buyer_columns(), ScreeningFormat.json, "en", screened_at=AT)
    goods = {g["good"]["ilab"]: g["findings"] for g in json.loads(as_json)["lines"][1]["goods"]}
    assert goods == {"Thread/Yarn": [Finding.forced_labour], "Cotton": list(Finding)}


def test_the_laws_suggested_suit_the_reader(catalogue: FindingsCatalogue) -> None:
    """The French duty of vigilance law came last for everyone: a reader in English is pointed to the EU's
    directive and regulation first, a reader in French to the French law first."""
    _, (_, china) = yarn(catalogue)
    assert {*EU_LAWS, FRENCH_LAW} <= set(china.next)
    english, french = reads(china, "en"), reads(china, "fr")
    assert sorted(english) == sorted(french) == sorted(china.next)  # the same reads, in another order
    assert max(english.index(key) for key in EU_LAWS) < english.index(FRENCH_LAW)
    assert french.index(FRENCH_LAW) < min(french.index(key) for key in EU_LAWS)
    # The procurement guides beside the results' caution: the EU directive first in English, the French code's.
    assert [link.url.rsplit("/", 1)[1] for link in procurement_guides("en", catalogue.links)] == [
        "eu-directive-2014-24-public-procurement-social-clauses",
        "public-procurement-forced-labour-child-labour",
    ]
    assert len(procurement_guides("fr", catalogue.links)) == 1


def _slugs() -> dict[tuple[str, str], str]:
    """Each published resource's slug by (translation key, language), read from its file."""
    slugs = {}
    for path in (CONTENT / "resources").rglob("*.md"):
        text = path.read_text(encoding="utf-8").split("\n---", 1)[0]
        fields = dict(re.findall(r"^(translation_key|language|slug|status): *\"?([^\"\n]+?)\"? *$", text, re.M))
        if fields.get("status", "published") == "published" and "slug" in fields:
            slugs[fields["translation_key"], fields["language"]] = fields["slug"]
    return slugs


def test_every_resource_suggested_exists_in_both_languages(catalogue: FindingsCatalogue) -> None:
    """Only resources that exist are suggested: each key leads to a published page of content/ in either language."""
    keys = {*EU_LAWS, FRENCH_LAW, *BUYER_TOOLS, *(k for keys in LAST_READS.values() for k in keys)}
    keys |= {*FORCED_LABOUR_NEXT, *(key for keys in CHILD_LABOUR_NEXT.values() for key in keys), STATE_IMPOSED_TOPIC}
    keys |= {key for keys in PROCUREMENT_GUIDES.values() for key in keys}
    slugs = _slugs()
    for key in sorted(keys):
        link = catalogue.links.link(key)
        assert link is not None, key
        for lang in ("fr", "en"):
            slug = slugs.get((key, lang))
            assert slug is not None, (key, lang)
            assert getattr(link.page_url, lang).endswith("/" + slug), (key, lang)


def test_an_english_download_speaks_english(catalogue: FindingsCatalogue) -> None:
    """Guillemets, « Your list’s » cut short, « no good of ILAB’s list » and « 12h56 » in a name were French."""
    parsed = parse_text(YARN + "Nickel Co,Indonesia,nickel\nX,Narnia,cocoa\nY,France,\n")
    result = screening.screen(catalogue, parsed)
    body, _, name = report_file(result, ScreeningFormat.xlsx, "en", parsed.buyer_columns(), record=RECORD)
    assert name == "screening-2026-12-03-1256-UTC.xlsx"
    book = load_workbook(io.BytesIO(body))
    text = [str(cell) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for cell in row if cell]
    assert not [cell for cell in text if "«" in cell or "»" in cell]
    assert not [cell for cell in text if "no good of" in cell]
    summary = dict(book["Summary"].iter_rows(values_only=True))
    assert summary["Order of the lines"] == "The order of your list"
    _, _, french = report_file(result, ScreeningFormat.csv, "fr", parsed.buyer_columns(), record=RECORD)
    assert french == "criblage-2026-12-03-12h56-UTC.csv"  # the French name as it was


@pytest.mark.parametrize("text", ["Bonjour,\nVoici mes notes de réunion.\nA rappeler lundi.\n", "just some text\n"])
def test_a_text_without_columns_is_no_list(text: str) -> None:
    """Meeting notes (or text saved as .pdf) were « 0 lines screened » and an empty table."""
    with pytest.raises(InvalidParameters) as refused:
        parse(text.encode())
    assert refused.value.errors[0].localized("en") == NO_COLUMNS
    # A list with columns whose one line lacks its product is a list: that line alone is unreadable.
    parsed = parse(b"Fournisseur;Pays;Produit\nA;Ghana;cacao\nD;France;\n")
    assert len(parsed.lines) == 1 and [e.line for e in parsed.errors] == [3]
    headerless = parse(b"Ghana;cacao\nFrance\n")
    assert len(headerless.lines) == 1 and len(headerless.errors) == 1


def test_an_api_workbook_from_before_the_findings_by_good_is_still_compared(catalogue: FindingsCatalogue) -> None:
    """``ilab_goods_findings`` came last among the documented columns: an earlier workbook, without it, is read as
    before, its buyer's columns (the supplier's name) right after ``category_input``."""
    parsed = parse_text("Ref,Supplier name,Country,Product\nF1,Anatolia Iplik A.S.,Turkey,cotton yarn\n")
    result = screening.screen(catalogue, parsed)
    body, _ = result_file(result, parsed.buyer_columns(), ScreeningFormat.xlsx, "en", screened_at=AT)
    book = load_workbook(io.BytesIO(body))
    sheet = book["screening"]
    sheet.delete_cols(COLUMNS.index("ilab_goods_findings") + 1)
    older = io.BytesIO()
    book.save(older)
    for data in (body, older.getvalue()):
        earlier = read_earlier(data)
        assert [(line.reference, line.supplier) for line in earlier.lines] == [("F1", "Anatolia Iplik A.S.")]
        assert [line.outcome.result.en for line in earlier.lines] == ["Finding"]
