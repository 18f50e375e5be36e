"""Digital maturity in the JSON API: how many services reach each level (per service area and in
total), and the digital-first-choice plan with every service's gaps, steps and flags."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from helhet.accounts.roles import Capability
from helhet.api.errors import ERRORS
from helhet.api.members import request_membership, require
from helhet.api.schemas import Day, Id, PersonRef
from helhet.api.service_catalogue import AreaRef
from helhet.maturity.selectors.overview import AreaSummary, maturity_summary
from helhet.maturity.selectors.plan import Gap, PlanRow, StepLine, maturity_plan

router = Router(tags=["services"])


class CountsOut(Schema):
    services: int
    electronic_application: int = Field(description="Services answering yes at level 1")
    electronic_transfer: int = Field(description="Services answering yes at level 2")
    electronic_answer: int = Field(description="Services answering yes at level 3")
    full_digital_first_choice: int = Field(description="Services answering yes at all three")
    not_assessed: int = Field(description="Services with no assessment on or before the date")


class AreaCountsOut(CountsOut):
    # Read from an area's summary: its counts, then the area.

    area: AreaRef

    @staticmethod
    def resolve_services(row: AreaSummary) -> int:
        return row.counts.services

    @staticmethod
    def resolve_electronic_application(row: AreaSummary) -> int:
        return row.counts.electronic_application

    @staticmethod
    def resolve_electronic_transfer(row: AreaSummary) -> int:
        return row.counts.electronic_transfer

    @staticmethod
    def resolve_electronic_answer(row: AreaSummary) -> int:
        return row.counts.electronic_answer

    @staticmethod
    def resolve_full_digital_first_choice(row: AreaSummary) -> int:
        return row.counts.full_digital_first_choice

    @staticmethod
    def resolve_not_assessed(row: AreaSummary) -> int:
        return row.counts.not_assessed


class MaturitySummaryOut(Schema):
    as_of: date = Field(
        alias="on", description="Each service's newest assessment on or before this date"
    )
    areas: list[AreaCountsOut]
    total: CountsOut


class PlannedInitiativeRef(Schema):
    id: int
    name: str
    status: str
    planned_end: date | None


class StepOut(Schema):
    # Read from a plan's step line: the planned step and its flags.

    id: int = Field(alias="step.id")
    level: int = Field(alias="step.level")
    description: str = Field(alias="step.description")
    initiative: PlannedInitiativeRef | None = Field(alias="step.initiative")
    needs_initiative: bool = Field(alias="step.needs_initiative")
    responsible: PersonRef | None = Field(alias="step.responsible")
    due_date: date | None = Field(alias="step.due_date")
    status: str = Field(alias="step.status", description="planned, in_progress or done")
    flags: list[str] = Field(
        description="needs_initiative, initiative_stopped, initiative_late, overdue"
    )

    @staticmethod
    def resolve_flags(line: StepLine) -> list[str]:
        return [str(flag) for flag in line.flags]


class GapOut(Schema):
    level: int = Field(description="1-3: a level the service does not answer yes at")
    answer: str | None = Field(description="The answer at the level; null if not assessed")
    comment: str = Field(alias="answer.comment")
    flags: list[str] = Field(description="no_step, or the flags of its steps")
    steps: list[StepOut]

    @staticmethod
    def resolve_level(gap: Gap) -> int:
        return int(gap.level)

    @staticmethod
    def resolve_answer(gap: Gap) -> str | None:
        return gap.answer.answer or None

    @staticmethod
    def resolve_flags(gap: Gap) -> list[str]:
        return [str(flag) for flag in gap.flags]


class ServiceRef(Schema):
    id: int
    name: str


class PlanRowOut(Schema):
    service: ServiceRef
    area: AreaRef = Field(alias="service.area")
    assessed_on: date | None = Field(description="The newest assessment; null if none")
    flagged: bool = Field(description="Something about its gaps needs attention")
    gaps: list[GapOut]

    @staticmethod
    def resolve_assessed_on(row: PlanRow) -> date | None:
        assessment = row.maturity.assessment
        return None if assessment is None else assessment.assessed_on


class PlanOut(Schema):
    today: date
    services: list[PlanRowOut]


class SummaryParams(Schema):
    as_of: Day | None = Field(None, alias="date", description="YYYY-MM-DD; today if left out")


class PlanFilters(Schema):
    area: Id | None = Field(None, description="Only the services of this service area (id)")
    flagged: bool = Field(False, description="Only the services whose gaps need attention")


@router.get(
    "/maturity/summary",
    response={200: MaturitySummaryOut, **ERRORS},
    summary="How many services reach each maturity level, per service area and in total",
    tags=["maturity"],
    operation_id="helhet_api_maturity_maturity_summary_api",
)
def maturity_summary_api(request: HttpRequest, params: Query[SummaryParams]) -> Any:
    """Each service's newest assessment on or before `date` (YYYY-MM-DD; today if left out),
    counted per service area and in total: the services, how many answer yes at each level and
    at all three (a full digital first choice), and how many have no assessment yet."""
    membership = request_membership(request)
    require(membership, Capability.VIEW_PORTFOLIO)
    return maturity_summary(membership.municipality, params.as_of or timezone.localdate())


@router.get(
    "/maturity/plan",
    response={200: PlanOut, **ERRORS},
    summary="The digital-first-choice plan: every service's gaps, their steps and flags",
    tags=["maturity"],
    operation_id="helhet_api_maturity_maturity_plan_api",
)
def maturity_plan_api(request: HttpRequest, filters: Query[PlanFilters]) -> Any:
    """Every service that does not answer yes at all three levels (at its newest assessment;
    one never assessed lacks all three), each missing level with its planned steps, and what
    needs attention: `no_step` (a gap no one has planned for), `needs_initiative`,
    `initiative_stopped`, `initiative_late` (past its planned end and not completed) and
    `overdue` (a step past its own date and not done)."""
    membership = request_membership(request)
    require(membership, Capability.VIEW_PORTFOLIO)
    plan = maturity_plan(membership.municipality, timezone.localdate())
    rows = plan.filtered(area=filters.area, only_flagged=filters.flagged)
    return {"today": plan.today, "services": rows}
