"""The editor's desk (``/fr/redaction``, ``/en/editorial``): the review queue, a submission beside the published
version with the diff, approve, send back for changes or decline for good with a reason, take a published resource
off the site with a reason, the audit trail; the organisation gets a mail. An editor takes a submission for
review (« I'm reviewing this »): the queue and its page say who has it (:mod:`app.services.desk_taking`).

Two editors may have one submission open, or its organisation may change it while an editor reads it: a decision
that comes too late answers with the item's page again, saying what happened (who decided, and when; or the new
changes), what the editor typed kept. The JSON API (``/v1/review``) keeps its problems."""

from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlencode, urlsplit

from fastapi import Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from app import csrf
from app.deps import CurrentEditor, SearchDep, SessionDep, SettingsDep, TaxonomiesDep
from app.errors import Conflict, InvalidParameters, NotFound, PreconditionFailed
from app.http import MAX_REVISION, IfMatch
from app.i18n import N_, format_moment, gettext
from app.languages import LANGUAGES
from app.models import ResourceRevision, RevisionState
from app.paths import DESK_CORRECT, PAGES, page_path, resource_path
from app.schemas.publishing import RevisionData
from app.services import (
    audit,
    desk_queue,
    desk_taking,
    editorial_checks,
    jsonld,
    publishing,
    review,
    similar,
    training,
    translations_of,
)
from app.services.publishing import PublishedInTheWay
from app.services.resources import body_html
from app.services.search import LANGUAGE_NAMES
from app.taxonomy import TaxonomyName
from app.web import notifications
from app.web.mails import active_people
from app.web.previews import DESK, PREVIEW, public_preview
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
SHOWN = 200  # submissions the queue shows, those waiting longest; it says how many wait in all when there are more
# What a submission's page says when the correction form sends the editor back to it (app/routers/desk_correct.py).
ITEM_NOTICES = {
    "corrected": N_("Your correction is saved: it awaits your decision below, beside what its organisation submitted."),
    "uncorrected": N_("Nothing was saved: the form held what was submitted, so there is nothing to correct."),
    # « I'm reviewing this » (take): the page below says who has it now
    "taken": N_(
        "It is yours to review: the queue and this page tell the other editors, until you decide or give it back."
    ),
    "taken_first": N_("Not taken: another editor took it for review first. Who, and since when, is said below."),
    "given_back": N_("Given back: nobody is reviewing it now."),
    "not_yours": N_("Nothing was given back: it was no longer yours. Who has it now is said below."),
}
TAKING = {"take", "give_back"}  # what the taking form may post
# The fields of a version the desk shows by their labels in the editor's language.
VERSION_TERMS = {
    "type": TaxonomyName.types,
    "countries": TaxonomyName.countries,
    "regions": TaxonomyName.regions,
    "sectors": TaxonomyName.sectors,
    "risks": TaxonomyName.risks,
    "audiences": TaxonomyName.audiences,
}
NOWHERE = N_("There is no submission at this address.")
# What became of the revision the editor read, by its state (sent back: any other state with a decision on it).
APPROVED = N_("Already approved and published by %(who)s: %(when)s (Paris time).")
SENT_BACK = N_("Already sent back by %(who)s: %(when)s (Paris time), with this reason: “%(reason)s”")
TAKEN_BACK = N_("It no longer awaits review: its organisation has taken it back to edit it.")
ARCHIVED = N_("It no longer awaits review: its organisation has archived it.")
WITHDRAWN = N_("It no longer awaits review: its organisation has withdrawn it from review.")
DECLINED = N_("Already declined by %(who)s: %(when)s (Paris time), with this reason: “%(reason)s”")
UNPUBLISHED = N_("Taken off the site by %(who)s: %(when)s (Paris time), with this reason: “%(reason)s”")
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
NOT_RECORDED = N_("Your decision was not recorded: nothing was changed.")
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
# The language the organisation's people read its mails in (each their own), said beside the reason box when it is
# not the page's: the reason goes into the mail as it is typed.
MAIL_IN = {
    "fr": N_("The mail goes out in French: write the reason in French."),
    "en": N_("The mail goes out in English: write the reason in English."),
}
MAIL_IN_BOTH = N_(
    "The mail goes out in French to some of its people and in English to others: write the reason in both languages."
)
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
    languages = LANGUAGE_NAMES["fr" if lang == "fr" else "en"]
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
) -> Response:
    """The queue, narrowed to an organisation, a language, a kind of submission or who took it for review (an
    unknown value is said beside its field: 400); what was sent back and what was published lately; ``q``: a search
    of every resource ever submitted, by the words of its title or its id."""
    lang = language_of(request)
    typed = {name: value.strip() for name, value in zip(FILTERS, (organisation, language, kind, taken), strict=True)}
    chosen, problems = desk_queue.filters(session, **typed)
    me = editor.as_principal().prefix
    found = desk_queue.waiting(session, chosen, SHOWN, me)
    items = publishing.to_managed(session, found.resources, settings.public_base_url)
    filters = queue_filters(lang, chosen, found, q.strip())
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
        sent_back=desk_queue.sent_back(session),
        published=desk_queue.published_lately(session),
        notice=redirect_notice(request, NOTICES, lang),
    )


def domain(url: str) -> str:
    """The site a source is on, as people name it (``www.dol.gov`` → ``dol.gov``): the editor sees it without
    hovering the link."""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def _version(
    session: SessionDep, revision: ResourceRevision | None, base_url: str, language: str, lang: str
) -> dict[str, object]:
    """A version as the desk shows it (web/_version.html): in the resource's ``language``, its facts said in the
    editor's ``lang``."""
    if revision is None:
        return {}
    data = RevisionData.model_validate(revision.data)
    dumped = data.model_dump(mode="json")
    return dumped | {
        "number": revision.number,
        # in the resource's typography, its headings under the version's title (an H3 on the desk's page)
        "body_html": body_html(session, data.body, base_url, language, headings_under=3),
        "path": resource_path(language, data.slug),  # the address of its public page, typos and all
        # a module's length and level as its page will say them; its prerequisites are shown as written
        "training": training.facts(data.duration, data.level, None, lang),
        "sources": [source | {"domain": domain(source["url"])} for source in dumped["sources"]],
    }


def _who(name: str | None, revision: ResourceRevision, lang: str) -> str:
    return name or gettext(lang, "API key %(prefix)s", prefix=revision.reviewer_key_prefix or "")


def mail_language(session: SessionDep, organisation_id: int | None, lang: str) -> str | None:
    """Which language the decision's mail goes out in, when it is not the page's (``lang``): each of the
    organisation's people reads it in their own (:func:`app.web.notifications.decided`)."""
    if organisation_id is None:
        return None
    read = {person.language.value for person in active_people(session, organisation_id)}
    if not read or read == {lang}:
        return None
    return gettext(lang, MAIL_IN[read.pop()] if len(read) == 1 else MAIL_IN_BOTH)


def fate(found: review.Outcome, lang: str) -> str:
    """What became of the revision the editor read, in a sentence: who decided, when; or that it was taken back;
    and, when an editor has taken the resource off the site since, who did, when and why."""
    read, taken_down = found.read, found.unpublished
    if taken_down is not None and taken_down.reviewed_at is not None:
        when = format_moment(taken_down.reviewed_at, lang)
        who = _who(found.unpublisher, taken_down, lang)
        return gettext(lang, UNPUBLISHED, who=who, when=when, reason=taken_down.reason or "")
    if read.state == RevisionState.withdrawn:
        return gettext(lang, ARCHIVED)
    if read.reviewed_at is None:
        return gettext(lang, WITHDRAWN if read.state == RevisionState.draft else TAKEN_BACK)
    who, when = _who(found.reviewer, read, lang), format_moment(read.reviewed_at, lang)
    if read.state == RevisionState.published:
        return gettext(lang, APPROVED, who=who, when=when)
    said = DECLINED if read.state == RevisionState.declined else SENT_BACK
    return gettext(lang, said, who=who, reason=read.reason or "", when=when)


@dataclass
class Submission:
    """A submission on the desk, as its page shows it. A decision takes it too: when it is refused, or comes too
    late, it answers with this page again, saying why, the reason typed kept."""

    request: Request
    resource_id: str
    session: SessionDep
    settings: SettingsDep
    taxonomies: TaxonomiesDep
    editor: CurrentEditor
    search: SearchDep

    @property
    def here(self) -> str:
        return f"{page_path('desk', language_of(self.request))}/{self.resource_id}"

    def page(
        self,
        status_code: int = 200,
        *,
        alert: str | None = None,
        errors: dict[str, list[str]] | None = None,
        reason: str = "",
        read: int | None = None,
    ) -> Response:
        """The submission beside the published version; ``read``: the revision the editor had read, when a newer
        one came since (what changed since then is shown first)."""
        request, session, settings, editor = self.request, self.session, self.settings, self.editor
        lang = language_of(request)
        try:
            resource = review.get_submission(session, self.resource_id)
        except NotFound:  # decided, or taken back, since the link was sent: say so rather than « not found »
            return self.decided(read, reason, 200 if request.method == "GET" else 409)
        view = publishing.to_managed(session, [resource], settings.public_base_url)[0]
        revisions = publishing.revisions(session, editor.as_principal(), self.resource_id)
        submitted = next(r for r in revisions if r.number == view.revision.number)
        live = review.live(revisions)
        base = review.baseline(revisions, submitted.number)
        correction = review.correction(session, revisions, submitted.number)
        changes = publishing.compare(base.data, submitted.data, self.taxonomies, lang) if base else []
        seen = next((r for r in revisions if r.number == read and r.number < submitted.number), None)
        return render(
            request,
            "web/desk_item.html",
            lang,
            status_code=status_code,
            title=view.title,
            person=editor,
            view=view,
            submitted=_version(session, submitted, settings.public_base_url, resource.language, lang),
            published=_version(session, live, settings.public_base_url, resource.language, lang),
            changes=changes,
            base=base,
            seen=seen,
            since_seen=publishing.compare(seen.data, submitted.data, self.taxonomies, lang) if seen else [],
            publisher=jsonld.publisher_of(session, resource)[0],
            translation=translations_of.for_desk(session, resource, lang),  # its version in the other language
            checks=editorial_checks.checks(
                RevisionData.model_validate(submitted.data),
                RevisionData.model_validate(live.data) if live else None,
            ),
            trail=audit.trail(session, self.resource_id, lang),
            alike=similar.similar(
                session,
                self.search,
                self.taxonomies,
                title=view.title,
                translation_key=resource.translation_key,
                language=resource.language,
                reader_language=lang,
            ),
            preview=f"{self.here}/{PREVIEW[lang]}",
            labels={
                name: {code: term.label(lang) for code, term in self.taxonomies[vocabulary].items()}
                for name, vocabulary in VERSION_TERMS.items()
            },
            alert=alert,
            errors=errors or {},
            reason=reason,
            reason_length=review.REASON_LENGTH,
            mail_language=mail_language(session, resource.organisation_id, lang),
            here=self.here,
            correct=f"{self.here}/{DESK_CORRECT[lang]}",
            taken=desk_taking.holder(session, submitted),  # who is reviewing it, if anyone
            me=editor.as_principal().prefix,
            correction=correction,
            corrected=correction.changes(self.taxonomies, lang) if correction else [],
            corrected_at=format_moment(correction.corrected.created_at, lang) if correction else "",
            notice=redirect_notice(request, ITEM_NOTICES, lang) if request.method == "GET" else None,
        )

    def decided(
        self,
        read: int | None,
        reason: str,
        status_code: int,
        *,
        unpublishing: bool = False,
        alert: str | None = None,
        errors: dict[str, list[str]] | None = None,
    ) -> Response:
        """The page of a submission that no longer awaits review: what became of it, who decided and when; a
        decision posted too late is not recorded, and the reason typed is shown to be copied. A published resource's
        page offers to take it off the site; ``unpublishing``: that is what was posted (refused: ``alert`` or
        ``errors``), the reason typed back in its box."""
        lang = language_of(self.request)
        found = review.outcome(self.session, self.resource_id, read)
        if found is None:
            raise NotFound(NOWHERE)
        view = publishing.to_managed(self.session, [found.resource], self.settings.public_base_url)[0]
        posted = self.request.method != "GET"
        refused = bool(alert or errors)  # an unpublishing refused, not a decision come too late
        return render(
            self.request,
            "web/desk_decided.html",
            lang,
            status_code=status_code,
            title=str(found.read.data.get("title") or view.title),
            person=self.editor,
            view=view,
            revision=found.read.number,
            fate=fate(found, lang),
            late=gettext(lang, NOT_RECORDED) if posted and not refused else None,
            reason=reason.strip() if posted and not (unpublishing and view.url) else "",
            alert=alert,
            errors=errors or {},
            unpublishable=view.url is not None,  # published, so from the API: content/ is never a submission
            typed=reason if unpublishing else "",
            reason_length=review.REASON_LENGTH,
            mail_language=mail_language(self.session, found.resource.organisation_id, lang),
            trail=audit.trail(self.session, found.resource.id, lang),
            here=self.here,
        )

    def preview(self) -> Response:
        """The submission as its public page will show it once approved: the public template, in the resource's
        language, under a banner saying it is not published; never indexed, never cached."""
        try:
            resource = review.get_submission(self.session, self.resource_id)
        except NotFound:  # decided or taken back since: its page says what became of it
            return RedirectResponse(self.here, status_code=303)
        revision = publishing.latest_revision(self.session, resource.id)
        assert revision is not None  # a submission is a revision
        return public_preview(self.session, self.taxonomies, self.settings, resource, revision, self.resource_id, DESK)


DeskSubmission = Annotated[Submission, Depends()]


def submission(shown: DeskSubmission) -> Response:
    return shown.page()


def preview(shown: DeskSubmission) -> Response:
    return shown.preview()


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
        fix = review.latest_correction(session, resource_id)  # or an editor corrected it
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
    return RedirectResponse(f"{page_path('desk', lang)}?notice={DONE[chosen]}", status_code=303)


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
    return RedirectResponse(f"{page_path('desk', lang)}?notice={DONE['unpublish']}", status_code=303)


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
            desk_taking.take(shown.session, key, shown.resource_id, desk_taking.seen(holder, since))
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
