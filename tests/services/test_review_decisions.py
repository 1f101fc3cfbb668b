"""The review services' decisions beyond approve and send back, below HTTP: withdrawing a submission, declining
one (what it closes), taking a published resource off the site (a revision records who and why), and what the
desk reads of it afterwards (:func:`app.services.review.outcome`)."""

import pytest
from sqlalchemy.orm import Session, sessionmaker

from app.errors import Conflict
from app.http import IfMatch
from app.models import ResourceStatus, RevisionState, Scope
from app.schemas.publishing import ResourceCreate, ResourcePatch
from app.services import publishing, review
from app.taxonomy import Taxonomies
from tests.helpers import good_practice
from tests.services.test_publishing import RID, key_for

ANY = IfMatch.parse("*")


def test_withdrawing_makes_the_submission_a_draft_again_and_the_desk_reads_it_so(
    session_factory: sessionmaker[Session], taxonomies: Taxonomies
) -> None:
    with session_factory() as session:
        owner = key_for(session, "ong-a", Scope.resources_write)
        publishing.create(session, owner, ResourceCreate.model_validate(good_practice()), taxonomies)
        publishing.submit(session, owner, RID, ANY)
        resource = publishing.withdraw(session, owner, RID, ANY)
        assert resource.status == ResourceStatus.draft and review.waiting(session) == 0
        found = review.outcome(session, RID, "en")
        assert found is not None and found.read.state == RevisionState.draft and found.read.reviewed_at is None
        with pytest.raises(Conflict) as refused:
            publishing.withdraw(session, owner, RID, ANY)
        assert [e.localized("en") for e in refused.value.errors or []] == [
            "It is not waiting for the editors (any more): there is nothing to withdraw."
        ]
        session.rollback()


def test_declining_closes_a_resource_never_published_and_only_the_declined_content_of_a_published_one(
    session_factory: sessionmaker[Session], taxonomies: Taxonomies
) -> None:
    with session_factory() as session:
        owner = key_for(session, "ong-a", Scope.resources_write)
        editor = key_for(session, "ong-c", Scope.resources_review)
        resource = publishing.create(session, owner, ResourceCreate.model_validate(good_practice()), taxonomies)
        publishing.submit(session, owner, RID, ANY)
        review.decline(session, editor, RID, "Hors champ.", ANY)
        closed = publishing.closed_by(session, resource)
        assert closed is not None and closed.reason == "Hors champ." and resource.status == ResourceStatus.declined
        with pytest.raises(Conflict):
            publishing.patch(session, owner, RID, ResourcePatch(title="Autre"), ANY, taxonomies)
        session.rollback()

    with session_factory() as session:
        owner = key_for(session, "ong-a", Scope.resources_write)
        editor = key_for(session, "ong-c", Scope.resources_review)
        resource = publishing.create(session, owner, ResourceCreate.model_validate(good_practice()), taxonomies)
        publishing.submit(session, owner, RID, ANY)
        review.approve(session, editor, RID, ANY)
        publishing.patch(session, owner, RID, ResourcePatch(title="Douteux"), ANY, taxonomies)
        publishing.submit(session, owner, RID, ANY)
        review.decline(session, editor, RID, "Trompeur.", ANY)
        assert publishing.closed_by(session, resource) is None and resource.is_public
        found = review.outcome(session, RID, "en")
        assert found is not None and found.read.state == RevisionState.declined
        with pytest.raises(Conflict) as refused:
            publishing.submit(session, owner, RID, ANY)
        assert "Trompeur." in (refused.value.errors or [])[0].localized("en")
        publishing.patch(session, owner, RID, ResourcePatch(title="Juste"), ANY, taxonomies)
        assert publishing.submit(session, owner, RID, ANY).is_public  # changed: it goes
        session.rollback()


def test_unpublishing_archives_it_with_a_revision_saying_who_and_why(
    session_factory: sessionmaker[Session], taxonomies: Taxonomies
) -> None:
    with session_factory() as session:
        owner = key_for(session, "ong-a", Scope.resources_write)
        editor = key_for(session, "ong-c", Scope.resources_review)
        publishing.create(session, owner, ResourceCreate.model_validate(good_practice()), taxonomies)
        publishing.submit(session, owner, RID, ANY)
        review.approve(session, editor, RID, ANY)
        publishing.patch(session, owner, RID, ResourcePatch(title="Brouillon en cours"), ANY, taxonomies)
        resource = review.unpublish(session, editor, RID, "Source retirée.", ANY)
        assert resource.status == ResourceStatus.archived and not resource.is_public
        states = [(r.number, r.state) for r in publishing.revisions(session, owner, RID)]
        # the draft the organisation was writing is withdrawn, its text kept in the record of the taking down
        assert states == [(1, "published"), (2, "withdrawn"), (3, "unpublished")]
        record = publishing.own_latest(session, resource)
        assert record.reason == "Source retirée." and record.reviewer_key_prefix == editor.prefix
        assert record.data["title"] == "Brouillon en cours"
        found = review.outcome(session, RID, "en")
        assert found is not None and found.unpublished == record and found.read.number == 1
        session.rollback()
