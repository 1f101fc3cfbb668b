"""« I'm reviewing this », below HTTP (:mod:`app.services.desk_taking`): an editor takes a submission; another is
told who has it and takes it over only from the taking they saw; two takings at the same instant never overwrite
each other (one conditional UPDATE, interleaved here for certain between two sessions); a taking lapses after
:data:`~app.services.desk_taking.LASTS`, or when the organisation submits it again; a decision gives it back. The
queue's filter (mine, another editor's, nobody's) reads the same takings."""

from datetime import timedelta

import pytest
from sqlalchemy import event, select, update
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

from app.errors import NotFound
from app.http import IfMatch
from app.models import AuditEntry, OrganisationKind, Resource, ResourceRevision, Role, Scope, User
from app.models.base import utcnow
from app.schemas.publishing import ResourceCreate
from app.services import accounts, audit, desk_queue, desk_taking, keys, publishing, review
from app.services.accounts import Person
from app.services.principal import Principal
from app.taxonomy import Taxonomies
from tests.helpers import good_practice
from tests.services.test_publishing import RID, key_for

ANY = IfMatch.parse("*")


def editor(session: Session, name: str) -> Principal:
    """A new editor of the centre (crv), as the desk names them (``user:<id>``)."""
    centre = keys.get_organisation(session, "crv")
    user, _ = accounts.invite(session, None, centre, f"{name.lower()}@crv.org", name, Role.editor)
    session.flush()
    person = Person(user.id, user.email, name, Role.editor, centre.id, "crv", "Crv", True, 0)
    return person.as_principal()


@pytest.fixture
def desk(session_factory: sessionmaker[Session], taxonomies: Taxonomies) -> tuple[Principal, ...]:
    """ong-a's submission awaiting review, committed; the organisation's key and two editors, Elise and Marc."""
    with session_factory() as session:
        keys.create_organisation(session, "crv", "Crv", OrganisationKind.resource_centre)
        owner = key_for(session, "ong-a", Scope.resources_write)
        publishing.create(session, owner, ResourceCreate.model_validate(good_practice()), taxonomies)
        publishing.submit(session, owner, RID, ANY)
        elise, marc = editor(session, "Elise"), editor(session, "Marc")
        session.commit()
    return owner, elise, marc


def submission(session: Session) -> ResourceRevision:
    return review.submitted_revision(session, RID)[1]


def actions(session: Session) -> list[tuple[str, str | None, dict[str, object]]]:
    """The trail's takings, takings-over and givings back: action, who, details."""
    taking = ("resource.take", "resource.take_over", "resource.give_back")
    rows = session.scalars(select(AuditEntry).where(AuditEntry.action.in_(taking)).order_by(AuditEntry.id))
    return [(row.action, row.key_prefix, row.details) for row in rows]


def test_taken_the_others_are_told_who_and_the_queue_narrows_to_it(
    session_factory: sessionmaker[Session], desk: tuple[Principal, ...]
) -> None:
    _, elise, marc = desk
    with session_factory() as session:
        version = session.get_one(Resource, RID).version
        taken = desk_taking.take(session, elise, RID, "en")
        session.commit()
        assert taken.by == elise.prefix
        held = desk_taking.holder(session, submission(session), "en")
        assert held is not None and (held.by, held.name, held.at) == (elise.prefix, "Elise", taken.at)
        assert session.get_one(Resource, RID).version == version  # nothing read by anyone changed
        assert desk_taking.take(session, elise, RID, "en") == held  # hers already: nothing written, nothing recorded
        with pytest.raises(desk_taking.TakenByAnother) as refused:
            desk_taking.take(session, marc, RID, "en")  # without a take-over: refused, never overwritten
        assert refused.value.taken == held
        session.commit()
        assert actions(session) == [("resource.take", elise.prefix, {})]
        assert audit.trail(session, RID, "en")[0].action == "Taken for review"

        def shown(who: Principal, taken: desk_queue.Taking) -> list[str]:
            found = desk_queue.waiting(session, desk_queue.Filters(taken=taken), 10, who.prefix, "en")
            return [resource.id for resource in found.resources]

        assert shown(elise, desk_queue.Taking.mine) == [RID] and shown(marc, desk_queue.Taking.mine) == []
        assert shown(marc, desk_queue.Taking.others) == [RID] and shown(elise, desk_queue.Taking.others) == []
        assert shown(marc, desk_queue.Taking.free) == []
        everything = desk_queue.waiting(session, desk_queue.Filters(), 10, marc.prefix, "en")
        assert everything.taken == {RID: held} and everything.matching == 1
        # an unknown value is said, the queue narrowed by the others
        assert desk_queue.filters(session, "", "", "", "theirs") == (
            desk_queue.Filters(),
            {"taken": desk_queue.UNKNOWN},
        )


def test_a_take_over_replaces_only_the_taking_seen_and_the_trail_says_whose_it_was(
    session_factory: sessionmaker[Session], desk: tuple[Principal, ...]
) -> None:
    _, elise, marc = desk
    with session_factory() as session:
        first = desk_taking.take(session, elise, RID, "en")
        session.commit()
        seen = desk_taking.Seen(elise.prefix, first.at)  # what Marc's page says
        assert desk_taking.give_back(session, elise, RID) and not desk_taking.give_back(session, marc, RID)
        again = desk_taking.take(
            session, elise, RID, "en"
        )  # taken again since Marc read the page: a taking he never saw
        session.commit()
        with pytest.raises(desk_taking.TakenByAnother) as refused:
            desk_taking.take(session, marc, RID, "en", seen)
        assert refused.value.taken.at == again.at
        assert (
            desk_taking.take(session, marc, RID, "en", desk_taking.seen(elise.prefix, again.at.isoformat())).by
            == marc.prefix
        )
        session.commit()
        held = desk_taking.holder(session, submission(session), "en")
        assert held is not None and held.by == marc.prefix
        assert not desk_taking.give_back(session, elise, RID)  # no longer hers to give back
        assert actions(session) == [
            ("resource.take", elise.prefix, {}),
            ("resource.give_back", elise.prefix, {}),
            ("resource.take", elise.prefix, {}),
            ("resource.take_over", marc.prefix, {"previous": elise.prefix, "since": again.at.isoformat()}),
        ]
        assert audit.trail(session, RID, "en")[0].action == "Taken over for review from Elise"


def test_two_editors_taking_it_at_the_same_instant_one_has_it_and_the_other_is_told(
    session_factory: sessionmaker[Session], desk: tuple[Principal, ...]
) -> None:
    """Marc's session read the submission as nobody's; Elise takes it, on her own connection, and commits just
    before Marc's write: his write, a compare-and-set, finds it hers and changes nothing."""
    _, elise, marc = desk
    with session_factory() as marcs, session_factory() as elises:
        assert submission(marcs).taken_by is None  # what Marc's session holds of it: nobody's
        raced: list[desk_taking.Taken] = []

        def elise_first(state: ORMExecuteState) -> None:
            if state.is_update and not raced:
                raced.append(desk_taking.take(elises, elise, RID, "en"))
                elises.commit()

        event.listen(marcs, "do_orm_execute", elise_first)
        with pytest.raises(desk_taking.TakenByAnother) as refused:
            desk_taking.take(marcs, marc, RID, "en")
        event.remove(marcs, "do_orm_execute", elise_first)
        assert raced, "the interleaving did not happen"
        assert refused.value.taken.by == elise.prefix and refused.value.taken.name == "Elise"
        marcs.commit()
    with session_factory() as session:
        assert (submission(session).taken_by, submission(session).taken_at) == (elise.prefix, raced[0].at)
        assert [action for action, _, _ in actions(session)] == ["resource.take"]


def test_a_taking_lapses_with_time_and_with_a_new_submission(
    session_factory: sessionmaker[Session], desk: tuple[Principal, ...], taxonomies: Taxonomies
) -> None:
    owner, elise, marc = desk
    with session_factory() as session:
        desk_taking.take(session, elise, RID, "en")
        revision = submission(session)
        submitted = utcnow() - desk_taking.LASTS - timedelta(days=1)  # it has waited four days
        almost = utcnow() - desk_taking.LASTS + timedelta(minutes=5)
        this_one = update(ResourceRevision).where(ResourceRevision.id == revision.id)
        session.execute(this_one.values(submitted_at=submitted, taken_at=almost))
        session.expire(revision)
        assert desk_taking.holder(session, revision, "en") is not None  # not yet
        with pytest.raises(desk_taking.TakenByAnother):
            desk_taking.take(session, marc, RID, "en")
        lapsed = utcnow() - desk_taking.LASTS - timedelta(minutes=1)
        session.execute(this_one.values(taken_at=lapsed))
        session.expire(revision)
        assert desk_taking.holder(session, revision, "en") is None
        assert desk_taking.take(session, marc, RID, "en").by == marc.prefix  # free: a taking, not a take-over
        assert [action for action, _, _ in actions(session)] == ["resource.take", "resource.take"]
        # its organisation takes it back, then submits it again: a new submission nobody took
        publishing.withdraw(session, owner, RID, ANY)
        publishing.submit(session, owner, RID, ANY)
        revision = submission(session)
        assert revision.taken_by == marc.prefix and desk_taking.holder(session, revision, "en") is None
        assert desk_taking.take(session, elise, RID, "en").by == elise.prefix
        session.rollback()


def test_a_decision_gives_it_back_and_nothing_waits_to_be_taken_then(
    session_factory: sessionmaker[Session], desk: tuple[Principal, ...]
) -> None:
    _, elise, marc = desk
    with session_factory() as session:
        desk_taking.take(session, elise, RID, "en")
        revision = submission(session)
        review.reject(session, marc, RID, "Citez le rapport.", ANY)
        assert (revision.taken_by, revision.taken_at) == (None, None)
        with pytest.raises(NotFound):
            desk_taking.take(session, elise, RID, "en")
        with pytest.raises(NotFound):
            desk_taking.give_back(session, elise, RID)
        session.rollback()
        desk_taking.take(session, elise, RID, "en")
        review.approve(session, marc, RID, ANY)
        published = session.scalars(select(ResourceRevision).where(ResourceRevision.resource_id == RID)).one()
        assert (published.taken_by, published.taken_at) == (None, None)
        session.rollback()


def test_the_queue_names_the_editor_as_their_account_does_now(
    session_factory: sessionmaker[Session], desk: tuple[Principal, ...]
) -> None:
    """A taking names the editor by their account: renamed, the queue says their name of now."""
    _, elise, _ = desk
    with session_factory() as session:
        desk_taking.take(session, elise, RID, "en")
        session.scalars(select(User).where(User.email == "elise@crv.org")).one().name = "Élise Martin"
        session.flush()
        found = desk_queue.waiting(session, desk_queue.Filters(), 10, elise.prefix, "en")
        assert found.taken[RID].name == "Élise Martin"
        session.rollback()
