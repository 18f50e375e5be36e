"""The digital-first-choice plan: every municipal service's gaps (the levels it does not reach), the
steps planned to close them, and what needs attention; the same for one service, and the steps an
initiative carries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from helhet.maturity.models import Assessment, MaturityLevel, PlannedStep, Service, StepStatus
from helhet.maturity.selectors.service_maturity import (
    LevelAnswer,
    ServiceMaturity,
    service_maturities,
)
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative, InitiativeStatus


class Flag(StrEnum):
    NO_STEP = "no_step"
    NEEDS_INITIATIVE = "needs_initiative"
    INITIATIVE_STOPPED = "initiative_stopped"
    INITIATIVE_LATE = "initiative_late"
    OVERDUE = "overdue"


FLAG_LABELS = {
    Flag.NO_STEP: _("No step planned"),
    Flag.NEEDS_INITIATIVE: _("Needs an initiative"),
    Flag.INITIATIVE_STOPPED: _("The initiative is stopped"),
    Flag.INITIATIVE_LATE: _("The initiative is late"),
    Flag.OVERDUE: _("Past its due date"),
}


def step_flags(step: PlannedStep, today: date) -> list[Flag]:
    """What needs attention about a step: no initiative carries it yet, its initiative is
    stopped or past its planned end without being completed, or its own date has passed while
    it is not done."""
    flags = []
    if step.needs_initiative:
        flags.append(Flag.NEEDS_INITIATIVE)
    initiative: Initiative | None = step.initiative
    if initiative is not None:
        if initiative.status == InitiativeStatus.STOPPED:
            flags.append(Flag.INITIATIVE_STOPPED)
        elif (
            initiative.status != InitiativeStatus.COMPLETED
            and initiative.planned_end is not None
            and initiative.planned_end < today
        ):
            flags.append(Flag.INITIATIVE_LATE)
    if step.status != StepStatus.DONE and step.due_date is not None and step.due_date < today:
        flags.append(Flag.OVERDUE)
    return flags


@dataclass(frozen=True)
class StepLine:
    step: PlannedStep
    flags: list[Flag]

    @property
    def flag_labels(self) -> list[str]:
        return [str(FLAG_LABELS[flag]) for flag in self.flags]


@dataclass(frozen=True)
class Gap:
    """A level the service does not reach, with the steps planned for it."""

    level: MaturityLevel
    answer: LevelAnswer
    steps: list[StepLine]

    @property
    def flags(self) -> list[Flag]:
        own = [] if self.steps else [Flag.NO_STEP]
        return own + list(dict.fromkeys(flag for line in self.steps for flag in line.flags))

    @property
    def flag_labels(self) -> list[str]:
        return [str(FLAG_LABELS[flag]) for flag in self.flags]


@dataclass(frozen=True)
class PlanRow:
    maturity: ServiceMaturity
    gaps: list[Gap]

    @property
    def service(self) -> Service:
        return self.maturity.service

    @property
    def flagged(self) -> bool:
        return any(gap.flags for gap in self.gaps)


@dataclass
class MaturityPlan:
    today: date
    rows: list[PlanRow]

    def filtered(self, *, area: int | None = None, only_flagged: bool = False) -> list[PlanRow]:
        return [
            row
            for row in self.rows
            if (area is None or row.service.area_id == area) and (row.flagged or not only_flagged)
        ]

    @property
    def flagged_count(self) -> int:
        return sum(1 for row in self.rows if row.flagged)


def _steps_by_service_level(
    municipality: Municipality, services: Iterable[int]
) -> dict[tuple[int, int], list[PlannedStep]]:
    found: dict[tuple[int, int], list[PlannedStep]] = defaultdict(list)
    for step in (
        PlannedStep.objects.filter(municipality=municipality, service_id__in=list(services))
        .select_related("initiative", "responsible")
        .order_by("service", "level", "due_date", "pk")
    ):
        found[(step.service_id, step.level)].append(step)
    return found


def maturity_plan(municipality: Municipality, today: date) -> MaturityPlan:
    """The digital-first-choice plan: every service that lacks a level at its newest assessment
    (a service not assessed lacks all three), each gap with its planned steps, and the flags:
    a gap with no step, a step that needs an initiative, whose initiative is stopped or late
    (past its planned end and not completed), or that is past its own date and not done.
    Services that offer the full digital first choice are left out. Three queries."""
    services = [row for row in service_maturities(municipality, today) if row.gaps]
    steps = _steps_by_service_level(municipality, (row.service.pk for row in services))
    rows = []
    for row in services:
        answers = {answer.level: answer for answer in row.answers}
        gaps = [
            Gap(
                level,
                answers[level],
                [
                    StepLine(step, step_flags(step, today))
                    for step in steps[(row.service.pk, level)]
                ],
            )
            for level in row.gaps
        ]
        rows.append(PlanRow(row, gaps))
    return MaturityPlan(today=today, rows=rows)


def initiative_planned_steps(initiative: Initiative) -> list[PlannedStep]:
    """The planned steps an initiative carries (which services and levels it is meant to lift),
    by service area, service and level. One query."""
    return list(
        PlannedStep.objects.filter(
            initiative=initiative, municipality_id=initiative.municipality_id
        )
        .select_related("service", "service__area")
        .order_by("service__area__position", "service__area__name", "service__name", "level")
    )


@dataclass(frozen=True)
class ServiceLevel:
    """One level of one service: its answer at the newest assessment, whether it is a gap, and
    the steps planned for it."""

    answer: LevelAnswer
    steps: list[StepLine]

    @property
    def level(self) -> MaturityLevel:
        return self.answer.level

    @property
    def is_gap(self) -> bool:
        return not self.answer.is_yes

    @property
    def flag_labels(self) -> list[str]:
        if self.is_gap and not self.steps:
            return [str(FLAG_LABELS[Flag.NO_STEP])]
        return []


def service_levels(service: Service, today: date) -> list[ServiceLevel]:
    """A service's three levels with its answer at each (newest assessment on or before
    ``today``) and the steps planned for each, flagged as in the plan. Two queries."""
    assessment = (
        Assessment.objects.filter(service=service, assessed_on__lte=today)
        .order_by("-assessed_on")
        .first()
    )
    steps: dict[int, list[StepLine]] = defaultdict(list)
    for step in (
        PlannedStep.objects.filter(service=service, municipality_id=service.municipality_id)
        .select_related("initiative", "responsible")
        .order_by("level", "due_date", "pk")
    ):
        steps[step.level].append(StepLine(step, step_flags(step, today)))
    answers = ServiceMaturity(service, assessment).answers
    return [ServiceLevel(answer, steps[answer.level]) for answer in answers]
