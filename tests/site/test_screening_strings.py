"""The screening page's strings come from the site's gettext catalogs, in French with its typography."""

import re

from fastapi.testclient import TestClient

from app.services.screening_input import CELL_TOO_LONG, MAX_CELL


def test_the_page_speaks_french_from_the_catalog(client: TestClient) -> None:
    french = client.get("/fr/outils/criblage").text
    assert "Une ligne par fournisseur\u00a0: un pays et un produit." in french
    assert "Ou collez votre liste (référence\u202f; pays\u202f; produit)" in french
    assert "au plus 5\u202f000 lignes et 2\u00a0Mio." in french
    english = client.get("/en/tools/screening").text
    assert "One line per supplier: a country and a product." in english


def test_the_reasons_a_line_cannot_be_read_are_translated(client: TestClient) -> None:
    page = client.get("/fr/outils/criblage")
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found
    long = "x" * (MAX_CELL + 1)
    listed = f"référence;pays;produit\nA;Brésil;\nB;{long};cacao\nC;Brésil;cacao\n"
    answer = client.post("/fr/outils/criblage", data={"csrf_token": found.group(1), "text": listed}).text
    assert "Ligne 2\u00a0: pas de produit" in answer
    assert "Ligne 3\u00a0: une cellule dépasse 300 caractères" in answer
    assert str(MAX_CELL) in CELL_TOO_LONG  # the reason is written out for the catalogs: it must say the limit


def test_a_result_row_reads_in_french(client: TestClient) -> None:
    """What was typed shows under the name only when it says more than a spelling of it; the country's indicators
    start their line with a capital; downstream inputs are separated by « ; » with its narrow no-break space."""
    page = client.get("/fr/outils/criblage")
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found
    listed = "référence;pays;produit\nA;cote d'ivoire;Cacao\nB;Brésil (São Paulo);cacao\nC;Chine;polysilicium\n"
    answer = client.post("/fr/outils/criblage", data={"csrf_token": found.group(1), "text": listed}).text
    notes = re.findall(r'<span class="note">([^<]*)</span>', answer)
    assert "cote d&#39;ivoire" not in notes and "Cacao" not in notes
    assert "Brésil (São Paulo)" in notes
    assert any(note.startswith("Niveau de progrès selon l’ILAB\u00a0: ") for note in notes), notes
    # « de Chine » but « de la République démocratique du Congo »: the origin is named without an article.
    assert any("(origine des intrants\u00a0: Chine)\u202f; " in note for note in notes), notes
