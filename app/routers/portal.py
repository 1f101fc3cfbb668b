"""The partner portal (``/fr/espace-partenaire``, ``/en/partner``): the organisation's resources, their states and
the editors' reasons; create, edit, preview, submit; revisions and their diff. Forms work without JavaScript."""

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app import csrf, licences
from app.deps import CurrentPerson, SessionDep, SettingsDep, TaxonomiesDep
from app.errors import AppError
from app.i18n import N_, gettext
from app.languages import LANGUAGES, Language, other_language
from app.models import ResourceType
from app.paths import PAGES, page_path
from app.policy import page
from app.services import portal, publishing
from app.services.resources import body_html
from app.web.routing import people_router
from app.web.sessions import language_of
from app.web.templating import redirect_notice, render

router = people_router("portal")
NOTICES = {
    "password": N_("Your password is saved. You are signed in."),
    "saved": N_("Draft saved."),
    "submitted": N_("Submitted: the centre's editors have been told."),
}


@dataclass
class Editing:
    """What the resource form's pages need: the request, its session, the settings, the taxonomies and the person
    signed in (a dependency, so the form's routes do not repeat them)."""

    request: Request
    session: SessionDep
    settings: SettingsDep
    taxonomies: TaxonomiesDep
    signed_in: CurrentPerson

    def form(
        self,
        draft: portal.Draft,
        resource_id: str | None,
        status_code: int = 200,
        preview: str | None = None,
        notice: str | None = None,
    ) -> Response:
        """The resource form holding ``draft``."""
        session, signed_in = self.session, self.signed_in
        lang = language_of(self.request)
        view = portal.own(session, signed_in, resource_id, "") if resource_id else None
        revisions = publishing.revisions(session, signed_in.as_principal(), resource_id) if resource_id else []
        sibling = None
        if view is not None:
            other = f"{view.translation_key}.{other_language(view.language)}"
            owned = publishing.find(session, signed_in.as_principal(), other)
            sibling = other if owned is not None and owned.organisation_id == signed_in.organisation_id else None
        return render(
            self.request,
            "web/resource_form.html",
            lang,
            status_code=status_code,
            title=view.title if view else gettext(lang, "New resource"),
            person=signed_in,
            draft=draft,
            view=view,
            revisions=revisions,
            sibling=sibling,
            choices=portal.choices(self.taxonomies, lang),
            licences=licences.choices(lang),
            preview=preview,
            notice=notice,
            alert=gettext(lang, "Please correct the fields marked below.") if draft.errors else None,
        )

    async def save_posted(self, resource_id: str | None) -> Response:
        """Save (or preview, or save and submit) the posted form; the editors' mail leaves after the commit."""
        form = await self.request.form()
        lists = {name: [str(v) for v in form.getlist(name)] for name in form}
        raw = portal.from_form({k: form.get(k) for k in form}, lists)
        action = str(form.get("action") or "save")
        version = str(form.get("version") or "")
        response, submitted = self._save(raw, action, int(version) if version.isdigit() else None, resource_id)
        if submitted:
            from app.web import notifications

            self.session.commit()
            notifications.submitted(self.session, self.settings, submitted)
        return response

    def _save(
        self, raw: dict[str, object], action: str, version: int | None, resource_id: str | None
    ) -> tuple[Response, str | None]:
        """The answer, and the id of the resource submitted to the editors if it was."""
        session, signed_in = self.session, self.signed_in
        lang = language_of(self.request)
        draft = portal.Draft(values=dict(raw), version=version)
        if action == "preview":
            body = str(raw.get("body") or "")
            written_in = str(raw.get("language")) if raw.get("language") in LANGUAGES else lang
            html = body_html(session, body, self.settings.public_base_url, written_in)
            return self.form(draft, resource_id, preview=html), None
        resource, errors = portal.save(session, signed_in, self.taxonomies, dict(raw), resource_id, version, lang)
        if resource is None:
            draft.errors = errors
            return self.form(draft, resource_id, status_code=422), None
        notice, rid, submitted = "saved", publishing.public_id(resource), None  # how its organisation names it
        if action == "submit":
            try:
                portal.submit(session, signed_in, rid)
            except AppError as exc:
                draft.errors = {"form": [exc.detail]}
                return self.form(draft, rid, status_code=exc.status), None
            notice, submitted = "submitted", resource.id
        return RedirectResponse(f"{page_path('resource', lang)}/{rid}?notice={notice}", status_code=303), submitted


EditingDep = Annotated[Editing, Depends()]


def home(
    request: Request, session: SessionDep, settings: SettingsDep, taxonomies: TaxonomiesDep, signed_in: CurrentPerson
) -> Response:
    lang = language_of(request)
    return render(
        request,
        "web/portal.html",
        lang,
        title=gettext(lang, "Portal"),
        person=signed_in,
        resources=portal.own_resources(session, signed_in, settings.public_base_url),
        waiting=portal.waiting_for(session, signed_in),
        types=portal.choices(taxonomies, lang)["type"],
        type_labels=dict(portal.choices(taxonomies, lang)["type"]),
        notice=redirect_notice(request, NOTICES, lang),
    )


def new_page(editing: EditingDep, type: str = ResourceType.good_practice, translation_of: str = "") -> Response:
    if translation_of:
        draft = portal.translation_of(portal.own(editing.session, editing.signed_in, translation_of, ""))
    else:
        lang = language_of(editing.request)
        draft = portal.empty(lang, type if type in set(ResourceType) else ResourceType.good_practice)
    return editing.form(draft, None)


def edit_page(resource_id: str, editing: EditingDep) -> Response:
    draft = portal.from_resource(portal.own(editing.session, editing.signed_in, resource_id, ""))
    notice = redirect_notice(editing.request, NOTICES, language_of(editing.request))
    return editing.form(draft, resource_id, notice=notice)


async def create(editing: EditingDep) -> Response:
    return await editing.save_posted(None)


async def edit(resource_id: str, editing: EditingDep) -> Response:
    return await editing.save_posted(resource_id)


def preview(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    signed_in: CurrentPerson,
    body: Annotated[str, Form(max_length=200_000)] = "",
    language: Annotated[Language | None, Form(description="The resource's; default: the page's")] = None,
) -> HTMLResponse:
    """The body rendered as the public page will show it (the live preview of the form)."""
    html = body_html(session, body, settings.public_base_url, language or language_of(request))
    return HTMLResponse(html, headers={"Cache-Control": "private, no-store"})


def diff_page(
    request: Request, resource_id: str, number: int, session: SessionDep, signed_in: CurrentPerson, against: int = 0
) -> Response:
    lang = language_of(request)
    text, base = publishing.diff(session, signed_in.as_principal(), resource_id, number, against or None)
    return render(
        request,
        "web/diff.html",
        lang,
        title=resource_id,
        person=signed_in,
        resource_id=resource_id,
        diff=text,
        base=base,
        number=number,
        back=f"{page_path('resource', lang)}/{resource_id}",
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
    router.add_api_route(PAGES["new"][_lang], create, methods=["POST"], dependencies=[csrf.Protected])
    router.add_api_route(PAGES["preview"][_lang], preview, methods=["POST"], dependencies=[csrf.Protected])
    router.add_api_route(_base + "/{resource_id}", edit_page, methods=["GET"], response_class=Response)
    router.add_api_route(_base + "/{resource_id}", edit, methods=["POST"], dependencies=[csrf.Protected])
    router.add_api_route(
        _base + "/{resource_id}/revisions/{number}/diff", diff_page, methods=["GET"], response_class=Response
    )
