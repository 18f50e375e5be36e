"""How far a solution is taken into use in total, for pages outside the adoption module (a
benefit whose indicator depends on the solution's use shows it beside the indicator). Added up
where the adoption overview adds it up (``selectors.solution_totals``), so both show one figure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone

from helhet.adoption.models import Solution, SolutionUnit
from helhet.adoption.selectors import solution_totals, total_of


@dataclass(frozen=True)
class InUse:
    """A solution's adoption in total (as the adoption overview shows it): how much is in use,
    of how large an eligible base, the share in per cent; its target; the newest count's date;
    and how many units have counted of how many should."""

    solution: Solution
    rate: Decimal | None
    in_use: Decimal | None
    eligible: int | None
    target: Decimal | None
    latest_on: date | None
    units_counted: int
    units: int

    @property
    def below_target(self) -> bool:
        return self.rate is not None and self.target is not None and self.rate < self.target


def solutions_in_use(solution_ids: Iterable[int]) -> dict[int, InUse]:
    """``InUse`` per solution id, in two queries however many solutions and units there are
    (each unit's latest count is kept on the unit by the count services)."""
    ids = set(solution_ids)
    if not ids:
        return {}
    totals = solution_totals(
        SolutionUnit.objects.filter(solution_id__in=ids), today=timezone.localdate()
    )
    found: dict[int, InUse] = {}
    for solution in Solution.objects.filter(pk__in=ids):
        figures = totals.get(solution.pk, {})
        in_use, percent = total_of(solution, figures)
        found[solution.pk] = InUse(
            solution=solution,
            rate=percent,
            in_use=in_use,
            eligible=figures.get("eligible"),
            target=solution.target_percent,
            latest_on=figures.get("latest_on"),
            units_counted=figures.get("units_counted", 0),
            units=figures.get("unit_count", 0),
        )
    return found
