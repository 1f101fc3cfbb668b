"""A training module's length and level travel with its search document, on both engines' stored forms, so that a
page of hits shows them without the database; a document indexed before they existed reads as stating neither."""

from dataclasses import replace

import orjson
import pytest

from app.search.meili_documents import MalformedResponse, from_meili, to_meili
from app.search.tantivy_schema import decode_document, encode_document
from tests.search.test_meili_mapping import COCOA_FR

MODULE = replace(COCOA_FR, type="training_module", duration=210, level="intermediate")


def test_both_engines_store_a_module_s_length_and_level() -> None:
    assert from_meili(to_meili(MODULE)) == MODULE
    assert decode_document(encode_document(MODULE)) == MODULE


def test_a_document_stored_before_them_states_neither() -> None:
    meili = {key: value for key, value in to_meili(MODULE).items() if key not in ("duration", "level")}
    tantivy = {
        key: value for key, value in orjson.loads(encode_document(MODULE)).items() if key not in ("duration", "level")
    }
    for document in (from_meili(meili), decode_document(orjson.dumps(tantivy))):
        assert (document.duration, document.level) == (None, None)
        assert document == replace(MODULE, duration=None, level=None)


@pytest.mark.parametrize("duration", ["210", 0, 2.5])
def test_a_malformed_length_from_meilisearch_is_reported(duration: object) -> None:
    with pytest.raises(MalformedResponse, match="duration"):
        from_meili(to_meili(MODULE) | {"duration": duration})
