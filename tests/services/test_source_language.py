"""A source's language (a BCP 47 primary tag): validated alike by the content check and the write API's schema,
stored only when given, marked on the page where it is not the page's, cited in JSON-LD."""

from pathlib import Path

import pytest
from pydantic import ValidationError
from sqlalchemy.orm import Session

from app.errors import InvalidParameters
from app.language_tags import language_name, language_subtag, suggested_subtag
from app.models import Resource
from app.schemas.problems import field_errors
from app.schemas.resource import Source
from app.services import content as content_service
from app.services import jsonld, publishing
from app.services.pages import source_links
from app.services.publishing.changes import compare
from app.taxonomy import Taxonomies
from tests.helpers import good_practice

URL = "https://www.dol.gov/agencies/ilab/reports/child-labor/list-of-goods"
TITLE = "US DOL ILAB, List of Goods Produced by Child Labor or Forced Labor (2022)"


@pytest.mark.parametrize(("typed", "tag"), [("en", "en"), ("EN", "en"), (" es ", "es"), ("haw", "haw"), ("", None)])
def test_a_primary_tag_is_kept_lowercased(typed: str, tag: str | None) -> None:
    assert Source(title=TITLE, url=URL, language=typed).language == tag  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [("en-GB", "en"), ("english", "en"), ("eng", "en"), ("fre", "fr"), ("xx", None), ("e", None), ("en_US", "en")],
)
def test_anything_else_is_refused_with_what_was_meant(typed: str, suggested: str | None) -> None:
    assert language_subtag(typed) is None
    assert suggested_subtag(typed) == suggested
    with pytest.raises(ValidationError) as raised:
        Source(title=TITLE, url=URL, language=typed)  # type: ignore[arg-type]
    [error] = raised.value.errors()
    assert error["type"] == "crv_language_tag" and error["loc"] == ("language",)
    assert f"unknown language tag {typed!r}" in error["msg"] and "BCP 47" in error["msg"]
    assert ("did you mean" in error["msg"]) is (suggested is not None)


def test_the_portal_says_the_problem_in_its_language() -> None:
    with pytest.raises(ValidationError) as raised:
        Source(title=TITLE, url=URL, language="en-GB")  # type: ignore[arg-type]
    [error] = field_errors(raised.value)
    assert error.field == "language"
    assert error.localized("en") == "unknown language code “en-GB” → en: give a code such as en, fr or es"


def test_a_source_without_language_is_dumped_as_before() -> None:
    assert Source(title=TITLE, url=URL).model_dump(mode="json") == {"title": TITLE, "url": URL}
    assert Source(title=TITLE, url=URL, language="en").model_dump(mode="json") == {  # type: ignore[arg-type]
        "title": TITLE,
        "url": URL,
        "language": "en",
    }


def test_languages_are_named_in_the_readers_language() -> None:
    assert (language_name("en", "fr"), language_name("en", "en"), language_name("es", "fr")) == (
        "Anglais",
        "English",
        "Espagnol",
    )
    assert language_name("qqq", "fr") == "qqq"


def _mark(content_dir: Path, language: str) -> Path:
    path = content_dir / "resources" / "country-ci.fr.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"    url: {URL}\n", f"    url: {URL}\n    language: {language}\n"), encoding="utf-8")
    return path


def test_the_content_check_names_the_file_and_the_source(content_dir: Path) -> None:
    _mark(content_dir, "anglais")
    issues = [i for i in content_service.check(content_dir).issues if i.path == "resources/country-ci.fr.md"]
    assert [(i.field, i.line) for i in issues] == [("sources.0.language", 19)], issues
    assert "unknown language tag 'anglais'" in issues[0].message and "'en'" in issues[0].message


def test_the_loader_stores_the_language_and_leaves_unmarked_files_unchanged(
    session: Session, content_dir: Path
) -> None:
    content_service.load(session, content_dir)
    session.flush()
    unmarked = session.get(Resource, "country-ci.en")
    assert unmarked is not None and unmarked.sources == [{"title": TITLE, "url": URL}]  # no "language": null
    _mark(content_dir, "en")
    report = content_service.load(session, content_dir)
    assert (report.updated, report.unchanged) == (1, 5)  # only the marked file changed
    marked = session.get(Resource, "country-ci.fr")
    assert marked is not None and marked.sources == [{"title": TITLE, "url": URL, "language": "en"}]


def test_the_write_api_refuses_an_unknown_tag(session: Session, taxonomies: Taxonomies) -> None:
    raw = good_practice(sources=[{"title": TITLE, "url": URL, "language": "english"}])
    del raw["translation_key"], raw["language"]
    with pytest.raises(InvalidParameters) as raised:
        publishing.validate_data(session, raw, taxonomies, organisation_id=1)
    assert [e.field for e in raised.value.errors or []] == ["sources.0.language"]


def test_the_page_marks_a_source_only_in_another_language() -> None:
    sources = [
        {"title": TITLE, "url": URL, "language": "en"},
        {"title": "Code du travail", "url": "https://www.legifrance.gouv.fr/", "language": "fr"},
        {"title": "ICI", "url": "https://example.org/"},
    ]
    assert [link.language for link in source_links(sources, "fr")] == ["en", "", ""]
    assert [link.language for link in source_links(sources, "en")] == ["", "fr", ""]


def test_the_json_ld_citation_says_the_sources_language() -> None:
    assert jsonld.citation({"title": TITLE, "url": URL, "language": "en"}) == {
        "@type": "CreativeWork",
        "name": TITLE,
        "url": URL,
        "inLanguage": "en",
    }
    assert "inLanguage" not in jsonld.citation({"title": TITLE, "url": URL})


def test_a_changed_language_alone_is_a_change_the_desk_sees(taxonomies: Taxonomies) -> None:
    before = {"sources": [{"title": TITLE, "url": URL}]}
    after = {"sources": [{"title": TITLE, "url": URL, "language": "en"}]}
    [change] = compare(before, after, taxonomies, "en")
    assert change.field == "sources"
    assert change.removed == (f"{TITLE} — {URL}",) and change.added == (f"{TITLE} — {URL} (en)",)


def test_a_changed_part_in_the_sources_language_alone_is_a_change_the_desk_sees(taxonomies: Taxonomies) -> None:
    before = {"sources": [{"title": TITLE, "url": URL, "language": "en"}]}
    after = {"sources": [{"title": TITLE, "url": URL, "language": "en", "original_title": "List of Goods"}]}
    [change] = compare(before, after, taxonomies, "en")
    assert change.removed == (f"{TITLE} — {URL} (en)",)
    assert change.added == (f"{TITLE} — {URL} (en: List of Goods)",)
