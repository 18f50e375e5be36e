"""Spreadsheets the way Helhet writes them (the portfolio export and import template, the
digital-first-choice plan, the benefits realisation plan): the content types, text that can never
run as a formula, and a sheet that starts with a bold header row.

openpyxl (and xlsxwriter, for the large exports) is imported inside the functions: it is only
needed when a workbook is written."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
# Text starting with one of these is a formula to a spreadsheet (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Put an apostrophe before text a spreadsheet would run as a formula."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def unneutralise(text: str) -> str:
    """The text before neutralise: without the apostrophe before formula-like text (so an exported
    file reads back as it was)."""
    if text[:1] == "'" and text[1:2] in FORMULA_STARTS and len(text) > 1:
        return text[1:]
    return text


def cell_text(text: str) -> str | None:
    """Text for a workbook cell: without the control characters a workbook may not hold (all but
    tab and line breaks), neutralised; None (an empty cell) for no text."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # type: ignore[import-untyped]

    return neutralise(ILLEGAL_CHARACTERS_RE.sub("", text)) or None


def column_letter(index: int) -> str:
    """The letter of a column counted from 1 ("A", ..., "Z", "AA", ...)."""
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    return str(get_column_letter(index))


def formatted_cell(sheet: Any, value: Any, number_format: str) -> Any:
    """A cell of a write-only sheet that shows its value in the given number format."""
    from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]

    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = number_format
    return cell


def header_row(sheet: Any, headers: list[str]) -> None:
    """Append the headers to a write-only sheet as a row of bold cells."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font  # type: ignore[import-untyped]

    bold = Font(bold=True)
    cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        cells.append(cell)
    sheet.append(cells)


def sheet_with(
    workbook: Any, title: str, headers: list[str], widths: list[int], *, freeze: str = "A2"
) -> Any:
    """A new sheet in a write-only workbook: the given column widths, the header row in bold, and
    the panes frozen above (and left of) the cell `freeze`."""
    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = freeze
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[column_letter(index)].width = width
    header_row(sheet, headers)
    return sheet


# --- Large workbooks ----------------------------------------------------------------------------
# An export of many thousand rows (the fund's review with every grant and every year of gains
# due) is written with xlsxwriter, some ten times faster than openpyxl's write-only mode: text is
# always written as text (never a formula, a number or a link), and neutralised as above.

MONEY_FORMAT = "#,##0.00"


def large_workbook(out: Any) -> Any:
    """A new workbook written into the binary file ``out`` when closed."""
    import xlsxwriter  # type: ignore[import-untyped]

    return xlsxwriter.Workbook(
        out,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )


def large_sheet(workbook: Any, title: str, headers: list[str], widths: list[int]) -> Any:
    """A new sheet of a large workbook: the column widths, the header row in bold, frozen."""
    sheet = workbook.add_worksheet(title)
    for index, width in enumerate(widths):
        sheet.set_column(index, index, width)
    sheet.freeze_panes(1, 0)
    bold = workbook.add_format({"bold": True})
    for column, header in enumerate(headers):
        sheet.write_string(0, column, header, bold)
    return sheet


def large_rows(workbook: Any, sheet: Any, rows: Iterable[Iterable[Any]]) -> None:
    """Write ``rows`` below the header: text as neutralised text, Decimal amounts in the money
    format, other numbers as they are, None as an empty cell."""
    money = workbook.add_format({"num_format": MONEY_FORMAT})
    for row_number, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, str):
                text = cell_text(value)
                if text:
                    sheet.write_string(row_number, column, text)
            elif isinstance(value, Decimal):
                sheet.write_number(row_number, column, value, money)
            else:
                sheet.write_number(row_number, column, value)
