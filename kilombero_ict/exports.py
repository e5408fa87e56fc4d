"""Spreadsheet downloads that are safe to open: every report's CSV and XLSX goes through here.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return could run as a formula
in Excel or LibreOffice; such text cells get a leading apostrophe, so they show as typed and
never execute. Numbers, dates and Decimals are written as values. CSV is streamed row by row;
XLSX is written in openpyxl's write-only mode, so memory stays flat for large registers.
"""

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.text import get_valid_filename

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value):
    """The value made safe for a spreadsheet cell (text that looks like a formula is quoted)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (int, float, Decimal, dt.date, dt.datetime)):
        return value
    return neutralise(str(value))


def _disposition(filename: str) -> str:
    return f'attachment; filename="{get_valid_filename(filename)}"'


class _Echo:
    def write(self, value):
        return value


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> StreamingHttpResponse:
    """Stream a UTF-8 CSV (with BOM, so Excel reads Swahili text correctly)."""

    def generate():
        writer = csv.writer(_Echo())
        yield "\ufeff"
        yield writer.writerow([_cell(h) for h in header])
        for row in rows:
            yield writer.writerow([_cell_csv(v) for v in row])

    response = StreamingHttpResponse(generate(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _disposition(filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _cell_csv(value):
    value = _cell(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def sheet_title(title) -> str:
    """A worksheet name Excel accepts: none of / \\ ? * [ ] : and at most 31 characters."""
    return re.sub(r"[\\/?*\[\]:]", "-", str(title))[:31] or "-"


def xlsx_bytes(sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence]]]) -> bytes:
    """Build a workbook of (title, header, rows) sheets in write-only mode."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title=sheet_title(title))
        sheet.append([_cell(h) for h in header])
        for row in rows:
            sheet.append([_xlsx_value(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_value(value):
    value = _cell(value)
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        from django.utils import timezone

        return timezone.localtime(value).replace(tzinfo=None)
    return value


def xlsx_response(filename: str, sheets) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(sheets), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = _disposition(filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response
