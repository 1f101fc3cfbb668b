"""A submission's page on the editor's desk (``/fr/redaction/<id>``, ``/en/editorial/<id>``): what changed, the
submission beside the published version, what to check before approving, the published resources most like it,
the decision forms and the audit trail; its preview as its public page will show it. A submission decided, or taken
back, since the editor's link was made has a page of its own saying what became of it — and, when a decision came
too late, that it was not recorded, the reason typed shown to be copied. The queue and the decisions, which answer
with these pages, are :mod:`app.routers.desk`."""

from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, Request
from fastapi.responses import RedirectResponse, Response

from app.deps import CurrentEditor, SearchDep, SessionDep, SettingsDep, TaxonomiesDep
from app.errors import NotFound
from app.i18n import N_, format_moment, gettext
from app.models import ResourceRevision, RevisionState
from app.models.base import utcnow
from app.paths import DESK_CORRECT, page_path, resource_path
from app.schemas.publishing import RevisionData
from app.services import (
    attachments,
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
from app.services.resources import body_html
from app.taxonomy import TaxonomyName
from app.web.mails import active_people
from app.web.previews import DESK, PREVIEW, public_preview
from app.web.sessions import language_of
from app.web.templating import redirect_notice, render

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
# What became of the revision the editor read, by its state (sent back: any other state with a decision on it): as
# an editor who came to look reads it (from the lists under the queue, a search: « Already … » read as a decision
# refused), and as one whose decision came too late reads it.
DECIDED_BY = {
    RevisionState.published: N_("Approved and published by %(who)s: %(when)s (Paris time)."),
    RevisionState.declined: N_("Declined by %(who)s: %(when)s (Paris time), with this reason: “%(reason)s”"),
    RevisionState.rejected: N_("Sent back by %(who)s: %(when)s (Paris time), with this reason: “%(reason)s”"),
}
TOO_LATE = {
    RevisionState.published: N_("Already approved and published by %(who)s: %(when)s (Paris time)."),
    RevisionState.declined: N_("Already declined by %(who)s: %(when)s (Paris time), with this reason: “%(reason)s”"),
    RevisionState.rejected: N_("Already sent back by %(who)s: %(when)s (Paris time), with this reason: “%(reason)s”"),
}
TAKEN_BACK = N_("It no longer awaits review: its organisation has taken it back to edit it.")
ARCHIVED = N_("It no longer awaits review: its organisation has archived it.")
WITHDRAWN = N_("It no longer awaits review: its organisation has withdrawn it from review.")
UNPUBLISHED = N_("Taken off the site by %(who)s: %(when)s (Paris time), with this reason: “%(reason)s”")
NOT_RECORDED = N_("Your decision was not recorded: nothing was changed.")
# The language the organisation's people read its mails in (each their own), said beside the reason box when it is
# not the page's: the reason goes into the mail as it is typed.
MAIL_IN = {
    "fr": N_("The mail goes out in French: write the reason in French."),
    "en": N_("The mail goes out in English: write the reason in English."),
}
MAIL_IN_BOTH = N_(
    "The mail goes out in French to some of its people and in English to others: write the reason in both languages."
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
        # its documents, each to download where its organisation and the editors read a revision's
        "documents": [
            entry
            | {
                "detail": attachments.described(entry, lang),
                "url": f"{page_path('resource', lang)}/{revision.resource_id}/revisions/{revision.number}/"
                f"{attachments.REVISION_SEGMENT}/{entry['filename']}",
            }
            for entry in revision.attachments
        ],
    }


def _read(revision: ResourceRevision) -> dict[str, object]:
    """A revision as an editor compares it with another: its data and its documents."""
    return attachments.with_documents(revision.data, revision.attachments)


def _who(name: str | None, prefix: str | None, lang: str) -> str:
    """The person's name, else the API key's prefix that acted."""
    return name or gettext(lang, "API key %(prefix)s", prefix=prefix or "")


def submitted_by(session: SessionDep, resource_id: str, lang: str) -> str | None:
    """Who submitted the version awaiting review, as the audit trail names them: a person, else an API key; None
    when the command line did."""
    prefix = review.submitter(session, resource_id)
    if prefix is None:
        return None
    return _who(review.person_names(session, [prefix], lang).get(prefix), prefix, lang)


def mail_language(session: SessionDep, organisation_id: int | None, lang: str) -> str | None:
    """Which language the decision's mail goes out in, when it is not the page's (``lang``): each of the
    organisation's people reads it in their own (:func:`app.web.notifications.decided`)."""
    if organisation_id is None:
        return None
    read = {person.language.value for person in active_people(session, organisation_id)}
    if not read or read == {lang}:
        return None
    return gettext(lang, MAIL_IN[read.pop()] if len(read) == 1 else MAIL_IN_BOTH)


def fate(found: review.Outcome, lang: str, late: bool) -> str:
    """What became of the revision the editor read, in a sentence: who decided, when; or that it was taken back;
    and, when an editor has taken the resource off the site since, who did, when and why. ``late``: said to an
    editor whose decision came after it."""
    read, taken_down = found.read, found.unpublished
    if taken_down is not None and taken_down.reviewed_at is not None:
        when = format_moment(taken_down.reviewed_at, lang)
        who = _who(found.unpublisher, taken_down.reviewer_key_prefix, lang)
        return gettext(lang, UNPUBLISHED, who=who, when=when, reason=taken_down.reason or "")
    if read.state == RevisionState.withdrawn:
        return gettext(lang, ARCHIVED)
    if read.reviewed_at is None:
        return gettext(lang, WITHDRAWN if read.state == RevisionState.draft else TAKEN_BACK)
    who, when = _who(found.reviewer, read.reviewer_key_prefix, lang), format_moment(read.reviewed_at, lang)
    state = read.state if read.state in DECIDED_BY else RevisionState.rejected
    said = (TOO_LATE if late else DECIDED_BY)[state]
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

    def labels(self, lang: str) -> dict[str, dict[str, str]]:
        """The terms of a version's fields (web/_version.html), by their labels in the editor's ``lang``."""
        return {
            name: {code: term.label(lang) for code, term in self.taxonomies[vocabulary].items()}
            for name, vocabulary in VERSION_TERMS.items()
        }

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
        correction = review.correction(session, revisions, submitted.number, lang)
        changes = publishing.compare(_read(base), _read(submitted), self.taxonomies, lang) if base else []
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
            since_seen=publishing.compare(_read(seen), _read(submitted), self.taxonomies, lang) if seen else [],
            publisher=jsonld.publisher_of(session, resource)[0],
            submitter=submitted_by(session, resource.id, lang),
            # how long it has waited, in the queue's words (« il y a 3 jours »)
            waited=desk_queue.waited(submitted.submitted_at, utcnow(), lang) if submitted.submitted_at else "",
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
            labels=self.labels(lang),
            alert=alert,
            errors=errors or {},
            reason=reason,
            reason_length=review.REASON_LENGTH,
            mail_language=mail_language(session, resource.organisation_id, lang),
            here=self.here,
            correct=f"{self.here}/{DESK_CORRECT[lang]}",
            taken=desk_taking.holder(session, submitted, lang),  # who is reviewing it, if anyone
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
        """The page of a submission that no longer awaits review: what became of it, who decided and when, and the
        text sent back or declined; a decision posted too late is not recorded, and the reason typed is shown to be
        copied. A published resource's page offers to take it off the site; ``unpublishing``: that is what was
        posted (refused: ``alert`` or ``errors``), the reason typed back in its box."""
        lang = language_of(self.request)
        found = review.outcome(self.session, self.resource_id, lang, read)
        if found is None:
            raise NotFound(NOWHERE)
        base_url = self.settings.public_base_url
        view = publishing.to_managed(self.session, [found.resource], base_url)[0]
        posted = self.request.method != "GET"
        late = posted and not bool(alert or errors)  # a decision come too late, not an unpublishing refused
        # sent back or declined: the text refused, as the desk showed it, to answer its organisation about it
        refused = _version(self.session, found.read, base_url, found.resource.language, lang) if found.refused else {}
        return render(
            self.request,
            "web/desk_decided.html",
            lang,
            status_code=status_code,
            title=str(found.read.data.get("title") or view.title),
            person=self.editor,
            view=view,
            revision=found.read.number,
            fate=fate(found, lang, late),
            refused=refused,
            declined=found.read.state == RevisionState.declined,
            labels=self.labels(lang),
            late=gettext(lang, NOT_RECORDED) if late else None,
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
