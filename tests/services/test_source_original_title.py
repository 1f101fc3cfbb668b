"""A source's ``original_title``: the part of its title in its ``language`` (the source's own title quoted among words
in the resource's language). Checked alike by the schema and the content check, at its own line; stored only when
given, so a file without it keeps its digest; the page marks that part only (its HTML: tests/routers/)."""

from pathlib import Path

import pytest
from pydantic import ValidationError
from sqlalchemy.orm import Session

from app.models import Resource
from app.schemas.resource import Source
from app.services import content as content_service
from app.services.pages import source_links

URL = "https://www.dol.gov/agencies/ilab/reports/child-labor/list-of-goods"
TITLE = "US DOL ILAB, List of Goods Produced by Child Labor or Forced Labor (2022)"
ORIGINAL = "List of Goods Produced by Child Labor or Forced Labor"
HAZELNUT = (
    "Bureau de l’OIT pour la Turquie, Elimination of the worst forms of child labour in seasonal hazelnut "
    "agriculture in Turkey (projet, en anglais)"
)
HAZELNUT_ORIGINAL = "Elimination of the worst forms of child labour in seasonal hazelnut agriculture in Turkey"


def _source(**fields: object) -> Source:
    return Source.model_validate({"title": TITLE, "url": URL, "language": "en"} | fields)


def _error(**fields: object) -> dict[str, object]:
    with pytest.raises(ValidationError) as raised:
        _source(**fields)
    [error] = raised.value.errors()
    return dict(error)


def test_the_part_is_kept_stripped_and_blank_is_none() -> None:
    assert _source(original_title=f"  {ORIGINAL}\n").original_title == ORIGINAL
    assert _source(original_title=" ").original_title is None
    assert _source(original_title=" ", language="").model_dump(mode="json") == {"title": TITLE, "url": URL}
    # the same stripping as the title's: a part at its end is still in it
    assert _source(title=f" {ORIGINAL} ", original_title=ORIGINAL).title == ORIGINAL


def test_it_needs_the_sources_language() -> None:
    error = _error(original_title=ORIGINAL, language=None)
    assert error["type"] == "crv_original_title_language" and error["loc"] == ("original_title",)
    assert "give that language too" in str(error["msg"]) and "'en'" in str(error["msg"])


@pytest.mark.parametrize(
    ("typed", "near"),
    [
        ("List of Goods produced by Child Labor", True),  # another capital
        ("List of  Goods", True),  # two spaces
        ("Liste des biens", False),
    ],
)
def test_it_must_be_in_the_title_as_written(typed: str, near: bool) -> None:
    error = _error(original_title=typed)
    assert error["type"] == "crv_original_title_part" and error["loc"] == ("original_title",)
    message = str(error["msg"])
    assert message.startswith(f"original_title {typed!r} is not in the title") and "exactly" in message
    assert ("other capitals, spaces or apostrophes" in message) is near


def test_an_apostrophe_typed_straight_is_told_apart_from_the_titles_curly_one() -> None:
    error = _error(title="Bureau de l’OIT, l’enquête", original_title="l'enquête", language="fr")
    assert "other capitals, spaces or apostrophes" in str(error["msg"])


def test_the_titles_or_the_languages_own_problem_is_the_one_reported() -> None:
    assert _error(title=" ", original_title=ORIGINAL)["loc"] == ("title",)
    assert _error(language="english", original_title=ORIGINAL)["loc"] == ("language",)


def test_a_source_without_it_is_dumped_as_before() -> None:
    assert _source().model_dump(mode="json") == {"title": TITLE, "url": URL, "language": "en"}
    assert _source(original_title=ORIGINAL).model_dump(mode="json") == {
        "title": TITLE,
        "url": URL,
        "language": "en",
        "original_title": ORIGINAL,
    }


def test_the_page_is_given_the_title_split_around_its_part() -> None:
    sources = [
        {"title": HAZELNUT, "url": URL, "language": "en", "original_title": HAZELNUT_ORIGINAL},
        {"title": TITLE, "url": URL, "language": "en"},
        {"title": ORIGINAL, "url": URL, "language": "en", "original_title": ORIGINAL},  # the whole title
    ]
    hazelnut, whole, same = source_links(sources, "fr")
    assert hazelnut.language == "en" and hazelnut.part == (
        "Bureau de l’OIT pour la Turquie, ",
        HAZELNUT_ORIGINAL,
        " (projet, en anglais)",
    )
    assert (whole.language, whole.part, same.language, same.part) == ("en", None, "en", None)
    # on a page in the source's own language nothing is marked
    assert [(link.language, link.part) for link in source_links(sources, "en")] == [("", None)] * 3


def test_the_page_splits_at_the_first_occurrence() -> None:
    [link] = source_links([{"title": "OIT, ILO — ILO", "url": URL, "language": "en", "original_title": "ILO"}], "fr")
    assert link.part == ("OIT, ", "ILO", " — ILO")


def _mark(content_dir: Path, *lines: str) -> Path:
    path = content_dir / "resources" / "country-ci.fr.md"
    text = path.read_text(encoding="utf-8")
    added = "".join(f"    {line}\n" for line in lines)
    path.write_text(text.replace(f"    url: {URL}\n", f"    url: {URL}\n{added}"), encoding="utf-8")
    return path


def _issues(content_dir: Path) -> list[content_service.ContentIssue]:
    return [i for i in content_service.check(content_dir).issues if i.path == "resources/country-ci.fr.md"]


def test_the_content_check_reports_a_part_not_in_the_title_at_its_line(content_dir: Path) -> None:
    _mark(content_dir, "language: en", 'original_title: "List of goods"')
    [issue] = _issues(content_dir)
    assert (issue.field, issue.line, issue.column) == ("sources.0.original_title", 20, 21)
    assert issue.message.startswith("original_title 'List of goods' is not in the title (the title has it with")


def test_the_content_check_asks_for_the_language(content_dir: Path) -> None:
    _mark(content_dir, f'original_title: "{ORIGINAL}"')
    [issue] = _issues(content_dir)
    assert (issue.field, issue.line) == ("sources.0.original_title", 19)
    assert "give that language too" in issue.message


def test_the_loader_stores_it_and_leaves_files_without_it_unchanged(session: Session, content_dir: Path) -> None:
    content_service.load(session, content_dir)
    session.flush()
    _mark(content_dir, "language: en", f"original_title: {ORIGINAL}")
    report = content_service.load(session, content_dir)
    assert (report.updated, report.unchanged) == (1, 5)  # only the file given one changed: the others' digests stay
    marked, unmarked = session.get(Resource, "country-ci.fr"), session.get(Resource, "country-ci.en")
    assert marked is not None and marked.sources == [
        {"title": TITLE, "url": URL, "language": "en", "original_title": ORIGINAL}
    ]
    assert unmarked is not None and unmarked.sources == [{"title": TITLE, "url": URL}]  # no "original_title": null
