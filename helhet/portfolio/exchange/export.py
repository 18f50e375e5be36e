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

from helhet.accounts.models import Membership
from helhet.core.spreadsheets import cell_text, formatted_cell, neutralise, sheet_with
from helhet.organization.models import Municipality
from helhet.portfolio.exchange.columns import (
    ASSESSMENT_LABELS,
    COLUMNS,
    EXPORT_ONLY_HEADERS,
    FUNDING_LABELS,
    KIND_LABELS,
    LIST_SEPARATOR,
    NO,
    RATING_LABELS,
    SHEET_NAME,
    STATUS_LABELS,
    YES,
    comparable,
)
from helhet.portfolio.exchange.values import full_name, person_label
from helhet.portfolio.models import (
    RATED_ASPECTS,
    FundingSource,
    Initiative,
    Rating,
    StatusReport,
)


def export_headers() -> list[str]:
    return [column.header for column in COLUMNS] + list(EXPORT_ONLY_HEADERS)


_EXPORT_FIELDS = (
    "pk",
    "version",
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
    "project_owner__first_name",
    "project_owner__last_name",
    "project_owner__username",
    "project_leader__first_name",
    "project_leader__last_name",
    "project_leader__username",
    "processes_personal_data",
    "ros_status",
    "ros_date",
    "dpia_status",
    "dpia_date",
    "dpa_status",
    "dpa_date",
    "method_run__version__method__name",
    "method_run__current_phase__name",
    "method_run__level__name",
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


def _shared_names(initiatives: QuerySet[Initiative]) -> set[str]:
    """The names (compared) that several members of the initiatives' municipality have, in one
    query: the export writes such a person as "name (username)" so the file imports again."""
    seen: set[str] = set()
    shared: set[str] = set()
    for first, last in Membership.objects.filter(
        municipality__in=initiatives.values("municipality")
    ).values_list("user__first_name", "user__last_name"):
        name = comparable(full_name(first, last))
        if name:
            (shared if name in seen else seen).add(name)
    return shared


def _funding(initiatives: QuerySet[Initiative]) -> dict[int, tuple[str, Decimal]]:
    """{initiative id: ("Digitaliseringsfondet: 800 000,00; ...", total)}, in one query."""
    lines: dict[int, list[tuple[str, Decimal]]] = {}
    for initiative_id, source, amount in (
        FundingSource.objects.filter(initiative__in=initiatives.values("pk"))
        .order_by("initiative_id", "source", "pk")
        .values_list("initiative_id", "source", "amount")
    ):
        lines.setdefault(initiative_id, []).append((FUNDING_LABELS.get(source, source), amount))
    return {
        pk: (
            f"{LIST_SEPARATOR} ".join(
                f"{label}: {_amount_text(amount)}" for label, amount in found
            ),
            sum((amount for _label, amount in found), Decimal("0.00")),
        )
        for pk, found in lines.items()
    }


def _amount_text(amount: Decimal) -> str:
    return f"{amount:,.2f}".replace(",", "\xa0").replace(".", ",")


def export_rows(initiatives: QuerySet[Initiative]) -> Iterator[list[Any]]:
    """One list of values per initiative, in the order of export_headers(): text, numbers,
    dates, Decimals or None (text not yet neutralised), people by name. A fixed number of
    queries whatever the number of initiatives, and plain tuples rather than model objects, so
    10,000 rows stay quick."""
    units = _names_by_initiative(initiatives, "participating_units", "orgunit__name")
    goals = _names_by_initiative(initiatives, "goals", "strategicgoal__name")
    tags = _names_by_initiative(initiatives, "tags", "tag__name")
    reports = _latest_reports(initiatives)
    funding = _funding(initiatives)
    shared = _shared_names(initiatives)
    for values in initiatives.values_list(*_EXPORT_FIELDS):
        row = dict(zip(_EXPORT_FIELDS, values, strict=True))
        pk = row["pk"]
        report = reports.get(pk)
        funded = funding.get(pk)
        cells = {
            **row,
            "id": pk,
            "kind": KIND_LABELS.get(row["kind"], row["kind"]),
            "owning_unit": row["owning_unit__name"],
            "status": STATUS_LABELS.get(row["status"], row["status"]),
            "project_owner": _person(row, "project_owner", shared),
            "project_leader": _person(row, "project_leader", shared),
            "participating_units": units.get(pk, ""),
            "goals": goals.get(pk, ""),
            "tags": tags.get(pk, ""),
            "processes_personal_data": YES if row["processes_personal_data"] else NO,
            **{
                key: ASSESSMENT_LABELS.get(row[key], row[key])
                for key in ("ros_status", "dpia_status", "dpa_status")
            },
        }
        yield [
            *(cells[column.key] for column in COLUMNS),
            row["method_run__version__method__name"] or "",
            row["method_run__current_phase__name"] or "",
            row["method_run__level__name"] or "",
            funded[0] if funded else "",
            funded[1] if funded else None,
            timezone.localdate(report[0]) if report else None,
            _overall(report[1:]) if report else "",
        ]


def _person(row: dict[str, Any], key: str, shared: set[str]) -> str:
    username = row[f"{key}__username"]
    if not username:
        return ""
    return person_label(row[f"{key}__first_name"], row[f"{key}__last_name"], username, shared)


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
