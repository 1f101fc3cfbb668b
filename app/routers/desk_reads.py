"""« Most read resources » (``/fr/redaction/ressources-les-plus-lues``, ``/en/editorial/most-read-resources``): for
the centre's editors, the 20 published resources most read in the last 30 days across organisations — their
pages and documents, the API beside — and the table as CSV or XLSX. Counts only, never who read
(:mod:`app.services.read_counts`); the access policy is the searches page's (the desk's editors)."""

from datetime import UTC, datetime
from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import Response

from app.deps import CurrentEditor, SessionDep, SettingsDep
from app.i18n import gettext
from app.languages import LANGUAGES
from app.paths import PAGES
from app.services import readership
from app.services.search import language_names
from app.web.downloads import Format, table_download
from app.web.routing import people_router
from app.web.sessions import language_of
from app.web.templating import render

router = people_router("desk")


def reads_page(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    editor: CurrentEditor,
    format: Annotated[Format, Query()] = "",
) -> Response:
    """The resources most read in the last 30 days; ``format``: the table as a file."""
    lang = language_of(request)
    since = readership.recent_start(datetime.now(UTC).date())
    found = readership.most_read(session, since)
    if format:
        table = readership.sheet(found, lang, settings.public_base_url)
        return table_download(table, f"crv-most-read-resources-{readership.RECENT_DAYS}d", format)
    return render(
        request,
        "web/desk_reads.html",
        lang,
        title=gettext(lang, "Most read resources"),
        person=editor,
        found=found,
        language_names=language_names(lang),
        days=readership.RECENT_DAYS,
        top=readership.TOP,
        kept_days=settings.read_counts_kept_days,
        downloads={kind: request.url.path + "?format=" + kind for kind in ("csv", "xlsx")},
    )


for _lang in LANGUAGES:
    router.add_api_route(PAGES["desk_reads"][_lang], reads_page, methods=["GET"], response_class=Response)
