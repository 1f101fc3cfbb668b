"""The publisher filter's codes: organisation codes (kebab-case, as an organisation's slug), checked by their shape
since no taxonomy lists them; a publishable key may be restricted to one organisation's resources."""

import pytest
from sqlalchemy.orm import Session

from app.errors import InvalidParameters
from app.filters import FilterField, check_values
from app.models import KeyKind, Organisation, Scope
from app.services import keys
from tests.helpers import content_taxonomies


def test_publisher_codes_are_checked_by_their_shape() -> None:
    raw = {FilterField.publisher: [" ONG-A ", "ong-a", "crv", "ong--a", "ong_a", "a" * 121, "-ong"]}
    filters, errors = check_values(raw, content_taxonomies())
    assert filters == {FilterField.publisher: ("ong-a", "crv")}
    assert [e.field for e in errors] == ["publisher"] * 4
    assert all("see /v1/search?facets=publisher" in e.message for e in errors)
    assert check_values({FilterField.publisher: ["a" * 120]}, content_taxonomies())[0]


def test_a_widget_key_restricted_to_one_publisher(session: Session, org: Organisation) -> None:
    taxonomies = content_taxonomies()
    created = keys.create_key(
        session, org, scopes=[Scope.search], kind=KeyKind.publishable, allowed_origins=["https://ong-a.example"],
        fixed_filters={"publisher": ["ONG-A"]}, taxonomies=taxonomies,
    )  # fmt: skip
    assert created.key.fixed_filters == {"publisher": ["ong-a"]}
    with pytest.raises(InvalidParameters, match=r"fixed_filters\.publisher"):
        keys.create_key(
            session, org, scopes=[Scope.search], kind=KeyKind.publishable, allowed_origins=["https://ong-a.example"],
            fixed_filters={"publisher": ["ONG A"]}, taxonomies=taxonomies,
        )  # fmt: skip
