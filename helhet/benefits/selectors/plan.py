"""Reads of an initiative's benefits realisation plan."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import (
    Prefetch,
    QuerySet,
)

from helhet.accounts.models import User
from helhet.adoption.in_use import solutions_in_use
from helhet.benefits.models import (
    Benefit,
    BudgetCut,
    Indicator,
    Measurement,
)
from helhet.portfolio.models import Initiative


def with_measurements(benefits: QuerySet[Benefit]) -> QuerySet[Benefit]:
    """``benefits`` with their responsible line manager, owners, and indicators with their
    measurements (oldest first), in a fixed number of queries however many there are."""
    return benefits.select_related("responsible", "initiative").prefetch_related(
        Prefetch("owners", queryset=User.objects.order_by("first_name", "last_name")),
        Prefetch("indicators", queryset=Indicator.objects.order_by("name", "pk")),
        Prefetch(
            "indicators__measurements",
            queryset=Measurement.objects.select_related("recorded_by", "confirmed_by").order_by(
                "measured_on", "pk"
            ),
        ),
    )


def benefits_plan(initiative: Initiative) -> QuerySet[Benefit]:
    """The initiative's benefits, each with its responsible line manager, owners, indicators with
    their measurements (oldest first), budget cuts and before/after calculation, in a fixed
    number of queries however many there are. Benefits without indicators are included."""
    return (
        with_measurements(Benefit.objects.filter(initiative=initiative))
        .select_related("calculation")
        .prefetch_related(
            Prefetch(
                "budget_cuts",
                queryset=BudgetCut.objects.select_related("unit").order_by("budget_year", "pk"),
            ),
        )
        .order_by("due_date", "title", "pk")
    )


def with_adoption(benefits: Sequence[Benefit]) -> None:
    """Give each prefetched indicator that depends on a solution's use ``in_use``: the
    solution's adoption in total (``helhet.adoption.in_use.InUse``), read in a fixed
    number of queries for all of them."""
    indicators = [i for benefit in benefits for i in benefit.indicators.all()]
    found = solutions_in_use({i.solution_id for i in indicators if i.solution_id is not None})
    for indicator in indicators:
        indicator.in_use = found.get(indicator.solution_id)  # type: ignore[attr-defined,arg-type]
