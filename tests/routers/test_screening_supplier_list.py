"""The screening page and API over HTTP, as a CSR officer's supplier list used them: a line read from its category
says so, and keeps being read from it when the list is filtered; the supplier's name beside its reference; the order
of « most serious first » said; a refusal of too many lines in ``errors``; the no-finding legend out of the map's
flex rules."""

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.routers.test_screenpage import carried, token

pytestmark = pytest.mark.database_agnostic

ROOT = Path(__file__).resolve().parents[2]
LIST = (
    "Code fournisseur;Nom fournisseur;Pays;Produit;Catégorie produit\n"
    "F1;Bougies de Provence SARL;Chine;bougies parfumées;Textile\n"
    "F2;Paillettes & Co;Chine;paillettes;Beauté\n"
)


def rows(page: str) -> dict[str, str]:
    found = re.findall(r'<tr data-state="[a-z_]+" data-line="\d+".*?</tr>', page, re.S)
    return {re.search(r"<strong>([^<]*)</strong>", row).group(1): row for row in found}  # type: ignore[union-attr]


def test_a_line_read_from_its_category_says_so_and_stays_so(client: TestClient) -> None:
    csrf = token(client, "/fr/outils/criblage")
    answer = client.post("/fr/outils/criblage", data={"csrf_token": csrf, "text": LIST}).text
    candles, glitter = rows(answer)["F1"], rows(answer)["F2"]
    assert "Textile et habillement" in candles and "secteur tiré de la catégorie" in candles
    assert "Constat dans ce secteur" in candles
    assert "Produit non reconnu" in glitter and "tiré de la catégorie" not in glitter
    # The supplier's name beside the reference, in the table.
    assert '<span class="supplier-name">Bougies de Provence SARL</span>' in candles
    # A filter posts the list back: the line is still read from its category.
    again = client.post(
        "/fr/outils/criblage",
        data={"csrf_token": csrf, "list": carried(answer), "set_state": "finding", "order": "list"},
    ).text
    assert list(rows(again)) == ["F1"] and "secteur tiré de la catégorie" in rows(again)["F1"]


def test_the_order_of_most_serious_first_is_said(client: TestClient) -> None:
    answer = client.post(
        "/en/tools/screening", data={"csrf_token": token(client, "/en/tools/screening"), "text": LIST}
    ).text
    note = re.search(r'<p class="hint" id="order-note">([^<]*)</p>', answer)
    assert note and note.group(1).startswith("Most serious first: the lines with a finding")
    assert "the lines to check, not recognised or unreadable" in note.group(1)
    assert 'data-order="severity" aria-describedby="order-note"' in answer


def test_too_many_lines_are_counted_in_the_api_s_errors(client: TestClient) -> None:
    too_many = "country;product\n" + "Ghana;cocoa\n" * 5001
    response = client.post("/v1/screenings", content=too_many, headers={"Content-Type": "text/csv"})
    assert response.status_code == 422
    message = "The list has 5,001 lines; at most 5,000 lines can be screened at once: split it and send it in parts."
    assert response.json()["detail"] == message
    assert response.json()["errors"] == [{"field": "body", "message": message}]


def test_the_screening_legend_is_out_of_the_map_s_flex_rules() -> None:
    """site.css laid out every ``.legend li`` as a flex row, the screening's three sentences too: one word a line
    at 375 px, the colon floating apart. The map's rules are the map's (their layout: tests/browser)."""
    css = (ROOT / "app" / "static" / "site" / "site.css").read_text(encoding="utf-8")
    assert not re.search(r"^\.legend[ ,{]", css, re.MULTILINE)  # « .legend-title » is the map's own
    assert re.search(r"^\.map \.legend li \{[^}]*display: flex", css, re.MULTILINE)
