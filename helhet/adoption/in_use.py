"""How far a solution is taken into use in total, for pages outside the adoption module (a
benefit whose indicator depends on the solution's use shows it beside the indicator)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from helhet.adoption.models import MeasureKind, Solution, SolutionUnit


@dataclass(frozen=True)
class InUse:
    """A solution's adoption in total: from each unit's latest count, the sum in use of the
    sum of the eligible base (a number), or the mean share (a share); its target; the newest
    count's date; and how many units have counted of how many should."""

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
    by_solution: dict[int, list[SolutionUnit]] = {pk: [] for pk in ids}
    for su in SolutionUnit.objects.filter(solution_id__in=ids):
        by_solution[su.solution_id].append(su)
    found: dict[int, InUse] = {}
    for solution in Solution.objects.filter(pk__in=ids):
        rows = by_solution[solution.pk]
        counted = [su for su in rows if su.latest_value is not None]
        values = [su.latest_value for su in counted if su.latest_value is not None]
        in_use = sum(values, Decimal(0)) if counted else None
        eligible: int | None = None
        rate: Decimal | None = None
        if solution.measure_kind == MeasureKind.SHARE and values:
            rate = sum(values, Decimal(0)) / len(values)
        elif counted:
            bases = [su.latest_eligible for su in counted]
            if all(base is not None for base in bases):
                eligible = sum(base for base in bases if base is not None)
                rate = (in_use or Decimal(0)) * 100 / eligible if eligible else None
        found[solution.pk] = InUse(
            solution=solution,
            rate=rate.quantize(Decimal("0.1")) if rate is not None else None,
            in_use=in_use,
            eligible=eligible,
            target=solution.target_percent,
            latest_on=max(
                (su.latest_counted_on for su in counted if su.latest_counted_on), default=None
            ),
            units_counted=len(counted),
            units=len(rows),
        )
    return found
