"""The overview's counts and sums for a (filtered) set of initiatives."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.enums import TextChoices

from helhet.organization.models import Municipality, UnitKind
from helhet.portfolio.filters import stale_only
from helhet.portfolio.models import (
    PRIVACY_NOT_ASSESSED,
    FundingSource,
    FundingSourceKind,
    Initiative,
    InitiativeKind,
    InitiativeStatus,
    StrategicGoal,
)
from helhet.portfolio.selectors.units import ancestor_of_kind, units_by_pk


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
    # How many of the initiatives have a cost at all: a sum over a few is not the portfolio's.
    with_estimate: int = 0
    with_actual: int = 0
    extra: dict[str, int] = field(default_factory=dict)


def portfolio_summary(
    *, municipality: Municipality, initiatives: QuerySet[Initiative]
) -> PortfolioSummary:
    """Counts and sums for the given (filtered) initiatives, all computed by the database in a
    fixed number of queries whatever the number of initiatives: by kind, status, directorate,
    department and strategic goal, total estimated and actual cost, funding by source, how many
    have no status report for over a month, and how many process personal data without a
    finished risk assessment or with the DPIA not assessed."""
    base = initiatives.order_by()
    ids = base.values("pk")
    totals = _totals(base)
    by_kind = _by_choice(base, "kind", InitiativeKind)
    by_status = _by_choice(base, "status", InitiativeStatus)
    areas, departments = _by_directorate_and_department(base, municipality)
    by_goal = _by_goal(municipality, ids)
    funding = _funding(ids)
    return PortfolioSummary(
        total=totals["total"],
        estimated_cost=totals["estimated"] or Decimal(0),
        actual_cost=totals["actual"] or Decimal(0),
        by_kind=by_kind,
        by_status=by_status,
        by_service_area=areas,
        by_department=departments,
        by_goal=by_goal,
        funding=funding,
        funded_total=sum((b.amount for b in funding), Decimal(0)),
        stale=stale_only(initiatives.order_by()).count(),
        without_ros=totals["without_ros"],
        with_estimate=totals["with_estimate"],
        with_actual=totals["with_actual"],
    )


def _totals(base: QuerySet[Initiative]) -> dict[str, Any]:
    """How many, the cost sums and how many have a cost, and how many process personal data
    without a finished risk assessment (one query)."""
    return base.aggregate(
        total=Count("pk"),
        estimated=Sum("estimated_cost"),
        with_estimate=Count("pk", filter=Q(estimated_cost__isnull=False)),
        with_actual=Count("pk", filter=Q(actual_cost__isnull=False)),
        actual=Sum("actual_cost"),
        without_ros=Count("pk", filter=PRIVACY_NOT_ASSESSED),
    )


def _by_choice(
    base: QuerySet[Initiative], field_name: str, choices: type[TextChoices]
) -> list[Bucket]:
    """A bucket for every choice of ``field_name`` (kind or status), in the choices' order, with
    how many initiatives have it and their estimated cost (one query)."""
    rows = {
        row[field_name]: row
        for row in base.values(field_name).annotate(n=Count("pk"), cost=Sum("estimated_cost"))
    }
    return [
        Bucket(
            choice.value,
            str(choice.label),
            rows.get(choice.value, {}).get("n", 0),
            rows.get(choice.value, {}).get("cost") or Decimal(0),
        )
        for choice in choices
    ]


def _by_directorate_and_department(
    base: QuerySet[Initiative], municipality: Municipality
) -> tuple[list[Bucket], list[Bucket]]:
    """Buckets per directorate and per department, the largest first. Counted per owning unit in
    the database, then rolled up the (small) organisation tree (two queries)."""
    units = units_by_pk(municipality)
    areas: dict[int, Bucket] = {}
    departments: dict[int, Bucket] = {}
    for row in base.values("owning_unit_id").annotate(n=Count("pk"), cost=Sum("estimated_cost")):
        unit = units.get(row["owning_unit_id"])
        if unit is None:
            continue
        for kind, buckets in ((UnitKind.SERVICE_AREA, areas), (UnitKind.DEPARTMENT, departments)):
            owner = ancestor_of_kind(unit, kind, units)
            if owner is None:
                continue
            bucket = buckets.setdefault(owner.pk, Bucket(str(owner.pk), owner.name, 0, pk=owner.pk))
            bucket.count += row["n"]
            bucket.amount += row["cost"] or Decimal(0)
    return (
        sorted(areas.values(), key=lambda b: (-b.count, b.label)),
        sorted(departments.values(), key=lambda b: (-b.count, b.label)),
    )


def _by_goal(municipality: Municipality, ids: QuerySet[Any]) -> list[Bucket]:
    """The strategic goals the initiatives serve, the most served first (one query)."""
    goal_rows = (
        StrategicGoal.objects.filter(municipality=municipality)
        .annotate(n=Count("initiatives", filter=Q(initiatives__in=ids)))
        .filter(n__gt=0)
        .order_by("-n", "position", "name")
    )
    return [Bucket(str(goal.pk), goal.name, goal.n, pk=goal.pk) for goal in goal_rows]


def _funding(ids: QuerySet[Any]) -> list[Bucket]:
    """The funding by source, in the sources' order, only the sources that fund any (one query)."""
    funding_rows = {
        row["source"]: row["total"]
        for row in FundingSource.objects.filter(initiative__in=ids)
        .values("source")
        .annotate(total=Sum("amount"))
        .order_by()
    }
    return [
        Bucket(source.value, str(source.label), 0, funding_rows[source.value])
        for source in FundingSourceKind
        if source.value in funding_rows
    ]
