"""Reads of the maturity map: how many services reach each level at a date, per service area and
in total; the change between two assessment dates; and the digital-first-choice plan (every
service's gaps, the steps planned to close them, and what needs attention).

"The current maturity at date D" is, for each service, its newest assessment on or before D; a
service with none is "not assessed" and reaches no level."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from helhet.maturity.catalogue import ANSWER_COLORS
from helhet.maturity.models import (
    Answer,
    Assessment,
    MaturityLevel,
    PlannedStep,
    Service,
    ServiceArea,
    StepStatus,
)
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative, InitiativeStatus

LEVELS = tuple(MaturityLevel)
# The API's and the exports' name for each level's count.
LEVEL_KEYS = {
    MaturityLevel.ELECTRONIC_APPLICATION: "electronic_application",
    MaturityLevel.ELECTRONIC_TRANSFER: "electronic_transfer",
    MaturityLevel.ELECTRONIC_ANSWER: "electronic_answer",
}
# The assessment's answer and comment field for each level.
LEVEL_FIELDS = {level: (answer, comment) for level, answer, comment in Assessment.LEVEL_FIELDS}


# --- Where each service stands -------------------------------------------------------------------


@dataclass(frozen=True)
class LevelAnswer:
    level: MaturityLevel
    answer: str  # an Answer value; "" when the service is not assessed
    comment: str

    @property
    def is_yes(self) -> bool:
        return self.answer == Answer.YES

    @property
    def answer_label(self) -> str:
        return str(Answer(self.answer).label) if self.answer else str(_("Not assessed"))

    @property
    def color(self) -> str:
        """The answer's tag colour (as in the catalogue); the label always says it in words."""
        return ANSWER_COLORS[Answer(self.answer)] if self.answer else "neutral"


@dataclass(frozen=True)
class ServiceMaturity:
    """One service and its newest assessment on or before the date asked about (None if it has
    none)."""

    service: Service
    assessment: Assessment | None

    @property
    def assessed(self) -> bool:
        return self.assessment is not None

    @property
    def answers(self) -> list[LevelAnswer]:
        if self.assessment is None:
            return [LevelAnswer(level, "", "") for level in LEVELS]
        return [
            LevelAnswer(
                level,
                getattr(self.assessment, LEVEL_FIELDS[level][0]),
                getattr(self.assessment, LEVEL_FIELDS[level][1]),
            )
            for level in LEVELS
        ]

    def reaches(self, level: MaturityLevel) -> bool:
        """The service answers a plain yes at ``level`` (levels are counted each on its own, as
        the audit's table does: a service may answer electronically without a web form)."""
        return self.assessment is not None and (
            getattr(self.assessment, LEVEL_FIELDS[level][0]) == Answer.YES
        )

    @property
    def is_full_digital_first_choice(self) -> bool:
        return self.assessment is not None and self.assessment.is_full_digital_first_choice

    @property
    def stops_at(self) -> MaturityLevel | None:
        """The first level not answered yes; None for a full digital first choice and for a
        service not assessed (see ``assessed``)."""
        return None if self.assessment is None else self.assessment.stops_at

    @property
    def gaps(self) -> list[MaturityLevel]:
        """The levels not answered yes (all three for a service not assessed)."""
        return [level for level in LEVELS if not self.reaches(level)]


@dataclass
class Counts:
    """How many services there are, how many answer yes at each level, how many offer the full
    digital first choice, and where the others stop."""

    services: int = 0
    electronic_application: int = 0
    electronic_transfer: int = 0
    electronic_answer: int = 0
    full_digital_first_choice: int = 0
    not_assessed: int = 0
    stops_at: dict[int, int] = field(default_factory=lambda: dict.fromkeys(LEVELS, 0))

    def add(self, row: ServiceMaturity) -> None:
        self.services += 1
        if not row.assessed:
            self.not_assessed += 1
            return
        for level, key in LEVEL_KEYS.items():
            if row.reaches(level):
                setattr(self, key, getattr(self, key) + 1)
        if row.is_full_digital_first_choice:
            self.full_digital_first_choice += 1
        stop = row.stops_at
        if stop is not None:
            self.stops_at[stop] += 1

    def at(self, level: int) -> int:
        return int(getattr(self, LEVEL_KEYS[MaturityLevel(level)]))

    @property
    def levels(self) -> list[tuple[MaturityLevel, int]]:
        return [(level, self.at(level)) for level in LEVELS]

    @property
    def stops(self) -> list[tuple[MaturityLevel, int]]:
        return [(level, self.stops_at[level]) for level in LEVELS]

    def as_dict(self) -> dict[str, int]:
        return {
            "services": self.services,
            **{key: self.at(level) for level, key in LEVEL_KEYS.items()},
            "full_digital_first_choice": self.full_digital_first_choice,
        }


@dataclass
class AreaSummary:
    area: ServiceArea
    counts: Counts = field(default_factory=Counts)
    services: list[ServiceMaturity] = field(default_factory=list)

    @property
    def full_digital_first_choice(self) -> list[ServiceMaturity]:
        return [row for row in self.services if row.is_full_digital_first_choice]


@dataclass
class MaturitySummary:
    on: date
    areas: list[AreaSummary]
    total: Counts

    @property
    def services(self) -> list[ServiceMaturity]:
        return [row for area in self.areas for row in area.services]

    @property
    def full_digital_first_choice(self) -> list[ServiceMaturity]:
        return [row for row in self.services if row.is_full_digital_first_choice]

    @property
    def latest_assessed_on(self) -> date | None:
        dates = [row.assessment.assessed_on for row in self.services if row.assessment]
        return max(dates) if dates else None


def services_at(municipality: Municipality, on: date) -> list[ServiceMaturity]:
    """Every service of the municipality (by area, then name) with its newest assessment on or
    before ``on``. Two queries, however many services and assessments there are."""
    newest = (
        Assessment.objects.filter(service=OuterRef("pk"), assessed_on__lte=on)
        .order_by("-assessed_on")
        .values("pk")[:1]
    )
    services = list(
        Service.objects.filter(municipality=municipality)
        .select_related("area")
        .annotate(newest_assessment=Subquery(newest))
        .order_by("area__position", "area__name", "name")
    )
    wanted = [s.newest_assessment for s in services if s.newest_assessment is not None]
    assessments = Assessment.objects.in_bulk(wanted) if wanted else {}
    return [
        ServiceMaturity(service, assessments.get(service.newest_assessment)) for service in services
    ]


def maturity_summary(municipality: Municipality, on: date) -> MaturitySummary:
    """Per service area (every area, in the catalogue's order, empty ones too) and in total: the
    number of services, how many answer yes at each level, how many offer the full digital first
    choice, and where each service stops, as at ``on``. A service never assessed by then counts
    as a service that reaches no level ("not assessed"). Three queries."""
    areas = {
        area.pk: AreaSummary(area)
        for area in ServiceArea.objects.filter(municipality=municipality).order_by(
            "position", "name"
        )
    }
    total = Counts()
    for row in services_at(municipality, on):
        summary = areas[row.service.area_id]
        summary.services.append(row)
        summary.counts.add(row)
        total.add(row)
    return MaturitySummary(on=on, areas=list(areas.values()), total=total)


def assessment_dates(municipality: Municipality) -> list[date]:
    """The dates the municipality's services were assessed on, newest first."""
    return list(
        Assessment.objects.filter(municipality=municipality)
        .order_by("-assessed_on")
        .values_list("assessed_on", flat=True)
        .distinct()
    )


# --- Comparing two dates -------------------------------------------------------------------------


@dataclass(frozen=True)
class CountChange:
    key: str  # a LEVEL_KEYS value, "full_digital_first_choice" or "services"
    level: MaturityLevel | None
    first: int
    second: int

    @property
    def change(self) -> int:
        return self.second - self.first


@dataclass(frozen=True)
class ServiceChange:
    """A service whose answer at some level differs between the two dates."""

    service: Service
    levels: list[tuple[MaturityLevel, str, str]]  # level, answer label then, answer label now


@dataclass
class MaturityComparison:
    first: MaturitySummary
    second: MaturitySummary
    totals: list[CountChange]
    services: list[ServiceChange]


def _changes(first: Counts, second: Counts) -> list[CountChange]:
    rows = [CountChange("services", None, first.services, second.services)]
    rows += [
        CountChange(key, level, first.at(level), second.at(level))
        for level, key in LEVEL_KEYS.items()
    ]
    rows.append(
        CountChange(
            "full_digital_first_choice",
            None,
            first.full_digital_first_choice,
            second.full_digital_first_choice,
        )
    )
    return rows


def maturity_comparison(
    municipality: Municipality, first: date, second: date
) -> MaturityComparison:
    """The maturity at two dates side by side: per level (and for the full digital first choice)
    how many services answered yes then and now, and the services whose answers changed. Six
    queries."""
    before = maturity_summary(municipality, first)
    after = maturity_summary(municipality, second)
    then = {row.service.pk: row for row in before.services}
    changed = []
    for row in after.services:
        old = then.get(row.service.pk)
        if old is None:
            continue
        levels = [
            (now.level, was.answer_label, now.answer_label)
            for was, now in zip(old.answers, row.answers, strict=True)
            if was.answer != now.answer
        ]
        if levels:
            changed.append(ServiceChange(row.service, levels))
    return MaturityComparison(before, after, _changes(before.total, after.total), changed)


# --- The plan ------------------------------------------------------------------------------------


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
    services = [row for row in services_at(municipality, today) if row.gaps]
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


def initiative_service_steps(initiative: Initiative) -> list[PlannedStep]:
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
