"""A taxonomy entry is its two labels and the keys the loader reads, nothing else: an unquoted label holding a comma
(« Police, gendarmerie et justice ») was cut at the comma, the rest read as keys of their own, and the site and the
API said « Destiné à : Police »."""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.taxonomy import TaxonomyError, TaxonomyName, load_taxonomies
from tests.helpers import ROOT


def test_the_law_enforcement_audience_keeps_its_whole_labels() -> None:
    term = load_taxonomies(ROOT / "content")[TaxonomyName.audiences]["law-enforcement"]
    assert (term.fr, term.en) == ("Police, gendarmerie et justice", "Police, gendarmerie and justice")


def test_the_api_gives_the_whole_label(client: TestClient) -> None:
    terms = {t["code"]: t for t in client.get("/v1/taxonomies/audiences").json()["terms"]}
    assert terms["law-enforcement"]["labels"] == {
        "fr": "Police, gendarmerie et justice",
        "en": "Police, gendarmerie and justice",
    }


def replace_entry(path: Path, code: str, entry: str) -> None:
    """The taxonomy file with ``code``'s one-line entry replaced by ``entry`` (a key given twice is refused)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.startswith(f"{code}:")]
    assert len(kept) == len(lines) - 1, f"{code} is one line of {path.name}"
    path.write_text("\n".join([*kept, entry]) + "\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "entry", "code"),
    [
        ("audiences.yaml", "law-enforcement: {fr: Police, gendarmerie et justice, en: Police}", "law-enforcement"),
        ("sectors.yaml", "cocoa: {fr: Cacao, en: Cocoa, synonym: [chocolat]}", "cocoa"),  # a misspelt key
        ("countries.yaml", "CI: {synonyms: [Ivory Coast], fr: Côte d'Ivoire, Abidjan}", "CI"),  # an override too
    ],
)
def test_an_entry_with_a_key_the_loader_does_not_read_is_refused(
    content_dir: Path, file: str, entry: str, code: str
) -> None:
    replace_entry(content_dir / "taxonomies" / file, code, entry)  # a copy of the real taxonomies (tests/conftest.py)
    with pytest.raises(TaxonomyError, match=rf"{file}: entry '{code}': unknown keys .*quote a label holding a comma"):
        load_taxonomies(content_dir)


@pytest.mark.parametrize("entry", ["smes: {fr: PME, en: }", "smes: {fr: PME, en: [SMEs]}", "smes: {fr: PME}"])
def test_an_entry_without_two_string_labels_is_refused(content_dir: Path, entry: str) -> None:
    replace_entry(content_dir / "taxonomies" / "audiences.yaml", "smes", entry)
    with pytest.raises(TaxonomyError, match=r"audiences\.yaml: entry 'smes' needs string 'fr' and 'en' labels"):
        load_taxonomies(content_dir)


def test_company_buyers_have_an_audience_apart_from_public_buyers() -> None:
    """« Acheteurs publics » was the only buyers' audience. The two share no search term, and neither the bare
    « acheteurs » nor « buyers »: a public buyer typing their audience is not sent to company buyers' resources."""
    audiences = load_taxonomies(ROOT / "content")[TaxonomyName.audiences]
    company, public = audiences["company-buyers"], audiences["public-buyers"]
    assert (company.fr, company.en) == (
        "Acheteurs et équipes achats en entreprise",
        "Company buyers and sourcing teams",
    )
    terms = {term.casefold() for term in company.search_terms}
    assert not terms & {term.casefold() for term in public.search_terms}
    assert not terms & {"acheteur", "acheteurs", "buyer", "buyers", "achats", "procurement"}
