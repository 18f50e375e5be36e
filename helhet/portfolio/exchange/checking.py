"""Checking a Table's rows against the municipality's units, people and goals, and against the
rules an initiative must follow, into an ImportPreview. Nothing is written."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.exchange.columns import (
    COLUMN_BY_KEY,
    COLUMNS,
    EXPORT_ONLY_HEADERS,
    HEADER_LOOKUP,
    MAX_ROWS,
    comparable,
)
from helhet.portfolio.exchange.problems import Problem, RowError
from helhet.portfolio.exchange.reading import Table, cell_as_text
from helhet.portfolio.exchange.values import Lookup, clean_cell
from helhet.portfolio.models import InitiativeKind, InitiativeStatus


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


def check_import(*, municipality: Municipality, table: Table) -> ImportPreview:
    """Check every row of ``table`` against the municipality's units, people and goals, and
    against the rules an initiative must follow. Nothing is written."""
    positions, problems, notices = _read_headers(table.headers)
    problems += _file_problems(table, positions)
    if problems:
        return ImportPreview([], problems, notices)
    if not table.rows:
        return ImportPreview(
            [], [Problem(_("The file has no initiatives below the column names."))], notices
        )
    rows, problems = _check_rows(table, positions, Lookup(municipality))
    return ImportPreview(rows if not problems else [], problems, notices)


def _read_headers(headers: list[str]) -> tuple[dict[str, int], list[Problem], list[str]]:
    """Where each column of the template is ({key: index}), a problem for each column named twice,
    and a notice for each column that is not in the template (and not written by the export)."""
    problems: list[Problem] = []
    notices: list[str] = []
    positions: dict[str, int] = {}
    for index, header in enumerate(headers):
        if not header:
            continue
        key = HEADER_LOOKUP.get(comparable(header))
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
    return positions, problems, notices


def _file_problems(table: Table, positions: dict[str, int]) -> list[Problem]:
    """The required columns that are missing, and a file with too many rows."""
    problems = [
        Problem(
            _(
                "The column “%(column)s” is missing. Use the template's column names "
                "in the first row."
            )
            % {"column": column.header}
        )
        for column in COLUMNS
        if column.required and column.key not in positions
    ]
    if table.too_many_rows:
        problems.append(
            Problem(
                _("The file has more than %(limit)s rows. Split it into smaller files.")
                % {"limit": f"{MAX_ROWS:,}".replace(",", "\xa0")}
            )
        )
    return problems


def _check_rows(
    table: Table, positions: dict[str, int], lookup: Lookup
) -> tuple[list[ImportRow], list[Problem]]:
    """The rows without problems, and every problem of every row, in the file's order."""
    rows: list[ImportRow] = []
    problems: list[Problem] = []
    first_row_of_name: dict[str, int] = {}
    for number, cells in table.rows:
        values = {
            key: cells[index] if index < len(cells) else None for key, index in positions.items()
        }
        row, row_problems = _check_row(number, values, lookup)
        row_problems += _name_problems(number, values, lookup, first_row_of_name)
        problems.extend(row_problems)
        if row is not None and not row_problems:
            rows.append(row)
    return rows, problems


def _name_problems(
    number: int, values: dict[str, Any], lookup: Lookup, first_row_of_name: dict[str, int]
) -> list[Problem]:
    """A name an earlier row or an existing initiative already has. Remembers the first row of
    each name in ``first_row_of_name``."""
    name_key = comparable(cell_as_text(values.get("name")))
    name_header = COLUMN_BY_KEY["name"].header
    if name_key and name_key in first_row_of_name:
        return [
            Problem(
                _("The name is also used in row %(row)s.") % {"row": first_row_of_name[name_key]},
                number,
                name_header,
            )
        ]
    if name_key:
        first_row_of_name[name_key] = number
        if name_key in lookup.existing:
            return [
                Problem(_("There is already an initiative with this name."), number, name_header)
            ]
    return []


def _check_row(
    number: int, values: dict[str, Any], lookup: Lookup
) -> tuple[ImportRow | None, list[Problem]]:
    """One row as an ImportRow, or its problems."""
    cleaned, problems = _clean_row(number, values, lookup)
    problems += _rule_problems(number, values, cleaned, problems)
    if problems:
        return None, problems
    return _import_row(number, cleaned), []


def _clean_row(
    number: int, values: dict[str, Any], lookup: Lookup
) -> tuple[dict[str, Any], list[Problem]]:
    """Each cell's value as the field needs it, and a problem for each cell that cannot be used."""
    problems: list[Problem] = []
    cleaned: dict[str, Any] = {}
    for key, raw in values.items():
        column = COLUMN_BY_KEY[key]
        try:
            cleaned[key] = clean_cell(column, raw, lookup)
        except RowError as error:
            problems.append(Problem(error.message, number, column.header))
    return cleaned, problems


def _rule_problems(
    number: int, values: dict[str, Any], cleaned: dict[str, Any], problems: list[Problem]
) -> list[Problem]:
    """The rules across cells: required values (where the cell has no problem already), a reason
    for a stop, ends not before starts."""
    found = [
        Problem(_("The value is required."), number, column.header)
        for column in COLUMNS
        if column.required
        and column.key in values
        and cleaned.get(column.key) in (None, "")
        and not any(p.column == column.header for p in problems)
    ]
    if cleaned.get("status") == "stopped" and not cleaned.get("stop_reason"):
        found.append(Problem(_("Say why the initiative was stopped."), number, "Grunn til stopp"))
    for start, end, message in (
        (
            "planned_start",
            "planned_end",
            _("The planned end cannot be before the planned start."),
        ),
        ("actual_start", "actual_end", _("The actual end cannot be before the actual start.")),
    ):
        if cleaned.get(start) and cleaned.get(end) and cleaned[end] < cleaned[start]:
            found.append(Problem(message, number, COLUMN_BY_KEY[end].header))
    return found


def _import_row(number: int, cleaned: dict[str, Any]) -> ImportRow:
    fields = {
        key: value
        for key, value in cleaned.items()
        if key not in ("name", "kind", "owning_unit", "participating_units", "goals", "tags")
    }
    if not fields.get("status"):
        fields.pop("status", None)
    m2m = {key: cleaned[key] for key in ("participating_units", "goals") if cleaned.get(key)}
    return ImportRow(
        row=number,
        name=cleaned["name"],
        kind=cleaned["kind"],
        owning_unit=cleaned["owning_unit"],
        fields=fields,
        m2m=m2m,
        tags=cleaned.get("tags") or [],
    )
