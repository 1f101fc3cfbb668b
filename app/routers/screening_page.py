"""The supplier screening page, in French and English: a form, then the result table (works without JavaScript)."""

from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException

from app import csrf
from app.deps import SettingsDep
from app.errors import AppError, FieldError, InvalidParameters, PayloadTooLarge
from app.i18n import N_, format_number, gettext
from app.languages import LANGUAGES, other_language
from app.paths import PAGES, page_path
from app.policy import page
from app.routers.pages import templates
from app.services import findings as findings_service
from app.services import screening as screening_service
from app.services import screening_alert, screening_columns, screening_compare, screening_input
from app.services.screening_files import screened_now
from app.services.screening_input import MAX_BYTES, MAX_LINES, TOO_LARGE, ScreeningFormat
from app.services.screening_page import (
    LIST_ORDER,
    PAGE_MAX_BYTES,
    SEVERITY,
    apply_correction,
    asked,
    box_text,
    build_view,
    buyer_tools,
    check_size,
    pack,
    page_meta,
    procurement_guides,
    sample_csv,
    source_name,
    unpack,
)
from app.services.screening_report import Record, report_file
from app.services.screening_split import split_countries
from app.web import forms

router = APIRouter(tags=["site"], include_in_schema=False, dependencies=[page()])
NO_STORE = {"Cache-Control": "no-store"}


# The header's language switch on a page of results: a link to the other language's page would lose them (nothing is
# kept on the server), so it leads to the results form's button that posts them there (screening.js presses it).
OTHER_LANGUAGE_BUTTON = "results-in-other-language"


def _render(request: Request, lang: str, settings: Any, status_code: int = 200, **context: Any) -> HTMLResponse:
    other_page = page_path("screening", other_language(lang))
    html = (
        templates()
        .get_template("screening.html")
        .render(
            lang=lang,
            number=lambda value: format_number(value, lang),
            meta=page_meta(settings.public_base_url, lang),
            nav_current="tools",
            alternate_path=f"#{OTHER_LANGUAGE_BUTTON}" if context.get("view") else other_page,
            other_page_url=other_page,
            other_language_button=OTHER_LANGUAGE_BUTTON,
            breadcrumbs=[
                (gettext(lang, "Tools"), page_path("tools", lang)),
                (gettext(lang, "Screen your suppliers"), page_path("screening", lang)),
            ],
            page_url=page_path("screening", lang),
            sample_url=page_path("screening_sample", lang),
            csrf_token=csrf.token(request),
            max_lines=MAX_LINES,
            severity=SEVERITY,
            list_order=LIST_ORDER,
            changed_filter=screening_compare.CHANGED_FILTER,
            procurement=procurement_guides(lang, findings_service.findings_catalogue(settings).links),
            **context,
        )
    )
    response = HTMLResponse(html, status_code=status_code, headers={**NO_STORE, "Content-Language": lang})
    csrf.set_cookie(request, response)
    return response


async def _form(request: Request) -> dict[str, str | UploadFile]:
    with await forms.read_body(request, PAGE_MAX_BYTES, TOO_LARGE) as body:
        if request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
            return dict(parse_qsl(body.read().decode("utf-8", errors="replace"), keep_blank_values=True))
        try:
            form = await forms.parse_form(request, body, max_files=2, max_fields=10, max_part_size=PAGE_MAX_BYTES)
        except MultiPartException as exc:
            error = FieldError.translatable(
                "file", N_("The form could not be read: choose the file again and send it.")
            )
            raise InvalidParameters(exc.message, errors=[error]) from None
    return dict(form.items())


def _parse(source: tuple[bytes, str] | str, *, carried: bool) -> screening_input.ParsedInput:
    if isinstance(source, tuple):
        return screening_input.parse(*source)
    return screening_input.parse_carried(source) if carried else screening_input.parse_text(source)


async def _earlier(form: Mapping[str, str | UploadFile]) -> screening_compare.Earlier | None:
    """The earlier screening to compare the list with: its file, chosen in the form, or what the results' form
    carried of it (nothing is kept between two requests); ``None`` for none."""
    upload, carried = form.get("earlier_file"), form.get("earlier")
    if isinstance(upload, UploadFile) and upload.filename:
        content = await upload.read()
        if len(content) > MAX_BYTES:  # the page's downloads of MAX_LINES lines are far smaller
            raise screening_compare.not_ours()
        return await run_in_threadpool(screening_compare.read_earlier, content)
    if isinstance(carried, str) and carried:
        return screening_compare.parse_carried(unpack(carried))
    return None


def _kept_earlier(form: Mapping[str, str | UploadFile]) -> screening_compare.Earlier | None:
    """The comparison the form carried, kept for the box when the post is refused; ``None`` for none, or one that
    cannot be read (refused beside its field)."""
    carried = form.get("earlier")
    if not isinstance(carried, str) or not carried:
        return None
    try:
        return screening_compare.parse_carried(unpack(carried))
    except AppError:
        return None


def _earlier_fields(lang: str, earlier: screening_compare.Earlier | None) -> tuple[str, str]:
    """The comparison both forms send back (the results' hidden, the box's said, to be kept or dropped) and the
    box's words for it; "" for none."""
    if earlier is None:
        return "", ""
    return pack(screening_compare.carry(earlier)), screening_compare.compare_again(earlier, lang)


def _message(lang: str, exc: AppError) -> str:
    if isinstance(exc, csrf.CsrfFailed):
        return gettext(lang, "This form has expired: submit it again.")
    if exc.status == 413:
        return gettext(lang, "The list is over the limit of 2 MiB; split it in parts.")
    if exc.errors:  # the list's problems, each said in the page's language
        return exc.errors[0].localized(lang)
    return exc.detail  # the page's own, already in its language


def _page(lang: str) -> Any:
    def page(request: Request, settings: SettingsDep) -> HTMLResponse:
        return _render(request, lang, settings)

    async def post(request: Request, settings: SettingsDep) -> Response:
        form: dict[str, str | UploadFile] = {}
        field = ""  # the form's field a problem is shown beside: "file", "text", or none (above the form)
        resent = False  # the list the result's forms send back, as the page gave it
        text_ignored = False  # a file and a pasted list were both sent: the file is screened
        source = ""  # the file's name, which the workbook's summary says (the results' form sends it back)
        parsed: screening_input.ParsedInput | None = None
        try:
            form = await _form(request)
            token = form.get(csrf.FIELD)
            csrf.check(request, token if isinstance(token, str) else None)
            upload = form.get("file")
            carried, text = form.get("list"), form.get("text")
            if isinstance(upload, UploadFile) and upload.filename:
                field = "file"
                content = await upload.read()
                if len(content) > MAX_BYTES:  # the page's posts may be larger than a file (PAGE_MAX_BYTES)
                    raise PayloadTooLarge(TOO_LARGE)
                given: tuple[bytes, str] | str = (content, upload.content_type or "")
                source = source_name(upload.filename)
                text_ignored = isinstance(text, str) and bool(text.strip())
            elif isinstance(carried, str) and carried.strip():
                given, resent = unpack(carried), True
                source = source_name(form.get("source"))
            else:
                field = "text"
                if not isinstance(text, str) or not text.strip():
                    raise InvalidParameters(gettext(lang, "Paste a list or choose a file."))
                given = text
            parsed = await run_in_threadpool(_parse, given, carried=resent)
            if resent:  # the columns read, which the carried list's own header does not name
                parsed = screening_columns.restore(parsed, form.get("columns"))
            check_size(box_text(lang, parsed))
            field = "earlier"
            earlier = await _earlier(form)
        except AppError as exc:
            # Kept in the box, an expired form's or a long list's, so that it is not typed again; but an expired
            # form's only when posted from this site's page: another site's post must not pre-fill the box. A list
            # read, refused for its earlier screening's file, is in the box as read (an uploaded one too). The
            # comparison carried is kept beside the box the same way.
            posted = form.get("text")
            ours = not isinstance(exc, csrf.CsrfFailed) or csrf.came_from(request) is not None
            listed = posted if isinstance(posted, str) and ours else ""
            kept, again = _earlier_fields(lang, _kept_earlier(form) if ours else None)
            return _render(
                request,
                lang,
                settings,
                status_code=exc.status,
                error=_message(lang, exc),
                error_field=field,
                listed=box_text(lang, parsed) if field == "earlier" and parsed is not None else listed,
                carried_earlier=kept,
                earlier_again=again,
            )
        download, fix, split = form.get("download"), form.get("fix"), form.get("split")
        catalogue = findings_service.findings_catalogue(settings)
        correction = None
        if isinstance(fix, str) and resent:
            parsed, correction = apply_correction(parsed, fix)
        elif isinstance(split, str) and resent:
            # In a thread: the page's first split may build the resolvers (half a second).
            as_split = await run_in_threadpool(split_countries, parsed, split, catalogue)
            parsed, correction = as_split
        wanted = asked(form)

        def work() -> Response:
            result = screening_service.screen(catalogue, parsed)
            tools = buyer_tools(lang, catalogue.links)
            comparison = screening_compare.compare(earlier, result) if earlier else None
            at = screened_now()  # one instant, in UTC, for the page and its download's name
            shown = (wanted.state, wanted.order, wanted.page)
            read = screening_columns.said(parsed, lang)
            view = build_view(
                lang, result, *shown, tools=tools, comparison=comparison, screened_at=at, columns_read=read
            )
            if download in (ScreeningFormat.csv, ScreeningFormat.xlsx):
                body, media_type, name = report_file(
                    result,
                    ScreeningFormat(str(download)),
                    lang,
                    parsed.buyer_columns(),
                    view.options,  # the downloads hold the lines shown, in the order shown, every page of them
                    record=Record(screened_at=at, site=settings.public_base_url, source=source),
                    comparison=comparison,
                )
                headers = {**NO_STORE, "Content-Disposition": f'attachment; filename="{name}"'}
                return Response(body, media_type=media_type, headers=headers)
            carried_earlier, earlier_again = _earlier_fields(lang, earlier)
            return _render(
                request,
                lang,
                settings,
                view=view,
                correction=correction,
                carried=pack(screening_input.carry(parsed)),
                carried_columns=screening_columns.carry(parsed),
                carried_earlier=carried_earlier,
                earlier_again=earlier_again,
                listed=box_text(lang, parsed),
                text_ignored=text_ignored,
                to_results=wanted.to_results,
                source=source,
                alert=screening_alert.countries_alert(result, lang),
            )

        return await run_in_threadpool(work)

    def sample() -> Response:
        filename = page_path("screening_sample", lang).rsplit("/", 1)[1]
        headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
        return Response(sample_csv(lang), media_type="text/csv; charset=utf-8", headers=headers)

    return page, post, sample


for _lang in LANGUAGES:
    _get, _post, _sample = _page(_lang)
    router.add_api_route(PAGES["screening"][_lang], _get, methods=["GET"], response_class=HTMLResponse)
    router.add_api_route(PAGES["screening"][_lang], _post, methods=["POST"], response_class=HTMLResponse)
    router.add_api_route(PAGES["screening_sample"][_lang], _sample, methods=["GET"])
