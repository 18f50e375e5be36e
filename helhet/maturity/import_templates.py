"""The templates of a service maturity import: the Norwegian column names and one example row,
as .xlsx and as CSV for Norwegian Excel."""

from __future__ import annotations

import csv
import io
from typing import IO

from helhet.core.spreadsheets import cell_text, sheet_with
from helhet.maturity.imports import COLUMN_HEADERS, EXAMPLE_ROW

SHEET_NAME = "Modenhet"


def template_xlsx(out: IO[bytes]) -> None:
    """The template as a workbook: the column names in bold, and the example row."""
    from openpyxl import Workbook  # type: ignore[import-untyped]

    workbook = Workbook(write_only=True)
    headers = list(COLUMN_HEADERS.values())
    sheet = sheet_with(workbook, SHEET_NAME, headers, [25, 35, 25, 25, 25])
    sheet.append([cell_text(value) for value in EXAMPLE_ROW])
    workbook.save(out)


def template_csv() -> bytes:
    """The template as CSV for Norwegian Excel: UTF-8 with a byte order mark, semicolons."""
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMN_HEADERS.values())
    writer.writerow(EXAMPLE_ROW)
    return ("\ufeff" + text.getvalue()).encode("utf-8")
