"""The editor's desk (``/fr/redaction``, ``/en/editorial``): the review queue, a submission beside the published
version with the diff, approve, reject with a reason, the audit trail; the organisation gets a mail.

Two editors may have one submission open, or its organisation may change it while an editor reads it: a decision
that comes too late answers with the item's page again, saying what happened (who decided, and when; or the new
changes), what the editor typed kept. The JSON API (``/v1/review``) keeps its problems."""

from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from app import csrf
from app.deps import CurrentEditor, SessionDep, SettingsDep, TaxonomiesDep
from app.errors import Conflict, InvalidParameters, NotFound, PreconditionFailed
from app.http import MAX_REVISION, IfMatch
from app.i18n import N_, format_moment, gettext
from app.languages import LANGUAGES
from app.models import ResourceRevision, RevisionState
from app.paths import PAGES, page_path
from app.schemas.publishing import RevisionData
from app.services import audit, editorial_checks, jsonld, publishing, review
from app.services.publishing import PublishedInTheWay
from app.services.resources import body_html
from app.taxonomy import TaxonomyName
from app.web import notifications
from app.web.routing import TypedText, people_router, too_long
from app.web.sessions import language_of
from app.web.templating import redirect_notice, render

router = people_router("desk")
NOTICES = {"approved": N_("Published."), "rejected": N_("Sent back to its organisation.")}
# The fields of a version the desk shows by their labels in the editor's language.
VERSION_TERMS = {
    "type": TaxonomyName.types,
    "countries": TaxonomyName.countries,
    "sectors": TaxonomyName.sectors,
    "risks": TaxonomyName.risks,
}
NOWHERE = N_("There is no submission at this address.")
# What became of the revision the editor read, by its state (sent back: any other state with a decision on it).
APPROVED = N_("Already approved and published by %(who)s: %(when)s (Paris time).")
SENT_BACK = N_("Already sent back by %(who)s: %(when)s (Paris time), with this reason: “%(reason)s”")
TAKEN_BACK = N_("It no longer awaits review: its organisation has taken it back to edit it.")
ARCHIVED = N_("It no longer awaits review: its organisation has archived it.")
NOT_RECORDED = N_("Your decision was not recorded: nothing was changed.")
CHANGED = N_(
    "Its organisation has changed it since you read it: its new changes are shown below, and nothing was decided."
)
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


def queue(request: Request, session: SessionDep, settings: SettingsDep, editor: CurrentEditor) -> Response:
    lang = language_of(request)
    resources, _ = review.queue(session, limit=200)
    return render(
        request,
        "web/desk.html",
        lang,
        title=gettext(lang, "Editorial desk"),
        person=editor,
        items=publishing.to_managed(session, resources, settings.public_base_url),
        publishers=jsonld.publisher_names(session, resources),
        notice=redirect_notice(request, NOTICES, lang),
    )


def domain(url: str) -> str:
    """The site a source is on, as people name it (``www.dol.gov`` → ``dol.gov``): the editor sees it without
    hovering the link."""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def _version(session: SessionDep, revision: ResourceRevision | None, base_url: str, language: str) -> dict[str, object]:
    if revision is None:
        return {}
    data = RevisionData.model_validate(revision.data)
    dumped = data.model_dump(mode="json")
    return dumped | {
        "number": revision.number,
        # in the resource's typography, its headings under the version's title (an H3 on the desk's page)
        "body_html": body_html(session, data.body, base_url, language, headings_under=3),
        "sources": [source | {"domain": domain(source["url"])} for source in dumped["sources"]],
    }


def fate(found: review.Outcome, lang: str) -> str:
    """What became of the revision the editor read, in a sentence: who decided, when; or that it was taken back."""
    read = found.read
    if read.state == RevisionState.withdrawn:
        return gettext(lang, ARCHIVED)
    if read.reviewed_at is None:
        return gettext(lang, TAKEN_BACK)
    who = found.reviewer or gettext(lang, "API key %(prefix)s", prefix=read.reviewer_key_prefix or "")
    if read.state == RevisionState.published:
        return gettext(lang, APPROVED, who=who, when=format_moment(read.reviewed_at, lang))
    return gettext(lang, SENT_BACK, who=who, reason=read.reason or "", when=format_moment(read.reviewed_at, lang))


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
            submitted=_version(session, submitted, settings.public_base_url, resource.language),
            published=_version(session, live, settings.public_base_url, resource.language),
            changes=changes,
            base=base,
            seen=seen,
            since_seen=publishing.compare(seen.data, submitted.data, self.taxonomies, lang) if seen else [],
            publisher=jsonld.publisher_of(session, resource)[0],
            checks=editorial_checks.checks(
                RevisionData.model_validate(submitted.data),
                RevisionData.model_validate(live.data) if live else None,
            ),
            trail=audit.trail(session, self.resource_id, lang),
            labels={
                name: {code: term.label(lang) for code, term in self.taxonomies[vocabulary].items()}
                for name, vocabulary in VERSION_TERMS.items()
            },
            alert=alert,
            errors=errors or {},
            reason=reason,
            reason_length=review.REASON_LENGTH,
            here=self.here,
        )

    def decided(self, read: int | None, reason: str, status_code: int) -> Response:
        """The page of a submission that no longer awaits review: what became of it, who decided and when; a
        decision posted too late is not recorded, and the reason typed is shown to be copied."""
        lang = language_of(self.request)
        found = review.outcome(self.session, self.resource_id, read)
        if found is None:
            raise NotFound(NOWHERE)
        view = publishing.to_managed(self.session, [found.resource], self.settings.public_base_url)[0]
        posted = self.request.method != "GET"
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
            late=gettext(lang, NOT_RECORDED) if posted else None,
            reason=reason.strip() if posted else "",
            trail=audit.trail(self.session, found.resource.id, lang),
            here=self.here,
        )


DeskSubmission = Annotated[Submission, Depends()]


def submission(shown: DeskSubmission) -> Response:
    return shown.page()


def decide(
    shown: DeskSubmission,
    decision: Annotated[str, Form(max_length=16)],
    version: Annotated[int, Form()],
    revision: Revision = None,
    reason: TypedText = "",  # unbounded here: too long, it comes back with its problem
) -> Response:
    """Approve or send back (``decision``) the submission the editor read (``version``, ``revision``)."""
    session, settings, resource_id = shown.session, shown.settings, shown.resource_id
    lang = language_of(shown.request)
    if_match = IfMatch(frozenset({str(version)}))
    if decision not in ("approve", "reject"):  # never a default that publishes
        raise InvalidParameters(N_("Unknown decision: approve or reject."))
    rejecting = decision == "reject"
    if rejecting:
        problems = too_long(lang, reason=(reason, review.REASON_LENGTH))
        if not reason.strip():
            problems = {"reason": [gettext(lang, "A reason is required.")]}
        if problems:
            return shown.page(422, errors=problems, reason=reason, read=revision)
    try:
        if rejecting:
            decided = review.reject(session, shown.editor.as_principal(), resource_id, reason.strip(), if_match)
        else:
            decided = review.approve(session, shown.editor.as_principal(), resource_id, if_match)
    except NotFound:  # another editor decided, or its organisation took it back, since the page was read
        return shown.decided(revision, reason, 409)
    except PreconditionFailed:  # its organisation submitted a newer revision since: the page shows what changed
        session.rollback()
        alert = gettext(lang, CHANGED) + (" " + gettext(lang, REASON_KEPT) if reason.strip() else "")
        return shown.page(409, alert=alert, reason=reason, read=revision)
    except PublishedInTheWay as exc:  # a published resource holds its address or key: the editor sends it back
        parts = {"holder": exc.holder_id, "publisher": exc.holder_publisher, "submitter": exc.submitter}
        return shown.page(409, alert=gettext(lang, IN_THE_WAY[exc.field], value=exc.value, **parts))
    except Conflict:  # another approval took its id or address at the same instant
        return shown.page(409, alert=gettext(lang, SIMULTANEOUS))
    session.commit()
    reason_sent = reason.strip() if rejecting else None
    notifications.decided(session, settings, decided.id, approved=not rejecting, reason=reason_sent)  # its public id
    notice = "rejected" if rejecting else "approved"
    return RedirectResponse(f"{page_path('desk', lang)}?notice={notice}", status_code=303)


def approve(shown: DeskSubmission, version: Annotated[int, Form()], revision: Revision = None) -> Response:
    """The address an approval was posted to before the item's own (a page open since)."""
    return decide(shown, "approve", version, revision)


def reject(
    shown: DeskSubmission,
    version: Annotated[int, Form()],
    revision: Revision = None,
    reason: TypedText = "",
) -> Response:
    """The address a refusal was posted to before the item's own (a page open since)."""
    return decide(shown, "reject", version, revision, reason)


for _lang in LANGUAGES:
    _base = PAGES["desk"][_lang]
    router.add_api_route(_base, queue, methods=["GET"], response_class=Response)
    router.add_api_route(_base + "/{resource_id}", submission, methods=["GET"], response_class=Response)
    router.add_api_route(_base + "/{resource_id}", decide, methods=["POST"], dependencies=[csrf.Protected])
    router.add_api_route(_base + "/{resource_id}/approve", approve, methods=["POST"], dependencies=[csrf.Protected])
    router.add_api_route(_base + "/{resource_id}/reject", reject, methods=["POST"], dependencies=[csrf.Protected])
