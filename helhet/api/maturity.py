"""The service catalogue and its digital maturity in the JSON API: the service areas, the services
with their newest assessment, adding a service, and a service's assessments (reading them and
recording one). Writes go through the maturity services; tenancy and roles as in the HTML views
(another municipality's service is 404; only the portfolio office and administrators write)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from helhet.accounts.roles import Capability
from helhet.api.portfolio import (
    ERRORS,
    InvalidOut,
    PersonRef,
    _Invalid,
    _invalid,
    _membership,
    _objects,
    _person,
    _require,
    _service_errors,
)
from helhet.api.schemas import UnitRef
from helhet.maturity import services
from helhet.maturity.access import get_rw_service_for_user, get_service_for_user
from helhet.maturity.catalogue import newest_assessments, with_newest_assessment
from helhet.maturity.models import Assessment, Service, ServiceArea
from helhet.maturity.selectors import (
    Counts,
    PlanRow,
    StepLine,
    maturity_plan,
    maturity_summary,
)
from helhet.organization.models import Municipality, OrgUnit

router = Router(tags=["services"])

ANSWERS = "yes, no, unsure, partly (and unclassified, only from an import)"


# --- Schemas -------------------------------------------------------------------------------------


class AreaOut(Schema):
    id: int
    name: str
    position: int
    org_unit: UnitRef | None = Field(description="The unit of the organisation that answers")


class AreaRef(Schema):
    id: int
    name: str


class AssessmentOut(Schema):
    id: int
    service_id: int
    assessed_on: date
    application: str = Field(description=f"Level 1, electronic application: {ANSWERS}")
    application_comment: str
    transfer: str = Field(description=f"Level 2, electronic transfer: {ANSWERS}")
    transfer_comment: str
    answer: str = Field(description=f"Level 3, electronic answer: {ANSWERS}")
    answer_comment: str
    stops_at: int | None = Field(
        description="The first level (1-3) not answered yes; null for a full digital first choice"
    )
    full_digital_first_choice: bool
    source: str
    recorded_by: PersonRef | None


class ServiceOut(Schema):
    id: int
    name: str
    area: AreaRef
    responsible_unit: UnitRef | None
    description: str
    case_system: str
    national_solution: str
    yearly_volume: int | None = Field(description="Cases per year, when known")
    newest_assessment: AssessmentOut | None


class ServiceIn(Schema):
    """A new service: the name (unique in the municipality whatever the case) and the service
    area's id are required."""

    name: str
    area: int = Field(description="Service area id")
    responsible_unit: int | None = Field(None, description="Unit id")
    description: str = ""
    case_system: str = ""
    national_solution: str = ""
    yearly_volume: int | None = Field(None, ge=0)


class ServiceFilters(Schema):
    area: int | None = Field(None, description="Only the services of this service area (id)")


class AssessmentIn(Schema):
    """How digital the service was at a date. Answers: yes, no, unsure or partly."""

    assessed_on: date = Field(description="Not in the future")
    application: str = Field(description="yes, no, unsure or partly")
    application_comment: str = ""
    transfer: str = Field(description="yes, no, unsure or partly")
    transfer_comment: str = ""
    answer: str = Field(description="yes, no, unsure or partly")
    answer_comment: str = ""
    source: str = ""


# --- Helpers -------------------------------------------------------------------------------------


def _unit(unit: OrgUnit | None) -> dict[str, Any] | None:
    return None if unit is None else {"id": unit.pk, "name": unit.name, "kind": unit.kind}


def _assessment(assessment: Assessment) -> dict[str, Any]:
    stop = assessment.stops_at
    return {
        "id": assessment.pk,
        "service_id": assessment.service_id,
        "assessed_on": assessment.assessed_on,
        "application": assessment.application,
        "application_comment": assessment.application_comment,
        "transfer": assessment.transfer,
        "transfer_comment": assessment.transfer_comment,
        "answer": assessment.answer,
        "answer_comment": assessment.answer_comment,
        "stops_at": None if stop is None else int(stop),
        "full_digital_first_choice": assessment.is_full_digital_first_choice,
        "source": assessment.source,
        "recorded_by": _person(assessment.recorded_by),
    }


def _service(service: Service, newest: Assessment | None) -> dict[str, Any]:
    return {
        "id": service.pk,
        "name": service.name,
        "area": {"id": service.area.pk, "name": service.area.name},
        "responsible_unit": _unit(service.responsible_unit),
        "description": service.description,
        "case_system": service.case_system,
        "national_solution": service.national_solution,
        "yearly_volume": service.yearly_volume,
        "newest_assessment": None if newest is None else _assessment(newest),
    }


def _services_of(queryset: Any) -> list[dict[str, Any]]:
    """The services as ServiceOut, in a fixed number of queries for any number of them."""
    rows = list(with_newest_assessment(queryset.select_related("area", "responsible_unit")))
    newest = newest_assessments(rows)
    return [_service(service, newest.get(service.pk)) for service in rows]


def _resolve(municipality: Municipality, payload: ServiceIn) -> dict[str, Any]:
    """The request's ids as the objects service_create takes, each looked up in the
    municipality only; every unknown one reported at once."""
    errors: dict[str, list[str]] = {}
    fields = payload.model_dump()
    try:
        fields["area"] = _objects(
            ServiceArea.objects.filter(municipality=municipality),
            [payload.area],
            "area",
            _("Choose a service area of your municipality."),
        )[0]
    except _Invalid as invalid:
        errors.update(invalid.errors)
    if payload.responsible_unit is not None:
        try:
            fields["responsible_unit"] = _objects(
                OrgUnit.objects.for_municipality(municipality),
                [payload.responsible_unit],
                "responsible_unit",
                _("Choose a unit in your municipality."),
            )[0]
        except _Invalid as invalid:
            errors.update(invalid.errors)
    if errors:
        raise _Invalid(errors)
    return fields


# --- Endpoints -----------------------------------------------------------------------------------


@router.get(
    "/service-areas",
    response={200: list[AreaOut], **ERRORS},
    summary="The service areas of the service catalogue",
)
def service_area_list(request: HttpRequest) -> Any:
    membership = _membership(request)
    _require(membership, Capability.VIEW_PORTFOLIO)
    areas = ServiceArea.objects.filter(municipality=membership.municipality).select_related(
        "org_unit"
    )
    return [
        {"id": a.pk, "name": a.name, "position": a.position, "org_unit": _unit(a.org_unit)}
        for a in areas
    ]


@router.get(
    "/services",
    response={200: list[ServiceOut], **ERRORS},
    summary="The service catalogue: every service with its newest assessment",
)
def service_list(request: HttpRequest, filters: Query[ServiceFilters]) -> Any:
    membership = _membership(request)
    _require(membership, Capability.VIEW_PORTFOLIO)
    services_ = Service.objects.filter(municipality=membership.municipality)
    if filters.area is not None:
        services_ = services_.filter(area_id=filters.area)
    return _services_of(services_)


@router.post(
    "/services",
    response={201: ServiceOut, 422: InvalidOut, **ERRORS},
    summary="Add a service to the catalogue",
)
def service_create(request: HttpRequest, payload: ServiceIn) -> Any:
    membership = _membership(request)
    _require(membership, Capability.MANAGE_SERVICES)
    try:
        fields = _resolve(membership.municipality, payload)
        service = services.service_create(
            actor=membership.user, municipality=membership.municipality, **fields
        )
    except _Invalid as invalid:
        return _invalid(invalid.errors)
    except ValidationError as error:
        return _invalid(_service_errors(error))
    return Status(201, _services_of(Service.objects.filter(pk=service.pk))[0])


@router.get(
    "/services/{service_id}",
    response={200: ServiceOut, **ERRORS},
    summary="One service with its newest assessment",
)
def service_detail(request: HttpRequest, service_id: int) -> Any:
    service = get_service_for_user(_membership(request), service_id)
    return _services_of(Service.objects.filter(pk=service.pk))[0]


@router.get(
    "/services/{service_id}/assessments",
    response={200: list[AssessmentOut], **ERRORS},
    summary="A service's assessments, newest first",
)
def assessment_list(request: HttpRequest, service_id: int) -> Any:
    service = get_service_for_user(_membership(request), service_id)
    assessments = service.assessments.select_related("recorded_by").order_by("-assessed_on")
    return [_assessment(assessment) for assessment in assessments]


@router.post(
    "/services/{service_id}/assessments",
    response={200: AssessmentOut, 201: AssessmentOut, 422: InvalidOut, **ERRORS},
    summary="Record an assessment of a service",
    description=(
        "Records how digital the service was on `assessed_on`: an answer (yes, no, unsure or "
        "partly) and a comment for each of the three levels. A service has one assessment per "
        "date: posting a date that already has one **replaces** it (answer 200; the history "
        "keeps the earlier answers), a new date adds one (answer 201). A date in the future is "
        "refused. `unclassified` cannot be posted: it marks imported text no one has read yet."
    ),
)
def assessment_create(request: HttpRequest, service_id: int, payload: AssessmentIn) -> Any:
    membership = _membership(request)
    service = get_rw_service_for_user(membership, service_id)
    existed = service.assessments.filter(assessed_on=payload.assessed_on).exists()
    try:
        assessment = services.assessment_record(
            actor=membership.user, service=service, **payload.model_dump()
        )
    except ValidationError as error:
        return _invalid(_service_errors(error))
    return Status(200 if existed else 201, _assessment(assessment))


# --- Maturity summary and the digital-first-choice plan -------------------------------------------


class CountsOut(Schema):
    services: int
    electronic_application: int = Field(description="Services answering yes at level 1")
    electronic_transfer: int = Field(description="Services answering yes at level 2")
    electronic_answer: int = Field(description="Services answering yes at level 3")
    full_digital_first_choice: int = Field(description="Services answering yes at all three")
    not_assessed: int = Field(description="Services with no assessment on or before the date")


class AreaCountsOut(CountsOut):
    area: AreaRef


class MaturitySummaryOut(Schema):
    as_of: date = Field(description="Each service's newest assessment on or before this date")
    areas: list[AreaCountsOut]
    total: CountsOut


class InitiativeRef(Schema):
    id: int
    name: str
    status: str
    planned_end: date | None


class StepOut(Schema):
    id: int
    level: int
    description: str
    initiative: InitiativeRef | None
    needs_initiative: bool
    responsible: PersonRef | None
    due_date: date | None
    status: str = Field(description="planned, in_progress or done")
    flags: list[str] = Field(
        description="needs_initiative, initiative_stopped, initiative_late, overdue"
    )


class GapOut(Schema):
    level: int = Field(description="1-3: a level the service does not answer yes at")
    answer: str | None = Field(description="The answer at the level; null if not assessed")
    comment: str
    flags: list[str] = Field(description="no_step, or the flags of its steps")
    steps: list[StepOut]


class ServiceRef(Schema):
    id: int
    name: str


class PlanRowOut(Schema):
    service: ServiceRef
    area: AreaRef
    assessed_on: date | None = Field(description="The newest assessment; null if none")
    flagged: bool = Field(description="Something about its gaps needs attention")
    gaps: list[GapOut]


class PlanOut(Schema):
    today: date
    services: list[PlanRowOut]


class SummaryParams(Schema):
    as_of: date | None = Field(None, alias="date", description="YYYY-MM-DD; today if left out")


class PlanFilters(Schema):
    area: int | None = Field(None, description="Only the services of this service area (id)")
    flagged: bool = Field(False, description="Only the services whose gaps need attention")


def _counts(counts: Counts) -> dict[str, Any]:
    return {**counts.as_dict(), "not_assessed": counts.not_assessed}


def _step(line: StepLine) -> dict[str, Any]:
    step, initiative = line.step, line.step.initiative
    return {
        "id": step.pk,
        "level": step.level,
        "description": step.description,
        "initiative": None
        if initiative is None
        else {
            "id": initiative.pk,
            "name": initiative.name,
            "status": initiative.status,
            "planned_end": initiative.planned_end,
        },
        "needs_initiative": step.needs_initiative,
        "responsible": _person(step.responsible),
        "due_date": step.due_date,
        "status": step.status,
        "flags": [str(flag) for flag in line.flags],
    }


def _plan_row(row: PlanRow) -> dict[str, Any]:
    assessment = row.maturity.assessment
    return {
        "service": {"id": row.service.pk, "name": row.service.name},
        "area": {"id": row.service.area.pk, "name": row.service.area.name},
        "assessed_on": None if assessment is None else assessment.assessed_on,
        "flagged": row.flagged,
        "gaps": [
            {
                "level": int(gap.level),
                "answer": gap.answer.answer or None,
                "comment": gap.answer.comment,
                "flags": [str(flag) for flag in gap.flags],
                "steps": [_step(line) for line in gap.steps],
            }
            for gap in row.gaps
        ],
    }


@router.get(
    "/maturity/summary",
    response={200: MaturitySummaryOut, 422: InvalidOut, **ERRORS},
    summary="How many services reach each maturity level, per service area and in total",
    tags=["maturity"],
)
def maturity_summary_api(request: HttpRequest, params: Query[SummaryParams]) -> Any:
    """Each service's newest assessment on or before `date` (YYYY-MM-DD; today if left out),
    counted per service area and in total: the services, how many answer yes at each level and
    at all three (a full digital first choice), and how many have no assessment yet."""
    membership = _membership(request)
    _require(membership, Capability.VIEW_PORTFOLIO)
    summary = maturity_summary(membership.municipality, params.as_of or timezone.localdate())
    return {
        "as_of": summary.on,
        "areas": [
            {"area": {"id": area.area.pk, "name": area.area.name}, **_counts(area.counts)}
            for area in summary.areas
        ],
        "total": _counts(summary.total),
    }


@router.get(
    "/maturity/plan",
    response={200: PlanOut, **ERRORS},
    summary="The digital-first-choice plan: every service's gaps, their steps and flags",
    tags=["maturity"],
)
def maturity_plan_api(request: HttpRequest, filters: Query[PlanFilters]) -> Any:
    """Every service that does not answer yes at all three levels (at its newest assessment;
    one never assessed lacks all three), each missing level with its planned steps, and what
    needs attention: `no_step` (a gap no one has planned for), `needs_initiative`,
    `initiative_stopped`, `initiative_late` (past its planned end and not completed) and
    `overdue` (a step past its own date and not done)."""
    membership = _membership(request)
    _require(membership, Capability.VIEW_PORTFOLIO)
    plan = maturity_plan(membership.municipality, timezone.localdate())
    rows = plan.filtered(area=filters.area, only_flagged=filters.flagged)
    return {"today": plan.today, "services": [_plan_row(row) for row in rows]}
