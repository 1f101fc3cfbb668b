"""The screening page over HTTP: form with a CSRF token, results without JavaScript, filters, downloads, sample."""

import csv
import html
import io
import re
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from app.i18n import gettext
from app.services import screening_input
from app.services.pages import human_date
from app.services.screening import NOT_ABOUT_THE_SUPPLIER, label
from app.services.screening_page import SCREENED_AT, unpack
from app.services.screening_report import RESULT

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
AT = datetime(2025, 3, 12, 14, 5, 42, tzinfo=UTC)  # the moment a download is written, in tests that fix it

LIST = "reference;country;product\nS1;Côte d’Ivoire;cacao\nS2;Brazil;cocoa\nS3;Narnia;gold\nS4;;gold\n"


def token(client: TestClient, path: str) -> str:
    page = client.get(path)
    assert page.status_code == 200
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found
    return found.group(1)


def test_form_in_both_languages(client: TestClient) -> None:
    french = client.get("/fr/outils/criblage")
    assert french.headers["content-language"] == "fr" and "Cribler la liste" in french.text
    assert "crv_csrf" in french.cookies
    assert "au plus 5\u202f000 lignes" in french.text  # French digit grouping: a narrow no-break space
    english = client.get("/en/tools/screening")
    assert "Screen the list" in english.text and 'href="/en/tools/screening/sample.csv"' in english.text
    assert "at most 5,000 lines" in english.text


def test_pasted_list_gives_the_result_table(client: TestClient) -> None:
    csrf = token(client, "/en/tools/screening")
    response = client.post("/en/tools/screening", data={"csrf_token": csrf, "text": LIST})
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    rows = re.findall(r'<tr data-state="([a-z_]+)"', response.text)
    assert rows == ["finding", "finding", "unresolved"]
    assert "Line 5: no country (read: S4; gold)" in response.text  # what was read, to find the line
    carried = re.search(r'name="list" value="([^"]*)"', response.text)  # carried, not stored
    assert carried and unpack(carried.group(1)).startswith("line;reference;country;product\n2;S1;")
    # The list is back in the box as read, the bad line too, so that the buyer corrects it and screens again.
    box = re.search(r'<textarea id="screening-text"[^>]*>([^<]*)</textarea>', response.text)
    assert box and box.group(1) == (
        "reference;country;product\nS1;Côte d’Ivoire;cacao\nS2;Brazil;cocoa\nS3;Narnia;gold\nS4;;gold\n"
    )
    corrected = box.group(1).replace("S4;;gold", "S4;Ghana;gold")
    again = client.post("/en/tools/screening", data={"csrf_token": csrf, "text": corrected})
    assert re.findall(r'<tr data-state="([a-z_]+)"', again.text) == ["finding", "finding", "unresolved", "finding"]
    assert "could not be read" not in again.text


@pytest.mark.parametrize(("path", "lang"), [("/fr/outils/criblage", "fr"), ("/en/tools/screening", "en")])
def test_the_results_say_what_a_finding_is_as_the_downloads_do(client: TestClient, path: str, lang: str) -> None:
    """The caution above the results and the findings' column name come from the message and label the downloads
    write (a finding is about a country and a good, not the supplier)."""
    page = client.post(path, data={"csrf_token": token(client, path), "text": LIST})
    text = html.unescape(page.text)
    assert gettext(lang, NOT_ABOUT_THE_SUPPLIER) in text
    assert f'<th scope="col">{label(RESULT, lang)}</th>' in text


def test_an_uploaded_list_comes_back_as_text_under_its_own_header(client: TestClient) -> None:
    csrf = token(client, "/fr/outils/criblage")
    files = {"file": ("liste.csv", b"Country,Product\nGhana,cocoa\n", "text/csv")}
    uploaded = client.post("/fr/outils/criblage", data={"csrf_token": csrf}, files=files)
    box = re.search(r'<textarea id="screening-text"[^>]*>([^<]*)</textarea>', uploaded.text)
    # The buyer's names; the page's word for the reference, which the list had no column for.
    assert box and box.group(1) == "référence;Country;Product\n;Ghana;cocoa\n"


def test_a_line_pasted_with_the_other_separator_is_read_all_the_same(client: TestClient) -> None:
    csrf = token(client, "/fr/outils/criblage")
    text = "référence;pays;produit\nF1;Ghana;cacao\nF2, Bangladesh, vêtements\n"
    response = client.post("/fr/outils/criblage", data={"csrf_token": csrf, "text": text})
    assert re.findall(r'<tr data-state="([a-z_]+)"', response.text) == ["finding", "finding"]
    assert "Bangladesh" in response.text and "Lignes illisibles" not in response.text


def test_a_line_read_as_its_sector_names_the_goods_its_findings_are_about(client: TestClient) -> None:
    csrf = token(client, "/fr/outils/criblage")
    text = "référence;pays;produit\nM1;Indonésie;nickel\nM2;Côte d’Ivoire;cacao\n"
    response = client.post("/fr/outils/criblage", data={"csrf_token": csrf, "text": text})
    assert re.findall(r'<tr data-state="([a-z_]+)"', response.text) == ["finding", "finding"]
    # Indonesia's mining finding is about its gold and tin, which the buyer of nickel must be told.
    assert "Biens de ce secteur listés par l’ILAB dans ce pays\u00a0: Or, Étain" in response.text
    assert response.text.count("Biens de ce secteur") == 1  # not for cocoa, a good ILAB lists


def test_filter_and_downloads_post_the_carried_list(client: TestClient) -> None:
    csrf = token(client, "/fr/outils/criblage")
    first = client.post("/fr/outils/criblage", data={"csrf_token": csrf, "text": LIST})
    carried = re.search(r'name="list" value="([^"]*)"', first.text)
    assert carried
    listed = carried.group(1).replace("&#39;", "'").replace("&amp;", "&")
    only = client.post("/fr/outils/criblage", data={"csrf_token": csrf, "list": listed, "state": "unresolved"})
    assert re.findall(r'<tr data-state="([a-z_]+)"', only.text) == ["unresolved"]
    as_csv = client.post("/fr/outils/criblage", data={"csrf_token": csrf, "list": listed, "download": "csv"})
    rows = list(csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig")), delimiter=";"))
    assert [row[0] for row in rows[1:]] == ["2", "3", "4", "5"]  # the file's own line numbers, the bad one too
    as_xlsx = client.post("/fr/outils/criblage", data={"csrf_token": csrf, "list": listed, "download": "xlsx"})
    sheet = load_workbook(io.BytesIO(as_xlsx.content), read_only=True)["Criblage"]
    assert len(list(sheet.iter_rows(values_only=True))) == 5


def test_most_serious_first_then_the_lines_to_correct(client: TestClient) -> None:
    csrf = token(client, "/en/tools/screening")
    text = "ref;country;product\nA;Brazil;cocoa\nB;France;cotton\nC;Narnia;gold\nD;Côte d'Ivoire;cocoa\n"
    listed = client.post("/en/tools/screening", data={"csrf_token": csrf, "text": text})
    assert re.findall(r"<strong>([A-D])</strong>", listed.text) == ["A", "B", "C", "D"]  # the list's order first
    carried = re.search(r'name="list" value="([^"]*)"', listed.text)
    assert carried
    sorted_ = client.post(
        "/en/tools/screening",
        data={"csrf_token": csrf, "list": carried.group(1).replace("&#39;", "'"), "order": "severity"},
    )
    # Ivorian cocoa (forced child labour) before Brazilian (child labour), then the line to correct, then France.
    assert re.findall(r"<strong>([A-D])</strong>", sorted_.text) == ["D", "A", "C", "B"]
    assert 'value="severity" aria-pressed="true"' in sorted_.text
    assert re.search(r"4 lines screened on \d+ \w+ \d{4} at \d\d:\d\d UTC\.", sorted_.text)  # a printout is dated
    assert '<input type="hidden" name="order" value="severity">' in sorted_.text  # the filters keep the order
    kept = carried.group(1).replace("&#39;", "'")
    as_csv = client.post(
        "/en/tools/screening", data={"csrf_token": csrf, "list": kept, "order": "severity", "download": "csv"}
    )
    assert [row[1] for row in csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig")))][1:] == ["D", "A", "C", "B"]
    ranks = dict(re.findall(r'data-line="(\d+)" data-rank="(\d+)"', listed.text))
    assert ranks == {"5": "0", "2": "1", "4": "2", "3": "3"}  # what the script sorts by, in place


def test_upload_and_errors(client: TestClient) -> None:
    csrf = token(client, "/fr/outils/criblage")
    files = {"file": ("liste.csv", LIST.replace("’", "'").encode("cp1252"), "text/csv")}
    uploaded = client.post("/fr/outils/criblage", data={"csrf_token": csrf}, files=files)
    assert re.findall(r'<tr data-state="([a-z_]+)"', uploaded.text) == ["finding", "finding", "unresolved"]
    page = {"referer": "http://testserver/fr/outils/criblage"}
    expired = client.post("/fr/outils/criblage", data={"csrf_token": "1.forged", "text": LIST}, headers=page)
    assert expired.status_code == 403 and "Ce formulaire a expiré" in expired.text
    assert "S3;Narnia;gold" in expired.text  # the pasted list stays in the box: submitted again, not typed again
    for elsewhere in ({"referer": "https://attacker.example/criblage"}, {}):
        # Posted by another site (or with no Referer): its text is not put in the person's box.
        forged = client.post("/fr/outils/criblage", data={"csrf_token": "1.forged", "text": LIST}, headers=elsewhere)
        assert forged.status_code == 403 and "Ce formulaire a expiré" in forged.text
        assert "Narnia" not in forged.text
    empty = client.post("/fr/outils/criblage", data={"csrf_token": csrf, "text": ""})
    assert empty.status_code == 422 and "Collez une liste" in empty.text
    too_many = "country;product\n" + "Ghana;cocoa\n" * 5001
    over = client.post("/en/tools/screening", data={"csrf_token": csrf, "text": too_many})
    assert over.status_code == 422  # how many lines were sent, and the limit, beside the box
    assert "The list has 5,001 lines; at most 5,000 lines can be screened at once" in over.text


def test_sample_file(client: TestClient) -> None:
    sample = client.get("/fr/outils/criblage/exemple.csv")
    assert sample.status_code == 200 and sample.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(sample.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Référence", "Pays", "Produit"] and len(rows) == 11
    assert client.get("/en/tools/screening/sample.csv").text.startswith("\ufeffReference;Country;Product")


def test_head_names_the_page_in_both_languages(client: TestClient) -> None:
    html = client.get("/en/tools/screening").text
    canonical = re.findall(r'<link rel="canonical" href="([^"]+)">', html)
    alternates = re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html)
    base = canonical[0].removesuffix("/en/tools/screening")
    assert base.startswith("http") and canonical == [base + "/en/tools/screening"]
    assert alternates == [
        ("fr", base + "/fr/outils/criblage"),
        ("en", base + "/en/tools/screening"),
        ("x-default", base + "/fr/outils/criblage"),
    ]


def test_a_file_that_is_no_list_is_said_beside_its_field_in_the_page_s_language(client: TestClient) -> None:
    csrf = token(client, "/fr/outils/criblage")
    old = {
        "file": ("fournisseurs.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "application/vnd.ms-excel")
    }
    refused = client.post("/fr/outils/criblage", data={"csrf_token": csrf}, files=old)
    assert refused.status_code == 422 and "screening-results" not in refused.text  # it was « screened »
    said = re.search(
        r'<span class="error field-error" id="screening-file-error" role="alert">([^<]*)</span>', refused.text
    )
    assert said and html.unescape(said.group(1)) == gettext("fr", screening_input.OLD_XLS)
    described = (
        'aria-describedby="screening-file-error screening-file-hint screening-columns-hint screening-country-hint"'
    )
    assert described + ' aria-invalid="true"' in refused.text
    damaged = {"file": ("liste.xlsx", b"PK\x03\x04broken", XLSX)}
    broken = client.post("/fr/outils/criblage", data={"csrf_token": csrf}, files=damaged)
    assert "BadZipFile" not in broken.text and html.escape(gettext("fr", screening_input.DAMAGED_XLSX)) in broken.text
    # Nothing sent: the box was pre-filled with a header, which was « screened » as 0 lines; it is a placeholder now.
    form = client.get("/fr/outils/criblage").text
    box = re.search(r'<textarea id="screening-text"([^>]*)>([^<]*)</textarea>', form)
    assert box and box.group(2) == "" and 'placeholder="référence;pays;produit' in box.group(1)
    nothing = client.post("/fr/outils/criblage", data={"csrf_token": csrf, "text": ""})
    assert nothing.status_code == 422 and 'id="screening-text-error" role="alert">Collez une liste' in nothing.text
    header_only = client.post("/fr/outils/criblage", data={"csrf_token": csrf, "text": "référence;pays;produit\n"})
    assert header_only.status_code == 422
    assert html.escape(gettext("fr", screening_input.HEADER_ONLY)) in header_only.text


def test_a_did_you_mean_is_a_button_that_corrects_the_line(client: TestClient) -> None:
    csrf = token(client, "/en/tools/screening")
    text = "reference;country;product\nA;Ghana;cocao\nB;Narnia;gold\n"
    first = client.post("/en/tools/screening", data={"csrf_token": csrf, "text": text})
    badges = re.findall(
        r'<span class="badge badge-unresolved"><span aria-hidden="true">\?</span> ([^<]*)</span>', first.text
    )
    assert badges == ["Product not recognised", "Country not recognised"]  # both said « Unresolved »
    assert "Check the spelling, or write the country’s name in French or English" in first.text  # Narnia: no guess
    fixes = re.findall(
        r'<button type="submit" name="fix" value="([^"]+)" formaction="[^"]+#line-\d+">([^<]+)<', first.text
    )
    assert ("2:product:Cocoa", "Cocoa") in fixes
    carried = re.search(r'name="list" value="([^"]*)"', first.text)
    assert carried
    fixed = client.post(
        "/en/tools/screening",
        data={"csrf_token": csrf, "list": html.unescape(carried.group(1)), "fix": "2:product:Cocoa"},
    )
    assert re.findall(r'<tr data-state="([a-z_]+)"', fixed.text) == ["finding", "unresolved"]
    assert "Line 2 corrected: “cocao” is now “Cocoa”" in fixed.text
    box = re.search(r'<textarea id="screening-text"[^>]*>([^<]*)</textarea>', fixed.text)
    assert box and box.group(1) == "reference;country;product\nA;Ghana;Cocoa\nB;Narnia;gold\n"


@pytest.fixture
def far_from_utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The server's local time zone a day apart from UTC now: 14 hours ahead in UTC's afternoon, 12 behind in its
    morning."""
    monkeypatch.setenv("TZ", "Pacific/Kiritimati" if datetime.now(UTC).hour >= 12 else "Etc/GMT+12")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("far_from_utc")
def test_the_page_dates_a_screening_in_utc_as_its_download_s_name_does(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """« Screened on » is the minute in UTC, saying so, as the workbook's name: not the server's local day."""
    before = datetime.now(UTC)
    assert date.today() != before.date()  # the server's day is another: the page must not say it
    french = client.post("/fr/outils/criblage", data={"csrf_token": token(client, "/fr/outils/criblage"), "text": LIST})
    after = datetime.now(UTC)
    said = re.search(
        r"\b(?:le|on) ([^<]+? UTC)(?:\u00a0|&nbsp;|&#160;)?:", french.text
    )  # « 4 lignes lues le … : 3 criblées, 1 illisible »
    assert said, french.text
    assert html.unescape(said.group(1)) in {
        gettext("fr", SCREENED_AT, day=human_date(at.date(), "fr"), time=f"{at.hour}\u00a0h\u00a0{at:%M}")
        for at in (before, after)
    }
    monkeypatch.setattr("app.routers.screening_page.screened_now", lambda: AT)  # the same instant, the same way
    csrf = token(client, "/en/tools/screening")
    english = client.post("/en/tools/screening", data={"csrf_token": csrf, "text": LIST})
    assert "4 lines read on 12 March 2025 at 14:05 UTC: 3 lines screened," in english.text
    carried = re.search(r'name="list" value="([^"]*)"', english.text)
    assert carried
    download = client.post(
        "/en/tools/screening", data={"csrf_token": csrf, "list": carried.group(1), "download": "csv"}
    )
    assert "2025-03-12-1405-UTC.csv" in download.headers["content-disposition"]  # English: no « 14h05 »


def test_downloads_keep_the_buyer_s_columns_and_line_numbers_in_the_page_s_language(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("app.routers.screening_page.screened_now", lambda: AT)
    csrf = token(client, "/fr/outils/criblage")
    export = "Liste des fournisseurs - export du 12/03/2025\n\nNom fournisseur;Pays d'origine;Désignation;Montant\n"
    export += "Cacao Ivoire SA;Côte d'Ivoire;fèves de cacao;125 000\nAcme;Narnia;or;12\n"
    files = {"file": ("export.csv", export.encode("cp1252"), "text/csv")}
    uploaded = client.post("/fr/outils/criblage", data={"csrf_token": csrf}, files=files)
    assert re.findall(r'<tr data-state="([a-z_]+)"', uploaded.text) == ["finding", "unresolved"]
    # The box numbers the lines as the file does (a title and a blank line above the header) …
    box = re.search(r'<textarea id="screening-text"[^>]*>([^<]*)</textarea>', uploaded.text)
    assert box
    listed = html.unescape(box.group(1))
    assert listed.splitlines()[:2] == [
        f"{gettext('fr', 'line')};Nom fournisseur;Pays d'origine;Désignation;Montant",
        "4;Cacao Ivoire SA;Côte d'Ivoire;fèves de cacao;125 000",
    ]
    # … so that a line corrected and screened again keeps its number, and the download matches the file.
    again = client.post("/fr/outils/criblage", data={"csrf_token": csrf, "text": listed.replace("Narnia", "Pérou")})
    carried = re.search(r'name="list" value="([^"]*)"', again.text)
    assert carried
    as_csv = client.post(
        "/fr/outils/criblage", data={"csrf_token": csrf, "list": html.unescape(carried.group(1)), "download": "csv"}
    )
    assert as_csv.headers["content-disposition"] == 'attachment; filename="criblage-2025-03-12-14h05-UTC.csv"'
    rows = list(csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:6] == [
        "Ligne",
        "Référence",
        "Pays (saisi)",
        "Produit (saisi)",
        "Montant",
        "Constat pays-produit (ILAB)",
    ]
    assert [row[:6] for row in rows[1:]] == [
        ["4", "Cacao Ivoire SA", "Côte d'Ivoire", "fèves de cacao", "125 000", "Constat"],
        ["5", "Acme", "Pérou", "or", "12", "Constat"],
    ]


def test_a_name_of_two_countries_is_asked_which_not_called_unrecognised(client: TestClient) -> None:
    csrf = token(client, "/en/tools/screening")
    text = "reference;country;product\nF1;Corée;rice\nF2;Groland;rice\n"
    response = client.post("/en/tools/screening", data={"csrf_token": csrf, "text": text})
    assert response.text.count("Several countries named: which one?") == 1
    assert response.text.count(">Not recognised<") == 1  # Groland
    assert set(re.findall(r'name="fix" value="2:country:([^"]+)"', response.text)) == {"North Korea", "South Korea"}


def test_a_cell_of_several_countries_is_split_into_one_line_each_not_asked_which(client: TestClient) -> None:
    # « Plusieurs pays nommés : lequel ? » and a choice of one: an issuer's countries of exposure are each meant.
    csrf = token(client, "/en/tools/screening")
    text = "reference;country;product\nF1;Birmanie/Thaïlande;rice\nF2;Ghana;cocoa\nF3;Brésil (São Paulo)/Chine;cocoa\n"
    first = client.post("/en/tools/screening", data={"csrf_token": csrf, "text": text})
    assert "which one?" not in first.text
    assert not re.findall(r'name="fix" value="[24]:country:', first.text)
    assert re.findall(r'name="split" value="(\d+)"', first.text) == ["2"]  # each part of F1 a country of its own
    # F3's « São Paulo » names no country: the split would lose it, the buyer is told which lines to write.
    assert "with the same reference and product (Brazil, China), then screen the list again" in first.text
    carried = re.search(r'name="list" value="([^"]*)"', first.text)
    assert carried
    split = client.post(
        "/en/tools/screening", data={"csrf_token": csrf, "list": html.unescape(carried.group(1)), "split": "2"}
    )
    assert "Line 2 split into one line per country (Birmanie, Thaïlande)" in split.text
    assert re.findall(r'<tr data-state="[a-z_]+" data-line="(\d+)"', split.text) == ["2", "3", "4", "5"]
    box = re.search(r'<textarea id="screening-text"[^>]*>([^<]*)</textarea>', split.text)
    assert box
    assert html.unescape(box.group(1)).splitlines()[1:] == [  # the new line last, after the list's last number
        "F1;Birmanie;rice",
        "F2;Ghana;cocoa",
        "F3;Brésil (São Paulo)/Chine;cocoa",
        "F1;Thaïlande;rice",
    ]


def test_china_s_lines_have_their_own_filter(client: TestClient) -> None:
    # They were under « Pays évalué, aucun constat pour ce produit (3) », Albania's, though each said « Aucun constat
    # sur la liste de l’ILAB ».
    csrf = token(client, "/fr/outils/criblage")
    text = "référence;pays;produit\nC1;République populaire de Chine;ail\nA1;Albanie;cacao\nC2;Chine;cacao\n"
    page = client.post("/fr/outils/criblage", data={"csrf_token": csrf, "text": text})
    assert re.findall(r'<tr data-state="([a-z_]+)"', page.text) == ["listed_only", "assessed_no_finding", "listed_only"]
    buttons = dict(
        re.findall(r'name="set_state" value="([a-z_]*)"[^>]*>(?:<span[^>]*>[^<]*</span> )?([^<]*)<', page.text)
    )
    assert buttons["assessed_no_finding"] == "Pays évalué, aucun constat pour ce produit (1)"
    assert buttons["listed_only"] == "Aucun constat sur la liste de l’ILAB (2)"
    listed = html.unescape(re.findall(r'name="list" value="([^"]*)"', page.text)[0])
    china = client.post("/fr/outils/criblage", data={"csrf_token": csrf, "list": listed, "set_state": "listed_only"})
    assert re.findall(r'<tr data-state="([a-z_]+)"', china.text) == ["listed_only", "listed_only"]


def test_a_line_read_from_a_close_spelling_says_it_was_corrected(client: TestClient) -> None:
    # It said « close spelling » under what was typed: not that the line was read as another word than the buyer's.
    csrf = token(client, "/en/tools/screening")
    text = "reference;country;product\nA;Ghana;cpffee\nB;Ghana;sweets\n"
    response = client.post("/en/tools/screening", data={"csrf_token": csrf, "text": text})
    notes = re.findall(r'<span class="note">([^<]*)</span>', response.text)
    assert html.escape("corrected from “cpffee”: check it") in notes and "cpffee" not in notes
    # « sweets » is no typo of « sweat » (garments): a question, the good offered, not read as it.
    assert re.findall(r'<tr data-state="([a-z_]+)"', response.text)[1] == "unresolved"
    assert ("3:product:Garments", "Garments") in re.findall(
        r'<button type="submit" name="fix" value="([^"]+)" formaction="[^"]+#line-\d+">([^<]+)<', response.text
    )


def test_the_form_says_which_country_to_enter(client: TestClient) -> None:
    page = client.get("/en/tools/screening")
    hint = re.search(r'<p class="hint" id="screening-country-hint">([^<]*)</p>', page.text)
    assert hint and "country of production" in html.unescape(hint.group(1))
    assert 'aria-describedby="screening-file-hint screening-columns-hint screening-country-hint"' in page.text
    assert 'aria-describedby="screening-columns-hint screening-country-hint"' in page.text  # the box's too


@pytest.mark.parametrize(
    ("path", "said"),
    [("/en/tools/screening", "A category column"), ("/fr/outils/criblage", "Une colonne de catégorie")],
)
def test_the_form_says_a_category_column_is_read(client: TestClient, path: str, said: str) -> None:
    """The box's label names « reference; country; product » only: an SME never guessed that a category column is
    read too (where a line's product is empty or not recognised)."""
    hint = re.search(r'<p class="hint" id="screening-columns-hint">([^<]*)</p>', client.get(path).text)
    assert hint and said in html.unescape(hint.group(1))


def test_the_results_are_a_record_for_the_buyer_s_file(client: TestClient) -> None:
    """The results say how old the data is, what each « no finding » means, and can be printed; the workbook
    downloaded later names the file uploaded (the tools to read next: tests/services/test_screenpage_report.py, for
    this client's content has none)."""
    csrf = token(client, "/en/tools/screening")
    text = "reference;country;product\nS1;Ghana;cocoa\nS2;Albania;cocoa\nS3;France;t-shirts\n"
    files = {"file": ("C:\\Achats\\fournisseurs_2025.csv", text.encode(), "text/csv")}
    page = client.post("/en/tools/screening", data={"csrf_token": csrf}, files=files)
    body = html.unescape(page.text)
    assert "ILAB has published a newer edition of its list since" in body
    legend = re.search(r'<ul class="legend"[^>]*>(.*?)</ul>', body, re.S)
    assert legend and legend.group(1).count("<li>") == 3
    assert "badge-assessed_no_finding { color: #1d5b2c" not in body  # no finding is not green
    assert "What matters is the country where the goods are produced" in body  # France's line
    assert re.search(r'<button type="button" class="secondary js-print" hidden>', body)
    assert re.search(r'<script src="/static/site/print\.js\?v=\w+" defer></script>', body)
    source = re.search(r'name="source" value="([^"]*)"', page.text)
    carried = re.search(r'name="list" value="([^"]*)"', page.text)
    assert source and source.group(1) == "fournisseurs_2025.csv" and carried
    data = {"csrf_token": csrf, "list": html.unescape(carried.group(1)), "source": source.group(1), "download": "xlsx"}
    as_xlsx = client.post("/en/tools/screening", data=data)
    summary = dict(load_workbook(io.BytesIO(as_xlsx.content))["Summary"].iter_rows(values_only=True))
    assert summary["Original file"] == "fournisseurs_2025.csv"
