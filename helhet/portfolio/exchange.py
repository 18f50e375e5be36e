"""The portfolio as a spreadsheet: the import template, reading and checking an uploaded .xlsx or
.csv, creating its initiatives (all or nothing), and exporting the overview's rows.

The views (helhet/portfolio/views/exchange.py) and the commands (import_initiatives,
export_initiatives) share everything here, so a file means the same in the browser as on the
command line. Column names and the values of kind, status and ROS are fixed Norwegian words, not
translated: a file must import the same whatever language the person has chosen. The internal
values ("project", "owning_unit") are accepted too."""

from __future__ import annotations

import csv
import io
import json
import re
import secrets
import time
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from helhet.accounts.models import Membership, User
from helhet.core.spreadsheets import (
    cell_text,
    column_letter,
    formatted_cell,
    neutralise,
    sheet_with,
    unneutralise,
)
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.models import (
    RATED_ASPECTS,
    Initiative,
    InitiativeKind,
    InitiativeStatus,
    Rating,
    StatusReport,
    StrategicGoal,
)
from helhet.portfolio.services import BulkCreateError, NewInitiative, initiative_bulk_create

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
# An .xlsx is a zip; refuse one that would unpack to more than this (a "zip bomb").
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
LIST_SEPARATOR = ";"
SHEET_NAME = "Tiltak"

KIND_LABELS = {
    "idea": "idé",
    "project": "prosjekt",
    "programme": "program",
    "activity": "aktivitet",
}
STATUS_LABELS = {
    "active": "aktiv",
    "paused": "pause",
    "completed": "fullført",
    "stopped": "stoppet",
}
ASSESSMENT_LABELS = {
    "": "ikke vurdert",
    "not_needed": "ikke nødvendig",
    "planned": "planlagt",
    "done": "ferdig",
}
RATING_LABELS = {Rating.GREEN: "grønn", Rating.YELLOW: "gul", Rating.RED: "rød"}
YES, NO = "Ja", "Nei"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    description: Promise
    allowed: str = ""
    required: bool = False
    kind: str = "text"  # text, choice, unit, units, user, goals, tags, date, money, bool
    max_length: int | None = None


def _labels(labels: dict[str, str]) -> str:
    return ", ".join(labels.values())


COLUMNS: tuple[Column, ...] = (
    Column(
        "name",
        "Navn",
        gettext_lazy("The initiative's name. Must be unique in the municipality."),
        required=True,
        max_length=200,
    ),
    Column(
        "kind",
        "Type",
        gettext_lazy("What kind of initiative it is."),
        _labels(KIND_LABELS),
        required=True,
        kind="choice",
    ),
    Column(
        "owning_unit",
        "Eierenhet",
        gettext_lazy("The unit that owns the initiative, as it is named in Helhet."),
        required=True,
        kind="unit",
    ),
    Column("short_description", "Kort beskrivelse", gettext_lazy("A few sentences.")),
    Column("need", "Behov", gettext_lazy("The need the initiative answers.")),
    Column(
        "status",
        "Status",
        gettext_lazy("Empty means active."),
        _labels(STATUS_LABELS),
        kind="choice",
    ),
    Column(
        "stop_reason",
        "Grunn til stopp",
        gettext_lazy("Required when the status is stopped."),
    ),
    Column("planned_start", "Planlagt start", gettext_lazy("A date."), "31.03.2024", kind="date"),
    Column("planned_end", "Planlagt slutt", gettext_lazy("A date."), "31.03.2024", kind="date"),
    Column("actual_start", "Faktisk start", gettext_lazy("A date."), "31.03.2024", kind="date"),
    Column("actual_end", "Faktisk slutt", gettext_lazy("A date."), "31.03.2024", kind="date"),
    Column(
        "estimated_cost",
        "Estimert kostnad",
        gettext_lazy("In NOK, without “kr”."),
        "1 234 567,50",
        kind="money",
    ),
    Column(
        "actual_cost",
        "Faktisk kostnad",
        gettext_lazy("In NOK, without “kr”."),
        "1 234 567,50",
        kind="money",
    ),
    Column(
        "project_owner",
        "Prosjekteier",
        gettext_lazy("The username of a person in the municipality."),
        kind="user",
    ),
    Column(
        "project_leader",
        "Prosjektleder",
        gettext_lazy("The username of a person in the municipality."),
        kind="user",
    ),
    Column(
        "participating_units",
        "Deltakende enheter",
        gettext_lazy("Names of units, separated by semicolons (;)."),
        kind="units",
    ),
    Column(
        "goals",
        "Strategiske mål",
        gettext_lazy("Names of the municipality's strategic goals, separated by semicolons (;)."),
        kind="goals",
    ),
    Column(
        "tags",
        "Stikkord",
        gettext_lazy("Separated by semicolons (;). New tags are created."),
        kind="tags",
    ),
    Column(
        "processes_personal_data",
        "Behandler personopplysninger",
        gettext_lazy("Empty means no."),
        f"{YES}, {NO}",
        kind="bool",
    ),
    Column(
        "ros_status",
        "ROS-status",
        gettext_lazy("Where the risk assessment (ROS) stands. Empty means not assessed."),
        _labels(ASSESSMENT_LABELS),
        kind="choice",
    ),
    Column("ros_date", "ROS-dato", gettext_lazy("A date."), "31.03.2024", kind="date"),
)
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}
# Written by the export, ignored by the import (so an export can be imported again).
EXPORT_ONLY_HEADERS = ("Siste statusrapport", "Siste vurdering")

CHOICES: dict[str, dict[str, str]] = {
    "kind": KIND_LABELS,
    "status": STATUS_LABELS,
    "ros_status": ASSESSMENT_LABELS,
}
# Other spellings people write for the same value.
EXTRA_CHOICE_WORDS: dict[str, dict[str, str]] = {
    "kind": {"ide": "idea", "programme": "programme"},
    "status": {"satt på pause": "paused", "pauset": "paused", "ferdig": "completed"},
    "ros_status": {"ikke nodvendig": "not_needed", "utført": "done", "gjennomført": "done"},
}


def _key(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split()).casefold()


def _choice_lookup(name: str) -> dict[str, str]:
    found = {}
    for value, label in CHOICES[name].items():
        found[_key(label)] = value
        if value:
            found[_key(value)] = value
            found[_key(value.replace("_", " "))] = value
    found.update(EXTRA_CHOICE_WORDS.get(name, {}))
    return found


CHOICE_LOOKUP = {name: _choice_lookup(name) for name in CHOICES}


def _header_lookup() -> dict[str, str]:
    found = {}
    for column in COLUMNS:
        for alias in (column.header, column.key, column.key.replace("_", " ")):
            found[_key(alias)] = column.key
    # Earlier versions of the template named the units (kr) and (brukernavn).
    found.update(
        {
            "estimert kostnad (kr)": "estimated_cost",
            "faktisk kostnad (kr)": "actual_cost",
            "prosjekteier (brukernavn)": "project_owner",
            "prosjektleder (brukernavn)": "project_leader",
        }
    )
    return found


HEADER_LOOKUP = _header_lookup()


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


@dataclass
class Table:
    """The cells of a file: the column names and the rows below them, each with its number."""

    headers: list[str]
    header_row: int
    rows: list[tuple[int, list[Any]]]
    too_many_rows: bool = False


# ---------------------------------------------------------------------------------------------
# Reading a file


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
            headers = [_text(value) for value in values]
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


def _text(value: Any) -> str:
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


# ---------------------------------------------------------------------------------------------
# Checking the rows


@dataclass
class ImportRow:
    """One row, ready for initiative_create."""

    row: int
    name: str
    kind: str
    owning_unit: OrgUnit
    fields: dict[str, Any] = field(default_factory=dict)
    m2m: dict[str, Sequence[Any]] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return str(InitiativeKind(self.kind).label)

    @property
    def status_label(self) -> str:
        return str(InitiativeStatus(self.fields.get("status") or InitiativeStatus.ACTIVE).label)


@dataclass
class ImportPreview:
    """What an import would do: the rows it would create, and every problem that stops it."""

    rows: list[ImportRow]
    problems: list[Problem]
    notices: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.problems


class _Lookup:
    """The municipality's units, people, goals and initiative names, read once (four queries),
    so checking a file takes the same number of queries whatever its length."""

    def __init__(self, municipality: Municipality) -> None:
        self.units: dict[str, list[OrgUnit]] = {}
        for unit in OrgUnit.objects.filter(municipality=municipality):
            self.units.setdefault(_key(unit.name), []).append(unit)
        self.users: dict[str, User] = {
            _key(membership.user.username): membership.user
            for membership in Membership.objects.filter(municipality=municipality).select_related(
                "user"
            )
        }
        self.goals: dict[str, list[StrategicGoal]] = {}
        for goal in StrategicGoal.objects.filter(municipality=municipality):
            self.goals.setdefault(_key(goal.name), []).append(goal)
        self.existing = {
            _key(name)
            for name in Initiative.objects.filter(municipality=municipality).values_list(
                "name", flat=True
            )
        }


class _RowError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def check_import(*, municipality: Municipality, table: Table) -> ImportPreview:
    """Check every row of ``table`` against the municipality's units, people and goals, and
    against the rules an initiative must follow. Nothing is written."""
    problems: list[Problem] = []
    notices: list[str] = []
    positions: dict[str, int] = {}
    for index, header in enumerate(table.headers):
        if not header:
            continue
        key = HEADER_LOOKUP.get(_key(header))
        if key is None:
            if header not in EXPORT_ONLY_HEADERS:
                notices.append(
                    _("The column “%(column)s” is not in the template and is not read.")
                    % {"column": header}
                )
        elif key in positions:
            problems.append(
                Problem(
                    _("The column “%(column)s” appears more than once.")
                    % {"column": COLUMN_BY_KEY[key].header}
                )
            )
        else:
            positions[key] = index
    for column in COLUMNS:
        if column.required and column.key not in positions:
            problems.append(
                Problem(
                    _(
                        "The column “%(column)s” is missing. Use the template's column names "
                        "in the first row."
                    )
                    % {"column": column.header}
                )
            )
    if table.too_many_rows:
        problems.append(
            Problem(
                _("The file has more than %(limit)s rows. Split it into smaller files.")
                % {"limit": f"{MAX_ROWS:,}".replace(",", "\xa0")}
            )
        )
    if problems:
        return ImportPreview([], problems, notices)
    if not table.rows:
        return ImportPreview(
            [], [Problem(_("The file has no initiatives below the column names."))], notices
        )

    lookup = _Lookup(municipality)
    rows: list[ImportRow] = []
    first_row_of_name: dict[str, int] = {}
    name_header = COLUMN_BY_KEY["name"].header
    for number, cells in table.rows:
        values = {
            key: cells[index] if index < len(cells) else None for key, index in positions.items()
        }
        row, row_problems = _check_row(number, values, lookup)
        name_key = _key(_text(values.get("name")))
        if name_key and name_key in first_row_of_name:
            row_problems.append(
                Problem(
                    _("The name is also used in row %(row)s.")
                    % {"row": first_row_of_name[name_key]},
                    number,
                    name_header,
                )
            )
        elif name_key:
            first_row_of_name[name_key] = number
            if name_key in lookup.existing:
                row_problems.append(
                    Problem(
                        _("There is already an initiative with this name."), number, name_header
                    )
                )
        problems.extend(row_problems)
        if row is not None and not row_problems:
            rows.append(row)
    return ImportPreview(rows if not problems else [], problems, notices)


def _check_row(
    number: int, values: dict[str, Any], lookup: _Lookup
) -> tuple[ImportRow | None, list[Problem]]:
    problems: list[Problem] = []
    cleaned: dict[str, Any] = {}
    for key, raw in values.items():
        column = COLUMN_BY_KEY[key]
        try:
            cleaned[key] = _clean(column, raw, lookup)
        except _RowError as error:
            problems.append(Problem(error.message, number, column.header))
    for column in COLUMNS:
        if (
            column.required
            and column.key in values
            and cleaned.get(column.key) in (None, "")
            and not any(p.column == column.header for p in problems)
        ):
            problems.append(Problem(_("The value is required."), number, column.header))
    if cleaned.get("status") == "stopped" and not cleaned.get("stop_reason"):
        problems.append(
            Problem(_("Say why the initiative was stopped."), number, "Grunn til stopp")
        )
    for start, end, message in (
        (
            "planned_start",
            "planned_end",
            _("The planned end cannot be before the planned start."),
        ),
        ("actual_start", "actual_end", _("The actual end cannot be before the actual start.")),
    ):
        if cleaned.get(start) and cleaned.get(end) and cleaned[end] < cleaned[start]:
            problems.append(Problem(message, number, COLUMN_BY_KEY[end].header))
    if problems:
        return None, problems
    fields = {
        key: value
        for key, value in cleaned.items()
        if key not in ("name", "kind", "owning_unit", "participating_units", "goals", "tags")
    }
    if not fields.get("status"):
        fields.pop("status", None)
    m2m = {key: cleaned[key] for key in ("participating_units", "goals") if cleaned.get(key)}
    return (
        ImportRow(
            row=number,
            name=cleaned["name"],
            kind=cleaned["kind"],
            owning_unit=cleaned["owning_unit"],
            fields=fields,
            m2m=m2m,
            tags=cleaned.get("tags") or [],
        ),
        [],
    )


def _clean(column: Column, raw: Any, lookup: _Lookup) -> Any:
    text = _text(raw)
    kind = column.kind
    if kind == "text":
        if column.max_length and len(text) > column.max_length:
            raise _RowError(
                _("The text is too long (at most %(limit)s characters).")
                % {"limit": column.max_length}
            )
        return text
    if kind == "choice":
        return _clean_choice(column.key, text)
    if kind == "unit":
        return _unit(text, lookup) if text else None
    if kind == "units":
        return list(dict.fromkeys(_unit(name, lookup) for name in _split(text)))
    if kind == "user":
        if not text:
            return None
        user = lookup.users.get(_key(text))
        if user is None:
            raise _RowError(
                _("No person with the username “%(name)s” in the municipality.") % {"name": text}
            )
        return user
    if kind == "goals":
        return list(dict.fromkeys(_goal(name, lookup) for name in _split(text)))
    if kind == "tags":
        tags = list(dict.fromkeys(_split(text)))
        if any(len(tag) > 60 for tag in tags):
            raise _RowError(_("A tag can be at most 60 characters long."))
        return tags
    if kind == "date":
        return parse_date(raw)
    if kind == "money":
        return parse_money(raw)
    if kind == "bool":
        return _clean_bool(raw, text)
    raise AssertionError(kind)


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(LIST_SEPARATOR) if part.strip()]


def _clean_choice(key: str, text: str) -> str:
    if not text:
        return ""
    value = CHOICE_LOOKUP[key].get(_key(text))
    if value is None:
        messages = {
            "kind": _("“%(value)s” is not a kind. Use one of: %(allowed)s."),
            "status": _("“%(value)s” is not a status. Use one of: %(allowed)s."),
            "ros_status": _("“%(value)s” is not a ROS status. Use one of: %(allowed)s."),
        }
        raise _RowError(messages[key] % {"value": text, "allowed": _labels(CHOICES[key])})
    return value


def _unit(name: str, lookup: _Lookup) -> OrgUnit:
    units = lookup.units.get(_key(name), [])
    if not units:
        raise _RowError(_("No unit named “%(name)s” in the municipality.") % {"name": name.strip()})
    if len(units) > 1:
        raise _RowError(
            _("Several units are named “%(name)s”, so the import cannot tell which one is meant.")
            % {"name": name.strip()}
        )
    return units[0]


def _goal(name: str, lookup: _Lookup) -> StrategicGoal:
    goals = lookup.goals.get(_key(name), [])
    if not goals:
        raise _RowError(
            _("No strategic goal named “%(name)s” in the municipality.") % {"name": name}
        )
    if len(goals) > 1:
        raise _RowError(
            _(
                "Several strategic goals are named “%(name)s”, so the import cannot tell which "
                "one is meant."
            )
            % {"name": name}
        )
    return goals[0]


def _clean_bool(raw: Any, text: str) -> bool:
    if isinstance(raw, bool):
        return raw
    word = _key(text)
    if word in ("", "nei", "n", "no", "false", "usann", "0"):
        return False
    if word in ("ja", "j", "yes", "true", "sann", "1", "x"):
        return True
    raise _RowError(_("“%(value)s” is not yes or no. Write Ja or Nei.") % {"value": text})


_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_NORWEGIAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def parse_date(raw: Any) -> date | None:
    """A date from an Excel date cell, 2024-03-31 or 31.03.2024. 31.02.2024 is an error."""
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = _text(raw)
    if not text:
        return None
    if match := _ISO_DATE.match(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := _NORWEGIAN_DATE.match(text):
        day, month, year = (int(part) for part in match.groups())
    else:
        raise _RowError(
            _("“%(value)s” is not a date. Write it as 31.03.2024 or 2024-03-31.") % {"value": text}
        )
    try:
        return date(year, month, day)
    except ValueError as error:
        raise _RowError(_("“%(value)s” is not a date that exists.") % {"value": text}) from error


_AMOUNT = re.compile(r"^\d+(?:\.\d+)?$")
_MAX_AMOUNT = Decimal("999999999999.99")  # what the database column holds (14 digits, 2 decimals)


def parse_money(raw: Any) -> Decimal | None:
    """An amount in NOK from an Excel number, "1 234 567,50", "1234567.50", "1.234.567,50" or
    "1 000,-". Text, negative amounts and amounts too large to store are errors."""
    if isinstance(raw, bool):
        raise _RowError(_not_an_amount(_text(raw)))
    if isinstance(raw, int | float | Decimal):
        try:
            amount = Decimal(str(raw))
        except InvalidOperation as error:
            raise _RowError(_not_an_amount(str(raw))) from error
        if not amount.is_finite():
            raise _RowError(_not_an_amount(str(raw)))
    else:
        text = _text(raw)
        if not text:
            return None
        amount = _amount_from_text(text)
    if amount < 0:
        raise _RowError(_("The amount cannot be negative."))
    amount = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if amount > _MAX_AMOUNT:
        raise _RowError(_("The amount is too large."))
    return amount


def _not_an_amount(text: str) -> str:
    return _("“%(value)s” is not an amount. Write it as 1 234 567,50 or 1234567.50.") % {
        "value": text
    }


def _amount_from_text(text: str) -> Decimal:
    number = re.sub(r"\s+", "", text.replace("\xa0", " ").replace("\u202f", " "))
    number = re.sub(r"^(?:kr\.?|nok)", "", number, flags=re.IGNORECASE)
    number = re.sub(r"(?:kr\.?|nok|,-|\.-)$", "", number, flags=re.IGNORECASE)
    negative = number[:1] in ("-", "−")
    if negative:
        number = number[1:]
    if "," in number and "." in number:
        decimal_mark = "," if number.rfind(",") > number.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        number = number.replace(thousands, "").replace(decimal_mark, ".")
    elif number.count(",") > 1 or number.count(".") > 1:
        number = number.replace(",", "").replace(".", "")
    else:
        number = number.replace(",", ".")
    if not _AMOUNT.match(number):
        raise _RowError(_not_an_amount(text))
    return -Decimal(number) if negative else Decimal(number)


# ---------------------------------------------------------------------------------------------
# Writing


class ImportFailed(Exception):
    """The database refused a row after all (someone registered the same name in between, say).
    Nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = problems


def import_rows(
    *, actor: User | None, municipality: Municipality, rows: Sequence[ImportRow]
) -> list[Initiative]:
    """Create every row's initiative through initiative_bulk_create: the checks
    initiative_create makes, one history record each naming ``actor``, all in one transaction.
    If one row is refused, none is written and ImportFailed says which."""
    try:
        return initiative_bulk_create(
            actor=actor,
            municipality=municipality,
            initiatives=[
                NewInitiative(
                    name=row.name,
                    kind=row.kind,
                    owning_unit=row.owning_unit,
                    fields=row.fields,
                    m2m=row.m2m,
                    tags=row.tags,
                )
                for row in rows
            ],
        )
    except BulkCreateError as error:
        row = rows[error.index].row
        raise ImportFailed([Problem(message, row) for message in error.messages]) from error


# ---------------------------------------------------------------------------------------------
# Keeping an upload between the preview and the confirmation


_TOKEN = re.compile(r"^[0-9a-f]{32}$")
PENDING_MAX_AGE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class PendingUpload:
    token: str
    name: str
    data: bytes


def _pending_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def pending_save(*, membership: Membership, name: str, data: bytes) -> str:
    """Keep an uploaded file until the person confirms the import; returns its token. Files
    older than a day are removed on the way."""
    directory = _pending_dir()
    directory.mkdir(parents=True, exist_ok=True)
    cutoff = time.time() - PENDING_MAX_AGE_SECONDS
    for old in directory.iterdir():
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    token = secrets.token_hex(16)
    (directory / f"{token}.data").write_bytes(data)
    meta = {"user": membership.user_id, "municipality": membership.municipality_id, "name": name}
    (directory / f"{token}.json").write_text(json.dumps(meta), encoding="utf-8")
    return token


def pending_load(*, membership: Membership, token: str) -> PendingUpload | None:
    """The file kept under ``token``, if this person uploaded it in this municipality."""
    if not _TOKEN.match(token or ""):
        return None
    directory = _pending_dir()
    try:
        meta = json.loads((directory / f"{token}.json").read_text(encoding="utf-8"))
        data = (directory / f"{token}.data").read_bytes()
    except (OSError, ValueError):
        return None
    if meta.get("user") != membership.user_id or meta.get("municipality") != (
        membership.municipality_id
    ):
        return None
    return PendingUpload(token, str(meta.get("name", "")), data)


def pending_delete(token: str) -> None:
    if _TOKEN.match(token or ""):
        for suffix in (".data", ".json"):
            (_pending_dir() / f"{token}{suffix}").unlink(missing_ok=True)


# ---------------------------------------------------------------------------------------------
# Export


def export_headers() -> list[str]:
    return [column.header for column in COLUMNS] + list(EXPORT_ONLY_HEADERS)


_EXPORT_FIELDS = (
    "pk",
    "name",
    "kind",
    "owning_unit__name",
    "short_description",
    "need",
    "status",
    "stop_reason",
    "planned_start",
    "planned_end",
    "actual_start",
    "actual_end",
    "estimated_cost",
    "actual_cost",
    "project_owner__username",
    "project_leader__username",
    "processes_personal_data",
    "ros_status",
    "ros_date",
)


def _names_by_initiative(
    initiatives: QuerySet[Initiative], relation: str, name: str
) -> dict[int, str]:
    """{initiative id: "name; name"} for a many-to-many relation, in one query."""
    through = getattr(Initiative, relation).through
    found: dict[int, list[str]] = {}
    for initiative_id, value in through.objects.filter(
        initiative__in=initiatives.values("pk")
    ).values_list("initiative_id", name):
        found.setdefault(initiative_id, []).append(value)
    return {pk: f"{LIST_SEPARATOR} ".join(sorted(names)) for pk, names in found.items()}


def _latest_reports(initiatives: QuerySet[Initiative]) -> dict[int, tuple[Any, ...]]:
    """{initiative id: (reported_at, ratings...)} of each initiative's newest status report, in
    one query."""
    newest = StatusReport.objects.filter(initiative=OuterRef("pk")).order_by("-reported_at", "-pk")
    newest_ids = initiatives.annotate(newest_report=Subquery(newest.values("pk")[:1])).values(
        "newest_report"
    )
    return {
        initiative_id: rest
        for initiative_id, *rest in StatusReport.objects.filter(pk__in=newest_ids).values_list(
            "initiative_id", "reported_at", *RATED_ASPECTS
        )
    }


def _overall(ratings: Iterable[str]) -> str:
    found = set(ratings)
    for rating in (Rating.RED, Rating.YELLOW, Rating.GREEN):
        if rating in found:
            return RATING_LABELS[rating]
    return ""


def export_rows(initiatives: QuerySet[Initiative]) -> Iterator[list[Any]]:
    """One list of values per initiative, in the order of export_headers(): text, dates,
    Decimals or None (text not yet neutralised). Five queries whatever the number of
    initiatives, and plain tuples rather than model objects, so 10,000 rows stay quick."""
    units = _names_by_initiative(initiatives, "participating_units", "orgunit__name")
    goals = _names_by_initiative(initiatives, "goals", "strategicgoal__name")
    tags = _names_by_initiative(initiatives, "tags", "tag__name")
    reports = _latest_reports(initiatives)
    for values in initiatives.values_list(*_EXPORT_FIELDS):
        (pk, name, kind, unit, description, need, status, stop_reason) = values[:8]
        (planned_start, planned_end, actual_start, actual_end) = values[8:12]
        (estimated, actual, owner, leader, personal, ros, ros_date) = values[12:]
        report = reports.get(pk)
        yield [
            name,
            KIND_LABELS.get(kind, kind),
            unit,
            description,
            need,
            STATUS_LABELS.get(status, status),
            stop_reason,
            planned_start,
            planned_end,
            actual_start,
            actual_end,
            estimated,
            actual,
            owner or "",
            leader or "",
            units.get(pk, ""),
            goals.get(pk, ""),
            tags.get(pk, ""),
            YES if personal else NO,
            ASSESSMENT_LABELS.get(ros, ros),
            ros_date,
            timezone.localdate(report[0]) if report else None,
            _overall(report[1:]) if report else "",
        ]


def export_filename(municipality: Municipality, extension: str) -> str:
    return f"helhet-portefolje-{municipality.slug}-{timezone.localdate().isoformat()}.{extension}"


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        # Decimal comma: Norwegian Excel reads it as a number.
        return format(value, "f").replace(".", ",")
    if isinstance(value, date):
        return value.isoformat()
    return neutralise(str(value))


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[list[Any]]) -> Iterator[str]:
    """The export as CSV text, line by line: UTF-8 with a byte order mark and semicolons, as
    Norwegian Excel opens it with a double click."""
    writer = csv.writer(_Echo(), delimiter=";", lineterminator="\r\n")
    yield "\ufeff" + writer.writerow(export_headers())
    for row in rows:
        yield writer.writerow([_csv_value(value) for value in row])


def write_csv(rows: Iterable[list[Any]], out: IO[bytes]) -> None:
    for line in csv_lines(rows):
        out.write(line.encode("utf-8"))


def write_xlsx(rows: Iterable[list[Any]], out: IO[bytes]) -> None:
    """The export as an .xlsx workbook, written row by row (openpyxl's write-only mode). Text
    is always stored as text, never as a formula: neutralised text cannot start with "="."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = sheet_with(workbook, SHEET_NAME, export_headers(), _widths(), freeze="B2")

    def value(raw: Any) -> Any:
        if isinstance(raw, str):
            return cell_text(raw)
        if isinstance(raw, Decimal):
            return formatted_cell(sheet, raw, "#,##0.00")
        return raw

    for row in rows:
        sheet.append([value(raw) for raw in row])
    workbook.save(out)


def _widths() -> list[int]:
    return [max(12, min(40, len(header) + 4)) for header in export_headers()]


# ---------------------------------------------------------------------------------------------
# The template


def template_workbook(out: IO[bytes]) -> None:
    """The import template: the columns on the first sheet (with drop-down lists for the fixed
    values), and a second sheet that explains each column and its allowed values."""
    from openpyxl import Workbook
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
