"""Initiatives in the JSON API: the list (filtered like the portfolio overview, paginated), one
initiative, registering one and changing one. Writes go through the portfolio services; tenancy
and roles as in the HTML views (another municipality's initiative is 404)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from helhet.accounts.models import Membership, User
from helhet.accounts.roles import Capability
from helhet.api.errors import (
    BODY_ERRORS,
    ERRORS,
    InvalidRequest,
    invalid,
    service_errors,
)
from helhet.api.initiative_payloads import InitiativeIn, InitiativePatch, resolve_payload
from helhet.api.members import request_membership, require
from helhet.api.pagination import Page, PageParams, paginate
from helhet.api.schemas import Id, NamedRef, PersonRef, UnitRef, WholeNumber, money, sum_of_money
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio import services
from helhet.portfolio.access import get_initiative_for_user, get_rw_initiative_for_user
from helhet.portfolio.filters import PortfolioFilter, filtered_initiatives, parse_filters
from helhet.portfolio.models import FundingSource, Initiative, StrategicGoal
from helhet.portfolio.services import ConcurrentEditError

router = Router(tags=["portfolio"])


class FundingOut(Schema):
    source: str
    source_label: str
    amount: str = Field(description="NOK, as a decimal string")
    note: str

    @staticmethod
    def resolve_source_label(line: FundingSource) -> str:
        return line.get_source_display()

    @staticmethod
    def resolve_amount(line: FundingSource) -> str:
        return sum_of_money(line.amount)


class InitiativeOut(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    status: str
    status_label: str
    stop_reason: str
    short_description: str
    need: str
    owning_unit: UnitRef
    participating_units: list[UnitRef]
    programme: NamedRef | None
    project_owner: PersonRef | None
    project_leader: PersonRef | None
    contacts: list[PersonRef]
    planned_start: date | None
    planned_end: date | None
    actual_start: date | None
    actual_end: date | None
    estimated_cost: str | None = Field(description="NOK, as a decimal string")
    actual_cost: str | None = Field(description="NOK, as a decimal string")
    funding: list[FundingOut]
    goals: list[NamedRef]
    tags: list[str]
    processes_personal_data: bool
    ros_status: str
    ros_date: date | None
    dpia_status: str
    dpia_date: date | None
    dpa_status: str
    dpa_date: date | None
    last_reported_at: datetime | None
    version: int = Field(description="Send it back with PATCH (optimistic concurrency)")
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_kind_label(initiative: Initiative) -> str:
        return initiative.get_kind_display()

    @staticmethod
    def resolve_status_label(initiative: Initiative) -> str:
        return initiative.get_status_display()

    @staticmethod
    def resolve_estimated_cost(initiative: Initiative) -> str | None:
        return money(initiative.estimated_cost)

    @staticmethod
    def resolve_actual_cost(initiative: Initiative) -> str | None:
        return money(initiative.actual_cost)

    @staticmethod
    def resolve_funding(initiative: Initiative) -> list[FundingSource]:
        return list(initiative.funding_sources.all())

    @staticmethod
    def resolve_tags(initiative: Initiative) -> list[str]:
        return sorted(tag.name for tag in initiative.tags.all())

    @staticmethod
    def resolve_last_reported_at(initiative: Initiative) -> datetime | None:
        # Annotated by filtered_initiatives; absent on an initiative loaded any other way.
        return getattr(initiative, "last_reported_at", None)


class InitiativePage(Page):
    results: list[InitiativeOut]


class InitiativeFilters(Schema):
    """The overview's filters; every one optional, and they combine."""

    q: str = Field("", description="Free text in name, description and need")
    unit: Id | None = Field(None, description="Directorate or department (with units below)")
    kind: list[str] = Field(default_factory=list, description="idea, project, programme, activity")
    status: list[str] = Field(
        default_factory=list, description="active, paused, completed, stopped"
    )
    goal: Id | None = Field(None, description="Strategic goal id")
    tag: Id | None = Field(None, description="Tag id")
    without_ros: bool = Field(
        False,
        description="Only those processing personal data without a finished ROS or with the "
        "DPIA not assessed",
    )
    stale: bool = Field(False, description="Only active ones without a status report for a month")
    method: Id | None = Field(None, description="Method id: projects on any version of it")
    phase: str = Field(
        "", description="Current phase as '<method id>:<phase name>', in any version of the method"
    )
    level: str = Field("", description="Level code, such as liten, middels or stor")
    waiting: bool = Field(False, description="Only those with a decision request waiting")
    blocked_days: WholeNumber | None = Field(
        None,
        description=(
            "Only those that first asked for the decision ending their current phase more than "
            "this many days ago (1-3650) and have not passed it"
        ),
    )
    sort: str = Field("name", description="name, kind, status, unit, start, end, cost, reported")


class ChangeOut(Schema):
    field: str
    old: str
    new: str


class ConflictOut(Schema):
    detail: str
    version: int = Field(description="The version saved now: start again from it")
    changes: list[ChangeOut]


def chosen_filters(request: HttpRequest, municipality: Municipality) -> PortfolioFilter:
    """The overview's filters from the query string, parsed as the overview parses them (the
    InitiativeFilters schema only documents them); any wrong one raises InvalidRequest."""
    filters = parse_filters(request.GET, municipality=municipality)
    if filters.errors:
        raise InvalidRequest(filters.errors)
    return filters


def with_details(initiatives: QuerySet[Initiative]) -> QuerySet[Initiative]:
    """Everything InitiativeOut shows, in a fixed number of queries for any number of rows."""
    return initiatives.select_related(
        "owning_unit", "programme", "project_owner", "project_leader"
    ).prefetch_related(
        Prefetch("participating_units", queryset=OrgUnit.objects.order_by("name")),
        Prefetch("contacts", queryset=User.objects.order_by("last_name", "first_name")),
        Prefetch("goals", queryset=StrategicGoal.objects.order_by("position", "name")),
        "tags",
        Prefetch("funding_sources", queryset=FundingSource.objects.order_by("source", "pk")),
    )


def _load(membership: Membership, pk: int) -> Initiative:
    """The initiative as InitiativeOut shows it, with its newest status report time."""
    queryset = filtered_initiatives(
        municipality=membership.municipality, filters=PortfolioFilter()
    ).filter(pk=pk)
    return with_details(queryset).get()


@router.get(
    "/initiatives",
    response={200: InitiativePage, **ERRORS},
    summary="The initiatives, filtered like the portfolio overview",
    operation_id="helhet_api_portfolio_initiative_list",
)
def initiative_list(
    request: HttpRequest, filters: Query[InitiativeFilters], paging: Query[PageParams]
) -> Any:
    membership = request_membership(request)
    require(membership, Capability.VIEW_PORTFOLIO)
    municipality = membership.municipality
    try:
        chosen = chosen_filters(request, municipality)
    except InvalidRequest as error:
        return invalid(error.errors)
    initiatives = filtered_initiatives(municipality=municipality, filters=chosen)
    return paginate(request, initiatives, paging, details=with_details)


@router.post(
    "/initiatives",
    response={201: InitiativeOut, **BODY_ERRORS},
    summary="Register an initiative",
    description=(
        "A project leader who registers an initiative becomes its project leader, a project "
        "owner its project owner, unless the body names one. Only the project owner, the "
        "portfolio office and the administrator name who owns and leads an initiative: anyone "
        "else naming them gets 403. A person whose role does not allow the task (a reader as "
        "project owner, say) gets 422."
    ),
    operation_id="helhet_api_portfolio_initiative_create",
)
def initiative_create(request: HttpRequest, payload: InitiativeIn) -> Any:
    membership = request_membership(request)
    require(membership, Capability.REGISTER_INITIATIVE)
    municipality = membership.municipality
    try:
        found = resolve_payload(municipality, payload.model_dump())
        fields = found.fields
        initiative = services.initiative_create(
            actor=membership.user,
            municipality=municipality,
            name=fields.pop("name"),
            kind=fields.pop("kind"),
            owning_unit=fields.pop("owning_unit"),
            m2m=found.m2m,
            tags=found.tags,
            funding=found.funding or (),
            **fields,
        )
    except InvalidRequest as error:
        return invalid(error.errors)
    except PermissionDenied as refused:
        return Status(403, {"detail": str(refused)})
    except ValidationError as error:
        return invalid(service_errors(error))
    return Status(201, _load(membership, initiative.pk))


@router.get(
    "/initiatives/{initiative_id}",
    response={200: InitiativeOut, **ERRORS},
    summary="One initiative",
    operation_id="helhet_api_portfolio_initiative_detail",
)
def initiative_detail(request: HttpRequest, initiative_id: Id) -> Any:
    membership = request_membership(request)
    initiative = get_initiative_for_user(membership, initiative_id)
    return _load(membership, initiative.pk)


@router.patch(
    "/initiatives/{initiative_id}",
    response={200: InitiativeOut, 409: ConflictOut, **BODY_ERRORS},
    summary="Change an initiative (send the version you started from)",
    description=(
        "Only the project owner, the portfolio office and the administrator change "
        "project_owner and project_leader (403 for anyone else, the project leader too). A "
        "person whose role does not allow the task gets 422, as does one person as both owner "
        "and leader unless the method's level allows it."
    ),
    operation_id="helhet_api_portfolio_initiative_update",
)
def initiative_update(request: HttpRequest, initiative_id: Id, payload: InitiativePatch) -> Any:
    membership = request_membership(request)
    initiative = get_rw_initiative_for_user(membership, initiative_id)
    try:
        found = resolve_payload(membership.municipality, payload.model_dump(exclude_unset=True))
        services.initiative_update(
            actor=membership.user,
            initiative=initiative,
            expected_version=payload.version,
            fields=found.fields,
            m2m=found.m2m,
            tags=found.tags,
            funding=found.funding,
        )
    except InvalidRequest as error:
        return invalid(error.errors)
    except ConcurrentEditError as conflict:
        current = Initiative.objects.values_list("version", flat=True).get(pk=initiative.pk)
        return Status(
            409, {"detail": conflict.messages[0], "version": current, "changes": conflict.changes}
        )
    except PermissionDenied as refused:
        return Status(403, {"detail": str(refused)})
    except ValidationError as error:
        return invalid(service_errors(error))
    return _load(membership, initiative.pk)
