"""Help across departments in the JSON API: the requests (by asked department and status), one
request, asking for help, and the asked department's answer (accept with a plan, decline with a
reason) and closing. Writes go through the learning services; another municipality's request is
404; only the asked department's people, never the one who asked, answer (403)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from helhet.accounts.roles import Capability
from helhet.api.errors import BODY_ERRORS, ERRORS, InvalidRequest, invalid, service_errors
from helhet.api.lookups import look_up_all, object_by_id
from helhet.api.members import request_membership, require
from helhet.api.pagination import Page, PageParams, paginate
from helhet.api.schemas import Day, Id, NamedRef, PersonRef, UnitRef, text
from helhet.learning.access import get_help_request_for_user, get_help_request_to_answer
from helhet.learning.helping import days_waiting, help_requests_listed
from helhet.learning.models import HelpKind, HelpRequest, HelpStatus
from helhet.learning.services import help as services
from helhet.organization.models import OrgUnit
from helhet.portfolio.models import Initiative

router = Router(tags=["help requests"])


class HelpRequestOut(Schema):
    id: int
    from_unit: UnitRef
    to_unit: UnitRef
    kind: str = Field(description="method, implementation, data or other")
    title: str
    description: str
    initiative: NamedRef | None
    status: str = Field(description="asked, accepted, declined or closed")
    asked_by: PersonRef | None
    asked_at: datetime
    days_waiting: int = Field(description="Days from asking to the answer, or to today")
    answered_by: PersonRef | None
    answered_at: datetime | None
    planned_for: date | None
    answer: str
    closed_at: datetime | None
    outcome: str
    version: int

    @staticmethod
    def resolve_days_waiting(row: HelpRequest) -> int:
        return days_waiting(row, timezone.localdate())


class HelpRequestPage(Page):
    results: list[HelpRequestOut]


class HelpFilters(Schema):
    to_unit_id: Id | None = None
    status: Literal[("open", *HelpStatus.values)] | None = None  # type: ignore[valid-type]


class HelpRequestIn(Schema):
    from_unit_id: Id
    to_unit_id: Id
    kind: Literal[tuple(HelpKind.values)]  # type: ignore[valid-type]
    title: str = text(HelpRequest, "title", ...)
    description: str = text(HelpRequest, "description", ...)
    initiative_id: Id | None = None


class HelpAnswerIn(Schema):
    accept: bool
    answer: str = text(HelpRequest, "answer", ...)
    planned_for: Day | None = None
    version: Id | None = None


class HelpCloseIn(Schema):
    outcome: str = text(HelpRequest, "outcome", ...)
    version: Id | None = None


def _details(rows: Any) -> Any:
    return rows.select_related("answered_by")


@router.get(
    "/help-requests",
    response={200: HelpRequestPage, **ERRORS},
    summary="Requests for help across departments, by asked department and status",
    operation_id="helhet_api_help_requests_help_request_list",
)
def help_request_list(
    request: HttpRequest, filters: Query[HelpFilters], paging: Query[PageParams]
) -> Any:
    membership = request_membership(request)
    require(membership, Capability.VIEW_LESSONS)
    rows = help_requests_listed(
        membership.municipality_id, to_unit_id=filters.to_unit_id, status=filters.status or ""
    )
    return paginate(request, rows, paging, details=_details)


@router.get(
    "/help-requests/{request_id}",
    response={200: HelpRequestOut, **ERRORS},
    summary="One request for help",
    operation_id="helhet_api_help_requests_help_request_read",
)
def help_request_read(request: HttpRequest, request_id: Id) -> Any:
    return get_help_request_for_user(request_membership(request), request_id)


@router.post(
    "/help-requests",
    response={201: HelpRequestOut, **BODY_ERRORS},
    summary="Ask a department for help (all but readers)",
    operation_id="helhet_api_help_requests_help_request_create",
)
def help_request_create(request: HttpRequest, payload: HelpRequestIn) -> Any:
    membership = request_membership(request)
    require(membership, Capability.ASK_FOR_HELP)
    municipality = membership.municipality
    units = OrgUnit.objects.for_municipality(municipality)
    try:
        found = look_up_all(
            {
                "from_unit": lambda: object_by_id(
                    units,
                    payload.from_unit_id,
                    "from_unit_id",
                    _("Choose a unit in your municipality."),
                ),
                "to_unit": lambda: object_by_id(
                    units,
                    payload.to_unit_id,
                    "to_unit_id",
                    _("Choose a department in your municipality."),
                ),
                "initiative": lambda: (
                    None
                    if payload.initiative_id is None
                    else object_by_id(
                        Initiative.objects.filter(municipality=municipality),
                        payload.initiative_id,
                        "initiative_id",
                        _("Choose an initiative in your municipality."),
                    )
                ),
            }
        )
        asked = services.help_request_ask(
            actor=membership.user,
            municipality=municipality,
            kind=payload.kind,
            title=payload.title,
            description=payload.description,
            **found,
        )
    except InvalidRequest as error:
        return invalid(error.errors)
    except ValidationError as error:
        return invalid(service_errors(error))
    return Status(201, asked)


@router.post(
    "/help-requests/{request_id}/answer",
    response={200: HelpRequestOut, **BODY_ERRORS},
    summary="Accept a request with a plan, or decline it with a reason (the asked department)",
    description="Only the people of the asked department (their unit is it or under it), never "
    "the one who asked (403); only while it is asked (422).",
    operation_id="helhet_api_help_requests_help_request_answer",
)
def help_request_answer(request: HttpRequest, request_id: Id, payload: HelpAnswerIn) -> Any:
    membership = request_membership(request)
    asked = get_help_request_to_answer(membership, request_id)
    try:
        return services.help_request_answer(
            actor=membership.user,
            request=asked,
            accept=payload.accept,
            answer=payload.answer,
            planned_for=payload.planned_for,
            expected_version=payload.version,
        )
    except ValidationError as error:
        return invalid(service_errors(error))


@router.post(
    "/help-requests/{request_id}/close",
    response={200: HelpRequestOut, **BODY_ERRORS},
    summary="Close an accepted request with what came of it (the asked department)",
    operation_id="helhet_api_help_requests_help_request_close",
)
def help_request_close(request: HttpRequest, request_id: Id, payload: HelpCloseIn) -> Any:
    membership = request_membership(request)
    asked = get_help_request_to_answer(membership, request_id)
    try:
        return services.help_request_close(
            actor=membership.user,
            request=asked,
            outcome=payload.outcome,
            expected_version=payload.version,
        )
    except ValidationError as error:
        return invalid(service_errors(error))
