"""/api/v1: similar work for an initiative, the probable overlaps and their verdicts (the
portfolio office), and help requests asked, answered and closed by the right people."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from helhet.learning.models import HelpRequest, HelpStatus, Overlap
from helhet.organization.models import Municipality
from helhet.portfolio.models import InitiativeRelation
from tests.conftest import database_state, unit_named
from tests.learning.matrix_similar import _initiative

pytestmark = pytest.mark.django_db


def _post(path: str, body: dict[str, object], headers: dict[str, str]) -> Any:
    return Client().post(path, body, content_type="application/json", headers=headers)


def test_similar_work_and_an_overlap_judged_through_the_api(
    stavanger: Municipality, api_headers: Callable[[str], dict[str, str]]
) -> None:
    first = _initiative(stavanger, "Smarte søppeldunker", "Smartby")
    second = _initiative(stavanger, "Søppeldunker med sensorer", "Park og vei")

    similar = (
        Client().get(f"/api/v1/initiatives/{first.pk}/similar", headers=api_headers("leser")).json()
    )
    assert [row["initiative"]["name"] for row in similar["initiatives"]] == [second.name]
    assert similar["who"][0]["unit"]["name"] == "Park og vei"

    office = api_headers("portefolje")
    assert Client().get("/api/v1/overlaps", headers=api_headers("leser")).status_code == 403
    listed = Client().get("/api/v1/overlaps", headers=office).json()
    assert [(p["first"]["id"], p["second"]["id"]) for p in listed["probable"]] == [
        (first.pk, second.pk)
    ]
    judged = _post(
        "/api/v1/overlaps",
        {"first_id": second.pk, "second_id": first.pk, "verdict": "related"},
        office,
    )
    assert judged.status_code == 201
    assert Overlap.objects.get().first == first
    assert InitiativeRelation.objects.filter(source=first, target=second).exists()
    assert Client().get("/api/v1/overlaps", headers=office).json()["probable"] == []
    before = database_state()
    again = _post(
        "/api/v1/overlaps",
        {"first_id": first.pk, "second_id": second.pk, "verdict": "merged"},
        office,
    )
    assert again.status_code == 422
    assert database_state() == before


def test_a_help_request_asked_answered_and_closed_through_the_api(
    stavanger: Municipality, api_headers: Callable[[str], dict[str, str]]
) -> None:
    asker = api_headers("gevinsteier")
    created = _post(
        "/api/v1/help-requests",
        {
            "from_unit_id": unit_named(stavanger, "Hundvåg hjemmebaserte tjenester").pk,
            "to_unit_id": unit_named(stavanger, "E-helse og velferdsteknologi").pk,
            "kind": "implementation",
            "title": "Kurs i dispenserne",
            "description": "Nye ansatte kan ikke dispenserne.",
        },
        asker,
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    answer = {"accept": True, "answer": "Kurs i mars.", "planned_for": "2027-03-01"}
    assert _post(f"/api/v1/help-requests/{pk}/answer", answer, asker).status_code == 403
    department = api_headers("prosjektleder")
    answered = _post(f"/api/v1/help-requests/{pk}/answer", answer, department)
    assert answered.status_code == 200, answered.json()
    assert answered.json()["status"] == HelpStatus.ACCEPTED
    closed = _post(f"/api/v1/help-requests/{pk}/close", {"outcome": "Holdt."}, department)
    assert closed.json()["status"] == HelpStatus.CLOSED
    listed = Client().get("/api/v1/help-requests?status=closed", headers=asker).json()
    assert [row["id"] for row in listed["results"]] == [pk]
    assert HelpRequest.objects.get(pk=pk).outcome == "Holdt."
