"""Reads of the portfolio that span models: the overview's counts and sums."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from helhet.organization.models import Municipality, OrgUnit, UnitKind
from helhet.portfolio.filters import stale_only
from helhet.portfolio.models import (
    AssessmentStatus,
    FundingSource,
    FundingSourceKind,
    Initiative,
    InitiativeKind,
    InitiativeStatus,
    StrategicGoal,
)


@dataclass
class Bucket:
    key: str
    label: str
    count: int
    # NOK: the estimated cost of the initiatives in the bucket, or for funding the amount.
    amount: Decimal = Decimal(0)
    pk: int | None = None


@dataclass
class PortfolioSummary:
    total: int
    estimated_cost: Decimal
    actual_cost: Decimal
    by_kind: list[Bucket]
    by_status: list[Bucket]
    by_service_area: list[Bucket]
    by_department: list[Bucket]
    by_goal: list[Bucket]
    funding: list[Bucket]
    funded_total: Decimal
    stale: int
    without_ros: int
    extra: dict[str, int] = field(default_factory=dict)


def _units_upwards(municipality: Municipality) -> dict[int, OrgUnit]:
    return {unit.pk: unit for unit in OrgUnit.objects.for_municipality(municipality)}


def _ancestor_of_kind(unit: OrgUnit, kind: str, units: dict[int, OrgUnit]) -> OrgUnit | None:
    current: OrgUnit | None = unit
    while current is not None:
        if current.kind == kind:
            return current
        current = units.get(current.parent_id) if current.parent_id else None
    return None


def portfolio_summary(
    *, municipality: Municipality, initiatives: QuerySet[Initiative]
) -> PortfolioSummary:
    """Counts and sums for the given (filtered) initiatives, all computed by the database in a
    fixed number of queries whatever the number of initiatives: by kind, status, directorate,
    department and strategic goal, total estimated and actual cost, funding by source, how many
    have no status report for over a month, and how many process personal data without a
    finished risk assessment."""
    base = initiatives.order_by()
    ids = base.values("pk")
    totals = base.aggregate(
        total=Count("pk"),
        estimated=Sum("estimated_cost"),
        actual=Sum("actual_cost"),
        without_ros=Count(
            "pk",
            filter=Q(processes_personal_data=True) & ~Q(ros_status=AssessmentStatus.DONE),
        ),
    )
    kind_rows = {
        row["kind"]: row
        for row in base.values("kind").annotate(n=Count("pk"), cost=Sum("estimated_cost"))
    }
    status_rows = {
        row["status"]: row
        for row in base.values("status").annotate(n=Count("pk"), cost=Sum("estimated_cost"))
    }
    by_kind = [
        Bucket(
            kind.value,
            str(kind.label),
            kind_rows.get(kind.value, {}).get("n", 0),
            kind_rows.get(kind.value, {}).get("cost") or Decimal(0),
        )
        for kind in InitiativeKind
    ]
    by_status = [
        Bucket(
            status.value,
            str(status.label),
            status_rows.get(status.value, {}).get("n", 0),
            status_rows.get(status.value, {}).get("cost") or Decimal(0),
        )
        for status in InitiativeStatus
    ]

    # Counted per owning unit in the database, then rolled up the (small) organisation tree.
    units = _units_upwards(municipality)
    areas: dict[int, Bucket] = {}
    departments: dict[int, Bucket] = {}
    for row in base.values("owning_unit_id").annotate(n=Count("pk"), cost=Sum("estimated_cost")):
        unit = units.get(row["owning_unit_id"])
        if unit is None:
            continue
        for kind, buckets in ((UnitKind.SERVICE_AREA, areas), (UnitKind.DEPARTMENT, departments)):
            owner = _ancestor_of_kind(unit, kind, units)
            if owner is None:
                continue
            bucket = buckets.setdefault(owner.pk, Bucket(str(owner.pk), owner.name, 0, pk=owner.pk))
            bucket.count += row["n"]
            bucket.amount += row["cost"] or Decimal(0)

    goal_rows = (
        StrategicGoal.objects.filter(municipality=municipality)
        .annotate(n=Count("initiatives", filter=Q(initiatives__in=ids)))
        .filter(n__gt=0)
        .order_by("-n", "position", "name")
    )
    by_goal = [Bucket(str(goal.pk), goal.name, goal.n, pk=goal.pk) for goal in goal_rows]

    funding_rows = {
        row["source"]: row["total"]
        for row in FundingSource.objects.filter(initiative__in=ids)
        .values("source")
        .annotate(total=Sum("amount"))
        .order_by()
    }
    funding = [
        Bucket(source.value, str(source.label), 0, funding_rows[source.value])
        for source in FundingSourceKind
        if source.value in funding_rows
    ]
    return PortfolioSummary(
        total=totals["total"],
        estimated_cost=totals["estimated"] or Decimal(0),
        actual_cost=totals["actual"] or Decimal(0),
        by_kind=by_kind,
        by_status=by_status,
        by_service_area=sorted(areas.values(), key=lambda b: (-b.count, b.label)),
        by_department=sorted(departments.values(), key=lambda b: (-b.count, b.label)),
        by_goal=by_goal,
        funding=funding,
        funded_total=sum((b.amount for b in funding), Decimal(0)),
        stale=stale_only(initiatives.order_by()).count(),
        without_ros=totals["without_ros"],
    )
