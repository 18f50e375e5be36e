"""The portfolio in the JSON API: initiatives (filtered like the overview, paginated), one
initiative, the overview's counts and sums, and status reports. Writes go through the portfolio
services; tenancy and roles as in the HTML views (another municipality's initiative is 404)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from helhet.accounts.models import Membership, User
from helhet.accounts.roles import Capability
from helhet.api.schemas import ErrorOut, UnitRef
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio import services
from helhet.portfolio.access import get_initiative_for_user, get_rw_initiative_for_user
from helhet.portfolio.filters import PortfolioFilter, filtered_initiatives, parse_filters
from helhet.portfolio.models import (
    FundingSource,
    Initiative,
    InitiativeKind,
    StatusReport,
    StrategicGoal,
)
from helhet.portfolio.selectors import Bucket, portfolio_summary
from helhet.portfolio.services import ConcurrentEditError, FundingLine

router = Router(tags=["portfolio"])

MAX_PAGE_SIZE = 200
ERRORS: dict[int, type[Schema]] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


# --- Schemas -------------------------------------------------------------------------------------


class PersonRef(Schema):
    id: int
    username: str
    name: str


class NamedRef(Schema):
    id: int
    name: str


class FundingOut(Schema):
    source: str
    source_label: str
    amount: str = Field(description="NOK, as a decimal string")
    note: str


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


class InitiativePage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[InitiativeOut]


class InitiativeFilters(Schema):
    """The overview's filters; every one optional, and they combine."""

    q: str = Field("", description="Free text in name, description and need")
    unit: int | None = Field(None, description="Directorate or department (with units below)")
    kind: list[str] = Field(default_factory=list, description="idea, project, programme, activity")
    status: list[str] = Field(
        default_factory=list, description="active, paused, completed, stopped"
    )
    goal: int | None = Field(None, description="Strategic goal id")
    tag: int | None = Field(None, description="Tag id")
    without_ros: bool = Field(
        False, description="Only those processing personal data without a finished ROS"
    )
    stale: bool = Field(False, description="Only active ones without a status report for a month")
    method: int | None = Field(None, description="Method id: projects on any version of it")
    phase: str = Field(
        "", description="Current phase as '<method id>:<phase name>', in any version of the method"
    )
    level: str = Field("", description="Level code, such as liten, middels or stor")
    waiting: bool = Field(False, description="Only those with a decision request waiting")
    blocked_days: int | None = Field(
        None,
        description=(
            "Only those that first asked for the decision ending their current phase more than "
            "this many days ago (1-3650) and have not passed it"
        ),
    )
    sort: str = Field("name", description="name, kind, status, unit, start, end, cost, reported")


class PageParams(Schema):
    page: int = Field(1, ge=1)
    page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE)


class FundingIn(Schema):
    source: str = Field(
        description="own_budget, digitalisation_fund, innovasjon_norge, eu, state_grant, other"
    )
    amount: Decimal = Field(description="NOK")
    note: str = ""


class InitiativeIn(Schema):
    """A new initiative: name, kind and owning unit are required; the rest can come later.
    People are given by username, units, goals and the programme by id."""

    name: str
    kind: str = Field(description="idea, project, programme, activity")
    owning_unit: int
    short_description: str = ""
    need: str = ""
    programme: int | None = None
    project_owner: str | None = None
    project_leader: str | None = None
    contacts: list[str] = Field(default_factory=list)
    participating_units: list[int] = Field(default_factory=list)
    planned_start: date | None = None
    planned_end: date | None = None
    actual_start: date | None = None
    actual_end: date | None = None
    status: str = "active"
    stop_reason: str = ""
    estimated_cost: Decimal | None = None
    actual_cost: Decimal | None = None
    funding: list[FundingIn] = Field(default_factory=list)
    goals: list[int] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    processes_personal_data: bool = False
    ros_status: str = ""
    ros_date: date | None = None
    dpia_status: str = ""
    dpia_date: date | None = None
    dpa_status: str = ""
    dpa_date: date | None = None


class InitiativePatch(Schema):
    """The fields to change, and the ``version`` the change starts from. Fields left out stay
    as they are."""

    version: int
    name: str | None = None
    kind: str | None = None
    owning_unit: int | None = None
    short_description: str | None = None
    need: str | None = None
    programme: int | None = None
    project_owner: str | None = None
    project_leader: str | None = None
    contacts: list[str] | None = None
    participating_units: list[int] | None = None
    planned_start: date | None = None
    planned_end: date | None = None
    actual_start: date | None = None
    actual_end: date | None = None
    status: str | None = None
    stop_reason: str | None = None
    estimated_cost: Decimal | None = None
    actual_cost: Decimal | None = None
    funding: list[FundingIn] | None = None
    goals: list[int] | None = None
    tags: list[str] | None = None
    processes_personal_data: bool | None = None
    ros_status: str | None = None
    ros_date: date | None = None
    dpia_status: str | None = None
    dpia_date: date | None = None
    dpa_status: str | None = None
    dpa_date: date | None = None


class InvalidOut(Schema):
    detail: str
    errors: dict[str, list[str]]


class ChangeOut(Schema):
    field: str
    old: str
    new: str


class ConflictOut(Schema):
    detail: str
    version: int = Field(description="The version saved now: start again from it")
    changes: list[ChangeOut]


class BucketOut(Schema):
    key: str
    label: str
    count: int
    amount: str = Field(description="NOK, as a decimal string")
    id: int | None = None


class SummaryOut(Schema):
    total: int
    estimated_cost: str
    actual_cost: str
    funded_total: str
    by_kind: list[BucketOut]
    by_status: list[BucketOut]
    by_service_area: list[BucketOut]
    by_department: list[BucketOut]
    by_goal: list[BucketOut]
    funding: list[BucketOut]
    stale: int
    without_ros: int


class StatusReportOut(Schema):
    id: int
    reported_at: datetime
    author: PersonRef | None
    progress: str
    progress_comment: str
    economy: str
    economy_comment: str
    quality: str
    quality_comment: str
    risk: str
    risk_comment: str
    benefits: str
    benefits_comment: str
    summary: str


class StatusReportIn(Schema):
    progress: str = Field(description="green, yellow or red")
    progress_comment: str = ""
    economy: str = Field(description="green, yellow or red")
    economy_comment: str = ""
    quality: str = Field(description="green, yellow or red")
    quality_comment: str = ""
    risk: str = Field(description="green, yellow or red")
    risk_comment: str = ""
    benefits: str = Field(description="green, yellow or red")
    benefits_comment: str = ""
    summary: str
    reported_at: datetime | None = None


# --- Helpers -------------------------------------------------------------------------------------


class _Invalid(Exception):
    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(errors)
        self.errors = errors


def _membership(request: HttpRequest) -> Membership:
    return request.auth  # type: ignore[attr-defined]


def _require(membership: Membership, capability: Capability) -> None:
    if not membership.can(capability):
        raise PermissionDenied


CENTS = Decimal("0.01")


def _money(amount: Decimal | None) -> str | None:
    """NOK as a decimal string with øre ("1613764.00"), the same from every database."""
    return None if amount is None else str(Decimal(amount).quantize(CENTS))


def _sum(amount: Decimal) -> str:
    return str(Decimal(amount).quantize(CENTS))


def _person(user: User | None) -> dict[str, Any] | None:
    if user is None:
        return None
    return {"id": user.pk, "username": user.username, "name": user.get_full_name()}


def _unit(unit: OrgUnit) -> dict[str, Any]:
    return {"id": unit.pk, "name": unit.name, "kind": unit.kind}


def _with_details(initiatives: QuerySet[Initiative]) -> QuerySet[Initiative]:
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


def _initiative(initiative: Initiative) -> dict[str, Any]:
    programme = initiative.programme
    return {
        "id": initiative.pk,
        "name": initiative.name,
        "kind": initiative.kind,
        "kind_label": initiative.get_kind_display(),
        "status": initiative.status,
        "status_label": initiative.get_status_display(),
        "stop_reason": initiative.stop_reason,
        "short_description": initiative.short_description,
        "need": initiative.need,
        "owning_unit": _unit(initiative.owning_unit),
        "participating_units": [_unit(unit) for unit in initiative.participating_units.all()],
        "programme": None if programme is None else {"id": programme.pk, "name": programme.name},
        "project_owner": _person(initiative.project_owner),
        "project_leader": _person(initiative.project_leader),
        "contacts": [_person(user) for user in initiative.contacts.all()],
        "planned_start": initiative.planned_start,
        "planned_end": initiative.planned_end,
        "actual_start": initiative.actual_start,
        "actual_end": initiative.actual_end,
        "estimated_cost": _money(initiative.estimated_cost),
        "actual_cost": _money(initiative.actual_cost),
        "funding": [
            {
                "source": line.source,
                "source_label": line.get_source_display(),
                "amount": _sum(line.amount),
                "note": line.note,
            }
            for line in initiative.funding_sources.all()
        ],
        "goals": [{"id": goal.pk, "name": goal.name} for goal in initiative.goals.all()],
        "tags": sorted(tag.name for tag in initiative.tags.all()),
        "processes_personal_data": initiative.processes_personal_data,
        "ros_status": initiative.ros_status,
        "ros_date": initiative.ros_date,
        "dpia_status": initiative.dpia_status,
        "dpia_date": initiative.dpia_date,
        "dpa_status": initiative.dpa_status,
        "dpa_date": initiative.dpa_date,
        "last_reported_at": getattr(initiative, "last_reported_at", None),
        "version": initiative.version,
        "created_at": initiative.created_at,
        "updated_at": initiative.updated_at,
    }


def _load(membership: Membership, pk: int) -> dict[str, Any]:
    """The initiative as InitiativeOut, with its newest status report time."""
    queryset = filtered_initiatives(
        municipality=membership.municipality, filters=PortfolioFilter()
    ).filter(pk=pk)
    return _initiative(_with_details(queryset).get())


def _page_url(request: HttpRequest, page: int) -> str:
    query: QueryDict = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def _filters(request: HttpRequest, municipality: Municipality) -> PortfolioFilter:
    filters = parse_filters(request.GET, municipality=municipality)
    if filters.errors:
        raise _Invalid(filters.errors)
    return filters


def _invalid(errors: dict[str, list[str]]) -> Status[dict[str, Any]]:
    return Status(
        422, {"detail": _("The request has errors; nothing was changed."), "errors": errors}
    )


def _service_errors(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {field: list(messages) for field, messages in error.message_dict.items()}
    return {"__all__": list(error.messages)}


def _people(municipality: Municipality, usernames: Iterable[str], field: str) -> list[User]:
    wanted = list(dict.fromkeys(usernames))
    found = {
        user.username: user
        for user in User.objects.filter(
            username__in=wanted, memberships__municipality=municipality
        ).distinct()
    }
    missing = [name for name in wanted if name not in found]
    if missing:
        raise _Invalid(
            {
                field: [
                    _("No person with the username “%(username)s” works in this municipality.")
                    % {"username": name}
                    for name in missing
                ]
            }
        )
    return [found[name] for name in wanted]


def _objects(queryset: QuerySet[Any], ids: Iterable[int], field: str, message: str) -> list[Any]:
    wanted = list(dict.fromkeys(ids))
    found = queryset.in_bulk(wanted)
    if len(found) != len(wanted):
        raise _Invalid({field: [message]})
    return [found[pk] for pk in wanted]


# Fields that may be left out but not set to null; text fields where null means empty.
REQUIRED_FIELDS = ("name", "kind", "status", "owning_unit")
TEXT_FIELDS = (
    "short_description",
    "need",
    "stop_reason",
    "ros_status",
    "dpia_status",
    "dpa_status",
)


def _resolve(
    municipality: Municipality, data: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Sequence[Any]], list[str] | None, list[FundingLine] | None]:
    """Turn the request's ids and usernames into the objects the services take, each looked up
    in the municipality only, and report every unknown one at once. Returns (fields,
    many-to-many, tags, funding); tags and funding are None when not given."""
    units = OrgUnit.objects.for_municipality(municipality)
    programmes = Initiative.objects.for_municipality(municipality).filter(
        kind=InitiativeKind.PROGRAMME
    )
    goals = StrategicGoal.objects.filter(municipality=municipality)
    unknown_unit = _("Choose a unit in your municipality.")
    single: dict[str, Callable[[Any], Any]] = {
        "owning_unit": lambda pk: _objects(units, [pk], "owning_unit", unknown_unit)[0],
        "programme": lambda pk: _objects(
            programmes, [pk], "programme", _("Choose a programme in the same municipality.")
        )[0],
        "project_owner": lambda name: _people(municipality, [name], "project_owner")[0],
        "project_leader": lambda name: _people(municipality, [name], "project_leader")[0],
    }
    many: dict[str, Callable[[list[Any]], list[Any]]] = {
        "participating_units": lambda pks: _objects(
            units, pks, "participating_units", unknown_unit
        ),
        "goals": lambda pks: _objects(
            goals, pks, "goals", _("Choose strategic goals of your municipality.")
        ),
        "contacts": lambda names: _people(municipality, names, "contacts"),
    }
    errors: dict[str, list[str]] = {}
    fields: dict[str, Any] = {}
    m2m: dict[str, Sequence[Any]] = {}
    for name, value in data.items():
        try:
            if name in ("funding", "tags", "version"):
                continue
            if value is None and name in REQUIRED_FIELDS:
                raise _Invalid({name: [_("This field cannot be empty.")]})
            if name in single:
                fields[name] = None if value is None else single[name](value)
            elif name in many:
                m2m[name] = many[name](value or [])
            elif value is None and name in TEXT_FIELDS:
                fields[name] = ""
            elif value is None and name == "processes_personal_data":
                fields[name] = False
            else:
                fields[name] = value
        except _Invalid as invalid:
            errors.update(invalid.errors)
    if errors:
        raise _Invalid(errors)
    tags = list(data["tags"] or []) if "tags" in data else None
    funding = None
    if "funding" in data:
        funding = [
            FundingLine(line["source"], line["amount"], line.get("note", ""))
            for line in data["funding"] or []
        ]
    return fields, m2m, tags, funding


# --- Endpoints -----------------------------------------------------------------------------------


@router.get(
    "/initiatives",
    response={200: InitiativePage, 422: InvalidOut, **ERRORS},
    summary="The initiatives, filtered like the portfolio overview",
)
def initiative_list(
    request: HttpRequest, filters: Query[InitiativeFilters], paging: Query[PageParams]
) -> Any:
    membership = _membership(request)
    _require(membership, Capability.VIEW_PORTFOLIO)
    municipality = membership.municipality
    try:
        chosen = _filters(request, municipality)
    except _Invalid as invalid:
        return _invalid(invalid.errors)
    initiatives = filtered_initiatives(municipality=municipality, filters=chosen)
    count = initiatives.count()
    start = (paging.page - 1) * paging.page_size
    rows = _with_details(initiatives)[start : start + paging.page_size] if start < count else []
    return {
        "count": count,
        "next": _page_url(request, paging.page + 1) if start + paging.page_size < count else None,
        "previous": _page_url(request, paging.page - 1) if paging.page > 1 else None,
        "results": [_initiative(initiative) for initiative in rows],
    }


@router.post(
    "/initiatives",
    response={201: InitiativeOut, 422: InvalidOut, **ERRORS},
    summary="Register an initiative",
)
def initiative_create(request: HttpRequest, payload: InitiativeIn) -> Any:
    membership = _membership(request)
    _require(membership, Capability.REGISTER_INITIATIVE)
    municipality = membership.municipality
    try:
        fields, m2m, tags, funding = _resolve(municipality, payload.model_dump())
        name, kind, owning_unit = fields.pop("name"), fields.pop("kind"), fields.pop("owning_unit")
        initiative = services.initiative_create(
            actor=membership.user,
            municipality=municipality,
            name=name,
            kind=kind,
            owning_unit=owning_unit,
            m2m=m2m,
            tags=tags,
            funding=funding or (),
            **fields,
        )
    except _Invalid as invalid:
        return _invalid(invalid.errors)
    except ValidationError as error:
        return _invalid(_service_errors(error))
    return Status(201, _load(membership, initiative.pk))


@router.get(
    "/initiatives/{initiative_id}",
    response={200: InitiativeOut, **ERRORS},
    summary="One initiative",
)
def initiative_detail(request: HttpRequest, initiative_id: int) -> Any:
    membership = _membership(request)
    initiative = get_initiative_for_user(membership, initiative_id)
    return _load(membership, initiative.pk)


@router.patch(
    "/initiatives/{initiative_id}",
    response={200: InitiativeOut, 409: ConflictOut, 422: InvalidOut, **ERRORS},
    summary="Change an initiative (send the version you started from)",
)
def initiative_update(request: HttpRequest, initiative_id: int, payload: InitiativePatch) -> Any:
    membership = _membership(request)
    initiative = get_rw_initiative_for_user(membership, initiative_id)
    data = payload.model_dump(exclude_unset=True)
    try:
        fields, m2m, tags, funding = _resolve(membership.municipality, data)
        services.initiative_update(
            actor=membership.user,
            initiative=initiative,
            expected_version=payload.version,
            fields=fields,
            m2m=m2m,
            tags=tags,
            funding=funding,
        )
    except _Invalid as invalid:
        return _invalid(invalid.errors)
    except ConcurrentEditError as conflict:
        current = Initiative.objects.values_list("version", flat=True).get(pk=initiative.pk)
        return Status(
            409,
            {
                "detail": conflict.messages[0],
                "version": current,
                "changes": [
                    {"field": change.field, "old": change.old, "new": change.new}
                    for change in conflict.changes
                ],
            },
        )
    except ValidationError as error:
        return _invalid(_service_errors(error))
    return _load(membership, initiative.pk)


def _bucket(bucket: Bucket) -> dict[str, Any]:
    return {
        "key": bucket.key,
        "label": bucket.label,
        "count": bucket.count,
        "amount": _sum(bucket.amount),
        "id": bucket.pk,
    }


@router.get(
    "/portfolio/summary",
    response={200: SummaryOut, 422: InvalidOut, **ERRORS},
    summary="The overview's counts and sums, for the same filters as the list",
)
def summary(request: HttpRequest, filters: Query[InitiativeFilters]) -> Any:
    membership = _membership(request)
    _require(membership, Capability.VIEW_PORTFOLIO)
    municipality = membership.municipality
    try:
        chosen = _filters(request, municipality)
    except _Invalid as invalid:
        return _invalid(invalid.errors)
    result = portfolio_summary(
        municipality=municipality,
        initiatives=filtered_initiatives(municipality=municipality, filters=chosen),
    )
    return {
        "total": result.total,
        "estimated_cost": _sum(result.estimated_cost),
        "actual_cost": _sum(result.actual_cost),
        "funded_total": _sum(result.funded_total),
        "by_kind": [_bucket(b) for b in result.by_kind],
        "by_status": [_bucket(b) for b in result.by_status],
        "by_service_area": [_bucket(b) for b in result.by_service_area],
        "by_department": [_bucket(b) for b in result.by_department],
        "by_goal": [_bucket(b) for b in result.by_goal],
        "funding": [_bucket(b) for b in result.funding],
        "stale": result.stale,
        "without_ros": result.without_ros,
    }


def _report(report: StatusReport) -> dict[str, Any]:
    return {
        "id": report.pk,
        "reported_at": report.reported_at,
        "author": _person(report.author),
        "progress": report.progress,
        "progress_comment": report.progress_comment,
        "economy": report.economy,
        "economy_comment": report.economy_comment,
        "quality": report.quality,
        "quality_comment": report.quality_comment,
        "risk": report.risk,
        "risk_comment": report.risk_comment,
        "benefits": report.benefits,
        "benefits_comment": report.benefits_comment,
        "summary": report.summary,
    }


@router.get(
    "/initiatives/{initiative_id}/status-reports",
    response={200: list[StatusReportOut], **ERRORS},
    summary="An initiative's status reports, newest first",
)
def status_report_list(request: HttpRequest, initiative_id: int) -> Any:
    initiative = get_initiative_for_user(_membership(request), initiative_id)
    reports = initiative.status_reports.select_related("author").order_by("-reported_at", "-pk")
    return [_report(report) for report in reports]


@router.post(
    "/initiatives/{initiative_id}/status-reports",
    response={201: StatusReportOut, 422: InvalidOut, **ERRORS},
    summary="Write a status report",
)
def status_report_create(request: HttpRequest, initiative_id: int, payload: StatusReportIn) -> Any:
    membership = _membership(request)
    initiative = get_rw_initiative_for_user(membership, initiative_id)
    aspects = ("progress", "economy", "quality", "risk", "benefits")
    data = payload.model_dump()
    try:
        report = services.status_report_create(
            actor=membership.user,
            initiative=initiative,
            ratings={aspect: data[aspect] for aspect in aspects},
            comments={aspect: data[f"{aspect}_comment"] for aspect in aspects},
            summary=payload.summary,
            reported_at=payload.reported_at,
        )
    except ValidationError as error:
        return _invalid(_service_errors(error))
    return Status(201, _report(report))
