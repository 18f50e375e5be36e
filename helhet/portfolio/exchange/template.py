"""The import template: the columns with drop-down lists for the fixed values, and a guide."""

from __future__ import annotations

from typing import IO

from django.utils.translation import gettext as _

from helhet.core.spreadsheets import column_letter
from helhet.portfolio.exchange.columns import (
    CHOICES,
    COLUMNS,
    MAX_ROWS,
    MAX_UPLOAD_BYTES,
    NO,
    SHEET_NAME,
    YES,
)


def template_workbook(out: IO[bytes]) -> None:
    """The import template: the columns on the first sheet (with drop-down lists for the fixed
    values), and a second sheet that explains each column and its allowed values."""
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]
    from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NAME
    bold = Font(bold=True)
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font = bold
        sheet.column_dimensions[column_letter(index)].width = max(14, len(column.header) + 4)
    sheet.freeze_panes = "B2"
    for index, column in enumerate(COLUMNS, start=1):
        if column.kind in ("choice", "bool"):
            values = (
                [YES, NO] if column.kind == "bool" else [v for v in CHOICES[column.key].values()]
            )
            validation = DataValidation(
                type="list", formula1='"' + ",".join(values) + '"', allow_blank=True
            )
            validation.add(f"{column_letter(index)}2:{column_letter(index)}{MAX_ROWS + 1}")
            sheet.add_data_validation(validation)

    guide = workbook.create_sheet(_("Guide"))
    guide.append([_("Column"), _("Required"), _("What to write"), _("Allowed values")])
    for cell in guide[1]:
        cell.font = bold
    for column in COLUMNS:
        guide.append(
            [
                column.header,
                _("Yes") if column.required else _("No"),
                str(column.description),
                column.allowed,
            ]
        )
    guide.append([])
    for line in (
        _("The column names must stay in the first row; the order does not matter."),
        _("Kind, status and ROS status also accept the values in English (e.g. project)."),
        _(
            "A row with the ID or the name of an existing initiative changes it: export the "
            "overview, change the cells and import the file again."
        ),
        _("Dates: 31.03.2024 or 2024-03-31. Amounts: 1 234 567,50 or 1234567.50."),
        _("Nothing is imported until the file has no problems; Helhet lists each one by row."),
        _("At most %(rows)s rows and %(size)s MB per file.")
        % {"rows": f"{MAX_ROWS:,}".replace(",", "\xa0"), "size": MAX_UPLOAD_BYTES // 1024**2},
    ):
        guide.append([line])
    for letter, width in (("A", 30), ("B", 10), ("C", 60), ("D", 45)):
        guide.column_dimensions[letter].width = width
    for row in guide.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    workbook.save(out)
