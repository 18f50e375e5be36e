"""Reads of the scale-up plan and the follow-up actions: a solution's steps with the late ones
flagged, the action matrix across solutions (each solution and unit against the years, with the
steps that run in each), and for each follow-up action whether adoption moved afterwards."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Case, CharField, Count, IntegerField, QuerySet, Value, When
from django.db.models.functions import Cast, Substr
from django.utils import timezone
from django.utils.translation import ngettext

from helhet.adoption.models import (
    AdoptionCount,
    FollowUpAction,
    ScaleUpStep,
    Solution,
    SolutionUnit,
    StepKind,
)
from helhet.organization.models import Municipality

# The widest action matrix a page shows: a plan period of four or five years fits in easily.
MATRIX_MAX_YEARS = 12


def step_is_late(step: ScaleUpStep, today: date | None = None) -> bool:
    """A step not done by its end date is late."""
    return step.done_on is None and step.ends_on < (today or timezone.localdate())


def plan_steps(
    *, municipality: Municipality, solution_ids: Iterable[int] | None = None
) -> QuerySet[ScaleUpStep]:
    """The steps of the municipality's plans (or of the given solutions), in plan order: by
    solution, start date, then unit; with the solution, unit and responsible fetched."""
    steps = ScaleUpStep.objects.filter(municipality=municipality).select_related(
        "solution", "unit", "responsible"
    )
    if solution_ids is not None:
        steps = steps.filter(solution_id__in=list(solution_ids))
    return steps.order_by("solution__name", "solution_id", "starts_on", "unit__name", "pk")


@dataclass
class MatrixCell:
    year: int
    steps: list[ScaleUpStep] = field(default_factory=list)


@dataclass
class MatrixRow:
    solution_id: int
    solution_name: str
    unit_name: str  # "" for a step everywhere
    cells: list[MatrixCell]
    responsible: list[str]


@dataclass
class PlanMatrix:
    years: list[int]
    rows: list[MatrixRow]
    late: int


def plan_matrix(steps: Sequence[ScaleUpStep], *, today: date | None = None) -> PlanMatrix:
    """The action matrix of ``steps`` (from ``plan_steps``): a row per solution and unit, a
    column per year from the first step's start to the last step's end (at most the last
    ``MATRIX_MAX_YEARS`` years), each cell listing the steps that run that year. Steps are
    flagged ``is_late`` (not done by their end date)."""
    today = today or timezone.localdate()
    if not steps:
        return PlanMatrix(years=[], rows=[], late=0)
    last = max(step.ends_on.year for step in steps)
    first = max(min(step.starts_on.year for step in steps), last - MATRIX_MAX_YEARS + 1)
    years = list(range(first, last + 1))
    rows: dict[tuple[int, int | None], MatrixRow] = {}
    late = 0
    for step in steps:
        step.is_late = step_is_late(step, today)  # type: ignore[attr-defined]
        late += step.is_late  # type: ignore[attr-defined]
        key = (step.solution_id, step.unit_id)
        row = rows.get(key)
        if row is None:
            row = rows[key] = MatrixRow(
                solution_id=step.solution_id,
                solution_name=step.solution.name,
                unit_name=step.unit.name if step.unit else "",
                cells=[MatrixCell(year) for year in years],
                responsible=[],
            )
        for cell in row.cells:
            if step.starts_on.year <= cell.year <= step.ends_on.year:
                cell.steps.append(step)
        if step.responsible is not None and str(step.responsible) not in row.responsible:
            row.responsible.append(str(step.responsible))
    ordered = sorted(
        rows.values(),
        key=lambda r: (r.solution_name, r.solution_id, r.unit_name != "", r.unit_name),
    )
    return PlanMatrix(years=years, rows=ordered, late=late)


@dataclass
class SummaryCell:
    """The steps of one solution that run in one year: how many units each kind reaches (a step
    for all units counts as one), as one line of text, and how many of them are late."""

    year: int
    units: dict[str, int] = field(default_factory=dict)
    late: int = 0
    text: str = ""


def _cell_texts(rows: Iterable[SummaryRow]) -> None:
    """Each cell's line ("Utprøving: 3 enheter · Skalere opp: 1 enhet"), translated once per
    distinct kind and number, so a page of 200 solutions over ten years renders fast."""
    labels = dict(StepKind.choices)
    kinds = list(labels)
    said: dict[tuple[str, int], str] = {}
    for row in rows:
        for cell in row.cells:
            parts = []
            for kind in kinds:
                units = cell.units.get(kind)
                if not units:
                    continue
                if (kind, units) not in said:
                    said[kind, units] = ngettext(
                        "%(label)s: %(counter)s unit", "%(label)s: %(counter)s units", units
                    ) % {"label": labels[kind], "counter": units}
                parts.append(said[kind, units])
            cell.text = " · ".join(parts)


@dataclass
class SummaryRow:
    solution_id: int
    solution_name: str
    cells: list[SummaryCell]
    steps: int = 0
    late: int = 0


@dataclass
class PlanSummary:
    years: list[int]
    rows: list[SummaryRow]
    late: int


def _year(field_name: str) -> Substr:
    """The year of a date as its first four characters in ISO form: native on SQLite (where
    ExtractYear calls back into Python for every row) and on PostgreSQL alike."""
    return Substr(Cast(field_name, CharField()), 1, 4)


def plan_summary(*, municipality: Municipality, today: date | None = None) -> PlanSummary:
    """The action matrix across all the municipality's solutions, one row per solution and a
    column per year (at most the last ``MATRIX_MAX_YEARS``): in each cell, how many units each
    kind of step reaches that year, and the late steps. Reads the steps as plain values in one
    query, so 200 solutions with 20,000 steps stay a page, not a book."""
    today = today or timezone.localdate()
    late = Case(
        When(done_on__isnull=True, ends_on__lt=today, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    # The steps grouped by solution, kind, first and last year and lateness: a few thousand
    # rows for 20,000 steps.
    groups = list(
        ScaleUpStep.objects.filter(municipality=municipality)
        .annotate(first=_year("starts_on"), last=_year("ends_on"), is_late=late)
        .values_list("solution_id", "kind", "first", "last", "is_late")
        .annotate(steps=Count("pk"))
        .order_by()
    )
    if not groups:
        return PlanSummary(years=[], rows=[], late=0)
    last_year = max(int(group[3]) for group in groups)
    first_year = max(min(int(group[2]) for group in groups), last_year - MATRIX_MAX_YEARS + 1)
    years = list(range(first_year, last_year + 1))
    names = dict(Solution.objects.filter(municipality=municipality).values_list("pk", "name"))
    rows: dict[int, SummaryRow] = {}
    late_total = 0
    for solution_id, kind, first_text, last_text, is_late, steps in groups:
        first, last = int(first_text), int(last_text)
        row = rows.get(solution_id)
        if row is None:
            row = rows[solution_id] = SummaryRow(
                solution_id, names.get(solution_id, ""), [SummaryCell(y) for y in years]
            )
        row.steps += steps
        row.late += steps * is_late
        late_total += steps * is_late
        for cell in row.cells:
            if first <= cell.year <= last:
                cell.units[kind] = cell.units.get(kind, 0) + steps
                cell.late += steps * is_late
    ordered = sorted(rows.values(), key=lambda r: (r.solution_name, r.solution_id))
    _cell_texts(ordered)
    return PlanSummary(years=years, rows=ordered, late=late_total)


@dataclass(frozen=True)
class Reading:
    """One count: the day, the value and the share of the eligible base (None without one)."""

    counted_on: date
    value: Decimal
    rate: Decimal | None


@dataclass(frozen=True)
class Effect:
    """Adoption around a done follow-up action: the last count on or before the day it was
    done, and the last count after it, before the day the unit's next action was done (a count
    that day is the next action's "before")."""

    before: Reading | None
    after: Reading | None

    @property
    def change(self) -> Decimal | None:
        """The change in percentage points where both counts have a rate, else in the value."""
        if self.before is None or self.after is None:
            return None
        if self.before.rate is not None and self.after.rate is not None:
            return self.after.rate - self.before.rate
        return self.after.value - self.before.value

    @property
    def size(self) -> Decimal | None:
        """How far it moved, without its sign (the words say up or down)."""
        change = self.change
        return None if change is None else abs(change)

    @property
    def in_points(self) -> bool:
        return (
            self.before is not None
            and self.after is not None
            and self.before.rate is not None
            and self.after.rate is not None
        )

    @property
    def direction(self) -> str:
        """'up', 'down', 'same', or '' when there is nothing to compare yet."""
        change = self.change
        if change is None:
            return ""
        return "up" if change > 0 else "down" if change < 0 else "same"


def _reading(count: AdoptionCount, base: int | None) -> Reading:
    eligible = count.eligible if count.eligible is not None else base
    rate = None
    if eligible:
        rate = (count.value * 100 / eligible).quantize(Decimal("0.1"))
    return Reading(counted_on=count.counted_on, value=count.value, rate=rate)


def action_effects(
    solution_unit: SolutionUnit, actions: Sequence[FollowUpAction]
) -> dict[int, Effect]:
    """For each done action of the unit, whether adoption moved afterwards (``Effect``): the
    counts are read once for the unit. An action not done yet has no effect entry."""
    done = sorted((a for a in actions if a.done_on is not None), key=lambda a: (a.done_on, a.pk))
    if not done:
        return {}
    counts = list(
        AdoptionCount.objects.filter(solution_unit=solution_unit)
        .only("counted_on", "value", "eligible")
        .order_by("counted_on")
    )
    base = solution_unit.eligible_base
    effects: dict[int, Effect] = {}
    for index, action in enumerate(done):
        assert action.done_on is not None
        until = done[index + 1].done_on if index + 1 < len(done) else None
        before = [c for c in counts if c.counted_on <= action.done_on]
        after = [
            c
            for c in counts
            if c.counted_on > action.done_on and (until is None or c.counted_on < until)
        ]
        effects[action.pk] = Effect(
            before=_reading(before[-1], base) if before else None,
            after=_reading(after[-1], base) if after else None,
        )
    return effects


def unit_follow_up(solution_unit: SolutionUnit) -> list[tuple[FollowUpAction, Effect | None]]:
    """The unit's follow-up actions, newest planned first, each with its effect (None when not
    done)."""
    actions = list(
        FollowUpAction.objects.filter(solution_unit=solution_unit).select_related("responsible")
    )
    effects = action_effects(solution_unit, actions)
    return [(action, effects.get(action.pk)) for action in actions]


def solution_follow_up_counts(solution_id: int) -> dict[int, tuple[int, int]]:
    """Per solution unit (id): how many follow-up actions it has, and how many are still open."""
    found: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for su_id, done_on in FollowUpAction.objects.filter(
        solution_unit__solution_id=solution_id
    ).values_list("solution_unit_id", "done_on"):
        found[su_id][0] += 1
        found[su_id][1] += done_on is None
    return {pk: (total, open_) for pk, (total, open_) in found.items()}
