"""Reading spreadsheets people bring: CSV in any common encoding and line ending, and Excel workbooks.

A file is either read correctly or refused with a sentence that says what to do; it is never
half-read. CSV files may come from Snipe-IT (UTF-8 with a byte-order mark), from Excel on Windows
(cp1252), from old Macs (lines ending in a bare carriage return) or from Excel in a locale that
separates cells with semicolons. Values are then parsed with the same care: dates written
day-first, month-first (Snipe-IT, "1/23/23") or as ISO dates, amounts with thousands separators.
"""

import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from decimal import Decimal, InvalidOperation

import tablib
from django.utils.translation import gettext as _
from import_export.formats import base_formats

MAX_ROWS = 20000
# A multi-byte UTF-8 character; a file that has them but does not decode as UTF-8 is damaged, not cp1252.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")


class ImportFileError(ValueError):
    """A file that cannot be read; the message is for the person who uploaded it."""


def decode_text(data: bytes) -> str:
    """The text of a CSV file, whatever its encoding; refuse binary files with a clear message."""
    if data.startswith(b"PK\x03\x04"):
        raise ImportFileError(_("This is an Excel or other zipped file, not CSV text. Choose the xlsx format for it."))
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(_("This is an old Excel (.xls) file. Save it as .xlsx or as CSV, then import it again."))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportFileError(_("The file says it is UTF-16 text but cannot be read as such.")) from None
    if b"\x00" in data:
        raise ImportFileError(
            _("This file contains binary data, not text. Export the spreadsheet as CSV and try again.")
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if _UTF8_SEQUENCE.search(data):
            line = data.count(b"\n", 0, exc.start) + 1
            raise ImportFileError(
                _(
                    "The file is UTF-8 text with a broken character on line %(line)s. Save it again as CSV UTF-8 and retry."
                )
                % {"line": line}
            ) from None
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    text = data.decode("latin-1")
    if any(unicodedata.category(ch) == "Cc" and ch not in "\t\r\n" for ch in text):
        raise ImportFileError(
            _("The characters of this file cannot be read. Save it again as CSV UTF-8 (in Excel: CSV UTF-8) and retry.")
        )
    return text


def _delimiter(text: str) -> str:
    first = next((line for line in text.split("\n") if line.strip()), "")
    counts = {delimiter: first.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def build_dataset(headers: list, rows) -> tablib.Dataset:
    """A dataset from a header row and data rows, refusing what would be misread.

    Headers must be present and distinct; blank rows are skipped; short rows are padded; a row
    with more filled cells than there are headers is refused.
    """
    headers = ["" if h is None else str(h).strip() for h in headers]
    while headers and not headers[-1]:
        headers.pop()
    if not headers:
        raise ImportFileError(_("The file is empty or its first row has no column names."))
    if "" in headers:
        position = headers.index("") + 1
        raise ImportFileError(
            _("Column %(number)s has no name in the first row; every column needs one.") % {"number": position}
        )
    seen = set()
    for header in headers:
        key = header.lower()
        if key in seen:
            raise ImportFileError(_("The column %(name)s appears twice; keep only one.") % {"name": header})
        seen.add(key)
    dataset = tablib.Dataset(headers=headers)
    width = len(headers)
    for number, row in enumerate(rows, start=2):
        cells = list(row)
        if not any(cell not in (None, "") and str(cell).strip() for cell in cells):
            continue
        extra = [cell for cell in cells[width:] if cell not in (None, "") and str(cell).strip()]
        if extra:
            raise ImportFileError(
                _("Row %(row)s has more cells than there are column names (%(count)s); check for a stray separator.")
                % {"row": number, "count": width}
            )
        cells = (cells + [""] * width)[:width]
        dataset.append(["" if cell is None else cell for cell in cells])
        if len(dataset) > MAX_ROWS:
            raise ImportFileError(
                _("The file has more than %(max)s rows; split it into smaller files.") % {"max": MAX_ROWS}
            )
    if not len(dataset):
        raise ImportFileError(_("The file has column names but no rows to import."))
    return dataset


def read_csv(data: bytes) -> tablib.Dataset:
    text = decode_text(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
        rows = list(reader)
    except csv.Error as exc:
        raise ImportFileError(
            _("The CSV file is malformed (%(error)s). Check the quotes around cells and export it again.")
            % {"error": exc}
        ) from None
    if not rows:
        raise ImportFileError(_("The file is empty."))
    return build_dataset(rows[0], rows[1:])


def read_xlsx(data: bytes) -> tablib.Dataset:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise ImportFileError(
            _("This is not an Excel workbook (.xlsx). For a CSV file, choose the csv format.")
        ) from None
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        headers = next(rows, None)
        if headers is None:
            raise ImportFileError(_("The first sheet of the workbook is empty."))
        return build_dataset(list(headers), rows)
    finally:
        workbook.close()


class CSVImport(base_formats.CSV):
    """CSV import that detects the encoding, line endings and separator (see `read_csv`)."""

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, str):
            in_stream = in_stream.encode("utf-8")
        return read_csv(in_stream)


class XLSXImport(base_formats.XLSX):
    def create_dataset(self, in_stream):
        return read_xlsx(in_stream)


# Values ----------------------------------------------------------------------------------------
DATE_ORDERS = ("auto", "dmy", "mdy")
_NUMERIC_DATE = re.compile(r"^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})$")


def _year(text: str) -> int:
    year = int(text)
    if len(text) <= 2:
        pivot = dt.date.today().year % 100 + 10
        year += 2000 if year <= pivot else 1900
    return year


def parse_date(value, *, order: str) -> dt.date | None:
    """A date from a cell: a spreadsheet date, an ISO date, or d/m/y or m/d/y as `order` says."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    text = text.split(" ")[0].split("T")[0]
    match = _NUMERIC_DATE.match(text)
    if not match:
        raise ValueError(_("%(value)s is not a date; write it as 23/01/2026 or 2026-01-23.") % {"value": value})
    first, second, third = match.groups()
    try:
        if len(first) == 4:
            return dt.date(int(first), int(second), int(third))
        if order == "mdy":
            return dt.date(_year(third), int(first), int(second))
        return dt.date(_year(third), int(second), int(first))
    except ValueError:
        raise ValueError(_("%(value)s is not a valid date.") % {"value": value}) from None


def parse_amount(value) -> Decimal | None:
    """An amount of money from a cell: 1250000, 1,250,000, TSh 1 250 000.50, 2266,13."""
    if value in (None, ""):
        return None
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        amount = Decimal(str(value))
    else:
        text = re.sub(r"(?i)tsh|tzs|/=|\s", "", str(value)).replace("\u00a0", "")
        if not text:
            return None
        if "," in text and "." in text:
            if text.rfind(",") > text.rfind("."):
                text = text.replace(".", "").replace(",", ".")
            else:
                text = text.replace(",", "")
        elif "," in text:
            head, _sep, tail = text.rpartition(",")
            text = text.replace(",", "") if len(tail) == 3 else f"{head.replace(',', '')}.{tail}"
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ValueError(_("%(value)s is not an amount of money.") % {"value": value}) from None
    if amount < 0:
        raise ValueError(_("An amount cannot be negative."))
    if amount.as_tuple().exponent < -2 or amount >= Decimal("1e12"):
        raise ValueError(_("%(value)s is not an amount of money the register can hold.") % {"value": value})
    return amount


def parse_int(value, *, low: int | None = None, high: int | None = None) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError(_("%(value)s is not a whole number.") % {"value": value}) from None
    if number != number.to_integral_value():
        raise ValueError(_("%(value)s is not a whole number.") % {"value": value})
    number = int(number)
    if (low is not None and number < low) or (high is not None and number > high):
        raise ValueError(_("%(value)s is outside %(low)s to %(high)s.") % {"value": value, "low": low, "high": high})
    return number


def parse_bool(value) -> bool | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "yes", "y", "true", "ndiyo", "ndio", "x"):
        return True
    if text in ("0", "no", "n", "false", "hapana"):
        return False
    raise ValueError(_("%(value)s is not yes or no.") % {"value": value})


def text(value) -> str:
    """A cell as trimmed text ("12.0" from a spreadsheet number becomes "12")."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()
