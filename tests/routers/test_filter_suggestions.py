"""A filter value that is a name, not a code (« country=Bangladesh »): a 422 whose detail names the code to send,
never a silent match; a typo still gets the closest codes."""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.filters import NAME_LOOKUPS, FilterField, check_values
from app.taxonomy import load_taxonomies
from tests.helpers import CONTENT


@pytest.mark.parametrize(
    ("filter_name", "typed", "code"),
    [
        ("country", "Bangladesh", "BD"),
        ("country", "bangladesh", "BD"),
        ("country", "BANGLADESH", "BD"),
        ("country", "Côte d’Ivoire", "CI"),  # typographic apostrophe, accents
        ("country", "cote d'ivoire", "CI"),
        ("country", "Turquie", "TR"),  # French
        ("country", "Turkey", "TR"),  # English
        ("country", "Inde", "IN"),
        ("sector", "cacao", "cocoa"),  # a synonym
        ("sector", "seafood", "fishing"),  # English readers' words (an audit): the fishing sector, fish
        ("sector", "tuna", "fish"),
    ],
)
def test_a_name_is_told_its_code(client: TestClient, filter_name: str, typed: str, code: str) -> None:
    response = client.get("/v1/search", params={"q": "travail", filter_name: typed})
    assert response.status_code == 422  # the API takes codes: a name is never accepted silently
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    (error,) = problem["errors"]
    expected = f"unknown value {typed!r} (did you mean {code!r}? The filter takes codes, not names)"
    assert error["field"] == filter_name and error["message"].startswith(f"{expected}: see /v1/taxonomies/")
    assert f"did you mean {code!r}?" in problem["detail"]


def test_a_typo_still_gets_the_closest_codes(client: TestClient) -> None:
    sector = client.get("/v1/search", params={"sector": "textile"}).json()["errors"][0]["message"]
    assert "did you mean 'textiles'" in sector
    typo = client.get("/v1/search", params={"country": "Bangladesch"}).json()["errors"][0]["message"]
    assert typo == "unknown value 'Bangladesch' (did you mean 'BD'?): see /v1/taxonomies/countries"
    unknown = client.get("/v1/search", params={"country": "ZZ"}).json()["errors"][0]["message"]
    assert unknown == "unknown value 'ZZ': see /v1/taxonomies/countries"


def test_every_route_that_filters_suggests_the_code(client: TestClient) -> None:
    for path, params in (
        ("/v1/feed.atom", {}),
        ("/v1/export", {}),
        ("/v1/facet-search", {"facet": "sector", "facet_q": "c"}),
        ("/v1/suggest", {"q": "cac"}),
    ):
        response = client.get(path, params={**params, "country": "Turquie"})
        assert response.status_code == 422, path
        assert "did you mean 'TR'? The filter takes codes, not names" in response.json()["detail"], path


def test_only_the_first_few_values_are_looked_up_among_names() -> None:
    """Each lookup reads every name of the vocabulary: a request of many wrong values gets the cheap code
    suggestions past the first few."""
    taxonomies = load_taxonomies(Path(CONTENT))
    names = ["Bangladesh", "Turquie", "Inde", "Ghana", "Brésil"]
    _, errors = check_values({FilterField.country: names}, taxonomies)
    told = ["takes codes, not names" in error.message for error in errors]
    assert told == [True] * NAME_LOOKUPS + [False] * (len(names) - NAME_LOOKUPS)
