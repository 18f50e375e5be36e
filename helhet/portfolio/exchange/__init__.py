"""The portfolio as a spreadsheet: the import template, reading and checking an uploaded .xlsx or
.csv, creating its initiatives (all or nothing), and exporting the overview's rows.

The views (helhet/portfolio/views/exchange.py) and the commands (import_initiatives,
export_initiatives) share everything here, so a file means the same in the browser as on the
command line. The modules, in the order a file goes through them: ``columns`` (the fixed
Norwegian column names and values), ``reading`` (a file into a Table), ``values`` and ``checking``
(a Table into an ImportPreview), ``pending`` (the upload kept between preview and confirmation),
``importing`` (the initiatives created), ``export`` and ``template`` (files written). The names
other code uses are importable from the package."""

from helhet.portfolio.exchange.checking import ImportPreview, ImportRow, check_import
from helhet.portfolio.exchange.columns import COLUMNS, MAX_ROWS, MAX_UPLOAD_BYTES, Column
from helhet.portfolio.exchange.export import (
    csv_lines,
    export_filename,
    export_headers,
    export_rows,
    write_csv,
    write_xlsx,
)
from helhet.portfolio.exchange.importing import ImportFailed, import_rows
from helhet.portfolio.exchange.pending import (
    PendingClaimed,
    PendingUpload,
    pending_claim,
    pending_claimed,
    pending_delete,
    pending_load,
    pending_release,
    pending_save,
)
from helhet.portfolio.exchange.problems import FileRefused, Problem
from helhet.portfolio.exchange.reading import (
    Table,
    cell_as_text,
    check_size,
    decode_csv,
    file_format,
    read_table,
    too_big_message,
)
from helhet.portfolio.exchange.template import template_workbook
from helhet.portfolio.exchange.values import parse_date, parse_money

__all__ = [
    "COLUMNS",
    "MAX_ROWS",
    "MAX_UPLOAD_BYTES",
    "Column",
    "FileRefused",
    "ImportFailed",
    "ImportPreview",
    "ImportRow",
    "PendingClaimed",
    "PendingUpload",
    "Problem",
    "Table",
    "cell_as_text",
    "check_import",
    "check_size",
    "csv_lines",
    "decode_csv",
    "export_filename",
    "export_headers",
    "export_rows",
    "file_format",
    "import_rows",
    "parse_date",
    "parse_money",
    "pending_claim",
    "pending_claimed",
    "pending_delete",
    "pending_load",
    "pending_release",
    "pending_save",
    "read_table",
    "template_workbook",
    "too_big_message",
    "write_csv",
    "write_xlsx",
]
