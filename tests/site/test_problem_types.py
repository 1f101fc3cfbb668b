"""A problem's ``type`` URI leads to what it means and what to do: the API page's section on it."""

import re

import pytest
from fastapi.testclient import TestClient

from app import errors
from app.services.problem_types import PROBLEM_TYPES, SLUGS

pytestmark = pytest.mark.database_agnostic


def _kinds(kind: type[errors.AppError]) -> list[type[errors.AppError]]:
    return [kind, *(found for sub in kind.__subclasses__() for found in _kinds(sub))]


def test_every_problem_the_api_sends_has_its_entry() -> None:
    import app.main  # noqa: F401  (every module raising its own kind of problem is imported)

    statuses = {kind.slug: kind.status for kind in _kinds(errors.AppError)}
    assert {problem.slug: problem.status for problem in PROBLEM_TYPES} == statuses
    assert len(SLUGS) == len(PROBLEM_TYPES)


def test_a_problem_s_type_leads_to_its_section_of_the_api_page_in_the_reader_s_language(client: TestClient) -> None:
    problem = client.get("/v1/search", params={"per_page": 1000}).json()
    assert problem["type"] == "/problems/invalid-parameters"
    french = client.get(problem["type"], headers={"accept-language": "fr-FR"}, follow_redirects=False)
    assert french.status_code == 303 and french.headers["location"] == "/fr/api#problem-invalid-parameters"
    english = client.get("/problems/rate-limited", headers={"accept-language": "en"}, follow_redirects=False)
    assert english.headers["location"] == "/en/api#problem-rate-limited"
    page = client.get("/en/api").text
    for problem_type in PROBLEM_TYPES:
        assert f'id="problem-{problem_type.slug}"' in page
    section = page.split('id="problem-rate-limited"', 1)[1].split("</dd>", 1)[0]
    assert "Retry-After" in section and "429" in section


def test_an_unknown_problem_type_is_not_found(client: TestClient) -> None:
    assert client.get("/problems/nonsense", headers={"accept": "application/json"}).status_code == 404
    page = client.get("/problems/nonsense", headers={"accept": "text/html"})
    assert page.status_code == 404 and re.search(r"<html", page.text)
