"""Reads of the adoption: the solutions with their adoption in total, a solution's units with
who is below target, fell or is late, adoption over time, and the units that need attention
across every solution. The figures come from what the count services keep on each unit, so an
overview costs the same few queries for 5 units as for 60,000."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import (
    Avg,
    Count,
    Exists,
    F,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce

from helhet.accounts.models import Membership
from helhet.adoption.models import AdoptionCount, MeasureKind, Solution, SolutionUnit
from helhet.organization.models import Municipality

HUNDRED = Decimal(100)
CENT = Decimal("0.01")

# A unit's own target, else its solution's.
UNIT_TARGET = Coalesce(F("target_percent"), F("solution__target_percent"))
BELOW_TARGET = Q(latest_percent__lt=UNIT_TARGET)


def _share(in_use: Decimal | None, eligible: int | None) -> Decimal | None:
    if in_use is None or not eligible:
        return None
    return (in_use * HUNDRED / eligible).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class SolutionSummary:
    """One solution in the overview: how many units should use it, how much is in use of the
    eligible base in total (the latest count of each unit), and how many units are below
    target, fell since their previous count, or are late with their count."""

    solution: Solution
    units: int
    in_use: Decimal | None
    eligible: int | None
    percent: Decimal | None
    below_target: int
    fell: int
    late: int
    owner_missing: bool
    owner_left: bool

    @property
    def flagged(self) -> bool:
        return self.owner_missing or self.owner_left


def solution_totals(units: QuerySet[SolutionUnit], *, today: date) -> dict[int, dict[str, Any]]:
    """The figures the ``units`` keep, added up per solution id: how many units, how many have
    counted, the sums in use and of the eligible base, the mean share, how many are below
    target, fell or are late, and the newest count's date. One query, one pass over the units.
    The one place a solution's adoption in total is added up (``total_of`` finishes it)."""
    return {
        row["solution_id"]: row
        for row in units.values("solution_id")
        .annotate(
            unit_count=Count("pk"),
            units_counted=Count("pk", filter=Q(latest_value__isnull=False)),
            in_use=Sum("latest_value", filter=Q(latest_eligible__isnull=False)),
            all_in_use=Sum("latest_value"),
            eligible=Sum("latest_eligible"),
            average_share=Avg("latest_percent"),
            below_target=Count("pk", filter=BELOW_TARGET),
            fell=Count("pk", filter=Q(fell=True)),
            late=Count("pk", filter=Q(count_due_on__lt=today)),
            latest_on=Max("latest_counted_on"),
        )
        .order_by()
    }


def total_of(solution: Solution, figures: dict[str, Any]) -> tuple[Decimal | None, Decimal | None]:
    """A solution's adoption in total from its ``solution_totals``: how much is in use (of
    the units with an eligible base, for a number) and the share in per cent (in use of the
    eligible base, or the units' mean share for a measure that is a share)."""
    if solution.measure_kind == MeasureKind.SHARE:
        percent = figures.get("average_share")
        return figures.get("all_in_use"), (
            Decimal(percent).quantize(CENT, rounding=ROUND_HALF_UP) if percent is not None else None
        )
    in_use = figures.get("in_use")
    return in_use, _share(in_use, figures.get("eligible"))


def solutions_overview(
    *, municipality: Municipality, today: date, stage: str = ""
) -> list[SolutionSummary]:
    """Every solution of the municipality (of ``stage`` when given), by name, with its
    adoption in total and its flags. Two queries: the units' kept figures added up per
    solution (one pass over the units, no sort), then the solutions themselves."""
    totals = solution_totals(SolutionUnit.objects.filter(municipality=municipality), today=today)
    rows = (
        Solution.objects.filter(municipality=municipality)
        .select_related("owner_unit", "owner_person")
        .annotate(
            owner_member=Exists(
                Membership.objects.filter(
                    user_id=OuterRef("owner_person_id"),
                    municipality_id=OuterRef("municipality_id"),
                    user__is_active=True,
                )
            ),
        )
        .order_by("name", "pk")
    )
    if stage:
        rows = rows.filter(stage=stage)
    summaries = []
    for row in rows:
        figures = totals.get(row.pk, {})
        in_use, percent = total_of(row, figures)
        summaries.append(
            SolutionSummary(
                solution=row,
                units=figures.get("unit_count", 0),
                in_use=in_use,
                eligible=figures.get("eligible"),
                percent=percent,
                below_target=figures.get("below_target", 0),
                fell=figures.get("fell", 0),
                late=figures.get("late", 0),
                owner_missing=row.owner_person_id is None and row.owner_unit_id is None,
                owner_left=row.owner_person_id is not None and not row.owner_member,
            )
        )
    return summaries


@dataclass(frozen=True)
class UnitRow:
    """A unit that should use the solution, as the solution's page shows it."""

    solution_unit: SolutionUnit
    target: Decimal | None
    below_target: bool
    late: bool
    may_record: bool

    @property
    def fell(self) -> bool:
        return self.solution_unit.fell


def solution_unit_rows(
    solution: Solution, *, today: date, recordable: set[int] | None
) -> list[UnitRow]:
    """The solution's units by name, each with its target, whether it is below it, late with
    its count (past the solution's interval), and whether the member may count for it
    (``recordable``: the org units they may count for, None for all). One query."""
    rows = []
    for solution_unit in solution.units.select_related("unit").order_by("unit__name", "pk"):
        solution_unit.solution = solution
        target = (
            solution_unit.target_percent
            if solution_unit.target_percent is not None
            else solution.target_percent
        )
        percent = solution_unit.latest_percent
        due = solution_unit.count_due_on
        rows.append(
            UnitRow(
                solution_unit=solution_unit,
                target=target,
                below_target=percent is not None and target is not None and percent < target,
                late=due is not None and due < today,
                may_record=recordable is None or solution_unit.unit_id in recordable,
            )
        )
    return rows


@dataclass(frozen=True)
class Period:
    """The adoption at the end of a month: each unit's latest count so far added up."""

    month: date
    in_use: Decimal
    eligible: int | None
    percent: Decimal | None
    units_counted: int


def _month_end(day: date) -> date:
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def adoption_over_time(solution: Solution, *, today: date, months: int = 24) -> list[Period]:
    """The solution's adoption at the end of each of the last ``months`` months (up to this
    one, from the month it came into use): each unit's newest count up to that day, added up
    (a unit that did not count in a month keeps its count before); the share of the eligible
    base for a count, the average share for a share. Two queries."""
    first = today.replace(day=1)
    for _step in range(months - 1):
        first = (first - timedelta(days=1)).replace(day=1)
    start = max(first, solution.in_use_since.replace(day=1))
    if start > today:
        return []
    units = solution.units.all()
    before = AdoptionCount.objects.filter(
        solution_unit=OuterRef("pk"), counted_on__lt=start
    ).order_by("-counted_on")
    state: dict[int, tuple[Decimal, int | None]] = {}
    for pk, value, eligible, base in units.annotate(
        seed_value=Subquery(before.values("value")[:1]),
        seed_eligible=Subquery(before.values("eligible")[:1]),
    ).values_list("pk", "seed_value", "seed_eligible", "eligible_base"):
        if value is not None:
            state[pk] = (value, eligible if eligible is not None else base)
    bases = dict(units.values_list("pk", "eligible_base"))
    counts = (
        AdoptionCount.objects.filter(solution_unit__solution=solution, counted_on__gte=start)
        .order_by("counted_on", "pk")
        .values_list("solution_unit_id", "counted_on", "value", "eligible")
        .iterator(chunk_size=5000)
    )
    periods: list[Period] = []
    month_end = _month_end(start)
    share = solution.measure_kind == MeasureKind.SHARE

    def close(day: date) -> None:
        values = list(state.values())
        in_use = sum((value for value, _base in values), Decimal(0))
        with_base = [(value, base) for value, base in values if base]
        eligible = sum(base for _value, base in with_base if base) if with_base else None
        if share:
            percent = (in_use / len(values)).quantize(CENT) if values else None
        else:
            percent = _share(sum((v for v, _b in with_base), Decimal(0)), eligible)
        periods.append(Period(day, in_use, eligible, percent, len(values)))

    for unit_pk, counted_on, value, eligible in counts:
        while counted_on > month_end:
            close(month_end)
            month_end = _month_end(month_end + timedelta(days=1))
        state[unit_pk] = (value, eligible if eligible is not None else bases.get(unit_pk))
    while month_end <= _month_end(today):
        close(month_end)
        month_end = _month_end(month_end + timedelta(days=1))
    return periods


def units_needing_attention(
    *, municipality: Municipality, today: date, unit_ids: set[int] | None = None, why: str = ""
) -> QuerySet[SolutionUnit]:
    """Across every solution, the units below target, whose adoption fell since the previous
    count, or that are late with their count (``why`` narrows to one of "below", "fell",
    "late"), in ``unit_ids`` when given; by solution and unit, each annotated with
    ``target`` and the flags ``is_below``, ``is_late``. Nothing loaded here."""
    reasons = {
        "below": BELOW_TARGET,
        "fell": Q(fell=True),
        "late": Q(count_due_on__lt=today),
    }
    wanted = (
        reasons[why] if why in reasons else reasons["below"] | reasons["fell"] | reasons["late"]
    )
    rows = (
        SolutionUnit.objects.filter(municipality=municipality)
        .filter(wanted)
        .select_related("solution", "unit")
        .annotate(target=UNIT_TARGET)
        .order_by("solution__name", "solution_id", "unit__name", "pk")
    )
    if unit_ids is not None:
        rows = rows.filter(unit_id__in=unit_ids)
    return rows
