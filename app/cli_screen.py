"""``crv screen suppliers.csv --format xlsx -o result.xlsx``: a supplier list screened in process, or by a server.

In process, the screening reads the ILAB data and the content folder of the settings (``CRV_ILAB_DATA_DIR``,
``CRV_CONTENT_DIR``, by default the project's own whatever the working directory; ``CRV_PUBLIC_BASE_URL`` for the
links); with ``--server URL`` the file goes to that server's ``POST /v1/screenings`` (``--key`` for an API key).
The summary goes to stderr in the language of ``--lang``, the result to ``-o`` or stdout. A file that is no list
(an old ``.xls``, a PDF) is refused before anything is sent, with exit code 1.
"""

from pathlib import Path
from typing import Annotated

import httpx
import typer
from rich.console import Console

from app.config import get_settings
from app.errors import AppError
from app.i18n import format_number, gettext
from app.languages import Language
from app.services import findings as findings_service
from app.services import screening as screening_service
from app.services import screening_input
from app.services.push import problem_detail
from app.services.screening import STATE_LABELS, label
from app.services.screening_columns import result_sheets_said
from app.services.screening_files import Separator, result_file, screened_now
from app.services.screening_input import MAX_BYTES, XLSX_MEDIA_TYPE, ScreeningFormat

errors = Console(stderr=True)
CONTENT_TYPES = {".xlsx": XLSX_MEDIA_TYPE, ".json": "application/json"}


def _local(
    data: bytes, content_type: str, fmt: ScreeningFormat, lang: Language, separator: Separator
) -> tuple[bytes, str]:
    settings = get_settings()
    parsed = screening_input.parse(data, content_type)
    result = screening_service.screen(findings_service.findings_catalogue(settings), parsed)
    summary = result.summary
    errors.print(
        gettext(
            lang,
            "Lines screened: %(screened)s; unreadable: %(rejected)s.",
            screened=format_number(summary.screened, lang),
            rejected=format_number(summary.rejected, lang),
        ),
        " ".join(
            gettext(lang, "%(label)s: %(count)s.", label=label(STATE_LABELS[state], lang), count=count)
            for state, count in summary.by_state.items()
        ),
        markup=False,
    )
    if result.sheets is not None:
        errors.print(result_sheets_said(result.sheets, lang), markup=False)
    for problem in result.errors:
        errors.print(
            gettext(lang, "Line %(line)s: %(reason)s", line=problem.line, reason=gettext(lang, problem.reason)),
            markup=False,
        )
    return result_file(result, parsed.buyer_columns(), fmt, lang, separator, screened_at=screened_now(), json_indent=2)


def _remote(
    server: str,
    key: str | None,
    data: bytes,
    content_type: str,
    fmt: ScreeningFormat,
    lang: Language,
    separator: Separator,
) -> tuple[bytes, str]:
    headers = {"Content-Type": content_type}
    if key:
        headers["Authorization"] = f"Bearer {key}"
    params = {"format": fmt.value, "lang": lang.value, "separator": separator.value}
    try:
        response = httpx.post(
            f"{server.rstrip('/')}/v1/screenings", content=data, headers=headers, params=params, timeout=60
        )
    except httpx.HTTPError as exc:
        raise typer.BadParameter(f"cannot reach {server}: {exc}") from None
    if response.status_code != 200:
        errors.print(f"[red]{response.status_code}[/red] {problem_detail(response)}")
        raise typer.Exit(1)
    return response.content, response.headers.get("content-type", "")


def screen(
    path: Annotated[Path, typer.Argument(help="Supplier list: CSV, XLSX or JSON", exists=True, dir_okay=False)],
    format: Annotated[ScreeningFormat, typer.Option("--format", "-f", help="Output format")] = ScreeningFormat.csv,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Output file (default: stdout)")] = None,
    lang: Annotated[Language, typer.Option(help="Language of the labels and of the summary")] = Language.en,
    separator: Annotated[Separator, typer.Option(help="CSV output separator")] = Separator.comma,
    server: Annotated[str | None, typer.Option(help="Screen on this crv server instead of in process")] = None,
    key: Annotated[str | None, typer.Option(help="API key for --server", envvar="CRV_API_KEY")] = None,
) -> None:
    """Screen a supplier list of (country, product) lines against ILAB's findings."""
    if format == ScreeningFormat.xlsx and output is None:
        raise typer.BadParameter("XLSX is binary: give an output file with -o result.xlsx")
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise typer.BadParameter(f"the file is over the limit of 2 MiB ({MAX_BYTES:,} bytes)")
    content_type = CONTENT_TYPES.get(path.suffix.lower(), "text/csv")
    try:
        screening_input.detect_format(content_type, data)  # an .xls or a PDF is not sent to be read as text
        if server:
            body, _ = _remote(server, key, data, content_type, format, lang, separator)
        else:
            body, _ = _local(data, content_type, format, lang, separator)
    except AppError as exc:
        errors.print(exc.errors[0].localized(lang) if exc.errors else exc.detail, style="red", markup=False)
        raise typer.Exit(1) from None
    if output is None:
        typer.echo(body.decode("utf-8"), nl=False)
    else:
        output.write_bytes(body)
        errors.print(gettext(lang, "Written to %(path)s.", path=output), markup=False)
