"""Checking a Table's rows against the municipality's units, people, goals and initiatives, and
against the rules an initiative must follow, into an ImportPreview: each row a new initiative, a
change of an existing one (matched by ID, then by name), or unchanged. Nothing is written."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.exchange.changes import (
    RELATION_KEYS,
    Change,
    current_value,
    current_values,
    row_changes,
    shown_value,
)
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
from helhet.portfolio.models import Initiative, InitiativeKind, InitiativeStatus

# What a row does: registers a new initiative, changes an existing one, or leaves it as it is.
NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"


@dataclass
class ImportRow:
    """One row, ready for initiative_create (a new initiative) or initiative_update (an
    existing ``initiative``: ``fields``, ``m2m`` and ``tags`` then hold only what changes, and
    ``version`` is the version the change starts from)."""

    row: int
    name: str
    kind: str
    owning_unit: OrgUnit
    fields: dict[str, Any] = field(default_factory=dict)
    m2m: dict[str, Sequence[Any]] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    initiative: Initiative | None = None
    version: int = 0
    changes: list[Change] = field(default_factory=list)
    tags_changed: bool = False

    @property
    def action(self) -> str:
        if self.initiative is None:
            return NEW
        return CHANGED if self.changes else UNCHANGED

    @property
    def kind_label(self) -> str:
        return str(InitiativeKind(self.kind).label)

    @property
    def status_label(self) -> str:
        status = self.fields.get("status") or (
            self.initiative.status if self.initiative else InitiativeStatus.ACTIVE
        )
        return str(InitiativeStatus(status).label)


@dataclass
class ImportPreview:
    """What an import would do: the rows it would create, change or leave as they are, and
    every problem that stops it."""

    rows: list[ImportRow]
    problems: list[Problem]
    notices: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.problems

    def _count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def new(self) -> int:
        return self._count(NEW)

    @property
    def changed(self) -> int:
        return self._count(CHANGED)

    @property
    def unchanged(self) -> int:
        return self._count(UNCHANGED)

    def summary(self) -> str:
        """What the import does, in words: "2 new initiatives, 1 changed, 30 unchanged"."""
        return ", ".join(
            (
                ngettext("%(count)s new initiative", "%(count)s new initiatives", self.new)
                % {"count": self.new},
                ngettext("%(count)s changed", "%(count)s changed", self.changed)
                % {"count": self.changed},
                ngettext("%(count)s unchanged", "%(count)s unchanged", self.unchanged)
                % {"count": self.unchanged},
            )
        )

    @property
    def plan(self) -> str:
        """A digest of what the import would do (each row's action, initiative and changes): the
        confirmation writes only if checking the file again gives the same plan."""
        lines = [
            "|".join(
                (
                    str(row.row),
                    row.action,
                    str(row.initiative.pk if row.initiative else ""),
                    *(f"{c.column}={c.old}>{c.new}" for c in row.changes),
                )
            )
            for row in self.rows
        ]
        return hashlib.sha256("\n".join(lines).encode()).hexdigest()

    @property
    def to_write(self) -> list[ImportRow]:
        """The rows that create or change an initiative, in the file's order."""
        return [row for row in self.rows if row.action != UNCHANGED]


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
    seen = _Seen()
    for number, cells in table.rows:
        values = {
            key: cells[index] if index < len(cells) else None for key, index in positions.items()
        }
        row, row_problems = _check_row(number, values, lookup, seen)
        problems.extend(row_problems)
        if row is not None:
            rows.append(row)
    return rows, problems


@dataclass
class _Seen:
    """The first row of each name and of each existing initiative, in the rows checked so far."""

    names: dict[str, int] = field(default_factory=dict)
    initiatives: dict[int, int] = field(default_factory=dict)


def _check_row(
    number: int, values: dict[str, Any], lookup: Lookup, seen: _Seen
) -> tuple[ImportRow | None, list[Problem]]:
    """One row as an ImportRow, or its problems."""
    cleaned, problems = _clean_row(number, values, lookup)
    target = _target(cleaned, lookup)
    if target is not None:
        problems = _keep_current_references(target, values, cleaned, problems, lookup)
    problems += _name_problems(number, cleaned, target, lookup, seen, problems)
    state = {**current_values(target), **cleaned} if target else cleaned
    problems += _rule_problems(number, values, state, problems)
    if problems:
        return None, problems
    row = _import_row(number, cleaned, target, lookup)
    version = cleaned.get("version")
    if target is not None and row.changes and version is not None and version != target.version:
        message = _(
            "The initiative has been saved in Helhet since the file was exported (version "
            "%(file)s in the file, %(now)s now), so this row would overwrite newer changes. "
            "Export the portfolio again and make the changes in the new file."
        ) % {"file": version, "now": target.version}
        return None, [Problem(message, number, COLUMN_BY_KEY["version"].header)]
    return row, []


# The columns that name the municipality's units, people and goals.
_REFERENCE_KEYS = ("owning_unit", "participating_units", "goals", "project_owner", "project_leader")


def _keep_current_references(
    target: Initiative,
    values: dict[str, Any],
    cleaned: dict[str, Any],
    problems: list[Problem],
    lookup: Lookup,
) -> list[Problem]:
    """A cell that names what the initiative has now, as the export wrote it, is no problem even
    if the name alone is not enough to find it (two units with one name, a person who has left
    the municipality), so an export reads back unchanged. Choosing them anew is still refused."""
    kept = problems
    for key in _REFERENCE_KEYS:
        column = COLUMN_BY_KEY[key]
        if key not in values or not any(problem.column == column.header for problem in kept):
            continue
        current = current_value(target, key)
        text = cell_as_text(values[key])
        written = {shown_value(column, current, lookup)}
        if column.kind == "user" and current is not None:
            written.add(current.username)
        if text in written:
            kept = [problem for problem in kept if problem.column != column.header]
            cleaned[key] = current
    return kept


def _target(cleaned: dict[str, Any], lookup: Lookup) -> Initiative | None:
    """The existing initiative a row changes: the one with its ID, else the one with its name."""
    if isinstance(cleaned.get("id"), Initiative):
        return cleaned["id"]
    name = cleaned.get("name")
    return lookup.by_name.get(comparable(name)) if name else None


def _name_problems(
    number: int,
    cleaned: dict[str, Any],
    target: Initiative | None,
    lookup: Lookup,
    seen: _Seen,
    problems: list[Problem],
) -> list[Problem]:
    """A name an earlier row has, an initiative an earlier row changes already, or a name
    another existing initiative has. Remembers the row of each name and initiative in
    ``seen``."""
    id_header, name_header = COLUMN_BY_KEY["id"].header, COLUMN_BY_KEY["name"].header
    if any(problem.column == id_header for problem in problems):
        return []
    name_key = comparable(cleaned.get("name") or "")
    if name_key and name_key in seen.names:
        message = _("The name is also used in row %(row)s.") % {"row": seen.names[name_key]}
        return [Problem(message, number, name_header)]
    if target is not None and target.pk in seen.initiatives:
        message = _("The initiative is also in row %(row)s.") % {"row": seen.initiatives[target.pk]}
        return [Problem(message, number, id_header)]
    if name_key:
        seen.names[name_key] = number
    if target is not None:
        seen.initiatives[target.pk] = number
    holder = lookup.by_name.get(name_key) if name_key else None
    if holder is not None and holder != target:
        return [Problem(_("There is already an initiative with this name."), number, name_header)]
    return []


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
            if key == "status" and not cleaned[key]:
                cleaned[key] = InitiativeStatus.ACTIVE  # "Empty means active"
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


def _import_row(
    number: int, cleaned: dict[str, Any], target: Initiative | None, lookup: Lookup
) -> ImportRow:
    """The row as initiative_create takes it, or, for an existing initiative, what it changes."""
    row = ImportRow(
        row=number,
        name=cleaned["name"],
        kind=cleaned["kind"],
        owning_unit=cleaned["owning_unit"],
    )
    if target is not None:
        found = row_changes(target, cleaned, lookup)
        row.initiative, row.version, row.changes = target, target.version, found.shown
        row.fields, row.m2m = found.fields, found.m2m
        row.tags, row.tags_changed = found.tags or [], found.tags is not None
        if cleaned.get("version") is not None:
            row.version = cleaned["version"]
        return row
    row.fields = {
        key: value
        for key, value in cleaned.items()
        if key not in ("id", "version", "name", "kind", "owning_unit", *RELATION_KEYS, "tags")
    }
    row.m2m = {key: cleaned[key] for key in RELATION_KEYS if cleaned.get(key)}
    row.tags = cleaned.get("tags") or []
    return row
