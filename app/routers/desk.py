"""The editor's desk (``/fr/redaction``, ``/en/editorial``): the review queue, and the decisions posted from a
submission's page (:mod:`app.routers.desk_item`) — approve, send back for changes or decline for good with a reason,
take a published resource off the site with a reason; the organisation gets a mail. An editor takes a submission for
review (« I'm reviewing this »): the queue and its page say who has it (:mod:`app.services.desk_taking`).

Two editors may have one submission open, or its organisation may change it while an editor reads it: a decision
that comes too late answers with the item's page again, saying what happened (who decided, and when; or the new
changes), what the editor typed kept. The JSON API (``/v1/review``) keeps its problems."""

from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlencode

from fastapi import Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from app import csrf
from app.deps import CurrentEditor, SessionDep, SettingsDep, TaxonomiesDep
from app.errors import Conflict, InvalidParameters, NotFound, PreconditionFailed
from app.http import MAX_REVISION, IfMatch
from app.i18n import N_, gettext
from app.languages import LANGUAGES
from app.paths import PAGES, page_path
from app.routers.desk_item import DeskSubmission, Submission, preview, submission
from app.services import desk_queue, desk_taking, publishing, review
from app.services.publishing import PublishedInTheWay
from app.services.search import language_names
from app.web import notifications
from app.web.previews import PREVIEW
from app.web.routing import TypedText, people_router, too_long
from app.web.sessions import language_of
from app.web.templating import redirect_notice, render

router = people_router("desk")
NOTICES = {
    "approved": N_("Published."),
    "rejected": N_("Sent back to its organisation."),
    "declined": N_("Declined: its organisation is told it will not be published, and why."),
    "unpublished": N_("Taken off the site: its organisation is told why."),
    # an editor who just chose their password (app/routers/accounts.py): the desk is where they start
    "welcome": N_(
        "Welcome: your password is saved and you are signed in. Below are the submissions waiting for review, the "
        "oldest first: open one to read it beside what is published, correct it if need be, then decide."
    ),
    "password": N_("Your password is saved. You are signed in."),
}
# The notices above, once the queue knows what was decided (``item``): its title, a link to its page (its history;
# what was sent back) and, published, to its public page — deciding several in a row, « Published. » alone did not
# say which one, nor lead back to it.
DONE_ITEM = {
    "approved": N_("Published: “%(title)s”."),
    "rejected": N_("Sent back to its organisation: “%(title)s”."),
    "declined": N_("Declined: “%(title)s”. Its organisation is told it will not be published, and why."),
    "unpublished": N_("Taken off the site: “%(title)s”. Its organisation is told why."),
}
SHOWN = 200  # submissions the queue shows, those waiting longest; it says how many wait in all when there are more
TAKING = {"take", "give_back"}  # what the taking form may post
UNPUBLISH_CHANGED = N_("Nothing was taken off the site: it changed since you read it. Read it again, then decide.")
SUBMISSION_FIRST = N_(
    "Nothing was taken off the site: a submission of it awaits review. Approve, send back or decline it first."
)
# The decisions a form may post (``reject``: « send back » as older pages name it) and what each is called after.
DECISIONS: dict[str, notifications.Decision] = {
    "approve": "approve",
    "send_back": "send_back",
    "reject": "send_back",
    "decline": "decline",
    "unpublish": "unpublish",
}
DONE = {"approve": "approved", "send_back": "rejected", "decline": "declined", "unpublish": "unpublished"}
CHANGED = N_(
    "Its organisation has changed it since you read it: its new changes are shown below, and nothing was decided."
)
CORRECTED = N_("An editor has corrected it since you read it: the changes are shown below, and nothing was decided.")
REASON_KEPT = N_("Your reason is kept in its box below.")
IN_THE_WAY = {
    "slug": N_(
        "Nothing was published: its address “%(value)s” is already used by the published resource %(holder)s "
        "(%(publisher)s). Send it back to %(submitter)s asking for another address."
    ),
    "translation_key": N_(
        "Nothing was published: its translation key “%(value)s” is already used by the published resource "
        "%(holder)s (%(publisher)s). Send it back to %(submitter)s asking for another translation key."
    ),
}
SIMULTANEOUS = N_("Nothing was published: it changed while it was being published. Read it again, then decide.")
Revision = Annotated[int | None, Form(ge=1, le=MAX_REVISION)]  # the one the editor read (older pages lack it)
# The queue's filters in the order of its form: each one's label, and its first option (any value).
FILTERS = {
    "organisation": (N_("Organisation"), N_("All organisations")),
    "language": (N_("Language"), N_("All languages")),
    "kind": (N_("Kind of submission"), N_("All kinds")),
    "taken": (N_("Taken for review"), N_("Taken or not")),
}
NOT_FILTERED = N_("The queue could not be narrowed as asked: choose the filter again below.")


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """One of the queue's filters as its form shows it, and as a removable chip when chosen."""

    name: str
    label: str
    options: dict[str, str]  # value → label, the first "" (any)
    chosen: str  # "" when none (or an unknown value, said beside it)
    removed: str  # the queue's address without it, the other filters and the search kept


def _queue_path(lang: str, query: dict[str, str]) -> str:
    """The queue's address with ``query`` (blanks left out); not :func:`page_path`, whose ``language`` is the
    page's, not the filter's."""
    kept = {name: value for name, value in query.items() if value}
    return f"{page_path('desk', lang)}?{urlencode(kept)}" if kept else page_path("desk", lang)


def queue_filters(lang: str, chosen: desk_queue.Filters, found: desk_queue.Waiting, q: str) -> list[QueueFilter]:
    """The queue's filters as the page shows them, ``chosen`` selected."""
    languages = language_names(lang)
    choices = {
        "organisation": found.organisations,
        "language": {code: languages[code] for code in LANGUAGES},
        "kind": {kind.value: gettext(lang, described.label) for kind, described in desk_queue.KINDS.items()},
        "taken": {taking.value: gettext(lang, label) for taking, label in desk_queue.TAKINGS.items()},
    }
    values = {
        "organisation": chosen.organisation or "",
        "language": chosen.language or "",
        "kind": chosen.kind or "",
        "taken": chosen.taken or "",
    }
    return [
        QueueFilter(
            name=name,
            label=gettext(lang, label),
            options={"": gettext(lang, anything)} | choices[name],
            chosen=values[name],
            removed=_queue_path(lang, values | {name: "", "q": q}),
        )
        for name, (label, anything) in FILTERS.items()
    ]


def queue(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    taxonomies: TaxonomiesDep,
    editor: CurrentEditor,
    q: Annotated[str, Query(max_length=200)] = "",
    organisation: Annotated[str, Query(max_length=120)] = "",
    language: Annotated[str, Query(max_length=8)] = "",
    kind: Annotated[str, Query(max_length=16)] = "",
    taken: Annotated[str, Query(max_length=16)] = "",
    item: Annotated[str, Query(max_length=200)] = "",
) -> Response:
    """The queue, narrowed to an organisation, a language, a kind of submission or who took it for review (an
    unknown value is said beside its field: 400); what was sent back and what was published lately; ``q``: a search
    of every resource ever submitted, by the words of its title or its id; ``item``: the resource just decided on,
    which the notice names."""
    lang = language_of(request)
    typed = {name: value.strip() for name, value in zip(FILTERS, (organisation, language, kind, taken), strict=True)}
    chosen, problems = desk_queue.filters(session, **typed)
    me = editor.as_principal().prefix
    found = desk_queue.waiting(session, chosen, SHOWN, me, lang)
    items = publishing.to_managed(session, found.resources, settings.public_base_url)
    filters = queue_filters(lang, chosen, found, q.strip())
    told = request.query_params.get("notice", "")  # the decision's notice, a key of NOTICES
    decided = desk_queue.just_decided(session, item, lang) if item and told in DONE_ITEM else None
    return render(
        request,
        "web/desk.html",
        lang,
        status_code=400 if problems else 200,
        title=gettext(lang, "Editorial desk"),
        person=editor,
        items=items,
        matching=found.matching,
        total=found.total,
        filters=filters,
        filter_labels={shown.name: shown.label for shown in filters},
        kind_meanings=[gettext(lang, described.meaning) for described in desk_queue.KINDS.values()],
        filtered=chosen != desk_queue.Filters(),
        alert=gettext(lang, NOT_FILTERED) if problems else None,
        errors={name: [gettext(lang, said, value=typed[name])] for name, said in problems.items()},
        q=q.strip(),
        found=desk_queue.search(session, q) if q.strip() else [],
        triage=desk_queue.triage(items, found, taxonomies, lang),
        publishers=found.publishers,
        taken=found.taken,
        me=me,
        sent_back=desk_queue.sent_back(session, lang),
        published=desk_queue.published_lately(session, lang),
        decided=decided,
        decided_said=DONE_ITEM.get(told),
        notice=None if decided else redirect_notice(request, NOTICES, lang),
    )


def _done(lang: str, notice: str, resource_id: str) -> str:
    """The queue's address after a decision: its notice, and the resource it names (its public id once published)."""
    return f"{page_path('desk', lang)}?{urlencode({'notice': notice, 'item': resource_id})}"


def _reason_problems(lang: str, reason: str) -> dict[str, list[str]]:
    """What is wrong with an editor's reason: blank, or longer than the organisation may be sent."""
    if not reason.strip():
        return {"reason": [gettext(lang, "A reason is required.")]}
    return too_long(lang, reason=(reason, review.REASON_LENGTH))


def decide(
    shown: DeskSubmission,
    decision: Annotated[str, Form(max_length=16)],
    version: Annotated[int, Form()],
    revision: Revision = None,
    reason: TypedText = "",  # unbounded here: too long, it comes back with its problem
) -> Response:
    """Approve, send back for changes or decline for good (``decision``) the submission the editor read
    (``version``, ``revision``); or take the published resource off the site (``unpublish``)."""
    session, settings, resource_id = shown.session, shown.settings, shown.resource_id
    lang = language_of(shown.request)
    if_match = IfMatch(frozenset({str(version)}))
    chosen = DECISIONS.get(decision)
    if chosen is None:  # never a default that publishes
        raise InvalidParameters(N_("Unknown decision: approve, send_back, decline or unpublish."))
    if chosen == "unpublish":
        return _unpublish(shown, version, reason)
    reasoned = chosen != "approve"
    problems = _reason_problems(lang, reason) if reasoned else {}
    if problems:
        return shown.page(422, errors=problems, reason=reason, read=revision)
    key = shown.editor.as_principal()
    try:
        if chosen == "send_back":
            decided = review.reject(session, key, resource_id, reason.strip(), if_match)
        elif chosen == "decline":
            decided = review.decline(session, key, resource_id, reason.strip(), if_match)
        else:
            decided = review.approve(session, key, resource_id, if_match)
    except NotFound:  # another editor decided, or its organisation took it back, since the page was read
        return shown.decided(revision, reason, 409)
    except PreconditionFailed:  # its organisation submitted a newer revision since: the page shows what changed
        session.rollback()
        fix = review.latest_correction(session, resource_id, lang)  # or an editor corrected it
        said = CORRECTED if fix and (revision is None or fix.corrected.number > revision) else CHANGED
        alert = gettext(lang, said) + (" " + gettext(lang, REASON_KEPT) if reason.strip() else "")
        return shown.page(409, alert=alert, reason=reason, read=revision)
    except PublishedInTheWay as exc:  # a published resource holds its address or key: the editor sends it back
        parts = {"holder": exc.holder_id, "publisher": exc.holder_publisher, "submitter": exc.submitter}
        return shown.page(409, alert=gettext(lang, IN_THE_WAY[exc.field], value=exc.value, **parts))
    except Conflict:  # another approval took its id or address at the same instant
        return shown.page(409, alert=gettext(lang, SIMULTANEOUS))
    session.commit()
    notifications.decided(session, settings, decided.id, chosen, reason.strip() if reasoned else None)  # public id
    return RedirectResponse(_done(lang, DONE[chosen], decided.id), status_code=303)


def _unpublish(shown: Submission, version: int, reason: str) -> Response:
    """Take the published resource off the site, with the editor's reason; refused, the page says why, the reason
    typed kept in its box."""
    session, lang = shown.session, language_of(shown.request)
    problems = _reason_problems(lang, reason)
    if problems:
        return shown.decided(None, reason, 422, unpublishing=True, errors=problems)
    try:
        done = review.unpublish(
            session, shown.editor.as_principal(), shown.resource_id, reason.strip(), IfMatch(frozenset({str(version)}))
        )
    except NotFound:  # taken off the site since the page was read (another editor, its organisation)
        return shown.decided(None, reason, 409, unpublishing=True)
    except PreconditionFailed:  # changed since: read it again
        session.rollback()
        return shown.decided(None, reason, 409, unpublishing=True, alert=gettext(lang, UNPUBLISH_CHANGED))
    except Conflict:  # a submission of it awaits review: its page shows it, the reason kept in its box
        return shown.page(409, alert=gettext(lang, SUBMISSION_FIRST), reason=reason)
    session.commit()
    notifications.decided(session, shown.settings, done.id, "unpublish", reason.strip())
    return RedirectResponse(_done(lang, DONE["unpublish"], done.id), status_code=303)


def take(
    shown: DeskSubmission,
    action: Annotated[str, Form(max_length=16)],
    holder: Annotated[str, Form(max_length=32)] = "",
    since: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    """Take the submission for review (« I'm reviewing this »), or take it over from ``holder``, who had it
    ``since`` as the page said; or give it back. Back to its page, which says who has it now."""
    if action not in TAKING:
        raise InvalidParameters(N_("Unknown action: take or give_back."))
    key = shown.editor.as_principal()
    try:
        if action == "give_back":
            notice = "given_back" if desk_taking.give_back(shown.session, key, shown.resource_id) else "not_yours"
        else:
            lang = language_of(shown.request)
            desk_taking.take(shown.session, key, shown.resource_id, lang, desk_taking.seen(holder, since))
            notice = "taken"
    except NotFound:  # decided, or taken back, since the page was read: its page says what became of it
        return RedirectResponse(shown.here, status_code=303)
    except desk_taking.TakenByAnother:  # at the same instant, or since the page was read: nothing overwritten
        notice = "taken_first"
    shown.session.commit()
    return RedirectResponse(f"{shown.here}?notice={notice}", status_code=303)


def approve(shown: DeskSubmission, version: Annotated[int, Form()], revision: Revision = None) -> Response:
    """The address an approval was posted to before the item's own (a page open since)."""
    return decide(shown, "approve", version, revision)


def reject(
    shown: DeskSubmission,
    version: Annotated[int, Form()],
    revision: Revision = None,
    reason: TypedText = "",
) -> Response:
    """The address a sending back was posted to before the item's own (a page open since)."""
    return decide(shown, "send_back", version, revision, reason)


for _lang in LANGUAGES:
    _base = PAGES["desk"][_lang]
    router.add_api_route(_base, queue, methods=["GET"], response_class=Response)
    router.add_api_route(_base + "/{resource_id}", submission, methods=["GET"], response_class=Response)
    router.add_api_route(f"{_base}/{{resource_id}}/{PREVIEW[_lang]}", preview, methods=["GET"], response_class=Response)
    router.add_api_route(_base + "/{resource_id}", decide, methods=["POST"], dependencies=[csrf.Protected])
    router.add_api_route(_base + "/{resource_id}/take", take, methods=["POST"], dependencies=[csrf.Protected])
    router.add_api_route(_base + "/{resource_id}/approve", approve, methods=["POST"], dependencies=[csrf.Protected])
    router.add_api_route(_base + "/{resource_id}/reject", reject, methods=["POST"], dependencies=[csrf.Protected])
