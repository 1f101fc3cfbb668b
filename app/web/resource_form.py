"""The partners' resource form (the portal's create and edit routes): its documents' rows as shown, the limits of
its body, its documents included, and what it holds once posted — the resource's fields, its repeated fields, its
documents' rows, the button pressed."""

from dataclasses import dataclass

from fastapi import Request
from starlette.datastructures import UploadFile

from app.models import ResourceRevision
from app.paths import page_path
from app.schemas.publishing import ManagedResource
from app.services import attachments, portal
from app.services.accounts import Person
from app.web import forms
from app.web.routing import typed_text
from app.web.sessions import language_of


def document_limits(request: Request) -> attachments.Limits:
    """The size of one document and how many a resource holds (the settings')."""
    settings = request.app.state.settings
    return attachments.Limits(settings.attachment_max_bytes, settings.attachment_max_count)


def documents(
    request: Request,
    person: Person | None,
    view: ManagedResource | None,
    draft: portal.Draft,
    revisions: list[ResourceRevision],
) -> list[portal.DocumentRow]:
    """The form's rows of documents: the latest revision's, each downloadable from it, then new ones."""
    lang = language_of(request)
    latest = revisions[-1] if revisions else None
    entries = latest.attachments if latest is not None and person is not None else []
    base = f"{page_path('resource', lang)}/{view.id if view else ''}/revisions/{latest.number if latest else 0}"
    language = view.language if view else str(draft.values.get("language") or lang)
    return portal.shown_documents(
        entries,
        draft.rows,
        language,
        lang,
        document_limits(request),
        lambda name: f"{base}/{attachments.REVISION_SEGMENT}/{name}",
    )


def form_limits(request: Request) -> forms.FormLimits:
    """The form's body limits: every document's row may replace its file and new ones be added, each file up to a
    document's limit (a file too large within them is read, to be refused beside its field), and the text."""
    limits = document_limits(request)
    files_at_most = limits.max_count + portal.NEW_DOCUMENT_ROWS
    max_bytes = files_at_most * limits.max_bytes + forms.TEXT_PART_BYTES
    return forms.FormLimits(
        max_bytes=max_bytes,
        max_files=files_at_most,
        too_large=f"The files sent together are over {max_bytes // (1024 * 1024)} MiB: send fewer at a time.",
    )


@dataclass(frozen=True, slots=True)
class PostedForm:
    """A resource form as posted: its fields (line breaks as LF, as the textareas' maxlength counted them), its
    repeated fields (the pickers' ticks, the sources' rows) and its documents' rows."""

    fields: dict[str, str]
    lists: dict[str, list[str]]
    sent: attachments.Sent

    @property
    def raw(self) -> dict[str, object]:
        """The resource's data as posted."""
        return portal.from_form(self.fields, self.lists)

    @property
    def action(self) -> str:
        """The button pressed: save (the default), preview or submit."""
        return self.fields.get("action") or "save"

    @property
    def version(self) -> int | None:
        """The version of the resource the form was shown with (None for a new one)."""
        version = self.fields.get("version", "")
        return int(version) if version.isdigit() else None


async def read(request: Request) -> PostedForm:
    """The form the route's ``csrf.protected(form_limits)`` read within its limits, its files' bytes read."""
    form = await forms.read(request, form_limits(request))
    lists = {name: [str(value) for value in form.getlist(name)] for name in form}
    fields = {name: typed_text(value) for name, value in form.items() if isinstance(value, str)}
    files = {
        name: attachments.Upload(value.filename or "", await value.read())
        for name, value in form.multi_items()
        if isinstance(value, UploadFile) and value.filename
    }
    sent = attachments.Sent(portal.document_rows(fields, files), document_limits(request))
    return PostedForm(fields, lists, sent)
