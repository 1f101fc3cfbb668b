"""The editors' tables (the desk's searches, followed subjects, most read resources) downloaded as CSV or XLSX."""

from typing import Literal

from fastapi.responses import Response

from app.services import tabular
from app.services.desk_searches import csv_text

Format = Literal["", "csv", "xlsx"]  # "": the page itself
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_download(table: tabular.Sheet, name: str, format: Literal["csv", "xlsx"]) -> Response:
    """``table`` as the file ``name`` in ``format`` (its extension added), never cached: counts of today."""
    headers = {"Content-Disposition": f'attachment; filename="{name}.{format}"', "Cache-Control": "no-store"}
    if format == "csv":
        return Response(csv_text(table), media_type="text/csv; charset=utf-8", headers=headers)
    return Response(tabular.xlsx([table]), media_type=XLSX, headers=headers)
