"""The scale-up plan and follow-up actions in the JSON API: read by everyone in the
municipality, written by those who keep them, refused input answered 422 with nothing
written."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from helhet.adoption.models import FollowUpAction, ScaleUpStep
from helhet.organization.models import Municipality
from tests.adoption.scaleup_helpers import dispensers, unit_of
from tests.conftest import unit_named

pytestmark = pytest.mark.django_db
API = "/api/v1"


def test_steps_are_planned_listed_and_marked_done_through_the_api(
    stavanger: Municipality, api_headers: Callable[[str], dict[str, str]]
) -> None:
    solution = dispensers(stavanger)
    client = Client()
    office = api_headers("portefolje")
    today = timezone.localdate()
    hinna = unit_named(stavanger, "Hinna hjemmebaserte tjenester")
    url = f"{API}/solutions/{solution.pk}/steps"
    bad = {"kind": "scale_up", "unit": hinna.pk, "starts_on": str(today), "ends_on": "2001-01-01"}
    before = ScaleUpStep.objects.count()
    response = client.post(url, bad, content_type="application/json", headers=office)
    assert response.status_code == 422 and "ends_on" in response.json()["errors"]
    assert ScaleUpStep.objects.count() == before
    good = {**bad, "ends_on": str(today + timedelta(days=60)), "responsible": "prosjektleder"}
    response = client.post(url, good, content_type="application/json", headers=office)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["unit"]["name"] == hinna.name and created["late"] is False
    assert created["responsible"]["username"] == "prosjektleder"
    # The whole plan, and only the late steps.
    plan = client.get(f"{API}/scale-up-steps", headers=office).json()
    assert plan["count"] == 3
    late = client.get(f"{API}/scale-up-steps?late=true", headers=office).json()
    assert [step["kind"] for step in late["results"]] == ["scale_up"]
    step_id = late["results"][0]["id"]
    response = client.patch(
        f"{API}/scale-up-steps/{step_id}",
        {"done_on": str(today)},
        content_type="application/json",
        headers=office,
    )
    assert response.status_code == 200 and response.json()["late"] is False
    # A reader reads the plan but changes nothing; Bergen does not see Stavanger's.
    reader = api_headers("leser")
    assert client.get(url, headers=reader).status_code == 200
    response = client.post(url, good, content_type="application/json", headers=reader)
    assert response.status_code == 403
    assert client.get(url, headers=api_headers("bergen-admin")).status_code == 404


def test_follow_up_actions_with_their_effect_through_the_api(
    stavanger: Municipality, api_headers: Callable[[str], dict[str, str]]
) -> None:
    solution = dispensers(stavanger)
    hundvaag = unit_of(solution, "Hundvåg hjemmebaserte tjenester")
    client = Client()
    member = api_headers("gevinsteier")
    url = f"{API}/solution-units/{hundvaag.pk}/actions"
    [review] = client.get(url, headers=member).json()
    assert review["kind"] == "list_review"
    assert review["effect"]["before"]["percent"] == "20.0"
    assert review["effect"]["after"]["percent"] == "30.0"
    assert review["effect"]["direction"] == "up"
    tomorrow = str(timezone.localdate() + timedelta(days=1))
    payload = {"kind": "course", "planned_on": tomorrow, "done_on": tomorrow}
    before = FollowUpAction.objects.count()
    response = client.post(url, payload, content_type="application/json", headers=member)
    assert response.status_code == 422 and "done_on" in response.json()["errors"]
    assert FollowUpAction.objects.count() == before
    payload.pop("done_on")
    response = client.post(url, payload, content_type="application/json", headers=member)
    assert response.status_code == 201 and response.json()["effect"] is None
    storhaug = unit_of(solution, "Storhaug hjemmebaserte tjenester")
    response = client.post(
        f"{API}/solution-units/{storhaug.pk}/actions",
        payload,
        content_type="application/json",
        headers=member,
    )
    assert response.status_code == 403
    response = client.patch(
        f"{API}/follow-up-actions/{review['id']}",
        {"description": "Leverandøren holder kurs."},
        content_type="application/json",
        headers=member,
    )
    assert response.status_code == 200
    assert response.json()["description"] == "Leverandøren holder kurs."
