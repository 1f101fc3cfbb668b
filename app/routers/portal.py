"""The partner portal (``/fr/espace-partenaire``, ``/en/partner``): the organisation's resources, their states and
the editors' reasons; create, edit, preview, submit, withdraw from review; revisions and their diff; a resource's
latest revision seen as its public page. Forms work without JavaScript.

A translation (``translation_of``: the resource it translates) takes its original's translation key and the other
language whatever the form posts: the form shows them as text, and a changed one would make an unlinked resource.

Saving a draft of a resource in review always takes it out of review, changed or not, as the form says before it
is clicked: an unchanged save withdraws it (it said « Draft saved » and left it with the editors, who published
it)."""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from app import csrf, licences
from app.deps import CurrentPerson, OptionalPerson, SessionDep, SettingsDep, TaxonomiesDep
from app.errors import AppError, Conflict, PreconditionFailed, TooManyRequests, Unauthorized
from app.http import IfMatch, RevisionNumber
from app.i18n import N_, gettext
from app.languages import LANGUAGES, Language, other_language
from app.models import ResourceType
from app.paths import PAGES, page_path
from app.policy import page
from app.schemas.publishing import ManagedResource
from app.services import attachments, portal, publishing, readership
from app.services.accounts import Person
from app.services.resources import body_html
from app.taxonomy import Taxonomies
from app.web import resource_form, sessions
from app.web.previews import PORTAL, PREVIEW, public_preview
from app.web.resource_form import document_limits
from app.web.routing import EMAIL_LENGTH, PASSWORD_LENGTH, TypedText, people_router, too_long
from app.web.sessions import language_of
from app.web.templating import redirect_notice, render

router = people_router("portal")
NOTICES = {
    "password": N_("Your password is saved. You are signed in."),
    # a first password, an invitation's: where a newcomer starts
    "welcome": N_(
        "Welcome: your password is saved and you are signed in. To publish a good practice, choose its type below "
        "and click “New resource”; the centre's editors review it before it goes on the public site."
    ),
    "saved": N_("Draft saved."),
    "submitted": N_(
        "Submitted: the centre's editors will review it. You will get a mail when it is published or sent back to you."
    ),
    # submitted naming no country, sector nor risk: allowed, but said where the person looks (web/resource_form.html
    # says it again beside the pickers)
    "submitted_unfindable": N_(
        "Submitted: the centre's editors will review it. But it names no country, sector or risk yet: people who "
        "narrow the search by them will not find it. Tick them below, then “Save and submit” again."
    ),
    # changes to a published resource: the person correcting a figure needs to know the page is not taken down
    "submitted_update": N_(
        "Submitted: the centre's editors will review your changes. Until they approve them, the public page stays "
        "online as it was. You will get a mail when they are published or sent back to you."
    ),
    "withdrawn": N_("Draft saved; the resource is no longer in review."),
    "taken_back": N_("Withdrawn from review: it is a draft again, which you may change and submit again."),
    # a published resource's changes taken back: « a draft again » read as the page going offline, which it does not
    "taken_back_update": N_(
        "Withdrawn from review: your changes are a draft again, which you may change and submit again. The public "
        "page stays online as it was."
    ),
}
# A withdrawal that came after a change: what the page below shows is where the resource stands now.
NOT_WITHDRAWN = N_("Nothing was withdrawn: it changed since you opened this page (an editor may have decided on it).")
# A draft is one version: when a field is refused, none of the others is kept either, and the alert says so.
NOT_SAVED = N_("Nothing was saved: correct the fields marked below.")
FILES_DROPPED = N_("Choose your documents’ files again too, under “Documents” at the end of the form.")
# The level of the form's own headings (the preview's), which a body's sit under: the preview's, and the original's
# on a translation's form
PREVIEW_UNDER = 2


# What the resource form says when a save found the session ended: the form comes back with everything typed and
# asks for the password where the person is, then saves (CSRF is checked before, as on every form).
SESSION_ENDED = N_(
    "Your session has ended (after a long time without activity, or a sign-out elsewhere), so this is not saved "
    "yet. Everything you typed is still here: sign in again just below and it will be saved."
)
# The heading of a translation's form, the original's title quoted.
TRANSLATION_OF = {
    "en": N_("English version of “%(title)s”"),
    "fr": N_("French version of “%(title)s”"),
}
SIGN_IN_REFUSED = {
    401: N_("Wrong email address or password."),
    429: N_("Too many failed sign-ins: wait a few minutes, or reset your password."),
}


def _form_page(
    request: Request,
    session: Session,
    taxonomies: Taxonomies,
    person: Person | None,
    draft: portal.Draft,
    resource_id: str | None,
    status_code: int = 200,
    original: ManagedResource | None = None,
    **shown: object,
) -> Response:
    """The resource form holding ``draft``; without ``person`` (their session ended) it asks them to sign in.
    ``original``: the resource a new draft translates, shown above the fields to be translated."""
    lang = language_of(request)
    view = portal.own(session, person, resource_id, "") if person and resource_id else None
    revisions, sibling, closed, reads = [], None, False, None
    # a translation's type is its original's, shown fixed (the service refuses another)
    fixed_type: str | None = original.type if original is not None else None
    if view is not None and person is not None:
        revisions = publishing.revisions(session, person.as_principal(), view.id)
        resource = publishing.get_own(session, person.as_principal(), view.id)
        closed = publishing.closed_by(session, resource) is not None  # declined before it was ever published
        if resource.claimed:  # published once: read by its stored id, its organisation's only
            today = datetime.now(UTC).date()
            reads = readership.months(session, person.organisation_id, resource.id, today, lang)
        other = f"{view.translation_key}.{other_language(view.language)}"
        owned = publishing.find(session, person.as_principal(), other)
        sibling = other if owned is not None and owned.organisation_id == person.organisation_id else None
        fixed_type = publishing.original_type(
            session, person.as_principal(), view.translation_key, view.language, resource
        )
    documents = resource_form.documents(request, person, view, draft, revisions)
    heading = view.title if view else (draft.values.get("title") if resource_id else None)
    if original is not None:
        heading = gettext(lang, TRANSLATION_OF[other_language(original.language)], title=original.title)
    # A form answered (a draft just created, say) stands for the resource's page: its language switch leads there.
    here = None
    if request.method == "POST":
        here = f"{page_path('resource', lang)}/{resource_id}" if resource_id else page_path("new", lang)
    shown.setdefault("alert", gettext(lang, "Please correct the fields marked below.") if draft.errors else None)
    if draft.files_dropped and draft.errors:  # said at the top too: the documents' rows are far below the fields
        shown["alert"] = f"{shown['alert']} {gettext(lang, FILES_DROPPED)}"
    return render(
        request,
        "web/resource_form.html",
        lang,
        status_code=status_code,
        here=here,
        title=heading or gettext(lang, "New resource"),
        person=person,
        draft=draft,
        view=view,
        resource_id=resource_id,
        revisions=revisions,
        reads=reads,
        sibling=sibling,
        fixed_type=fixed_type,
        closed=closed,
        choices=portal.choices(taxonomies, lang),
        licences=licences.choices(lang),
        original=original,
        as_public=f"{page_path('resource', lang)}/{view.id}/{PREVIEW[lang]}" if view else None,
        documents=documents,
        document_limits={
            "size": attachments.size_text(document_limits(request).max_bytes, lang),
            "count": document_limits(request).max_count,
        },
        accept=attachments.ACCEPT,
        **shown,
    )


@dataclass
class Editing:
    """What the resource form's pages need: the request, its session, the settings, the taxonomies and the person
    signed in (a dependency, so the form's routes do not repeat them)."""

    request: Request
    session: SessionDep
    settings: SettingsDep
    taxonomies: TaxonomiesDep
    signed_in: CurrentPerson
    # The resource a new draft translates (:meth:`translating`); not a parameter of the request.
    original: ManagedResource | None = field(default=None, init=False)

    def form(self, draft: portal.Draft, resource_id: str | None, status_code: int = 200, **shown: object) -> Response:
        """The resource form holding ``draft`` (``shown``: its preview, notice or alert)."""
        return _form_page(
            self.request,
            self.session,
            self.taxonomies,
            self.signed_in,
            draft,
            resource_id,
            status_code,
            self.original,
            **shown,
        )

    def translating(self, resource_id: str) -> portal.Draft:
        """This form makes the translation of the organisation's ``resource_id``: a new draft in the other
        language, under its translation key."""
        base_url = self.settings.public_base_url
        self.original = portal.own(self.session, self.signed_in, resource_id, base_url, PREVIEW_UNDER)
        return portal.translation_of(self.original)

    def as_translation(self, raw: dict[str, object]) -> dict[str, object]:
        """``raw`` with its original's translation key and the other language, whatever was posted: the form shows
        them as text, and a changed key would make a resource no longer linked to the one it translates."""
        if self.original is None:
            return raw
        fixed = portal.translation_of(self.original).values
        return raw | {name: fixed[name] for name in ("translation_key", "language")}

    def save(
        self,
        raw: dict[str, object],
        action: str,
        version: int | None,
        resource_id: str | None,
        sent: attachments.Sent | None = None,
    ) -> Response:
        """Save (or preview, or save and submit) the posted form (``sent``: its documents' rows); the editors' mail
        leaves after the commit."""
        response, told = self._save(self.as_translation(raw), action, version, resource_id, sent)
        self._tell(told)
        return response

    def withdraw(self, resource_id: str, version: int) -> Response:
        """Take the resource back from the editors (« Withdraw from review »): a draft again, whatever the form
        below it holds (not saved by this)."""
        lang = language_of(self.request)
        try:
            resource = publishing.withdraw(
                self.session, self.signed_in.as_principal(), resource_id, IfMatch(frozenset({str(version)}))
            )
        except (Conflict, PreconditionFailed) as exc:  # decided, or changed, since the page was read
            draft = portal.from_resource(portal.own(self.session, self.signed_in, resource_id, ""))
            alert = exc.errors[0].localized(lang) if exc.errors else gettext(lang, NOT_WITHDRAWN)
            return self.form(draft, resource_id, status_code=409, alert=alert)
        self._tell(("withdrawn", resource.id))
        rid = publishing.public_id(resource)
        notice = "taken_back_update" if resource.is_public else "taken_back"  # its published version stays online
        return RedirectResponse(f"{page_path('resource', lang)}/{rid}?notice={notice}", status_code=303)

    def _tell(self, told: tuple[str, str] | None) -> None:
        """Commit, then tell the editors that a resource (``told``: its id) was submitted or withdrawn."""
        if told is None:
            return
        from app.web import notifications

        self.session.commit()
        what, resource_id = told
        if what == "submitted":
            notifications.submitted(self.session, self.settings, resource_id)
        else:
            notifications.withdrawn(self.session, self.settings, resource_id)

    def _save(
        self,
        raw: dict[str, object],
        action: str,
        version: int | None,
        resource_id: str | None,
        sent: attachments.Sent | None,
    ) -> tuple[Response, tuple[str, str] | None]:
        """The answer, and what to tell the editors: the resource (its id) was submitted, or withdrawn."""
        session, signed_in = self.session, self.signed_in
        lang = language_of(self.request)
        draft = portal.Draft(values=dict(raw), version=version)
        if sent is not None:  # shown again if the form comes back: its files are not, a browser never refills them
            draft.rows, draft.files_dropped = sent.rows, any(row.upload for row in sent.rows)
        if action == "preview":
            body = str(raw.get("body") or "")
            written_in = str(raw.get("language")) if raw.get("language") in LANGUAGES else lang
            html = body_html(session, body, self.settings.public_base_url, written_in, PREVIEW_UNDER)
            return self.form(draft, resource_id, preview=html), None
        submitting = action == "submit"
        was_in_review = resource_id is not None and portal.in_review(session, signed_in, resource_id)
        resource, errors = portal.save(
            session, signed_in, self.taxonomies, dict(raw), resource_id, version, lang, submitting=submitting, sent=sent
        )
        # A text too long says how long it is, as the other forms do (« this text has 2,100 »).
        texts = {name: (str(raw[name]).strip(), limit) for name, limit in portal.TEXT_LIMITS.items() if name in raw}
        errors |= {name: problem for name, problem in too_long(lang, **texts).items() if name in errors}
        if resource is None:
            draft.errors = errors
            if resource_id is None and "translation_key" in errors:
                draft.taken_by = portal.taken_by(session, signed_in, raw)
            return self.form(draft, resource_id, status_code=422, alert=gettext(lang, NOT_SAVED)), None
        rid = publishing.public_id(resource)  # how its organisation names it
        if errors:  # saved, but not finished enough to be submitted: what is missing, next to its field
            draft.errors, draft.version = errors, resource.version
            draft.rows, draft.files_dropped = (), False  # its documents are saved: the form shows them as they are
            alert = gettext(lang, "Your draft is saved. To submit it, complete the fields marked below.")
            return self.form(draft, rid, status_code=422, alert=alert), None
        notice, told = "saved", None
        if submitting and portal.in_review(session, signed_in, rid):
            notice = "submitted"  # sent again unchanged (or twice): the editors have it, and were told
        elif submitting:
            try:
                portal.submit(session, signed_in, rid)
            except AppError as exc:
                said = [error.localized(lang) for error in exc.errors or []] or [exc.detail]
                draft.errors, draft.version = {"form": said}, resource.version
                draft.rows, draft.files_dropped = (), False
                return self.form(draft, rid, status_code=exc.status), None
            notice, told = "submitted", ("submitted", resource.id)
        elif was_in_review:
            if portal.in_review(session, signed_in, rid):  # saved unchanged: nothing new, out of review all the same
                match = IfMatch(frozenset({str(resource.version)}))
                publishing.withdraw(session, signed_in.as_principal(), rid, match)
            notice, told = "withdrawn", ("withdrawn", resource.id)  # a draft took the place of what the editors had
        if notice == "submitted" and draft.unfindable:
            notice = "submitted_unfindable"
        elif notice == "submitted" and resource.is_public:
            notice = "submitted_update"
        return RedirectResponse(f"{page_path('resource', lang)}/{rid}?notice={notice}", status_code=303), told


@dataclass
class Posted:
    """A resource form posted. Its person may have been signed out while writing (the session ended): then the
    form comes back with everything typed and asks them to sign in again there, which saves it."""

    request: Request
    session: SessionDep
    settings: SettingsDep
    taxonomies: TaxonomiesDep
    person: OptionalPerson

    async def answer(self, resource_id: str | None) -> Response:
        posted = await resource_form.read(self.request)
        # The database and the password's hash, off the event loop (as the sign-in page's sync route is).
        return await run_in_threadpool(self._answer, posted, resource_id)

    def _answer(self, posted: resource_form.PostedForm, resource_id: str | None) -> Response:
        fields, raw, action, number, sent = posted.fields, posted.raw, posted.action, posted.version, posted.sent
        translation_of = fields.get("translation_of", "") if resource_id is None else ""
        if self.person is not None:
            editing = Editing(self.request, self.session, self.settings, self.taxonomies, self.person)
            if translation_of:
                editing.translating(translation_of)
            return editing.save(raw, action, number, resource_id, sent)
        password = fields.get("password", "")
        # The address typed here, else the one of the person the form was shown to (sent with it): they only type
        # their password.
        email = fields.get("email") or fields.get("signed_in_as", "")
        draft = portal.Draft(values=raw, version=number, rows=sent.rows)
        draft.files_dropped = any(row.upload for row in sent.rows)
        action = "save" if action == "preview" else action  # what the sign-in does: keep the text, or send it
        asking = {"email": email, "action": action, "translation_of": translation_of}
        if not (fields.get("email") and password):
            return self._ask(draft, resource_id, 401, SESSION_ENDED, **asking)
        try:
            if len(email) > EMAIL_LENGTH or len(password) > PASSWORD_LENGTH:  # the sign-in page's bounds
                raise Unauthorized("Wrong email address or password.")
            resumed = sessions.sign_in_again(self.request, self.session, self.settings, email, password)
        except (Unauthorized, TooManyRequests) as exc:
            refused = self._ask(draft, resource_id, exc.status, SIGN_IN_REFUSED[exc.status], **asking)
            refused.headers.update(exc.headers)  # Retry-After when throttled
            return refused
        editing = Editing(self.request, self.session, self.settings, self.taxonomies, resumed.person)
        if translation_of:
            editing.translating(translation_of)
        response = editing.save(raw, action, number, resource_id, sent)
        resumed.keep(self.request, response, self.settings)
        return response

    def _ask(
        self,
        draft: portal.Draft,
        resource_id: str | None,
        status_code: int,
        alert: str,
        email: str,
        action: str,
        translation_of: str,
    ) -> Response:
        """The form again, asking for the password (the failed attempt is counted by the request's commit); its
        button does what the person had asked (``action``: save, or submit). A translation's form keeps what it
        translates (``translation_of``), read once they are signed in again."""
        lang = language_of(self.request)
        return _form_page(
            self.request,
            self.session,
            self.taxonomies,
            None,
            draft,
            resource_id,
            status_code,
            alert=gettext(lang, alert),
            sign_in_again=action,
            email=email[:EMAIL_LENGTH],
            translation_of=translation_of,
        )


EditingDep = Annotated[Editing, Depends()]
PostedDep = Annotated[Posted, Depends()]
DOCUMENTS_FORM = csrf.protected(resource_form.form_limits)


def home(
    request: Request, session: SessionDep, settings: SettingsDep, taxonomies: TaxonomiesDep, signed_in: CurrentPerson
) -> Response:
    lang = language_of(request)
    types = portal.choices(taxonomies, lang)["type"]
    resources = portal.own_resources(session, signed_in, settings.public_base_url)
    return render(
        request,
        "web/portal.html",
        lang,
        title=gettext(lang, "Portal"),
        person=signed_in,
        pairs=portal.paired(resources),
        taken_off_by=portal.taken_off_by(session, resources, lang),
        untranslated=portal.untranslated(resources),
        waiting=portal.waiting_for(session, signed_in),
        readership=readership.organisation(session, signed_in.organisation_id, datetime.now(UTC).date()),
        types=types,
        type_labels={option.code: option.label for option in types},
        notice=redirect_notice(request, NOTICES, lang),
    )


def new_page(editing: EditingDep, type: str = ResourceType.good_practice, translation_of: str = "") -> Response:
    if translation_of:
        draft = editing.translating(translation_of)
    else:
        lang = language_of(editing.request)
        draft = portal.empty(lang, type if type in set(ResourceType) else ResourceType.good_practice)
    return editing.form(draft, None)


def edit_page(resource_id: str, editing: EditingDep) -> Response:
    draft = portal.from_resource(portal.own(editing.session, editing.signed_in, resource_id, ""))
    notice = redirect_notice(editing.request, NOTICES, language_of(editing.request))
    return editing.form(draft, resource_id, notice=notice)


async def create(posted: PostedDep) -> Response:
    return await posted.answer(None)


async def edit(resource_id: str, posted: PostedDep) -> Response:
    return await posted.answer(resource_id)


def withdraw(resource_id: str, editing: EditingDep, version: Annotated[int, Form()]) -> Response:
    """Take a resource back from the editors: a draft again (the portal's « Withdraw from review »)."""
    return editing.withdraw(resource_id, version)


def preview(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    signed_in: CurrentPerson,
    body: Annotated[TypedText, Form(max_length=200_000)] = "",
    language: Annotated[Language | None, Form(description="The resource's; default: the page's")] = None,
) -> HTMLResponse:
    """The body rendered as the public page will show it (the live preview of the form)."""
    html = body_html(session, body, settings.public_base_url, language or language_of(request), PREVIEW_UNDER)
    return HTMLResponse(html, headers={"Cache-Control": "private, no-store"})


def public_page(resource_id: str, editing: EditingDep) -> Response:
    """The resource's latest revision as its public page will show it once approved (its organisation's people
    only: another's is not found); never indexed, never cached."""
    person = editing.signed_in.as_principal()
    resource = publishing.get_own(editing.session, person, resource_id)
    revision = publishing.own_latest(editing.session, resource)
    return public_preview(
        editing.session, editing.taxonomies, editing.settings, resource, revision, resource_id, PORTAL
    )


def diff_page(
    request: Request,
    resource_id: str,
    number: int,
    session: SessionDep,
    taxonomies: TaxonomiesDep,
    signed_in: CurrentPerson,
    against: int = 0,
) -> Response:
    lang = language_of(request)
    before, after = publishing.compared(session, signed_in.as_principal(), resource_id, number, against or None)
    return render(
        request,
        "web/diff.html",
        lang,
        title=str(after.data.get("title") or resource_id),
        person=signed_in,
        changes=publishing.compare(
            attachments.with_documents(before.data, before.attachments) if before else {},
            attachments.with_documents(after.data, after.attachments),
            taxonomies,
            lang,
        ),
        base=before.number if before else 0,
        number=number,
        back=f"{page_path('resource', lang)}/{resource_id}",
    )


def revision_document(
    resource_id: str, number: RevisionNumber, filename: str, session: SessionDep, signed_in: CurrentPerson
) -> Response:
    """A document of a revision, for its organisation and the centre's editors (those who may read the revision:
    :func:`app.services.publishing.revision`); anyone else is told there is nothing here."""
    revision = publishing.revision(session, signed_in.as_principal(), resource_id, number)
    entry = attachments.find(revision.attachments, filename)
    return Response(
        attachments.content(session, entry),
        media_type=str(entry["media_type"]),
        headers=attachments.headers(entry, public=False),
    )


SCRIPT = Path(__file__).resolve().parent.parent / "static" / "web" / "portal.js"


@router.get("/static/web/portal.js", dependencies=[page()])  # a file: nobody needs to be signed in
def portal_script() -> Response:
    return Response(
        SCRIPT.read_bytes(),
        media_type="text/javascript; charset=utf-8",
        headers={"Cache-Control": "public, max-age=300"},
    )


for _lang in LANGUAGES:
    _base = PAGES["resource"][_lang]
    router.add_api_route(PAGES["portal"][_lang], home, methods=["GET"], response_class=Response)
    router.add_api_route(PAGES["new"][_lang], new_page, methods=["GET"], response_class=Response)
    # its body read within the limits of a form of documents (app.web.resource_form), then its token checked
    router.add_api_route(PAGES["new"][_lang], create, methods=["POST"], dependencies=[DOCUMENTS_FORM])
    router.add_api_route(PAGES["preview"][_lang], preview, methods=["POST"], dependencies=[csrf.Protected])
    router.add_api_route(_base + "/{resource_id}", edit_page, methods=["GET"], response_class=Response)
    router.add_api_route(_base + "/{resource_id}", edit, methods=["POST"], dependencies=[DOCUMENTS_FORM])
    router.add_api_route(_base + "/{resource_id}/withdraw", withdraw, methods=["POST"], dependencies=[csrf.Protected])
    router.add_api_route(
        f"{_base}/{{resource_id}}/{PREVIEW[_lang]}", public_page, methods=["GET"], response_class=Response
    )
    router.add_api_route(
        _base + "/{resource_id}/revisions/{number}/diff", diff_page, methods=["GET"], response_class=Response
    )
    router.add_api_route(
        f"{_base}/{{resource_id}}/revisions/{{number}}/{attachments.REVISION_SEGMENT}/{{filename}}",
        revision_document,
        methods=["GET"],
        response_class=Response,
    )
