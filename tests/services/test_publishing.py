"""The publishing and review services below HTTP: If-Match, the version check that catches a race past it,
slugs, visibility rules."""

import pytest
from sqlalchemy.orm import Session, sessionmaker

from app.errors import NotFound, PreconditionFailed, PreconditionRequired
from app.http import IfMatch
from app.models import OrganisationKind, Resource, Scope
from app.schemas.publishing import ResourceCreate, ResourcePatch
from app.services import keys, principal, publishing, review
from app.services.principal import Principal
from app.taxonomy import Taxonomies
from tests.helpers import good_practice

RID = "cocoa-remediation.fr"


def key_for(session: Session, slug: str, *scopes: Scope) -> Principal:
    organisation = keys.create_organisation(session, slug, slug, OrganisationKind.ngo)
    created = keys.create_key(session, organisation, scopes=scopes)
    return principal.from_key(session, created.token, "203.0.113.1")


@pytest.mark.parametrize(
    ("header", "version", "matches"),
    [
        ('W/"3"', 3, True),
        ('"3"', 3, True),
        ('W/"2", W/"3"', 3, True),
        ("*", 7, True),
        ('W/"2"', 3, False),
        ('"31"', 3, False),
        ("3", 3, True),
    ],
)
def test_if_match(header: str, version: int, matches: bool) -> None:
    parsed = IfMatch.parse(header)
    assert parsed is not None and parsed.matches(version) is matches


def test_missing_if_match() -> None:
    assert IfMatch.parse(None) is None and IfMatch.parse("  ") is None
    with pytest.raises(PreconditionRequired):
        publishing.require_match(None, Resource(id="x.fr", version=1))


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Côte d'Ivoire : cacao", "cote-d-ivoire-cacao"),
        ("Côte d’Ivoire : cacao", "cote-d-ivoire-cacao"),
        ("  Travail forcé — œuvre  ", "travail-force-oeuvre"),
        ("!!!", ""),
        ("a " * 100, ("a-" * 40).strip("-")),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert publishing.slugify(title) == slug


def test_a_race_past_if_match_is_still_a_412(session_factory: sessionmaker[Session], taxonomies: Taxonomies) -> None:
    """Two writers both pass the If-Match check on version 1; the version counter makes the second one fail."""
    with session_factory() as session:
        writer = key_for(session, "ong-a", Scope.resources_write)
        publishing.create(session, writer, ResourceCreate.model_validate(good_practice()), taxonomies)
        session.commit()
    first, second = session_factory(), session_factory()
    try:
        read = [session.get(Resource, RID) for session in (first, second)]  # both read version 1 (and keep it)
        assert [r.version for r in read if r is not None] == [1, 1]
        publishing.patch(first, writer, RID, ResourcePatch(title="Premier"), IfMatch.parse('W/"1"'), taxonomies)
        first.commit()
        with pytest.raises(PreconditionFailed):
            publishing.patch(second, writer, RID, ResourcePatch(title="Second"), IfMatch.parse("*"), taxonomies)
        second.rollback()
    finally:
        first.close()
        second.close()
    with session_factory() as session:
        resource = session.get(Resource, RID)
        assert resource is not None and resource.title == "Premier" and resource.version == 2


def test_visibility(session_factory: sessionmaker[Session], taxonomies: Taxonomies) -> None:
    with session_factory() as session:
        owner = key_for(session, "ong-a", Scope.resources_write)
        stranger = key_for(session, "ong-b", Scope.resources_write)
        reader = key_for(session, "ong-c", Scope.resources_review)
        publishing.create(session, owner, ResourceCreate.model_validate(good_practice()), taxonomies)
        session.flush()
        assert publishing.get_visible(session, RID, owner).id == RID
        for key in (None, stranger, reader):
            with pytest.raises(NotFound):
                publishing.get_visible(session, RID, key)
        with pytest.raises(NotFound):
            review.get_submission(session, RID)  # a draft is nobody's business but its owner's
        publishing.submit(session, owner, RID, IfMatch.parse("*"))
        assert review.get_submission(session, RID).id == RID
        assert [r.id for r in review.queue(session)[0]] == [RID]
        review.approve(session, reader, RID, IfMatch.parse("*"))
        for key in (None, stranger, reader, owner):
            assert publishing.get_visible(session, RID, key).status == "published"
        session.rollback()
