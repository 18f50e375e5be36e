"""Reading an uploaded .xlsx or .csv into a Table of cells, refusing what is not a spreadsheet
(by name and by content), too large, or in unreadable characters."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from helhet.core.spreadsheets import unneutralise
from helhet.portfolio.exchange.columns import (
    MAX_ROWS,
    MAX_UNPACKED_BYTES,
    MAX_UPLOAD_BYTES,
    NO,
    SHEET_NAME,
    YES,
)
from helhet.portfolio.exchange.problems import FileRefused


@dataclass
class Table:
    """The cells of a file: the column names and the rows below them, each with its number."""

    headers: list[str]
    header_row: int
    rows: list[tuple[int, list[Any]]]
    too_many_rows: bool = False


def check_size(size: int) -> None:
    if size > MAX_UPLOAD_BYTES:
        raise FileRefused(too_big_message())


def too_big_message() -> str:
    return _(
        "The file is larger than %(limit)s MB. Split it into smaller files, or remove columns "
        "that are not in the template."
    ) % {"limit": MAX_UPLOAD_BYTES // (1024 * 1024)}


def not_a_spreadsheet_message() -> str:
    return _("The file is not a spreadsheet. Upload an .xlsx file from Excel or a .csv file.")


def file_format(name: str) -> str:
    """ "xlsx" or "csv" by the file's name; FileRefused for anything else."""
    suffix = Path(name).suffix.lower()
    if suffix in (".xlsx", ".csv"):
        return suffix[1:]
    raise FileRefused(
        _(
            "Only .xlsx and .csv files can be imported. Save the file as an Excel workbook "
            "(.xlsx) or as CSV, and upload it again."
        )
    )


def read_table(name: str, data: bytes) -> Table:
    """The cells of an uploaded file, checked by name and by content: an .xlsx must be an
    Office Open XML workbook, a .csv must be text. Raises FileRefused."""
    kind = file_format(name)
    if not data.strip():
        raise FileRefused(_("The file is empty."))
    if kind == "xlsx":
        return _read_xlsx(data)
    return _read_csv(data)


_BINARY_SIGNATURES = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\xd0\xcf")


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise FileRefused(not_a_spreadsheet_message()) from error
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise FileRefused(not_a_spreadsheet_message())
    if unpacked > MAX_UNPACKED_BYTES:
        raise FileRefused(too_big_message())
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise FileRefused(_unreadable_workbook()) from error
    try:
        names = workbook.sheetnames
        sheet = workbook[SHEET_NAME] if SHEET_NAME in names else workbook.worksheets[0]
        return _table(enumerate(sheet.iter_rows(values_only=True), start=1))
    except FileRefused:
        raise
    except Exception as error:
        raise FileRefused(_unreadable_workbook()) from error
    finally:
        workbook.close()


def _unreadable_workbook() -> str:
    return _("The spreadsheet could not be read. Open it in Excel, save it as .xlsx and try again.")


def decode_csv(data: bytes) -> str:
    """UTF-8 (with or without byte order mark), UTF-16 with a byte order mark (Excel's "Unicode
    text"), or Windows-1252 (Norwegian Excel's plain "CSV"). Raises FileRefused for binary
    files and for text in none of these."""
    if data.startswith(_BINARY_SIGNATURES):
        raise FileRefused(not_a_spreadsheet_message())
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise FileRefused(_unreadable_characters()) from error
    elif data.startswith(b"\xef\xbb\xbf"):
        try:
            text = data[3:].decode("utf-8")
        except UnicodeDecodeError as error:
            raise FileRefused(_unreadable_characters()) from error
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError as error:
                raise FileRefused(_unreadable_characters()) from error
    # Text files have no control characters but tab and line breaks.
    if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text):
        raise FileRefused(not_a_spreadsheet_message())
    return text


def _unreadable_characters() -> str:
    return _(
        "The characters in the CSV file could not be read. Save it as “CSV UTF-8” in Excel and "
        "upload it again."
    )


def _read_csv(data: bytes) -> Table:
    text = decode_csv(data)
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        # Excel numbers a CSV file's records, not its lines (a cell may hold a line break).
        return _table(enumerate(reader, start=1))
    except csv.Error as error:
        raise FileRefused(not_a_spreadsheet_message()) from error


def _table(numbered_rows: Iterable[tuple[int, Sequence[Any]]]) -> Table:
    """The column names (the first row with anything in it) and the non-empty rows below."""
    headers: list[str] | None = None
    header_row = 0
    rows: list[tuple[int, list[Any]]] = []
    too_many = False
    for number, cells in numbered_rows:
        values = list(cells)
        if not any(_filled(value) for value in values):
            continue
        if headers is None:
            headers = [cell_as_text(value) for value in values]
            header_row = number
            continue
        if len(rows) >= MAX_ROWS:
            too_many = True
            break
        rows.append((number, values))
    if headers is None:
        raise FileRefused(_("The file is empty."))
    return Table(headers, header_row, rows, too_many)


def _filled(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def cell_as_text(value: Any) -> str:
    """A cell as text; undoes the apostrophe the export puts before a formula-like text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    return unneutralise(str(value).strip())
