"""The overview's rows as a spreadsheet that can be imported again: .xlsx (written row by row)
or CSV for Norwegian Excel. Text is never stored as a formula."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal
from typing import IO, Any

from django.db.models import QuerySet
from django.utils import timezone

from helhet.core.spreadsheets import cell_text, formatted_cell, neutralise, sheet_with
from helhet.organization.models import Municipality
from helhet.portfolio.exchange.columns import (
    ASSESSMENT_LABELS,
    COLUMNS,
    EXPORT_ONLY_HEADERS,
    KIND_LABELS,
    LIST_SEPARATOR,
    NO,
    RATING_LABELS,
    SHEET_NAME,
    STATUS_LABELS,
    YES,
)
from helhet.portfolio.models import RATED_ASPECTS, Initiative, Rating, StatusReport


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
    newest = StatusReport.objects.newest_per_initiative().filter(
        initiative__in=initiatives.values("pk")
    )
    return {
        initiative_id: rest
        for initiative_id, *rest in newest.values_list(
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
    from openpyxl import Workbook  # type: ignore[import-untyped]

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
