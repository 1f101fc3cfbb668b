"""« Searches that find nothing » (``/fr/redaction/recherches-sans-resultat``,
``/en/editorial/searches-without-results``): for the centre's editors, the words readers searched in the last 7, 30
or 90 days that found nothing or few resources, each a link to the search page, with what to do about them; the
table as CSV or XLSX. Counts only, never who searched (:mod:`app.services.search_statistics`)."""

from datetime import UTC, datetime
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import Query, Request
from fastapi.responses import Response

from app.deps import CurrentEditor, SessionDep, SettingsDep
from app.i18n import gettext
from app.languages import LANGUAGES
from app.paths import PAGES
from app.services import desk_searches, tabular
from app.services.search import LANGUAGE_NAMES
from app.services.site.search_page import FEW_RESULTS
from app.web.routing import people_router
from app.web.sessions import language_of
from app.web.templating import render

router = people_router("desk")


def searches_page(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    editor: CurrentEditor,
    period: Annotated[Literal["7", "30", "90"], Query(alias="days")] = "30",
    language: Annotated[Literal["", "fr", "en"], Query()] = "",
    format: Annotated[Literal["", "csv", "xlsx"], Query()] = "",
) -> Response:
    """The words searched in the last ``days`` (in ``language``, else in each) that found nothing or few; ``format``:
    the table as a file."""
    lang, days = language_of(request), int(period)
    since = desk_searches.period_start(datetime.now(UTC).date(), days)
    found = desk_searches.gaps(
        session, since=since, language=language or None, min_searches=settings.search_statistics_min_searches
    )
    if format:
        table = desk_searches.sheet(found, lang, settings.public_base_url, days)
        name = f"crv-searches-without-results-{days}d.{format}"
        headers = {"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"}
        if format == "csv":
            return Response(desk_searches.csv_text(table), media_type="text/csv; charset=utf-8", headers=headers)
        return Response(
            tabular.xlsx([table]),
            media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            headers=headers,
        )
    return render(
        request,
        "web/desk_searches.html",
        lang,
        title=gettext(lang, "Searches that find nothing"),
        person=editor,
        gaps=found,
        totals=desk_searches.totals(session, since=since, language=language or None),
        days=days,
        periods=desk_searches.PERIODS,
        language=language,
        language_names=LANGUAGE_NAMES["fr" if lang == "fr" else "en"],
        most=FEW_RESULTS - 1,
        min_searches=settings.search_statistics_min_searches,
        kept_days=settings.search_statistics_kept_days,
        recording=settings.search_statistics,
        shown=desk_searches.SHOWN,
        downloads={
            kind: request.url.path + "?" + urlencode({"days": days, "language": language, "format": kind})
            for kind in ("csv", "xlsx")
        },
    )


for _lang in LANGUAGES:
    router.add_api_route(PAGES["desk_searches"][_lang], searches_page, methods=["GET"], response_class=Response)
