"""The service catalogue in the JSON API: the service areas, the services with their newest
assessment, adding a service, and a service's assessments (reading them and recording one).
Writes go through the maturity services; tenancy and roles as in the HTML views (another
municipality's service is 404; only the portfolio office and administrators write)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from helhet.accounts.roles import Capability
from helhet.api.errors import (
    BODY_ERRORS,
    ERRORS,
    InvalidRequest,
    invalid,
    service_errors,
)
from helhet.api.lookups import look_up_all, object_by_id
from helhet.api.members import request_membership, require
from helhet.api.schemas import Day, Id, PersonRef, UnitRef, WholeNumber, text
from helhet.maturity.access import get_rw_service_for_user, get_service_for_user
from helhet.maturity.models import Assessment, Service, ServiceArea
from helhet.maturity.selectors.catalogue import (
    CatalogueEntry,
    newest_assessments,
    services_with_newest_assessment,
)
from helhet.maturity.services import assessments, catalogue
from helhet.organization.models import Municipality, OrgUnit

router = Router(tags=["services"])

ANSWERS = "yes, no, unsure, partly (and unclassified, only from an import)"


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
    full_digital_first_choice: bool = Field(alias="is_full_digital_first_choice")
    source: str
    recorded_by: PersonRef | None

    @staticmethod
    def resolve_stops_at(assessment: Assessment) -> int | None:
        stop = assessment.stops_at
        return None if stop is None else int(stop)


class ServiceOut(Schema):
    # Read from a catalogue entry: the service and its newest assessment.

    id: int = Field(alias="service.id")
    name: str = Field(alias="service.name")
    area: AreaRef = Field(alias="service.area")
    responsible_unit: UnitRef | None = Field(alias="service.responsible_unit")
    description: str = Field(alias="service.description")
    case_system: str = Field(alias="service.case_system")
    national_solution: str = Field(alias="service.national_solution")
    yearly_volume: int | None = Field(
        alias="service.yearly_volume", description="Cases per year, when known"
    )
    newest_assessment: AssessmentOut | None = Field(alias="newest")


class ServiceIn(Schema):
    """A new service: the name (unique in the municipality whatever the case) and the service
    area's id are required."""

    name: str = text(Service, "name", ...)
    area: Id = Field(description="Service area id")
    responsible_unit: Id | None = Field(None, description="Unit id")
    description: str = text(Service, "description")
    case_system: str = text(Service, "case_system")
    national_solution: str = text(Service, "national_solution")
    yearly_volume: WholeNumber | None = None


class ServiceFilters(Schema):
    area: Id | None = Field(None, description="Only the services of this service area (id)")


class AssessmentIn(Schema):
    """How digital the service was at a date. Answers: yes, no, unsure or partly."""

    assessed_on: Day = Field(description="Not in the future")
    application: str = text(Assessment, "application", ..., description="yes, no, unsure or partly")
    application_comment: str = text(Assessment, "application_comment")
    transfer: str = text(Assessment, "transfer", ..., description="yes, no, unsure or partly")
    transfer_comment: str = text(Assessment, "transfer_comment")
    answer: str = text(Assessment, "answer", ..., description="yes, no, unsure or partly")
    answer_comment: str = text(Assessment, "answer_comment")
    source: str = text(Assessment, "source")


def catalogue_entries(services_: QuerySet[Service]) -> list[CatalogueEntry]:
    """The services, each with its newest assessment, as ServiceOut reads them: a fixed number
    of queries for any number of services."""
    rows = list(
        services_with_newest_assessment(services_.select_related("area", "responsible_unit"))
    )
    newest = newest_assessments(rows)
    return [CatalogueEntry(service, newest.get(service.pk)) for service in rows]


def _resolve(municipality: Municipality, payload: ServiceIn) -> dict[str, Any]:
    """The request's ids as the objects service_create takes, each looked up in the
    municipality only; every unknown one reported at once."""
    areas = ServiceArea.objects.filter(municipality=municipality)
    units = OrgUnit.objects.for_municipality(municipality)
    found = look_up_all(
        {
            "area": lambda: object_by_id(
                areas, payload.area, "area", _("Choose a service area of your municipality.")
            ),
            "responsible_unit": lambda: (
                None
                if payload.responsible_unit is None
                else object_by_id(
                    units,
                    payload.responsible_unit,
                    "responsible_unit",
                    _("Choose a unit in your municipality."),
                )
            ),
        }
    )
    return {**payload.model_dump(), **found}


@router.get(
    "/service-areas",
    response={200: list[AreaOut], **ERRORS},
    summary="The service areas of the service catalogue",
    operation_id="helhet_api_maturity_service_area_list",
)
def service_area_list(request: HttpRequest) -> Any:
    membership = request_membership(request)
    require(membership, Capability.VIEW_PORTFOLIO)
    return ServiceArea.objects.filter(municipality=membership.municipality).select_related(
        "org_unit"
    )


@router.get(
    "/services",
    response={200: list[ServiceOut], **ERRORS},
    summary="The service catalogue: every service with its newest assessment",
    operation_id="helhet_api_maturity_service_list",
)
def service_list(request: HttpRequest, filters: Query[ServiceFilters]) -> Any:
    membership = request_membership(request)
    require(membership, Capability.VIEW_PORTFOLIO)
    services_ = Service.objects.filter(municipality=membership.municipality)
    if filters.area is not None:
        services_ = services_.filter(area_id=filters.area)
    return catalogue_entries(services_)


@router.post(
    "/services",
    response={201: ServiceOut, **BODY_ERRORS},
    summary="Add a service to the catalogue",
    operation_id="helhet_api_maturity_service_create",
)
def service_create(request: HttpRequest, payload: ServiceIn) -> Any:
    membership = request_membership(request)
    require(membership, Capability.MANAGE_SERVICES)
    try:
        fields = _resolve(membership.municipality, payload)
        service = catalogue.service_create(
            actor=membership.user, municipality=membership.municipality, **fields
        )
    except InvalidRequest as error:
        return invalid(error.errors)
    except ValidationError as error:
        return invalid(service_errors(error))
    return Status(201, catalogue_entries(Service.objects.filter(pk=service.pk))[0])


@router.get(
    "/services/{service_id}",
    response={200: ServiceOut, **ERRORS},
    summary="One service with its newest assessment",
    operation_id="helhet_api_maturity_service_detail",
)
def service_detail(request: HttpRequest, service_id: Id) -> Any:
    service = get_service_for_user(request_membership(request), service_id)
    return catalogue_entries(Service.objects.filter(pk=service.pk))[0]


@router.get(
    "/services/{service_id}/assessments",
    response={200: list[AssessmentOut], **ERRORS},
    summary="A service's assessments, newest first",
    operation_id="helhet_api_maturity_assessment_list",
)
def assessment_list(request: HttpRequest, service_id: Id) -> Any:
    service = get_service_for_user(request_membership(request), service_id)
    return service.assessments.select_related("recorded_by").order_by("-assessed_on")


@router.post(
    "/services/{service_id}/assessments",
    response={200: AssessmentOut, 201: AssessmentOut, **BODY_ERRORS},
    summary="Record an assessment of a service",
    description=(
        "Records how digital the service was on `assessed_on`: an answer (yes, no, unsure or "
        "partly) and a comment for each of the three levels. A service has one assessment per "
        "date: posting a date that already has one **replaces** it (answer 200; the history "
        "keeps the earlier answers), a new date adds one (answer 201). A date in the future is "
        "refused. `unclassified` cannot be posted: it marks imported text no one has read yet."
    ),
    operation_id="helhet_api_maturity_assessment_create",
)
def assessment_create(request: HttpRequest, service_id: Id, payload: AssessmentIn) -> Any:
    membership = request_membership(request)
    service = get_rw_service_for_user(membership, service_id)
    existed = service.assessments.filter(assessed_on=payload.assessed_on).exists()
    try:
        assessment = assessments.assessment_record(
            actor=membership.user, service=service, **payload.model_dump()
        )
    except ValidationError as error:
        return invalid(service_errors(error))
    return Status(200 if existed else 201, assessment)
