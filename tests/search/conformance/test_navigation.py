"""A resource's list of links to other pages of the centre is not its text, on every engine (see conftest):
both index the body :func:`to_search_document` makes, which leaves the list out."""

import pytest

from app.models import Resource
from app.search.base import SearchDocument, SearchEngine
from app.search.documents import to_search_document
from app.search.meili_documents import to_meili
from app.taxonomy import Taxonomies
from tests.helpers import resource_row
from tests.search.conformance.corpus import ids, search

NORWAY = """Larger enterprises resident in Norway publish an account of their due diligence every year.

## Related crv resources

[German LkSG](crv:law-de-lksg) · [CSDDD](crv:law-csddd) · [OECD Guidelines](crv:law-oecd-guidelines)
"""
CSDDD = "The directive sets a due diligence duty for large companies in the Union (CSDDD)."


@pytest.fixture
def linked(conformance_taxonomies: Taxonomies) -> list[SearchDocument]:
    rows = [("law-no-transparency-act", NORWAY), ("law-csddd", CSDDD)]
    return [
        to_search_document(
            Resource(**resource_row(key, "en", type="legal_reference", body=body)), conformance_taxonomies
        )
        for key, body in rows
    ]


def test_the_engines_are_given_the_text_without_the_list(linked: list[SearchDocument]) -> None:
    norway = linked[0]
    assert norway.body == "Larger enterprises resident in Norway publish an account of their due diligence every year."
    assert to_meili(norway)["body"] == {"en": norway.body}


def test_csddd_finds_the_text_about_it_not_the_one_linking_to_it(
    fresh_engine: SearchEngine, linked: list[SearchDocument]
) -> None:
    assert fresh_engine.rebuild(linked) == 2
    assert ids(search(fresh_engine, "CSDDD")) == ["law-csddd.en"]
    assert ids(search(fresh_engine, "LkSG")) == []
    hits = search(fresh_engine, "due diligence").hits
    assert sorted(hit.document.id for hit in hits) == ["law-csddd.en", "law-no-transparency-act.en"]
    assert not [hit for hit in hits if "OECD" in hit.highlights["body"] or "Related" in hit.highlights["body"]]
