"""Taxonomy files: a term's ``essentials`` are read in order, and a malformed entry names its file and code."""

from pathlib import Path

import pytest

from app.taxonomy import TaxonomyError, TaxonomyName, load_taxonomies
from tests.helpers import ROOT


def test_a_risk_s_essentials_are_read_in_their_order() -> None:
    forced = load_taxonomies(ROOT / "content")[TaxonomyName.risks]["forced-labour"]
    assert forced.essentials[:2] == ("method-forced-labour-indicators", "law-ilo-c029")
    assert load_taxonomies(ROOT / "content")[TaxonomyName.sectors]["cocoa"].essentials == ()


def test_essentials_that_are_not_a_list_of_keys_name_the_file_and_the_entry(content_dir: Path) -> None:
    risks = content_dir / "taxonomies" / "risks.yaml"  # a copy of the real taxonomies (tests/conftest.py)
    risks.write_text(
        risks.read_text(encoding="utf-8").replace("essentials: [law-ilo-c138,", "essentials: [{key: 1}, law-ilo-c138,"),
        encoding="utf-8",
    )
    with pytest.raises(TaxonomyError, match=r"risks\.yaml: entry 'child-labour': 'essentials' must be a list"):
        load_taxonomies(content_dir)
