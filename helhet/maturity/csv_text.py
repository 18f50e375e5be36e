"""The text of an uploaded maturity table: its bytes decoded as people's spreadsheets save them,
and its CSV records, before anything is read as services or answers."""

from __future__ import annotations

import csv
import io
import re

from django.utils.translation import gettext as _

# The characters other than ASCII that a Norwegian file saved as Windows-1252 holds: letters of
# the Nordic and Western European languages and Excel's typographic punctuation. A file in
# another encoding read as Windows-1252 shows others (Mac Roman's ø comes out as "¿").
PLAUSIBLE_CP1252 = frozenset(
    "æøåÆØÅäöüÄÖÜéèêëÉÈÊáàâÁÀóòôÓÒúùÚíìÍçÇñÑß–—‘’‚“”„«»…•·§°½¼¾€£©®™\u00a0\u00ad"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class FileUnreadable(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _unreadable_characters() -> str:
    return _(
        "The characters in the file could not be read. Save it as “CSV UTF-8” in Excel and "
        "import it again."
    )


def decode(data: bytes) -> str:
    """The file's text: UTF-8 with or without a byte order mark, or Windows-1252 (what
    Norwegian Excel saves as plain "CSV") when the text then reads as Norwegian. Anything else
    is refused with FileUnreadable rather than imported with garbled letters."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as error:
            raise FileUnreadable(_unreadable_characters()) from error
        if any(ord(char) > 127 and char not in PLAUSIBLE_CP1252 for char in text):
            raise FileUnreadable(_unreadable_characters()) from None
    if _CONTROL.search(text):
        raise FileUnreadable(_unreadable_characters())
    return text


def csv_records(text: str) -> list[tuple[int, list[str]]]:
    """The records of the CSV text, numbered from 1, separated by comma, semicolon (Norwegian
    Excel) or tab, whichever the first line has most of."""
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        return [
            (number, [cell.strip() for cell in cells]) for number, cells in enumerate(reader, 1)
        ]
    except csv.Error as error:
        raise FileUnreadable(
            _("The file could not be read as CSV. Save it as “CSV UTF-8” in Excel and try again.")
        ) from error
