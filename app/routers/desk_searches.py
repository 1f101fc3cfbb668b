"""What readers search for, for the centre's editors, each table as CSV or XLSX; counts only, never who:

* « Searches that find nothing » (``/fr/redaction/recherches-sans-resultat``,
  ``/en/editorial/searches-without-results``): the words readers searched in the last 7, 30 or 90 days that found
  nothing or few resources, each a link to the search page, with what to do about them
  (:mod:`app.services.search_statistics`);
* « What readers follow » (``/fr/redaction/ce-que-les-lecteurs-suivent``, ``/en/editorial/what-readers-follow``):
  the subjects of the readers' confirmed email alerts, each a link to its search (:mod:`app.services.alerts_followed`).

Both are here, before the desk's ``/<resource id>`` (app/main.py includes this router first)."""

from datetime import UTC, datetime
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import Query, Request
from fastapi.responses import Response

from app.deps import CurrentEditor, SessionDep, SettingsDep, TaxonomiesDep
from app.i18n import gettext
from app.languages import LANGUAGES
from app.paths import PAGES
from app.services import alerts_followed, desk_searches
from app.services.search import language_names
from app.services.site.search_page import FEW_RESULTS
from app.web.downloads import Format, table_download
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
    format: Annotated[Format, Query()] = "",
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
        return table_download(table, f"crv-searches-without-results-{days}d", format)
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
        language_names=language_names(lang),
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


def followed_page(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    taxonomies: TaxonomiesDep,
    editor: CurrentEditor,
    language: Annotated[Literal["", "fr", "en"], Query()] = "",
    format: Annotated[Format, Query()] = "",
) -> Response:
    """The subjects readers follow by email alert (in ``language``, else in each); ``format``: the table as a file."""
    lang = language_of(request)
    found = alerts_followed.followed(
        session, taxonomies, lang=lang, language=language or None, min_readers=settings.alerts_min_shown
    )
    if format:
        table = alerts_followed.sheet(found.subjects, lang, settings.public_base_url)
        return table_download(table, "crv-what-readers-follow", format)
    return render(
        request,
        "web/desk_followed.html",
        lang,
        title=gettext(lang, "What readers follow"),
        person=editor,
        followed=found,
        language=language,
        language_names=language_names(lang),
        min_readers=settings.alerts_min_shown,
        shown=alerts_followed.SHOWN,
        downloads={
            kind: request.url.path + "?" + urlencode({"language": language, "format": kind}) for kind in ("csv", "xlsx")
        },
    )


for _lang in LANGUAGES:
    router.add_api_route(PAGES["desk_searches"][_lang], searches_page, methods=["GET"], response_class=Response)
    router.add_api_route(PAGES["desk_followed"][_lang], followed_page, methods=["GET"], response_class=Response)
