"""The scale-up plan and the units' follow-up in the role and tenancy matrices (see
tests/matrix.py). Everyone reads them; the portfolio office and the solution's operations owner
(the project leader, for the test's dispensers) keep the plan; those who count a unit's adoption
keep its follow-up: for Hundvåg, its own benefits owner, the project owner above it (Helse og
velferd), the operations owner and the portfolio office."""

from __future__ import annotations

from typing import Any

from helhet.accounts.roles import Capability, Role
from helhet.adoption.models import FollowUpAction, ScaleUpStep
from helhet.organization.models import Municipality
from tests.adoption.scaleup_helpers import dispensers, unit_of
from tests.conftest import unit_named
from tests.matrix import Target, View

VIEW = (Capability.VIEW_SOLUTIONS,)
PLANNERS = frozenset({Role.PORTFOLIO_OFFICE.value, Role.PROJECT_LEADER.value})
FOLLOWERS = PLANNERS | {Role.BENEFITS_OWNER.value, Role.PROJECT_OWNER.value}
HUNDVAAG = "Hundvåg hjemmebaserte tjenester"


def _solution_pk(stavanger: Municipality) -> int:
    return dispensers(stavanger).pk


def _step_pk(stavanger: Municipality) -> int:
    return ScaleUpStep.objects.filter(solution=dispensers(stavanger)).order_by("pk").first().pk  # type: ignore[union-attr]


def _hundvaag_pk(stavanger: Municipality) -> int:
    return unit_of(dispensers(stavanger), HUNDVAAG).pk


def _action_pk(stavanger: Municipality) -> int:
    return FollowUpAction.objects.get(solution_unit_id=_hundvaag_pk(stavanger)).pk


def _step_post(stavanger: Municipality) -> dict[str, Any]:
    return {
        "kind": "scale_up",
        "unit": unit_named(stavanger, "Hinna hjemmebaserte tjenester").pk,
        "starts_on": "2026-01-05",
        "ends_on": "2026-06-30",
    }


def _action_post(stavanger: Municipality) -> dict[str, Any]:
    return {"kind": "course", "planned_on": "2026-09-01", "description": "Kurs fra leverandøren"}


ROLE_VIEWS = [
    View("adoption:plan_overview", VIEW),
    View("adoption:plan", VIEW, _solution_pk),
    View(
        "adoption:step_create",
        (Capability.MANAGE_SOLUTIONS,),
        _solution_pk,
        _step_post,
        "/losninger/",
        allowed_roles=PLANNERS,
    ),
    View(
        "adoption:step_edit",
        (Capability.MANAGE_SOLUTIONS,),
        _step_pk,
        _step_post,
        "/losninger/",
        allowed_roles=PLANNERS,
    ),
    View("adoption:follow_up", VIEW, _hundvaag_pk),
    View(
        "adoption:action_create",
        (Capability.RECORD_ADOPTION,),
        _hundvaag_pk,
        _action_post,
        "/losninger/",
        allowed_roles=FOLLOWERS,
    ),
    View(
        "adoption:action_edit",
        (Capability.RECORD_ADOPTION,),
        _action_pk,
        _action_post,
        "/losninger/",
        allowed_roles=FOLLOWERS,
    ),
]


def _target(pk: Any, post: Any = None, kwarg: str = "pk") -> Any:
    def target(stavanger: Municipality) -> Target:
        name = dispensers(stavanger).name
        post_data = post(stavanger) if post else {}
        return Target(pk(stavanger), name, post_data, kwarg=kwarg, viewer="portefolje")

    return target


TENANCY_HTML = {
    "adoption:plan": _target(_solution_pk),
    "adoption:step_create": _target(_solution_pk, _step_post),
    "adoption:step_edit": _target(_step_pk, _step_post),
    "adoption:follow_up": _target(_hundvaag_pk),
    "adoption:action_create": _target(_hundvaag_pk, _action_post),
    "adoption:action_edit": _target(_action_pk, _action_post),
}

TENANCY_API = {
    "api-v1:scale_up_step_list": _target(_solution_pk, _step_post, "solution_id"),
    "api-v1:scale_up_step_create": _target(_solution_pk, _step_post, "solution_id"),
    "api-v1:scale_up_step_read": _target(_step_pk, kwarg="step_id"),
    "api-v1:scale_up_step_update": _target(_step_pk, kwarg="step_id"),
    "api-v1:follow_up_action_list": _target(_hundvaag_pk, _action_post, "solution_unit_id"),
    "api-v1:follow_up_action_create": _target(_hundvaag_pk, _action_post, "solution_unit_id"),
    "api-v1:follow_up_action_read": _target(_action_pk, kwarg="action_id"),
    "api-v1:follow_up_action_update": _target(_action_pk, kwarg="action_id"),
}
