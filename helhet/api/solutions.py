"""Solutions in operation in the JSON API: the solutions with their adoption in total, one
solution with its units, registering and changing one (the portfolio office; the operations
owner changes their own), the units that should use it, and the adoption counts (read, record,
correct: the unit's own people, the operations owner, the portfolio office). Writes go through
the adoption services; another municipality's solution, unit or count is 404."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from helhet.accounts.roles import Capability
from helhet.adoption.access import (
    get_count_for_user,
    get_count_to_correct,
    get_rw_solution_for_user,
    get_rw_solution_unit_for_user,
    get_solution_for_user,
    get_solution_unit_for_user,
    get_solution_unit_to_count,
    owner_has_left,
)
from helhet.adoption.models import (
    AdoptionCount,
    MeasureKind,
    Solution,
    SolutionStage,
    SolutionUnit,
)
from helhet.adoption.selectors import SolutionSummary, solution_unit_rows, solutions_overview
from helhet.adoption.services import counts as count_services
from helhet.adoption.services import solutions as solution_services
from helhet.adoption.services import units as unit_services
from helhet.api.errors import BODY_ERRORS, ERRORS, InvalidRequest, invalid, service_errors
from helhet.api.lookups import look_up_all, object_by_id, objects_by_id, person_by_username
from helhet.api.members import request_membership, require
from helhet.api.pagination import Page, PageParams, paginate
from helhet.api.schemas import Day, Id, NamedRef, PersonRef, UnitRef, Username, WholeNumber, text
from helhet.organization.models import OrgUnit
from helhet.portfolio.models import Initiative

router = Router(tags=["solutions"])

Percent = Annotated[
    Decimal, Field(ge=0, le=100, max_digits=5, decimal_places=2, allow_inf_nan=False)
]
InUse = Annotated[Decimal, Field(max_digits=12, decimal_places=2, allow_inf_nan=False)]
Interval = Annotated[int, Field(ge=1, le=366)]


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else str(Decimal(value).quantize(Decimal("0.01")))


class SolutionOut(Schema):
    id: int
    name: str
    description: str
    stage: str = Field(description="trial, scaling_up, in_operation or retired")
    owner_unit: UnitRef | None
    owner_person: PersonRef | None
    in_use_since: date
    measure_kind: str = Field(description="count (a number in use) or share (per cent)")
    measure_name: str
    base_name: str
    target_percent: str | None
    count_interval_days: int
    version: int = Field(description="Send it back with PATCH (optimistic concurrency)")

    @staticmethod
    def resolve_target_percent(solution: Solution) -> str | None:
        return _decimal(solution.target_percent)


class SolutionSummaryOut(Schema):
    solution: SolutionOut
    units: int
    in_use: str | None = Field(description="The units' latest counts added up")
    eligible: int | None = Field(description="Their eligible base added up")
    percent: str | None = Field(description="In use of the eligible base, per cent")
    below_target: int
    fell: int = Field(description="Units whose adoption fell since their count before")
    late: int = Field(description="Units whose latest count is older than the interval")
    owner_missing: bool
    owner_left: bool

    @staticmethod
    def resolve_in_use(row: SolutionSummary) -> str | None:
        return _decimal(row.in_use)

    @staticmethod
    def resolve_percent(row: SolutionSummary) -> str | None:
        return _decimal(row.percent)


class SolutionUnitOut(Schema):
    id: int
    unit: UnitRef
    eligible_base: int | None
    target_percent: str | None = Field(description="The unit's own target; null: the solution's")
    latest_counted_on: date | None
    latest_value: str | None
    latest_percent: str | None
    previous_percent: str | None
    fell: bool
    count_due_on: date | None = Field(description="After this day the unit's count is late")

    @staticmethod
    def resolve_target_percent(row: SolutionUnit) -> str | None:
        return _decimal(row.target_percent)

    @staticmethod
    def resolve_latest_value(row: SolutionUnit) -> str | None:
        return _decimal(row.latest_value)

    @staticmethod
    def resolve_latest_percent(row: SolutionUnit) -> str | None:
        return _decimal(row.latest_percent)

    @staticmethod
    def resolve_previous_percent(row: SolutionUnit) -> str | None:
        return _decimal(row.previous_percent)


class SolutionDetailOut(SolutionOut):
    initiatives: list[NamedRef]
    owner_left: bool
    units: list[SolutionUnitOut]

    @staticmethod
    def resolve_initiatives(solution: Solution) -> list[Any]:
        return list(solution.initiatives.order_by("name"))

    @staticmethod
    def resolve_owner_left(solution: Solution) -> bool:
        return owner_has_left(solution)

    @staticmethod
    def resolve_units(solution: Solution) -> list[Any]:
        rows = solution_unit_rows(solution, today=timezone.localdate(), recordable=set())
        return [row.solution_unit for row in rows]


class CountOut(Schema):
    id: int
    solution_unit_id: int
    counted_on: date
    value: str
    eligible: int | None
    comment: str
    source: str = Field(description="entered or imported")
    recorded_by: PersonRef | None

    @staticmethod
    def resolve_value(count: AdoptionCount) -> str:
        return str(Decimal(count.value).quantize(Decimal("0.01")))


class CountPage(Page):
    results: list[CountOut]


class SolutionIn(Schema):
    name: str = text(Solution, "name", ...)
    description: str = text(Solution, "description")
    stage: Literal[tuple(SolutionStage.values)] = SolutionStage.IN_OPERATION  # type: ignore[valid-type]
    owner_unit_id: Id | None = None
    owner_username: Username | None = None
    in_use_since: Day
    measure_kind: Literal[tuple(MeasureKind.values)] = MeasureKind.COUNT  # type: ignore[valid-type]
    measure_name: str = text(Solution, "measure_name", ...)
    base_name: str = text(Solution, "base_name")
    target_percent: Percent | None = None
    count_interval_days: Interval = 31
    initiative_ids: list[Id] = Field(default_factory=list, max_length=50)


class SolutionPatch(Schema):
    """Only the fields sent are changed. Send the version you read."""

    version: WholeNumber
    name: str | None = text(Solution, "name", None)
    description: str | None = text(Solution, "description", None)
    stage: Literal[tuple(SolutionStage.values)] | None = None  # type: ignore[valid-type]
    owner_unit_id: Id | None = None
    owner_username: Username | None = None
    in_use_since: Day | None = None
    measure_kind: Literal[tuple(MeasureKind.values)] | None = None  # type: ignore[valid-type]
    measure_name: str | None = text(Solution, "measure_name", None)
    base_name: str | None = text(Solution, "base_name", None)
    target_percent: Percent | None = None
    count_interval_days: Interval | None = None
    initiative_ids: list[Id] | None = Field(None, max_length=50)


class SolutionUnitIn(Schema):
    unit_id: Id
    eligible_base: WholeNumber | None = None
    target_percent: Percent | None = None


class SolutionUnitPatch(Schema):
    eligible_base: WholeNumber | None = None
    target_percent: Percent | None = None


class CountIn(Schema):
    counted_on: Day
    value: InUse
    eligible: WholeNumber | None = Field(None, description="Null: the unit's eligible base")
    comment: str = text(AdoptionCount, "comment")


def _lookups(membership: Any, payload: SolutionIn | SolutionPatch) -> dict[str, Any]:
    municipality = membership.municipality
    sent = payload.model_fields_set
    lookups: dict[str, Any] = {}
    if "owner_unit_id" in sent:
        lookups["owner_unit"] = lambda: (
            None
            if payload.owner_unit_id is None
            else object_by_id(
                OrgUnit.objects.for_municipality(municipality),
                payload.owner_unit_id,
                "owner_unit_id",
                _("Choose a unit in your municipality."),
            )
        )
    if "owner_username" in sent:
        lookups["owner_person"] = lambda: person_by_username(
            municipality, payload.owner_username, "owner_username"
        )
    if "initiative_ids" in sent and payload.initiative_ids is not None:
        ids = payload.initiative_ids
        lookups["initiatives"] = lambda: objects_by_id(
            Initiative.objects.filter(municipality=municipality),
            ids,
            "initiative_ids",
            _("Choose initiatives of your municipality."),
        )
    return look_up_all(lookups)


def _detail(solution: Solution) -> Solution:
    return Solution.objects.select_related("owner_unit", "owner_person").get(pk=solution.pk)


@router.get(
    "/solutions",
    response={200: list[SolutionSummaryOut], **ERRORS},
    summary="The municipality's solutions with their adoption in total",
    operation_id="helhet_api_solutions_solution_list",
)
def solution_list(request: HttpRequest) -> Any:
    membership = request_membership(request)
    require(membership, Capability.VIEW_SOLUTIONS)
    return solutions_overview(municipality=membership.municipality, today=timezone.localdate())


@router.get(
    "/solutions/{solution_id}",
    response={200: SolutionDetailOut, **ERRORS},
    summary="One solution, with the units that should use it and their latest counts",
    operation_id="helhet_api_solutions_solution_read",
)
def solution_read(request: HttpRequest, solution_id: Id) -> Any:
    return get_solution_for_user(request_membership(request), solution_id)


@router.post(
    "/solutions",
    response={201: SolutionDetailOut, **BODY_ERRORS},
    summary="Register a solution in operation (the portfolio office)",
    description="A target above 100 % or an owner, unit or initiative of another municipality "
    "is refused (422), and nothing is written.",
    operation_id="helhet_api_solutions_solution_create",
)
def solution_create(request: HttpRequest, payload: SolutionIn) -> Any:
    membership = request_membership(request)
    require(membership, Capability.MANAGE_SOLUTIONS)
    fields = payload.model_dump(exclude={"owner_unit_id", "owner_username", "initiative_ids"})
    try:
        found = _lookups(membership, payload)
        solution = solution_services.solution_create(
            actor=membership.user, municipality=membership.municipality, **fields, **found
        )
    except InvalidRequest as error:
        return invalid(error.errors)
    except ValidationError as error:
        return invalid(service_errors(error))
    return Status(201, _detail(solution))


@router.patch(
    "/solutions/{solution_id}",
    response={200: SolutionDetailOut, **BODY_ERRORS},
    summary="Change a solution (the portfolio office, or its operations owner)",
    description="Only the fields sent change. When someone saved it since the version sent, "
    "nothing is written (422); only the portfolio office names a new owner (403).",
    operation_id="helhet_api_solutions_solution_update",
)
def solution_update(request: HttpRequest, solution_id: Id, payload: SolutionPatch) -> Any:
    membership = request_membership(request)
    solution = get_rw_solution_for_user(membership, solution_id)
    sent = payload.model_fields_set - {"version", "owner_unit_id", "owner_username"}
    fields = {name: getattr(payload, name) for name in sent if name != "initiative_ids"}
    for name in ("name", "stage", "in_use_since", "measure_kind", "measure_name"):
        if name in fields and fields[name] is None:
            return invalid({name: [_("This field cannot be empty.")]})
    for name in ("description", "base_name", "count_interval_days"):
        if name in fields and fields[name] is None:
            fields.pop(name)
    try:
        found = _lookups(membership, payload)
        initiatives = found.pop("initiatives", None)
        saved = solution_services.solution_update(
            actor=membership.user,
            solution=solution,
            fields={**fields, **found},
            initiatives=initiatives,
            expected_version=payload.version,
        )
    except InvalidRequest as error:
        return invalid(error.errors)
    except ValidationError as error:
        return invalid(service_errors(error))
    return _detail(saved)


@router.get(
    "/solutions/{solution_id}/units",
    response={200: list[SolutionUnitOut], **ERRORS},
    summary="The units that should use the solution, with their latest counts",
    operation_id="helhet_api_solutions_unit_list",
)
def unit_list(request: HttpRequest, solution_id: Id) -> Any:
    solution = get_solution_for_user(request_membership(request), solution_id)
    return list(solution.units.select_related("unit").order_by("unit__name", "pk"))


@router.post(
    "/solutions/{solution_id}/units",
    response={201: SolutionUnitOut, **BODY_ERRORS},
    summary="Add a unit that should use the solution (the portfolio office, the owner)",
    operation_id="helhet_api_solutions_unit_create",
)
def unit_create(request: HttpRequest, solution_id: Id, payload: SolutionUnitIn) -> Any:
    membership = request_membership(request)
    solution = get_rw_solution_for_user(membership, solution_id)
    try:
        unit = object_by_id(
            OrgUnit.objects.for_municipality(membership.municipality),
            payload.unit_id,
            "unit_id",
            _("Choose a unit in your municipality."),
        )
        added = unit_services.solution_unit_add(
            actor=membership.user,
            solution=solution,
            unit=unit,
            eligible_base=payload.eligible_base,
            target_percent=payload.target_percent,
        )
    except InvalidRequest as error:
        return invalid(error.errors)
    except ValidationError as error:
        return invalid(service_errors(error))
    return Status(201, added)


@router.get(
    "/solution-units/{solution_unit_id}",
    response={200: SolutionUnitOut, **ERRORS},
    summary="A unit that should use a solution, with its latest count",
    operation_id="helhet_api_solutions_unit_read",
)
def unit_read(request: HttpRequest, solution_unit_id: Id) -> Any:
    return get_solution_unit_for_user(request_membership(request), solution_unit_id)


@router.patch(
    "/solution-units/{solution_unit_id}",
    response={200: SolutionUnitOut, **BODY_ERRORS},
    summary="Change a unit's eligible base and own target (the portfolio office, the owner)",
    description="Both are set as sent: null clears them.",
    operation_id="helhet_api_solutions_unit_update",
)
def unit_update(request: HttpRequest, solution_unit_id: Id, payload: SolutionUnitPatch) -> Any:
    membership = request_membership(request)
    solution_unit = get_rw_solution_unit_for_user(membership, solution_unit_id)
    try:
        saved = unit_services.solution_unit_update(
            actor=membership.user,
            solution_unit=solution_unit,
            eligible_base=payload.eligible_base,
            target_percent=payload.target_percent,
        )
    except ValidationError as error:
        return invalid(service_errors(error))
    return saved


@router.get(
    "/solution-units/{solution_unit_id}/counts",
    response={200: CountPage, **ERRORS},
    summary="A unit's adoption counts, newest first",
    operation_id="helhet_api_solutions_count_list",
)
def count_list(request: HttpRequest, solution_unit_id: Id, paging: Query[PageParams]) -> Any:
    solution_unit = get_solution_unit_for_user(request_membership(request), solution_unit_id)
    rows = solution_unit.counts.order_by("-counted_on", "-pk")
    return paginate(request, rows, paging, details=lambda rows: rows.select_related("recorded_by"))


@router.post(
    "/solution-units/{solution_unit_id}/counts",
    response={201: CountOut, **BODY_ERRORS},
    summary="Record a count for a unit (its own people, the owner, the portfolio office)",
    description="Refused (422), nothing written: a negative count, one larger than the "
    "eligible base, dated in the future, before the solution was in use, or on a day already "
    "counted.",
    operation_id="helhet_api_solutions_count_create",
)
def count_create(request: HttpRequest, solution_unit_id: Id, payload: CountIn) -> Any:
    membership = request_membership(request)
    solution_unit = get_solution_unit_to_count(membership, solution_unit_id)
    try:
        count = count_services.adoption_count_record(
            actor=membership.user, solution_unit=solution_unit, **payload.model_dump()
        )
    except ValidationError as error:
        return invalid(service_errors(error))
    return Status(201, count)


@router.get(
    "/adoption-counts/{count_id}",
    response={200: CountOut, **ERRORS},
    summary="One adoption count",
    operation_id="helhet_api_solutions_count_read",
)
def count_read(request: HttpRequest, count_id: Id) -> Any:
    return get_count_for_user(request_membership(request), count_id)


@router.put(
    "/adoption-counts/{count_id}",
    response={200: CountOut, **BODY_ERRORS},
    summary="Correct a count (those who may record one for its unit)",
    description="The whole count as it should be; refused (422) as recording one is.",
    operation_id="helhet_api_solutions_count_correct",
)
def count_correct(request: HttpRequest, count_id: Id, payload: CountIn) -> Any:
    membership = request_membership(request)
    count = get_count_to_correct(membership, count_id)
    try:
        corrected = count_services.adoption_count_correct(
            actor=membership.user, count=count, **payload.model_dump()
        )
    except ValidationError as error:
        return invalid(service_errors(error))
    return corrected
