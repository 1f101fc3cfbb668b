"""An editor's correction of a submission before deciding (``/fr/redaction/<id>/corriger``,
``/en/editorial/<id>/correct``): a typo in a title, a wrong sector, a broken source link, corrected at once rather
than sent back to its organisation for days. The partners' own form (``web/resource_form.html``, read by
:func:`app.services.portal.from_form`, its problems by :func:`app.services.portal.by_field`), prefilled with the
revision submitted. Saved, the correction is a revision of its own, still awaiting review
(:func:`app.services.review.correct`), and the desk's page shows what the editor changed before they decide.

Like a decision it carries the version read: when the submission changed meanwhile (its organisation, another
editor), nothing is saved and the form comes back saying what changed, what the editor typed kept. The JSON API has
no counterpart: its editors send back."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from app import csrf, licences
from app.deps import CurrentEditor, SessionDep, SettingsDep, TaxonomiesDep
from app.errors import AppError, FieldError, NotFound, PreconditionFailed
from app.http import IfMatch
from app.i18n import N_, gettext
from app.languages import LANGUAGES, other_language
from app.paths import DESK_CORRECT, PAGES, page_path
from app.services import jsonld, portal, publishing, review
from app.services.resources import body_html
from app.web.routing import people_router, too_long, typed_text
from app.web.sessions import language_of
from app.web.templating import render

router = people_router("desk")
NOT_SAVED = N_("Nothing was saved: correct the fields marked below.")  # the partners' form's words
CHANGED_MEANWHILE = N_(
    "Nothing was saved: it changed since you opened this form (its organisation or another editor changed it). "
    "What changed is shown below, and your text is kept in the form: check it, then save again."
)
GONE = N_(
    "Nothing was saved: it no longer awaits review (an editor decided on it, or its organisation took it back). "
    "Your text is kept below; its page on the desk says what became of it."
)
# Beside the address of a resource already published (its address may be cited: it changes only when edited here).
ADDRESS_KEPT = N_(
    "It is published at this address, which may be cited: correcting its title does not change it. Change it here "
    "only if it must: the old address will lead to the new."
)
ADDRESS_NOT_FOLLOWING = N_(
    "Its address “%(slug)s” does not follow its title (“%(derived)s” would). It is published and may be cited, so it "
    "does not change by itself: change it here if it must; the old address will lead to the new."
)
PREVIEW_UNDER = 2  # the level of the preview's heading, which the body's headings sit under (as in the portal)


def _number(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() else None


@dataclass
class Correcting:
    """A submission's correction form and its saving, for an editor."""

    request: Request
    resource_id: str
    session: SessionDep
    settings: SettingsDep
    taxonomies: TaxonomiesDep
    editor: CurrentEditor

    @property
    def item(self) -> str:
        """The submission's page on the desk."""
        return f"{page_path('desk', language_of(self.request))}/{self.resource_id}"

    @property
    def here(self) -> str:
        return f"{self.item}/{DESK_CORRECT[language_of(self.request)]}"

    def page(self) -> Response:
        """The form, prefilled with the revision submitted."""
        try:
            resource, submitted = review.submitted_revision(self.session, self.resource_id)
        except NotFound:  # decided or taken back since the link was shown: its page says what became of it
            return RedirectResponse(self.item, status_code=303)
        values = dict(submitted.data) | {"translation_key": resource.translation_key, "language": resource.language}
        return self.form(portal.Draft(values=values, version=resource.version), submitted.number)

    def form(
        self,
        draft: portal.Draft,
        read: int | None,
        status_code: int = 200,
        *,
        since: list[publishing.Change] | None = None,
        **shown: object,
    ) -> Response:
        """The partners' form holding ``draft``, posting here; ``read``: the revision it was opened on; ``since``:
        what changed since then, when a save came too late."""
        lang = language_of(self.request)
        heading, publisher, address = str(draft.values.get("title") or self.resource_id), "", None
        try:
            resource, submitted = review.submitted_revision(self.session, self.resource_id)
            heading, publisher = str(submitted.data["title"]), jsonld.publisher_of(self.session, resource)[0]
            if publishing.ever_published(self.session, resource):
                address = self._published_address(draft.values)
        except NotFound:  # decided meanwhile: the form only keeps the text typed
            pass
        shown.setdefault("alert", gettext(lang, "Please correct the fields marked below.") if draft.errors else None)
        return render(
            self.request,
            "web/resource_form.html",
            lang,
            status_code=status_code,
            here=self.here,
            title=f"{gettext(lang, 'Correct before deciding')}{gettext(lang, ':')} {heading}",
            person=self.editor,
            draft=draft,
            view=None,
            resource_id=self.resource_id,
            revisions=[],
            sibling=None,
            closed=False,
            choices=portal.choices(self.taxonomies, lang),
            licences=licences.choices(lang),
            correcting={
                "action": self.here,
                "item": self.item,
                "heading": heading,
                "publisher": publisher,
                "revision": read,
                "since": since,
                "address": address,
            },
            **shown,
        )

    def _published_address(self, values: dict[str, Any]) -> str:
        """What the form says beside the address of a published resource: it is cited, so correcting the title
        never changes it (a never-published one's follows its title: :func:`app.services.review.correct`)."""
        lang = language_of(self.request)
        slug, derived = str(values.get("slug") or ""), publishing.slugify(str(values.get("title") or ""))
        if derived and slug != derived:
            return gettext(lang, ADDRESS_NOT_FOLLOWING, slug=slug, derived=derived)
        return gettext(lang, ADDRESS_KEPT)

    def save(self, fields: dict[str, str], lists: dict[str, list[str]]) -> Response:
        """Save the correction posted (or preview its body); back to the submission's page, which shows it."""
        session, lang = self.session, language_of(self.request)
        raw = portal.from_form(fields, lists)
        version, read = _number(fields.get("version")), _number(fields.get("revision"))
        draft = portal.Draft(values=dict(raw), version=version)
        if fields.get("action") == "preview":
            written_in = str(raw["language"]) if raw.get("language") in LANGUAGES else lang
            body = str(raw.get("body") or "")
            html = body_html(session, body, self.settings.public_base_url, written_in, PREVIEW_UNDER)
            return self.form(draft, read, preview=html)
        if_match = IfMatch(frozenset({str(version)})) if version is not None else None
        key = self.editor.as_principal()
        try:
            _, changed = review.correct(session, key, self.resource_id, raw, if_match, self.taxonomies)
        except NotFound:
            return self.form(draft, read, 409, alert=gettext(lang, GONE))
        except PreconditionFailed:
            session.rollback()
            return self._changed(draft, read)
        except AppError as exc:  # its problems (422), or its address already used (409): next to their fields
            draft.errors = self._problems(exc, raw)
            return self.form(draft, read, exc.status, alert=gettext(lang, NOT_SAVED))
        if not changed:
            return RedirectResponse(f"{self.item}?notice=uncorrected", status_code=303)
        session.commit()
        return RedirectResponse(f"{self.item}?notice=corrected", status_code=303)

    def _problems(self, exc: AppError, raw: dict[str, Any]) -> dict[str, list[str]]:
        """The problems by field, a text too long saying how long it is (as the partners' form does)."""
        lang = language_of(self.request)
        errors = portal.by_field(exc.errors or [FieldError(field="form", message=exc.detail)], lang, self.taxonomies)
        texts = {name: (str(raw[name]).strip(), limit) for name, limit in portal.TEXT_LIMITS.items() if name in raw}
        return errors | {name: problem for name, problem in too_long(lang, **texts).items() if name in errors}

    def _changed(self, draft: portal.Draft, read: int | None) -> Response:
        """The form again after a save that came too late: what changed since the revision read, the text typed
        kept, the version now current (saving again is a choice made knowing it)."""
        lang = language_of(self.request)
        try:
            resource, submitted = review.submitted_revision(self.session, self.resource_id)
        except NotFound:
            return self.form(draft, read, 409, alert=gettext(lang, GONE))
        revisions = publishing.revisions(self.session, self.editor.as_principal(), resource.id)
        seen = next((r for r in revisions if r.number == read), None)
        since = publishing.compare(seen.data, submitted.data, self.taxonomies, lang) if seen else []
        draft.version = resource.version
        return self.form(draft, submitted.number, 409, alert=gettext(lang, CHANGED_MEANWHILE), since=since)


CorrectingDep = Annotated[Correcting, Depends()]


def correct_page(correcting: CorrectingDep) -> Response:
    return correcting.page()


async def correct(correcting: CorrectingDep) -> Response:
    """Save an editor's correction of a submission."""
    form = await correcting.request.form()
    lists = {name: [str(v) for v in form.getlist(name)] for name in form}
    # Line breaks as LF, as the textareas' maxlength counted them (as the portal reads its form).
    fields = {name: typed_text(value) for name, value in form.items() if isinstance(value, str)}
    return await run_in_threadpool(correcting.save, fields, lists)


def _switched(lang: str) -> Callable[[str], RedirectResponse]:
    """The address in ``lang`` with the other language's last part (where the language switch, which swaps the
    desk's part of the address only, leads): redirected to this language's."""

    def switched(resource_id: str) -> RedirectResponse:
        return RedirectResponse(f"{PAGES['desk'][lang]}/{resource_id}/{DESK_CORRECT[lang]}", status_code=303)

    return switched


for _lang in LANGUAGES:
    _page = PAGES["desk"][_lang] + "/{resource_id}/" + DESK_CORRECT[_lang]
    router.add_api_route(_page, correct_page, methods=["GET"], response_class=Response)
    router.add_api_route(_page, correct, methods=["POST"], dependencies=[csrf.Protected])
    _other = PAGES["desk"][_lang] + "/{resource_id}/" + DESK_CORRECT[other_language(_lang)]
    router.add_api_route(_other, _switched(_lang), methods=["GET"], response_class=RedirectResponse)
