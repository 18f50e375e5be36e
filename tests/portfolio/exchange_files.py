"""Spreadsheets for the import and export tests, built as a user's Excel would save them."""

import csv
import io
from typing import Any

from django.utils import translation
from django.utils.html import escape
from openpyxl import Workbook, load_workbook  # type: ignore[import-untyped]

from helhet.portfolio.models import Initiative, Tag

HEADERS = ["Navn", "Type", "Eierenhet"]


def xlsx_file(rows: list[Any], *, sheet: str = "Tiltak") -> bytes:
    """An .xlsx workbook with ``rows`` (the first being the column names) on its first sheet."""
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for row in rows:
        worksheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def csv_file(rows: list[Any], *, delimiter: str = ";", encoding: str = "utf-8-sig") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


def read_xlsx(content: bytes) -> list[list[Any]]:
    workbook = load_workbook(io.BytesIO(content))
    return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]


def t(msgid: str, /, **params: Any) -> str:
    """``msgid`` as Helhet shows it in bokmål, translated or not yet."""
    with translation.override("nb"):
        text = translation.gettext(msgid)
    return text % params if params else text


def problem(row: int, column: str, msgid: str, /, **params: Any) -> str:
    """A problem on a row and column, as the preview and the command word it."""
    return t(
        "Row %(row)s, column “%(column)s”: %(message)s",
        row=row,
        column=column,
        message=t(msgid, **params),
    )


def html(text: str) -> str:
    """``text`` as it appears in a page's HTML."""
    return str(escape(text))


def portfolio_state() -> tuple[int, int, int]:
    """What an import writes: initiatives, their history, tags."""
    return (Initiative.objects.count(), Initiative.history.count(), Tag.objects.count())
