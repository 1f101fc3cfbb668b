"""One set of rules for every way a resource comes in: the loader of content/ and the write API agree."""

from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from app.errors import InvalidParameters
from app.models import ResourceType
from app.services import content as content_service
from app.services import publishing
from app.services.validation import TYPES_NEEDING_SOURCES, rule_errors
from app.taxonomy import Taxonomies
from tests.helpers import good_practice


@pytest.mark.parametrize("resource_type", list(ResourceType))
def test_sources_rule_per_type(resource_type: ResourceType) -> None:
    errors = rule_errors(resource_type, [], "Body.\n")
    assert bool(errors) is (resource_type in TYPES_NEEDING_SOURCES)
    assert {ResourceType.methodology, ResourceType.risk_sheet} <= TYPES_NEEDING_SOURCES  # as content-format.md says


def test_a_methodology_without_sources_is_refused_by_the_loader(content_dir: Path) -> None:
    path = content_dir / "resources" / "method-risk-mapping.en.md"
    text = path.read_text()
    start = text.index("sources:")
    path.write_text(text[:start] + text[text.index("---", start) :])
    issues = content_service.check(content_dir).issues
    assert [(i.field, i.message) for i in issues if i.path.endswith("method-risk-mapping.en.md")] == [
        ("sources", "a methodology must cite at least one source with a URL")
    ]


def test_a_methodology_without_sources_is_refused_by_the_write_api(session: Session, taxonomies: Taxonomies) -> None:
    raw = good_practice(type="methodology", sources=[])
    del raw["translation_key"], raw["language"]
    with pytest.raises(InvalidParameters) as raised:
        publishing.validate_data(session, raw, taxonomies, organisation_id=1)
    assert [(e.field, e.message) for e in raised.value.errors or []] == [
        ("sources", "a methodology must cite at least one source with a URL")
    ]
