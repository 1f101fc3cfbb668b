"""One set of rules for every way a resource comes in: the loader of content/ and the write API agree."""

import re
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from app.errors import InvalidParameters
from app.models import ResourceType
from app.services import content as content_service
from app.services import publishing
from app.services.validation import TYPES_NEEDING_SOURCES, rule_errors
from app.taxonomy import Taxonomies, TaxonomyName
from tests.helpers import ROOT, content_taxonomies, good_practice


@pytest.mark.parametrize("resource_type", list(ResourceType))
def test_sources_rule_per_type(resource_type: ResourceType) -> None:
    errors = rule_errors(resource_type, [], "Body.\n")
    assert bool(errors) is (resource_type in TYPES_NEEDING_SOURCES)


def plural(noun: str) -> str:
    return f"{noun[:-1]}ies" if noun.endswith("y") else f"{noun}s"


def test_the_content_format_names_the_types_that_need_sources() -> None:
    """docs/content-format.md says which types need sources (by their English names); the rule agrees."""
    said = re.search(r"^sources: +# required for ([^;]+);", (ROOT / "docs" / "content-format.md").read_text(), re.M)
    assert said is not None, "docs/content-format.md no longer says which types need sources"
    names = {plural(term.label("en").lower()): code for code, term in content_taxonomies()[TaxonomyName.types].items()}
    listed = {names[name.strip()] for name in said.group(1).split(",")}
    assert listed == set(TYPES_NEEDING_SOURCES)


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
