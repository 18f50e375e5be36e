"""The scale-up plan and a unit's follow-up in the browser's HTML: the action matrix across
solutions with late steps flagged, a solution's plan with its forms, and a unit's follow-up
actions with whether adoption moved afterwards; the lists' queries do not grow with rows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from helhet.accounts.models import User
from helhet.adoption.models import FollowUpAction, ScaleUpStep, StepKind
from helhet.adoption.services.scaleup import scale_up_step_create
from helhet.organization.models import Municipality
from tests.adoption.scaleup_helpers import dispensers, unit_of
from tests.conftest import count_queries, unit_named

pytestmark = pytest.mark.django_db


def test_the_portfolio_office_plans_a_step_and_marks_it_done(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    solution = dispensers(stavanger)
    office = login("portefolje")
    overview = office.get(reverse("adoption:plan_overview")).content.decode()
    assert solution.name in overview and "1 steg er forsinket" in overview
    page = office.get(reverse("adoption:plan", args=[solution.pk])).content.decode()
    assert "Forsinket" in page and 'id="step-create"' in page
    today = timezone.localdate()
    hinna = unit_named(stavanger, "Hinna hjemmebaserte tjenester")
    response = office.post(
        reverse("adoption:step_create", args=[solution.pk]),
        {
            "kind": StepKind.SCALE_UP,
            "unit": hinna.pk,
            "starts_on": today.isoformat(),
            "ends_on": (today - timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 400
    assert "Steget kan ikke slutte før det starter" in response.content.decode()
    response = office.post(
        reverse("adoption:step_create", args=[solution.pk]),
        {
            "kind": StepKind.SCALE_UP,
            "unit": hinna.pk,
            "starts_on": today.isoformat(),
            "ends_on": (today + timedelta(days=90)).isoformat(),
            "responsible": User.objects.get(username="prosjektleder").pk,
            "description": "Oppskalering til Hinna etter erfaringene fra Hundvåg og Storhaug.",
        },
    )
    assert response.status_code == 302
    step = ScaleUpStep.objects.get(solution=solution, unit=hinna)
    assert step.history.first().history_user.username == "portefolje"
    edit = reverse("adoption:step_edit", args=[step.pk])
    assert office.get(edit).status_code == 200
    response = office.post(
        edit,
        {
            "kind": StepKind.SCALE_UP,
            "unit": hinna.pk,
            "starts_on": today.isoformat(),
            "ends_on": (today + timedelta(days=90)).isoformat(),
            "done_on": today.isoformat(),
        },
    )
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.done_on == today and step.responsible is None
    # A reader reads the plan, and gets no buttons.
    page = login("leser").get(reverse("adoption:plan", args=[solution.pk])).content.decode()
    assert "Hinna hjemmebaserte tjenester" in page and 'id="step-create"' not in page


def test_a_unit_records_a_follow_up_action_and_sees_if_adoption_moved(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    solution = dispensers(stavanger)
    hundvaag = unit_of(solution, "Hundvåg hjemmebaserte tjenester")
    member = login("gevinsteier")  # works in Hundvåg hjemmebaserte tjenester
    page = member.get(reverse("adoption:follow_up", args=[hundvaag.pk])).content.decode()
    assert "Gjennomgang av brukerlister" in page
    assert "Opp 10.0 prosentpoeng" in page or "Opp 10,0 prosentpoeng" in page
    response = member.post(
        reverse("adoption:action_create", args=[hundvaag.pk]),
        {
            "kind": "champion",
            "description": "En ressursperson i hver gruppe foreslår aktuelle brukere.",
            "planned_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    action = FollowUpAction.objects.get(solution_unit=hundvaag, kind="champion")
    page = member.get(reverse("adoption:follow_up", args=[hundvaag.pk])).content.decode()
    assert "En ressursperson i hver gruppe" in page and "Når det er gjort" in page
    # Storhaug is not the member's unit: they read its follow-up but record nothing there.
    storhaug = unit_of(solution, "Storhaug hjemmebaserte tjenester")
    page = member.get(reverse("adoption:follow_up", args=[storhaug.pk])).content.decode()
    assert 'id="action-create"' not in page
    assert member.get(reverse("adoption:action_create", args=[storhaug.pk])).status_code == 403
    assert action.history.first().history_user.username == "gevinsteier"


def test_the_plan_pages_read_in_a_fixed_number_of_queries(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    solution = dispensers(stavanger)
    client = login("portefolje")
    overview = reverse("adoption:plan_overview")
    plan = reverse("adoption:plan", args=[solution.pk])
    before = count_queries(client, overview), count_queries(client, plan)
    office = User.objects.get(username="portefolje")
    today = timezone.localdate()
    for unit in ("Hillevåg hjemmebaserte tjenester", "Hinna hjemmebaserte tjenester"):
        for kind in (StepKind.TRIAL, StepKind.SCALE_UP, StepKind.OPERATION):
            scale_up_step_create(
                actor=office,
                solution=solution,
                kind=kind,
                unit=unit_named(stavanger, unit),
                starts_on=today,
                ends_on=today + timedelta(days=30),
                responsible=office,
            )
    assert (count_queries(client, overview), count_queries(client, plan)) == before
