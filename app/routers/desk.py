"""The editor's desk (``/fr/redaction``, ``/en/editorial``): the review queue, a submission beside the published
version with the diff, approve, reject with a reason, the audit trail; the organisation gets a mail."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from app import csrf
from app.deps import CurrentEditor, SessionDep, SettingsDep, TaxonomiesDep
from app.errors import Conflict
from app.http import IfMatch
from app.i18n import N_, gettext
from app.languages import LANGUAGES
from app.models import ResourceRevision
from app.paths import PAGES, page_path
from app.schemas.publishing import RevisionData
from app.services import audit, editorial_checks, jsonld, publishing, review
from app.services.resources import body_html
from app.taxonomy import TaxonomyName
from app.web import notifications
from app.web.routing import people_router
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


def _version(session: SessionDep, revision: ResourceRevision | None, base_url: str, lang: str) -> dict[str, object]:
    if revision is None:
        return {}
    data = RevisionData.model_validate(revision.data)
    return data.model_dump(mode="json") | {
        "number": revision.number,
        "body_html": body_html(session, data.body, base_url, lang),
    }


@dataclass
class Submission:
    """A submission on the desk, as its page shows it. Approve and reject take it too: when they refuse, they
    answer with this page and the reason."""

    request: Request
    resource_id: str
    session: SessionDep
    settings: SettingsDep
    taxonomies: TaxonomiesDep
    editor: CurrentEditor

    def page(self, status_code: int = 200, error: str | None = None) -> Response:
        request, session, settings, editor = self.request, self.session, self.settings, self.editor
        lang = language_of(request)
        resource = review.get_submission(session, self.resource_id)
        view = publishing.to_managed(session, [resource], settings.public_base_url)[0]
        revisions = publishing.revisions(session, editor.as_principal(), self.resource_id)
        submitted = next(r for r in revisions if r.number == view.revision.number)
        live = review.live(revisions)
        base = review.baseline(revisions, submitted.number)
        changes = publishing.compare(base.data, submitted.data, self.taxonomies, lang) if base else []
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
            alert=error,
            here=f"{page_path('desk', lang)}/{self.resource_id}",
        )


DeskSubmission = Annotated[Submission, Depends()]


def submission(shown: DeskSubmission) -> Response:
    return shown.page()


def approve(shown: DeskSubmission, version: Annotated[int, Form()]) -> Response:
    session, settings = shown.session, shown.settings
    try:
        published = review.approve(
            session, shown.editor.as_principal(), shown.resource_id, IfMatch(frozenset({str(version)}))
        )
    except Conflict as exc:  # its id or slug was published meanwhile by someone else: the editor sends it back
        return shown.page(status_code=409, error=exc.detail)
    session.commit()
    notifications.decided(session, settings, published.id, approved=True, reason=None)  # its public id now
    return RedirectResponse(f"{page_path('desk', language_of(shown.request))}?notice=approved", status_code=303)


def reject(
    shown: DeskSubmission, version: Annotated[int, Form()], reason: Annotated[str, Form(max_length=2000)] = ""
) -> Response:
    session, settings, resource_id = shown.session, shown.settings, shown.resource_id
    if not reason.strip():
        return shown.page(status_code=422, error=gettext(language_of(shown.request), "A reason is required."))
    review.reject(session, shown.editor.as_principal(), resource_id, reason.strip(), IfMatch(frozenset({str(version)})))
    session.commit()
    notifications.decided(session, settings, resource_id, approved=False, reason=reason.strip())
    return RedirectResponse(f"{page_path('desk', language_of(shown.request))}?notice=rejected", status_code=303)


for _lang in LANGUAGES:
    _base = PAGES["desk"][_lang]
    router.add_api_route(_base, queue, methods=["GET"], response_class=Response)
    router.add_api_route(_base + "/{resource_id}", submission, methods=["GET"], response_class=Response)
    router.add_api_route(_base + "/{resource_id}/approve", approve, methods=["POST"], dependencies=[csrf.Protected])
    router.add_api_route(_base + "/{resource_id}/reject", reject, methods=["POST"], dependencies=[csrf.Protected])
