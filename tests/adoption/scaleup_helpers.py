"""A solution with a scale-up plan and follow-up to test against: the medicine dispensers in two
home-based service units (the audit's 40 % target), made once per test through the services."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from helhet.accounts.models import User
from helhet.adoption.models import ActionKind, Solution, SolutionUnit, StepKind
from helhet.adoption.services.counts import adoption_count_record
from helhet.adoption.services.scaleup import follow_up_action_create, scale_up_step_create
from helhet.adoption.services.solutions import solution_create
from helhet.adoption.services.units import solution_unit_add
from helhet.organization.models import Municipality
from tests.conftest import unit_named

NAME = "Medisindispensere (plan)"


def dispensers(municipality: Municipality) -> Solution:
    """The dispensers in Hundvåg (60 relevant users) and Storhaug (50), owned by E-helse og
    velferdsteknologi with the project leader as operations owner; Hundvåg counted 12 then 18
    in use around a list review done 60 days ago; one late step (a trial in Storhaug that should
    have ended 10 days ago) and one done (Hundvåg)."""
    found = Solution.objects.filter(municipality=municipality, name=NAME).first()
    if found is not None:
        return found
    office = User.objects.get(username="portefolje")
    today = timezone.localdate()
    solution = solution_create(
        actor=office,
        municipality=municipality,
        name=NAME,
        in_use_since=today - timedelta(days=400),
        measure_name="dispensere i bruk",
        base_name="aktuelle brukere",
        target_percent=Decimal(40),
        owner_unit=unit_named(municipality, "E-helse og velferdsteknologi"),
        owner_person=User.objects.get(username="prosjektleder"),
    )
    hundvaag = solution_unit_add(
        actor=office,
        solution=solution,
        unit=unit_named(municipality, "Hundvåg hjemmebaserte tjenester"),
        eligible_base=60,
        added_on=today - timedelta(days=400),
    )
    solution_unit_add(
        actor=office,
        solution=solution,
        unit=unit_named(municipality, "Storhaug hjemmebaserte tjenester"),
        eligible_base=50,
        added_on=today - timedelta(days=400),
    )
    for days, value in ((90, 12), (30, 18)):
        adoption_count_record(
            actor=office,
            solution_unit=hundvaag,
            counted_on=today - timedelta(days=days),
            value=Decimal(value),
        )
    scale_up_step_create(
        actor=office,
        solution=solution,
        kind=StepKind.TRIAL,
        unit=hundvaag.unit,
        starts_on=today - timedelta(days=400),
        ends_on=today - timedelta(days=200),
        done_on=today - timedelta(days=210),
    )
    scale_up_step_create(
        actor=office,
        solution=solution,
        kind=StepKind.SCALE_UP,
        unit=unit_named(municipality, "Storhaug hjemmebaserte tjenester"),
        starts_on=today - timedelta(days=100),
        ends_on=today - timedelta(days=10),
        responsible=User.objects.get(username="prosjektleder"),
    )
    follow_up_action_create(
        actor=office,
        solution_unit=hundvaag,
        kind=ActionKind.LIST_REVIEW,
        description="Gikk gjennom brukerlistene med virksomheten.",
        planned_on=today - timedelta(days=60),
        done_on=today - timedelta(days=60),
    )
    return solution


def unit_of(solution: Solution, name: str) -> SolutionUnit:
    return SolutionUnit.objects.select_related("unit", "solution").get(
        solution=solution, unit__name=name
    )


def scale_up_ids(municipality: Municipality) -> dict[str, int]:
    """The ids schemathesis tries the scale-up endpoints with: the dispensers, their first step,
    Hundvåg's place in them and its follow-up action."""
    solution = dispensers(municipality)
    hundvaag = unit_of(solution, "Hundvåg hjemmebaserte tjenester")
    return {
        "solution_id": solution.pk,
        "step_id": solution.steps.order_by("pk").values_list("pk", flat=True)[0],
        "solution_unit_id": hundvaag.pk,
        "action_id": hundvaag.actions.values_list("pk", flat=True)[0],
    }
