"""`crv content check` for the person who writes the resources: every problem of a file in one pass, each at its
own line and column, in plain words with what to write instead (a date, a missing line, a quoted title, a link's
key), and no traceback for a date that names no day."""

from pathlib import Path

import pytest

from app.services import content as content_service
from app.services.content import ContentIssue

FILE = "resources/country-pk.fr.md"


def _edit(content_dir: Path, replace: dict[str, str], name: str = "country-pk.fr.md") -> Path:
    path = content_dir / "resources" / name
    text = path.read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return path


def _issues(content_dir: Path, path: str = FILE) -> list[ContentIssue]:
    return [issue for issue in content_service.check(content_dir).issues if issue.path == path]


def _line(path: Path, start: str) -> int:
    return next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text.startswith(start))


# Dates


def test_a_date_that_names_no_day_is_a_problem_not_a_traceback(content_dir: Path) -> None:
    # PyYAML read « 2026-13-01 » as a date and raised ValueError: `crv content check` and `load` stopped on it.
    path = _edit(content_dir, {"published_at: 2026-02-01": "published_at: 2026-02-01\nupdated_at: 2026-13-01"})
    [issue] = _issues(content_dir)
    assert (issue.field, issue.line, issue.column) == ("updated_at", _line(path, "updated_at"), 13)
    assert "there is no month 13" in issue.message and "year-month-day" in issue.message


@pytest.mark.parametrize(
    ("typed", "iso"),
    [
        ("3 décembre 2026", "2026-12-03"),
        ("1er mars 2026", "2026-03-01"),
        ("03/12/2026", "2026-12-03"),  # day first, as written in French
        ("2026-12-3", "2026-12-03"),
        ("December 3, 2026", "2026-12-03"),
    ],
)
def test_a_date_written_otherwise_is_told_the_line_to_write(content_dir: Path, typed: str, iso: str) -> None:
    _edit(content_dir, {"published_at: 2026-02-01": f"published_at: {typed}"})
    [issue] = _issues(content_dir)
    assert issue.field == "published_at"
    assert f"write published_at: {iso}" in issue.message, issue.message


def test_february_30th_is_said_to_be_no_day(content_dir: Path) -> None:
    _edit(content_dir, {"published_at: 2026-02-01": "published_at: 30/02/2026"})
    [issue] = _issues(content_dir)
    assert "there is no day 30 in month 2 of 2026" in issue.message


# Fields


def test_a_source_without_url_is_pointed_at_with_the_line_to_add(content_dir: Path) -> None:
    url = "    url: https://www.dol.gov/agencies/ilab/reports/child-labor/list-of-goods\n"
    path = _edit(content_dir, {url: ""})
    [issue] = _issues(content_dir)
    assert issue.field == "sources.0.url"
    assert (issue.line, issue.column) == (_line(path, "  - title:"), 5)  # the source, not the file's first line
    assert issue.message.startswith("is required: add the line « url: https://… »")


def test_a_missing_field_says_the_line_to_add(content_dir: Path) -> None:
    _edit(content_dir, {"licence: CC-BY-4.0\n": ""})
    [issue] = _issues(content_dir)
    assert issue.field == "licence"
    assert issue.message == "is required: add the line « licence: CC-BY-4.0 » (an SPDX licence id, or public-domain)"


@pytest.mark.parametrize(
    ("old", "new", "field", "said"),
    [
        (
            "sectors: [bricks]",
            "sectors: briques, cotton",
            "sectors",
            "written in square brackets: sectors: [bricks, cotton]",
        ),
        ("regions: [indo-pacific]", "regions: [asia-pacific]", "regions", "the codes: sub-saharan-africa, "),
        ("url: https://www.dol.gov", "url: www.dol.gov", "sources.0.url", "write url: https://www.dol.gov"),
        ("slug: pakistan", "slug: Fours à briques", "slug", "write slug: fours-a-briques"),
        ("countries: [PK]", "country: [PK]", "country", "did you mean 'countries'?"),
    ],
)
def test_a_field_written_wrong_is_told_what_to_write(
    content_dir: Path, old: str, new: str, field: str, said: str
) -> None:
    _edit(content_dir, {old: new})
    issues = _issues(content_dir)
    assert any(i.field == field and said in i.message for i in issues), issues


def test_every_problem_of_a_file_comes_in_the_order_of_its_lines(content_dir: Path) -> None:
    _edit(
        content_dir,
        {"licence: CC-BY-4.0\n": "", "risks: [child-labour, forced-labour]": "risks: [travail-force]"},
    )
    lines = [issue.line or 0 for issue in _issues(content_dir)]
    assert len(lines) == 2 and lines == sorted(lines)


# YAML


def test_a_colon_in_an_unquoted_title_is_given_back_quoted(content_dir: Path) -> None:
    path = _edit(
        content_dir, {'title: "Pakistan\u00a0: briques et servitude pour dettes"': "title: Pakistan : briques"}
    )
    [issue] = _issues(content_dir)
    assert (issue.line, issue.column) == (_line(path, "title:"), 17)
    assert issue.message.endswith('put it in double quotes: title: "Pakistan : briques"')


def test_a_tab_is_named_at_its_own_line(content_dir: Path) -> None:
    path = _edit(content_dir, {"    url: https://www.dol.gov": "\turl: https://www.dol.gov"})
    [issue] = _issues(content_dir)
    assert (issue.line, issue.column) == (_line(path, "\turl:"), 1)  # not the line above, where the value began
    assert "tab" in issue.message and "spaces" in issue.message


def test_a_source_indented_wrong_is_told_where_its_url_goes(content_dir: Path) -> None:
    path = _edit(content_dir, {"    url: https://www.dol.gov": "   url: https://www.dol.gov"})
    [issue] = _issues(content_dir)
    assert (issue.line, issue.column) == (_line(path, "   url:"), 4)
    assert "write it under « title: » on the line above, at column 5" in issue.message


def test_an_apostrophe_that_closes_a_quoted_title_is_told(content_dir: Path) -> None:
    _edit(content_dir, {'title: "Pakistan\u00a0: briques et servitude pour dettes"': "title: 'Pakistan : l'industrie'"})
    [issue] = _issues(content_dir)
    assert issue.message.endswith('title: "Pakistan : l’industrie"')


def test_a_field_given_twice_is_refused_not_silently_dropped(content_dir: Path) -> None:
    # A copied file with its new title typed under the old one: YAML kept the last and said nothing.
    path = _edit(content_dir, {"slug: pakistan\n": "slug: pakistan\ntitle: Ancien titre\n"})
    [issue] = _issues(content_dir)
    first, second = _line(path, "title: Ancien"), _line(path, 'title: "Pakistan')
    assert issue.line == second
    assert f"title is given twice, on lines {first} and {second}: keep one" in issue.message


def test_a_list_left_open_is_pointed_at_its_bracket(content_dir: Path) -> None:
    path = _edit(content_dir, {"countries: [PK]": "countries: [PK"})
    [issue] = _issues(content_dir)
    assert (issue.line, issue.column) == (_line(path, "countries:"), 12)
    assert "end it with ]" in issue.message


# Across files


def test_a_file_with_problems_of_its_own_gets_its_links_slug_and_translation_checked_too(content_dir: Path) -> None:
    (content_dir / "resources" / "country-pk.en.md").unlink()
    path = _edit(
        content_dir,
        {
            "licence: CC-BY-4.0\n": "",
            "slug: pakistan": "slug: cote-d-ivoire",
            "servitude pour dettes est documentée.": "servitude pour dettes est [documentée](crv:method-risk-maping).",
        },
    )
    issues = _issues(content_dir)
    said = {issue.field: issue for issue in issues}
    assert set(said) == {"licence", "slug", "language", "body"}, issues
    assert "is also the slug of resources/country-ci.fr.md" in said["slug"].message
    assert said["language"].message.startswith("no English translation: write resources/country-pk.en.md beside it")
    link = said["body"]
    line = _line(path, "Les briques")
    assert (link.line, link.column) == (line, path.read_text().splitlines()[line - 1].index("crv:") + 1)
    assert link.message.endswith("did you mean crv:method-risk-mapping?")


def test_the_twin_of_a_file_with_a_problem_is_not_told_it_has_no_translation(content_dir: Path) -> None:
    _edit(content_dir, {"licence: CC-BY-4.0\n": ""}, name="country-pk.en.md")
    issues = content_service.check(content_dir).issues
    assert [(issue.path, issue.field) for issue in issues] == [("resources/country-pk.en.md", "licence")]


def test_a_copied_file_is_told_to_change_its_translation_key(content_dir: Path) -> None:
    source = content_dir / "resources" / "country-pk.fr.md"
    (content_dir / "resources" / "brief-bricks.fr.md").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    [name] = [i for i in _issues(content_dir, "resources/brief-bricks.fr.md") if i.field == "file name"]
    assert name.message.endswith("for a new resource (a copied file), write translation_key: brief-bricks instead")


def test_a_title_cut_by_a_hash_is_told_not_silently_shortened(content_dir: Path) -> None:
    # « title: Brique #1 au Pakistan » was loaded as the title « Brique »: what follows « # » is a YAML comment.
    path = _edit(
        content_dir, {'title: "Pakistan\u00a0: briques et servitude pour dettes"': "title: Brique #1 au Pakistan"}
    )
    [issue] = _issues(content_dir)
    assert (issue.line, issue.column) == (_line(path, "title:"), 15)
    assert issue.message.startswith("title stops at « # »")
    assert issue.message.endswith('put the value in double quotes: title: "Brique #1 au Pakistan"')


def test_a_comment_after_another_field_is_left_alone(content_dir: Path) -> None:
    _edit(content_dir, {"licence: CC-BY-4.0": "licence: CC-BY-4.0  # licence du centre"})
    assert _issues(content_dir) == []


def test_a_taxonomy_code_typed_twice_is_refused(content_dir: Path) -> None:
    regions = content_dir / "taxonomies" / "regions.yaml"
    text = regions.read_text(encoding="utf-8")
    regions.write_text(text + "indo-pacific: {fr: Asie, en: Asia}\n", encoding="utf-8")  # the first one was lost
    [issue] = content_service.check(content_dir).issues
    assert issue.path == "taxonomies" and "found duplicate key 'indo-pacific'" in issue.message
