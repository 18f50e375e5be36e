"""What can be wrong with an uploaded file: the file as a whole (FileRefused) or a row (Problem)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _


class FileRefused(Exception):
    """The file as a whole cannot be read (too big, not a spreadsheet, unreadable characters).
    ``message`` is for the person who uploaded it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: on a row (numbered as in the spreadsheet, the column names
    being row 1) and column, or with the file as a whole."""

    message: str
    row: int | None = None
    column: str = ""

    def __str__(self) -> str:
        if self.row is not None and self.column:
            return _("Row %(row)s, column “%(column)s”: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        if self.row is not None:
            return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        return self.message


class RowError(Exception):
    """A cell's value cannot be used; ``message`` says why, for the person who wrote it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
