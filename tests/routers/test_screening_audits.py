"""The screening page after a blind keyboard user's audit and an English-speaking buyer's: the summary counts every
line with a link to the unreadable ones, a text without columns is refused beside its field, the title says an error,
ILAB's English titles are marked English, each finding names its good, and the language switch keeps the results."""

import html
import re

from fastapi.testclient import TestClient

from app.i18n import gettext, ngettext
from app.services.screening_input import NO_COLUMNS
from tests.routers.test_screenpage import carried, states, token

TYPO = b"Fournisseur;Pays;Produit\nA;Congo;cafe\nB;Guinee;cacao\nC;Ghana;chocolat noir\nD;France;\n"
NOTES = "Bonjour,\nVoici mes notes de réunion.\nA rappeler lundi.\n".encode()


def test_the_summary_counts_every_line_and_leads_to_the_unreadable_ones(client: TestClient) -> None:
    """« 3 lignes criblées » and « Toutes les lignes (3) » for a file of 4 lines: the unreadable one was said only
    far below, after the table's controls."""
    csrf = token(client, "/fr/outils/criblage")
    page = client.post("/fr/outils/criblage", data={"csrf_token": csrf}, files={"file": ("typo.csv", TYPO, "text/csv")})
    assert page.status_code == 200
    summary = re.search(r'<h2 id="results-title"[^>]*>[^<]*</h2>\s*<p>(.*?)</p>', page.text, re.S)
    assert summary, page.text
    said = html.unescape(re.sub(r"<[^>]+>", "", summary.group(1)))
    lines = ngettext(
        "fr", "%(count)s line read on %(date)s:", "%(count)s lines read on %(date)s:", 4, count=4, date="@"
    )
    screened = ngettext("fr", "%(count)s line screened,", "%(count)s lines screened,", 3, count=3)
    unread = ngettext("fr", "%(count)s line could not be read", "%(count)s lines could not be read", 1, count=1)
    before, after = lines.split("@")
    assert said.startswith(before) and f"{after} {screened} {unread}." in said  # « 4 lignes lues le … : 3 criblées, »
    link = re.search(r'<a href="#unreadable-title">([^<]+)</a>', summary.group(1))
    assert link and html.unescape(link.group(1)) == unread
    assert '<h3 id="unreadable-title" tabindex="-1">' in page.text  # where the link takes the focus
    assert f"{gettext('fr', 'All lines screened')} (3)</button>" in page.text
    whole = client.post("/fr/outils/criblage", data={"csrf_token": csrf, "text": TYPO.decode()[:-10]})
    assert "#unreadable-title" not in whole.text and f"{gettext('fr', 'All lines')} (3)</button>" in whole.text


def test_a_text_without_columns_is_refused_beside_its_field_and_in_the_title(client: TestClient) -> None:
    for lang, path in (("fr", "/fr/outils/criblage"), ("en", "/en/tools/screening")):
        csrf = token(client, path)
        refused = client.post(path, data={"csrf_token": csrf}, files={"file": ("notes.txt", NOTES, "text/plain")})
        assert refused.status_code == 422
        said = re.search(
            r'<span class="error field-error" id="screening-file-error" role="alert">([^<]+)', refused.text
        )
        assert said and html.unescape(said.group(1)) == gettext(lang, NO_COLUMNS)
        assert "screening-results" not in refused.text  # no « 0 lines screened » over an empty table
        title = re.search(r"<title>([^<]+)</title>", refused.text)
        assert title and html.unescape(title.group(1)).startswith(gettext(lang, "Error:") + " ")
        pasted = client.post(path, data={"csrf_token": csrf, "text": NOTES.decode()})
        assert 'id="screening-text-error"' in pasted.text
    fine = client.get("/en/tools/screening")
    assert "<title>Screen your suppliers" in fine.text  # no error, no prefix


def test_ilab_s_titles_are_marked_english_in_a_french_sentence(client: TestClient) -> None:
    csrf = token(client, "/fr/outils/criblage")
    page = client.post("/fr/outils/criblage", data={"csrf_token": csrf, "text": "pays;produit\nGhana;cacao\n"})
    assert '<cite lang="en">List of Goods Produced by Child Labor or Forced Labor</cite>' in page.text
    assert '<cite lang="en">Findings on the Worst Forms of Child Labor</cite>' in page.text


def test_each_finding_on_the_page_names_its_good(client: TestClient) -> None:
    csrf = token(client, "/en/tools/screening")
    text = "Supplier,Country,Product\nAnatolia,Turkey,cotton yarn\nUrumqi,China,cotton yarn\n"
    page = client.post("/en/tools/screening", data={"csrf_token": csrf, "text": text})
    cells = re.findall(r'<span class="findings">([^<]+)</span>', page.text)
    assert cells == [
        "Cotton: child labour",
        "Thread/yarn: forced labour",
        "Cotton: forced child labour, forced labour, child labour",
    ]


def test_the_language_switch_keeps_the_results(client: TestClient) -> None:
    """The header's link to the other language was a plain GET: the results were gone. On a page of results it leads
    to a button of the results' form that posts them to the other language's page."""
    assert 'class="lang-switch" href="/en/tools/screening"' in client.get("/fr/outils/criblage").text
    csrf = token(client, "/fr/outils/criblage")
    text = "référence;pays;produit\nF1;Ghana;cacao\nF2;France;coton\nF3;Narnia;or\n"
    french = client.post("/fr/outils/criblage", data={"csrf_token": csrf, "text": text})
    assert 'class="lang-switch" href="#results-in-other-language"' in french.text
    button = re.search(r'<button type="submit" name="language"[^>]*>', french.text)
    assert button and 'id="results-in-other-language"' in button.group(0)
    assert 'formaction="/en/tools/screening#results-title"' in button.group(0)
    # What the button sends: the results' form, the filter shown with it.
    english = client.post(
        "/en/tools/screening",
        data={"csrf_token": csrf, "list": carried(french.text), "state": "finding", "order": "list", "language": "en"},
    )
    assert english.status_code == 200 and english.headers["content-language"] == "en"
    assert states(english.text) == ["finding"] and ">F1</strong>" in english.text
    assert 'class="lang-switch" href="#results-in-other-language"' in english.text
    back = re.search(r'<button type="submit" name="language"[^>]*>([^<]+)', english.text)
    assert back and 'formaction="/fr/outils/criblage#results-title"' in back.group(0)
    assert back.group(1) == "Show these results in French"
