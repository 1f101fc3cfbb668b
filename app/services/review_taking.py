"""« I'm reviewing this » through the review API and ``crv review``: the queue's items say who took each submission
and since when, and an editor's key takes one, takes it over or gives it back — the desk's takings
(:mod:`app.services.desk_taking`), the same rows, audit trail and compare-and-set, named for a script.

A taking is shown as the editors know it: the name of the person who took it on the desk, else the prefix of the
key that took it through the API (what the audit trail records). A take-over names the taking read (``taken_by``
and ``taken_at`` as the queue gave them): it replaces that one only, never one made since; without it, a submission
another editor has is refused with 409, naming who has it and since when, in its words and in the problem's
``taken_by`` and ``taken_at`` members (a script takes it over with them). Taking changes neither the resource nor
its version, so no ``If-Match``: an approval prepared with the ETag read before stays valid.

The queue may be narrowed as the desk's is, to what the key took, what another editor took or what nobody took: the
desk's own filter (:class:`app.services.desk_queue.Taking`, :func:`app.services.desk_queue.taking`)."""

from collections.abc import Sequence

from sqlalchemy.orm import Session

from app.errors import Conflict
from app.languages import Language
from app.models import Resource
from app.schemas.publishing import ReviewItem, ReviewQueue, ReviewTaking, SeenTaking
from app.services import desk_queue, desk_taking, publishing, review
from app.services.principal import Principal
from app.services.publishing.queries import latest_revisions

TAKEN = (
    "{id} is being reviewed by {who} since {at}. To take it over, send the taking you read: "
    '{{"over": {{"taken_by": "{who}", "taken_at": "{at}"}}}}.'
)
# The API's language, its details' as the names it gives (an erased account's, app.services.audit.person_name).
API_LANGUAGE = Language.en
NOT_YOURS = "{id} is being reviewed by {who} since {at}, not by you: there is nothing of yours to give back."


def shown(taken: desk_taking.Taken) -> str:
    """Who has it, as the API and the desk say it: a person's name, else the key's prefix."""
    return taken.name or taken.by


def items(session: Session, resources: Sequence[Resource], base_url: str) -> list[ReviewItem]:
    """The editors' view of submissions awaiting review, each with who has it (in two more queries)."""
    views = publishing.to_managed(session, resources, base_url)
    held = desk_taking.holders(session, latest_revisions(session, [r.id for r in resources]).values(), API_LANGUAGE)
    answers = []
    for view in views:
        taken = held.get(view.id)
        answers.append(
            ReviewItem(
                **dict(view),
                taken_by=shown(taken) if taken is not None else None,
                taken_at=taken.at if taken is not None else None,
            )
        )
    return answers


def queue(
    session: Session, key: Principal, base_url: str, taken: desk_queue.Taking | None, limit: int, offset: int
) -> ReviewQueue:
    """The submissions awaiting review, oldest first, ``limit`` from ``offset``, each with who has it; ``taken``:
    only those the desk's filter of that name keeps for ``key`` (all of them read, as the desk reads them), and
    ``total`` how many it keeps."""
    if taken is None:
        resources, total = review.queue(session, limit=limit, offset=offset)
    else:
        waiting, _ = review.queue(session, limit=None)
        held = desk_taking.holders(session, latest_revisions(session, [r.id for r in waiting]).values(), API_LANGUAGE)
        kept = [r for r in waiting if desk_queue.taking(held.get(r.id), key.prefix) == taken]
        resources, total = kept[offset : offset + limit], len(kept)
    return ReviewQueue(total=total, items=items(session, resources, base_url))


def conflict(message: str, resource_id: str, taken: desk_taking.Taken) -> Conflict:
    """The 409 naming who has the submission: in ``message``'s words and as the problem's members."""
    who = shown(taken)
    return Conflict(
        message.format(id=resource_id, who=who, at=taken.at.isoformat()),
        extensions={"taken_by": who, "taken_at": taken.at},
    )


def _seen(session: Session, resource_id: str, over: SeenTaking | None) -> desk_taking.Seen | None:
    """The taking ``over`` names, if it is still the one that counts (its ``by`` as stored, to compare-and-set on);
    None when it names another (taken over, given back or lapsed since: then nothing is taken over)."""
    if over is None:
        return None
    current = desk_taking.holder(session, review.submitted_revision(session, resource_id)[1], API_LANGUAGE)
    if current is None or current.at != over.taken_at or over.taken_by not in {shown(current), current.by}:
        return None
    return desk_taking.Seen(current.by, current.at)


def take(session: Session, key: Principal, resource_id: str, over: SeenTaking | None = None) -> ReviewTaking:
    """``key`` takes the submission for review (or takes over the taking ``over`` it read): who has it now. 404
    when nothing awaits review; 409 naming who has it when another editor does."""
    try:
        taken = desk_taking.take(session, key, resource_id, API_LANGUAGE, _seen(session, resource_id, over))
    except desk_taking.TakenByAnother as refused:
        raise conflict(TAKEN, resource_id, refused.taken) from refused
    return ReviewTaking(id=resource_id, taken_by=shown(taken), taken_at=taken.at)


def give_back(session: Session, key: Principal, resource_id: str) -> None:
    """``key`` no longer reviews the submission: given back, or nobody had it (nothing to do). 404 when nothing
    awaits review; 409 naming who has it when another editor took it over."""
    if desk_taking.give_back(session, key, resource_id):
        return
    current = desk_taking.holder(session, review.submitted_revision(session, resource_id)[1], API_LANGUAGE)
    if current is not None and not current.mine(key):
        raise conflict(NOT_YOURS, resource_id, current)
