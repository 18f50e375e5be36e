"""The scale-up plan and follow-up actions as their services keep them: refused input writes
nothing, late steps are flagged in the action matrix, and a follow-up action shows whether
adoption moved afterwards."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from helhet.accounts.models import User
from helhet.adoption.models import ActionKind, FollowUpAction, ScaleUpStep, StepKind
from helhet.adoption.plan import (
    plan_matrix,
    plan_steps,
    unit_follow_up,
)
from helhet.adoption.services.counts import adoption_count_record
from helhet.adoption.services.scaleup import (
    follow_up_action_create,
    follow_up_action_update,
    scale_up_step_create,
    scale_up_step_update,
)
from helhet.organization.models import Municipality, OrgUnit
from tests.adoption.scaleup_helpers import dispensers, unit_of

pytestmark = pytest.mark.django_db


def test_a_step_that_ends_before_it_starts_or_is_done_ahead_is_refused(
    stavanger: Municipality, bergen: Municipality
) -> None:
    solution = dispensers(stavanger)
    office = User.objects.get(username="portefolje")
    today = timezone.localdate()
    before = ScaleUpStep.objects.count()
    with pytest.raises(ValidationError) as refused:
        scale_up_step_create(
            actor=office,
            solution=solution,
            kind=StepKind.SCALE_UP,
            starts_on=today,
            ends_on=today - timedelta(days=1),
            done_on=today + timedelta(days=1),
            unit=OrgUnit.objects.filter(municipality=bergen).first(),
        )
    errors = refused.value.message_dict
    assert "unit" in errors
    assert "slutte før" in errors["ends_on"][0]
    assert "fremtiden" in errors["done_on"][0]
    assert ScaleUpStep.objects.count() == before
    # Someone who neither keeps the plans nor owns the solution changes nothing.
    with pytest.raises(PermissionDenied):
        scale_up_step_create(
            actor=User.objects.get(username="gevinsteier"),
            solution=solution,
            kind=StepKind.TRIAL,
            starts_on=today,
            ends_on=today,
        )
    assert ScaleUpStep.objects.count() == before


def test_late_steps_are_flagged_in_the_action_matrix_until_done(stavanger: Municipality) -> None:
    solution = dispensers(stavanger)
    steps = list(plan_steps(municipality=stavanger, solution_ids=[solution.pk]))
    matrix = plan_matrix(steps)
    assert matrix.late == 1
    assert [row.unit_name for row in matrix.rows] == [
        "Hundvåg hjemmebaserte tjenester",
        "Storhaug hjemmebaserte tjenester",
    ]
    storhaug = matrix.rows[1]
    assert storhaug.responsible == ["Hanne Vik"]
    assert any(getattr(step, "is_late", False) for cell in storhaug.cells for step in cell.steps)
    late = next(step for step in steps if step.kind == StepKind.SCALE_UP)
    # The operations owner marks it done: no longer late.
    scale_up_step_update(
        actor=User.objects.get(username="prosjektleder"),
        step=late,
        done_on=timezone.localdate(),
    )
    assert plan_matrix(list(plan_steps(municipality=stavanger))).late == 0


def test_a_follow_up_action_shows_whether_adoption_moved_afterwards(
    stavanger: Municipality,
) -> None:
    solution = dispensers(stavanger)
    hundvaag = unit_of(solution, "Hundvåg hjemmebaserte tjenester")
    [(action, effect)] = unit_follow_up(hundvaag)
    assert effect is not None
    # 12 of 60 before the list review, 18 of 60 after: up 10 percentage points.
    assert effect.before is not None and effect.before.rate == Decimal("20.0")
    assert effect.after is not None and effect.after.rate == Decimal("30.0")
    assert effect.direction == "up" and effect.in_points and effect.change == Decimal("10.0")
    # A member of the unit records the next action; done yesterday, nothing counted since yet.
    member = User.objects.get(username="gevinsteier")
    yesterday = timezone.localdate() - timedelta(days=1)
    course = follow_up_action_create(
        actor=member, solution_unit=hundvaag, kind=ActionKind.COURSE, planned_on=yesterday
    )
    follow_up_action_update(actor=member, action=course, done_on=yesterday)
    effects = {a: e for a, e in unit_follow_up(hundvaag) if e is not None}
    assert effects[course].after is None and effects[course].direction == ""
    # The first action's "after" now stops at the course's day; a later fall counts for the
    # course, not the list review.
    adoption_count_record(
        actor=member,
        solution_unit=hundvaag,
        counted_on=timezone.localdate(),
        value=Decimal(9),
    )
    effects = {a: e for a, e in unit_follow_up(hundvaag) if e is not None}
    assert effects[action].direction == "up"
    assert effects[course].direction == "down"
    # The page says "Ned 15,0 prosentpoeng": the size without its sign (30 % to 15 %).
    assert effects[course].change == Decimal("-15.0") and effects[course].size == Decimal("15.0")


def test_follow_up_is_refused_for_another_unit_and_for_a_future_done_date(
    stavanger: Municipality,
) -> None:
    solution = dispensers(stavanger)
    storhaug = unit_of(solution, "Storhaug hjemmebaserte tjenester")
    before = FollowUpAction.objects.count()
    # The benefits owner works in Hundvåg, not Storhaug.
    with pytest.raises(PermissionDenied):
        follow_up_action_create(
            actor=User.objects.get(username="gevinsteier"),
            solution_unit=storhaug,
            kind=ActionKind.COURSE,
            planned_on=timezone.localdate(),
        )
    with pytest.raises(ValidationError) as refused:
        follow_up_action_create(
            actor=User.objects.get(username="prosjektleder"),
            solution_unit=storhaug,
            kind=ActionKind.OTHER,
            planned_on=timezone.localdate(),
            done_on=timezone.localdate() + timedelta(days=3),
        )
    assert set(refused.value.message_dict) == {"description", "done_on"}
    assert FollowUpAction.objects.count() == before
