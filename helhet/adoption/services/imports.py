"""Adoption counts from a spreadsheet (.xlsx or .csv): one count a row with the solution, the
unit, the day and the number in use. First checked row by row into a preview, then imported all
or nothing: one unknown solution or unit, one count the unit may not record or that would be
refused when entered by hand, and nothing is written."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.adoption.access import record_refusal
from helhet.adoption.models import (
    AdoptionCount,
    CountSource,
    MeasureKind,
    Solution,
    SolutionUnit,
)
from helhet.adoption.services.counts import adoption_count_record, count_errors
from helhet.core.text import max_length_of
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.exchange import Problem, Table, cell_as_text, parse_date
from helhet.portfolio.exchange.problems import RowError

# The columns, by their Norwegian names in the spreadsheet (compared without case).
COLUMNS = {
    "løsning": "solution",
    "enhet": "unit",
    "dato": "counted_on",
    "i bruk": "value",
    "grunnlag": "eligible",
    "kommentar": "comment",
}
COMMENT_LIMIT = max_length_of(AdoptionCount, "comment")
REQUIRED = ("solution", "unit", "counted_on", "value")
HEADER_OF = {key: name.capitalize() for name, key in COLUMNS.items()}


@dataclass(frozen=True)
class CountRow:
    """A row that would become a count."""

    row: int
    solution_unit: SolutionUnit
    counted_on: date
    value: Decimal
    eligible: int | None
    comment: str


@dataclass
class CountsPreview:
    """What importing the file would do: the counts it would record, or what is wrong."""

    rows: list[CountRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.problems

    @property
    def plan(self) -> str:
        """A fingerprint of the counts the preview showed, to tell at the confirmation whether
        the file still means the same."""
        text = "|".join(
            f"{r.solution_unit.pk};{r.counted_on};{r.value};{r.eligible};{r.comment}"
            for r in self.rows
        )
        return hashlib.sha256(text.encode()).hexdigest()


def _number(raw: Any) -> Decimal | None:
    if isinstance(raw, int | float | Decimal) and not isinstance(raw, bool):
        number = Decimal(str(raw))
    else:
        text = cell_as_text(raw).replace("\u00a0", "").replace(" ", "").replace(",", ".")
        text = text.removesuffix("%").strip()
        if not text:
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise RowError(
                _("“%(value)s” is not a number.") % {"value": cell_as_text(raw)}
            ) from None
    if not number.is_finite():
        raise RowError(_("Enter a number, e.g. 12."))
    return number


def _positions(table: Table) -> tuple[dict[str, int], list[Problem]]:
    positions: dict[str, int] = {}
    for index, header in enumerate(table.headers):
        key = COLUMNS.get(header.strip().casefold())
        if key is not None and key not in positions:
            positions[key] = index
    missing = [HEADER_OF[key] for key in REQUIRED if key not in positions]
    if missing:
        return positions, [
            Problem(
                _(
                    "The file lacks the columns %(columns)s. The first row must name the "
                    "columns Løsning, Enhet, Dato and I bruk."
                )
                % {"columns": ", ".join(f"“{name}”" for name in missing)}
            )
        ]
    return positions, []


class _Lookup:
    """The municipality's solutions and units by name, read once."""

    def __init__(self, municipality: Municipality) -> None:
        self.units: dict[tuple[str, str], SolutionUnit] = {}
        self.solutions: dict[str, int] = {}
        for solution_unit in SolutionUnit.objects.filter(municipality=municipality).select_related(
            "solution", "unit"
        ):
            name = solution_unit.solution.name.casefold()
            self.units[(name, solution_unit.unit.name.casefold())] = solution_unit
        for name in Solution.objects.filter(municipality=municipality).values_list(
            "name", flat=True
        ):
            key = name.casefold()
            self.solutions[key] = self.solutions.get(key, 0) + 1
        self.unit_names = {
            name.casefold()
            for name in OrgUnit.objects.filter(municipality=municipality).values_list(
                "name", flat=True
            )
        }

    def find(self, solution: str, unit: str) -> SolutionUnit:
        key = solution.casefold()
        if key not in self.solutions:
            raise RowError(
                _(
                    "There is no solution “%(name)s”. Write its name as the list of solutions "
                    "shows it."
                )
                % {"name": solution}
            )
        if self.solutions[key] > 1:
            raise RowError(
                _("Two solutions are called “%(name)s”. Enter these counts in Helhet.")
                % {"name": solution}
            )
        found = self.units.get((key, unit.casefold()))
        if found is not None:
            return found
        if unit.casefold() not in self.unit_names:
            raise RowError(
                _("There is no unit “%(name)s”. Write its name as the organisation shows it.")
                % {"name": unit}
            )
        raise RowError(
            _("%(unit)s is not among the units that should use %(solution)s.")
            % {"unit": unit, "solution": solution}
        )


def counts_preview(*, actor: User, municipality: Municipality, table: Table) -> CountsPreview:
    """Check every row of the file, as entering it by hand would (``count_errors`` and who may
    count for the unit), and two rows for one unit and day; nothing is written."""
    positions, problems = _positions(table)
    preview = CountsPreview(problems=problems)
    if problems:
        return preview
    if table.too_many_rows:
        preview.problems.append(Problem(_("The file has too many rows. Split it in two.")))
        return preview
    lookup = _Lookup(municipality)
    refusals: dict[int, str | None] = {}
    seen: set[tuple[int, date]] = set()
    today = timezone.localdate()

    def cell(cells: list[Any], key: str) -> Any:
        index = positions.get(key)
        return cells[index] if index is not None and index < len(cells) else None

    for number, cells in table.rows:
        try:
            solution_unit = lookup.find(
                cell_as_text(cell(cells, "solution")).strip(),
                cell_as_text(cell(cells, "unit")).strip(),
            )
            counted_on = parse_date(cell(cells, "counted_on"))
            value = _number(cell(cells, "value"))
            eligible_number = _number(cell(cells, "eligible"))
        except RowError as error:
            preview.problems.append(Problem(str(error), number))
            continue
        if counted_on is None or value is None:
            preview.problems.append(
                Problem(_("Write the day (Dato) and the number in use (I bruk)."), number)
            )
            continue
        if solution_unit.pk not in refusals:
            refusals[solution_unit.pk] = record_refusal(actor, solution_unit)
        if refusals[solution_unit.pk]:
            preview.problems.append(Problem(str(refusals[solution_unit.pk]), number))
            continue
        eligible = int(eligible_number) if eligible_number is not None else None
        if eligible_number is not None and eligible_number != eligible:
            preview.problems.append(Problem(_("The eligible base is a whole number."), number))
            continue
        if eligible is None and solution_unit.solution.measure_kind == MeasureKind.COUNT:
            eligible = solution_unit.eligible_base
        errors = count_errors(
            solution_unit, counted_on=counted_on, value=value, eligible=eligible, today=today
        )
        if (solution_unit.pk, counted_on) in seen:
            errors["counted_on"] = _("The file counts this unit twice on one day.")
        seen.add((solution_unit.pk, counted_on))
        for key, message in errors.items():
            preview.problems.append(Problem(message, number, HEADER_OF.get(key, "")))
        if not errors:
            preview.rows.append(
                CountRow(
                    number,
                    solution_unit,
                    counted_on,
                    value,
                    eligible,
                    cell_as_text(cell(cells, "comment")).strip()[:COMMENT_LIMIT],
                )
            )
    if not preview.rows and not preview.problems:
        preview.problems.append(Problem(_("The file has no counts below the column names.")))
    return preview


@transaction.atomic
def adoption_counts_import(
    *, actor: User, municipality: Municipality, table: Table
) -> list[AdoptionCount]:
    """Record every count of the file, all or nothing: refused with every problem found (each
    with its row) when any row would be refused (see ``counts_preview``); nothing written then.
    Each count is marked as imported, and the units' latest figures are kept in step."""
    preview = counts_preview(actor=actor, municipality=municipality, table=table)
    if not preview.ok:
        raise ValidationError([str(problem) for problem in preview.problems])
    return [
        adoption_count_record(
            actor=actor,
            solution_unit=row.solution_unit,
            counted_on=row.counted_on,
            value=row.value,
            eligible=row.eligible,
            comment=row.comment,
            source=CountSource.IMPORTED,
        )
        for row in sorted(preview.rows, key=lambda row: row.counted_on)
    ]
