"""The scale-up plan and follow-up actions in the JSON API: a solution's steps (trial, scale up,
into operation; unit, dates, responsible, done, late) and the whole municipality's plan; a
unit's follow-up actions with whether adoption moved afterwards. Everyone in the municipality
reads; the portfolio office and the solution's operations owner keep the plan, those who count
a unit's adoption keep its follow-up (403 otherwise); another municipality's object is 404."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from helhet.accounts.roles import Capability
from helhet.adoption.access import (
    get_action_for_user,
    get_rw_action_for_user,
    get_rw_solution_for_user,
    get_rw_step_for_user,
    get_solution_for_user,
    get_solution_unit_for_user,
    get_solution_unit_to_count,
    get_step_for_user,
)
from helhet.adoption.models import FollowUpAction, ScaleUpStep
from helhet.adoption.plan import Effect, Reading, step_is_late, unit_follow_up
from helhet.adoption.services import scaleup as services
from helhet.api.errors import BODY_ERRORS, ERRORS, InvalidRequest, invalid, service_errors
from helhet.api.lookups import look_up_all, object_by_id, person_by_username
from helhet.api.members import request_membership, require
from helhet.api.pagination import Page, PageParams, paginate
from helhet.api.schemas import Day, Id, NamedRef, PersonRef, Username, text
from helhet.organization.models import OrgUnit

router = Router(tags=["adoption"])

StepKindIn = Literal["trial", "scale_up", "operation"]
ActionKindIn = Literal["list_review", "course", "supplier", "champion", "other"]


class ScaleUpStepOut(Schema):
    id: int
    solution: NamedRef
    kind: str = Field(description="trial, scale_up or operation")
    unit: NamedRef | None = Field(description="null: all units")
    description: str
    starts_on: date
    ends_on: date
    responsible: PersonRef | None
    done_on: date | None
    late: bool = Field(description="Not done by its end date")

    @staticmethod
    def resolve_late(step: ScaleUpStep) -> bool:
        return step_is_late(step)


class StepPage(Page):
    results: list[ScaleUpStepOut]


class StepIn(Schema):
    kind: StepKindIn
    unit: Id | None = Field(None, description="The unit's id; none: all units")
    description: str = text(ScaleUpStep, "description")
    starts_on: Day
    ends_on: Day
    responsible: Username | None = Field(None, description="Username of the person responsible")
    done_on: Day | None = None


class StepPatch(Schema):
    kind: StepKindIn | None = None
    unit: Id | None = None
    description: str | None = text(ScaleUpStep, "description", None)
    starts_on: Day | None = None
    ends_on: Day | None = None
    responsible: Username | None = None
    done_on: Day | None = None


class ReadingOut(Schema):
    counted_on: date
    value: str
    percent: str | None = Field(description="Of the eligible base that day, where there is one")


class EffectOut(Schema):
    before: ReadingOut | None = Field(description="The last count on or before the done date")
    after: ReadingOut | None = Field(
        description="The last count after it, up to the unit's next done action"
    )
    direction: str = Field(description="up, down, same, or empty when not known yet")


class ActionOut(Schema):
    id: int
    solution_unit: int
    kind: str = Field(description="list_review, course, supplier, champion or other")
    description: str
    responsible: PersonRef | None
    planned_on: date
    done_on: date | None
    effect: EffectOut | None = Field(description="Whether adoption moved; null until done")


class ActionIn(Schema):
    kind: ActionKindIn
    description: str = text(FollowUpAction, "description")
    responsible: Username | None = Field(None, description="Username of the person responsible")
    planned_on: Day
    done_on: Day | None = None


class ActionPatch(Schema):
    kind: ActionKindIn | None = None
    description: str | None = text(FollowUpAction, "description", None)
    responsible: Username | None = None
    planned_on: Day | None = None
    done_on: Day | None = None


def _reading(reading: Reading | None) -> dict[str, Any] | None:
    if reading is None:
        return None
    return {
        "counted_on": reading.counted_on,
        "value": str(reading.value.normalize() if reading.value else Decimal(0)),
        "percent": None if reading.rate is None else str(reading.rate),
    }


def _effect(effect: Effect | None) -> dict[str, Any] | None:
    if effect is None:
        return None
    return {
        "before": _reading(effect.before),
        "after": _reading(effect.after),
        "direction": effect.direction,
    }


def _action_out(action: FollowUpAction, effect: Effect | None) -> dict[str, Any]:
    return {
        "id": action.pk,
        "solution_unit": action.solution_unit_id,
        "kind": action.kind,
        "description": action.description,
        "responsible": action.responsible,
        "planned_on": action.planned_on,
        "done_on": action.done_on,
        "effect": _effect(effect),
    }


def _step_fields(membership: Any, values: dict[str, Any]) -> dict[str, Any]:
    """The payload's fields with the unit and the responsible looked up in the municipality
    (InvalidRequest naming every one not found)."""
    municipality = membership.municipality
    lookups: dict[str, Any] = {}
    if "unit" in values:
        unit_id = values.pop("unit")
        lookups["unit"] = lambda: (
            None
            if unit_id is None
            else object_by_id(
                OrgUnit.objects.filter(municipality=municipality),
                unit_id,
                "unit",
                _("The municipality has no unit with this id."),
            )
        )
    if "responsible" in values:
        username = values.pop("responsible")
        lookups["responsible"] = lambda: person_by_username(municipality, username, "responsible")
    return {**values, **look_up_all(lookups)}


def _step(pk: int) -> ScaleUpStep:
    return ScaleUpStep.objects.select_related("solution", "unit", "responsible").get(pk=pk)


@router.get(
    "/scale-up-steps",
    response={200: StepPage, **ERRORS},
    summary="The municipality's scale-up plan: every solution's steps (paginated)",
    operation_id="helhet_api_scale_up_plan",
)
def scale_up_plan(request: HttpRequest, paging: Query[PageParams], late: bool | None = None) -> Any:
    membership = request_membership(request)
    require(membership, Capability.VIEW_SOLUTIONS)
    steps = ScaleUpStep.objects.filter(municipality=membership.municipality).order_by(
        "solution__name", "solution_id", "starts_on", "pk"
    )
    if late is not None:
        is_late = Q(done_on__isnull=True, ends_on__lt=timezone.localdate())
        steps = steps.filter(is_late) if late else steps.exclude(is_late)
    return paginate(
        request,
        steps,
        paging,
        details=lambda rows: rows.select_related("solution", "unit", "responsible"),
    )


@router.get(
    "/solutions/{solution_id}/steps",
    response={200: list[ScaleUpStepOut], **ERRORS},
    summary="A solution's scale-up plan: its steps in order",
    operation_id="helhet_api_scale_up_step_list",
)
def scale_up_step_list(request: HttpRequest, solution_id: Id) -> Any:
    solution = get_solution_for_user(request_membership(request), solution_id)
    return (
        ScaleUpStep.objects.filter(solution=solution)
        .select_related("solution", "unit", "responsible")
        .order_by("starts_on", "pk")
    )


@router.post(
    "/solutions/{solution_id}/steps",
    response={201: ScaleUpStepOut, **BODY_ERRORS},
    summary="Add a step to a solution's scale-up plan (portfolio office, operations owner)",
    description="A step that ends before it starts, is done before it starts or in the future, "
    "or names a unit or person outside the municipality is refused with 422, nothing written.",
    operation_id="helhet_api_scale_up_step_create",
)
def scale_up_step_create(request: HttpRequest, solution_id: Id, payload: StepIn) -> Any:
    membership = request_membership(request)
    solution = get_rw_solution_for_user(membership, solution_id)
    try:
        fields = _step_fields(membership, payload.model_dump())
        step = services.scale_up_step_create(actor=membership.user, solution=solution, **fields)
    except InvalidRequest as error:
        return invalid(error.errors)
    except ValidationError as error:
        return invalid(service_errors(error))
    return Status(201, _step(step.pk))


@router.get(
    "/scale-up-steps/{step_id}",
    response={200: ScaleUpStepOut, **ERRORS},
    summary="One step of a scale-up plan",
    operation_id="helhet_api_scale_up_step_read",
)
def scale_up_step_read(request: HttpRequest, step_id: Id) -> Any:
    return get_step_for_user(request_membership(request), step_id)


@router.patch(
    "/scale-up-steps/{step_id}",
    response={200: ScaleUpStepOut, **BODY_ERRORS},
    summary="Change a step of the scale-up plan or mark it done",
    description="What is left out stays as it was; refused with 422 as when adding a step.",
    operation_id="helhet_api_scale_up_step_update",
)
def scale_up_step_update(request: HttpRequest, step_id: Id, payload: StepPatch) -> Any:
    membership = request_membership(request)
    step = get_rw_step_for_user(membership, step_id)
    values = payload.model_dump(exclude_unset=True)
    # A field that cannot be empty, sent as null, stays as it was.
    values = {
        k: v for k, v in values.items() if v is not None or k in {"unit", "responsible", "done_on"}
    }
    try:
        fields = _step_fields(membership, values)
        services.scale_up_step_update(actor=membership.user, step=step, **fields)
    except InvalidRequest as error:
        return invalid(error.errors)
    except ValidationError as error:
        return invalid(service_errors(error))
    return _step(step.pk)


@router.get(
    "/solution-units/{solution_unit_id}/actions",
    response={200: list[ActionOut], **ERRORS},
    summary="A unit's follow-up actions for a solution, with whether adoption moved afterwards",
    operation_id="helhet_api_follow_up_action_list",
)
def follow_up_action_list(request: HttpRequest, solution_unit_id: Id) -> Any:
    solution_unit = get_solution_unit_for_user(request_membership(request), solution_unit_id)
    return [_action_out(action, effect) for action, effect in unit_follow_up(solution_unit)]


def _action_with_effect(action: FollowUpAction) -> dict[str, Any]:
    rows = dict(unit_follow_up(action.solution_unit))
    found = next(a for a in rows if a.pk == action.pk)
    return _action_out(found, rows[found])


@router.post(
    "/solution-units/{solution_unit_id}/actions",
    response={201: ActionOut, **BODY_ERRORS},
    summary="Record a follow-up action for a unit (those who count its adoption)",
    description="Marked done in the future, or a person outside the municipality: 422, "
    "nothing written.",
    operation_id="helhet_api_follow_up_action_create",
)
def follow_up_action_create(request: HttpRequest, solution_unit_id: Id, payload: ActionIn) -> Any:
    membership = request_membership(request)
    solution_unit = get_solution_unit_to_count(membership, solution_unit_id)
    try:
        fields = _step_fields(membership, payload.model_dump())
        action = services.follow_up_action_create(
            actor=membership.user, solution_unit=solution_unit, **fields
        )
    except InvalidRequest as error:
        return invalid(error.errors)
    except ValidationError as error:
        return invalid(service_errors(error))
    return Status(201, _action_with_effect(action))


@router.get(
    "/follow-up-actions/{action_id}",
    response={200: ActionOut, **ERRORS},
    summary="One follow-up action, with whether adoption moved afterwards",
    operation_id="helhet_api_follow_up_action_read",
)
def follow_up_action_read(request: HttpRequest, action_id: Id) -> Any:
    return _action_with_effect(get_action_for_user(request_membership(request), action_id))


@router.patch(
    "/follow-up-actions/{action_id}",
    response={200: ActionOut, **BODY_ERRORS},
    summary="Change a follow-up action or mark it done",
    description="What is left out stays as it was; refused with 422 as when recording one.",
    operation_id="helhet_api_follow_up_action_update",
)
def follow_up_action_update(request: HttpRequest, action_id: Id, payload: ActionPatch) -> Any:
    membership = request_membership(request)
    action = get_rw_action_for_user(membership, action_id)
    values = payload.model_dump(exclude_unset=True)
    values = {k: v for k, v in values.items() if v is not None or k in {"responsible", "done_on"}}
    try:
        fields = _step_fields(membership, values)
        services.follow_up_action_update(actor=membership.user, action=action, **fields)
    except InvalidRequest as error:
        return invalid(error.errors)
    except ValidationError as error:
        return invalid(service_errors(error))
    return _action_with_effect(action)
