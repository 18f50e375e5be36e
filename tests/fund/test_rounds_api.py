"""A fund's application rounds and the fund itself through the JSON API: the portfolio office
opens, changes and closes a round, and changes the fund's name and decision; a change from a
stale version is refused with 409 and nothing written; a closed round takes no application."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from helhet.organization.models import Municipality
from tests.conftest import database_state
from tests.fund.application_helpers import draft, the_fund

pytestmark = pytest.mark.django_db


def _call(headers: dict[str, str], method: str, path: str, body: Any = None) -> Any:
    return getattr(Client(), method)(
        f"/api/v1{path}", body, content_type="application/json", headers=headers
    )


def test_the_office_opens_changes_and_closes_a_round_and_a_closed_round_takes_nothing(
    stavanger: Municipality, api_headers: Callable[[str], dict[str, str]]
) -> None:
    office, reader = api_headers("portefolje"), api_headers("leser")
    application = draft(stavanger)
    fund = the_fund(stavanger)
    new_round = {"name": "Våren 2027", "deadline": "2027-03-01"}
    assert _call(reader, "post", f"/funds/{fund.pk}/rounds", new_round).status_code == 403

    created = _call(office, "post", f"/funds/{fund.pk}/rounds", new_round)
    assert created.status_code == 201, created.content
    round_id = created.json()["id"]
    assert created.json()["accepting"] is True
    assert created.json()["closed_at"] is None
    assert _call(office, "post", f"/funds/{fund.pk}/rounds", new_round).status_code == 422
    changed = _call(
        office, "patch", f"/fund-rounds/{round_id}", {"version": 1, "deadline": "2027-04-01"}
    )
    assert changed.status_code == 200, changed.content
    assert (changed.json()["deadline"], changed.json()["version"]) == ("2027-04-01", 2)

    before = database_state()
    stale = _call(office, "patch", f"/fund-rounds/{round_id}", {"version": 1, "name": "Høst"})
    assert stale.status_code == 409
    assert stale.json()["version"] == 2
    assert "lagret denne søknadsrunden etter at du åpnet den" in stale.json()["detail"]
    assert database_state() == before

    moved = _call(
        api_headers("prosjektleder"),
        "patch",
        f"/fund-applications/{application.pk}",
        {"version": application.version, "round_id": round_id},
    )
    assert moved.status_code == 200, moved.content
    assert _call(reader, "post", f"/fund-rounds/{round_id}/close").status_code == 403
    closed = _call(office, "post", f"/fund-rounds/{round_id}/close")
    assert closed.status_code == 200
    assert closed.json()["accepting"] is False
    assert closed.json()["closed_at"] is not None

    listed = _call(reader, "get", f"/funds/{fund.pk}/rounds").json()
    assert [(row["name"], row["accepting"]) for row in listed] == [("Våren 2027", False)]
    assert _call(office, "post", f"/fund-rounds/{round_id}/close").status_code == 422
    locked = _call(office, "patch", f"/fund-rounds/{round_id}", {"version": 3, "name": "Høst"})
    assert locked.status_code == 422
    submitted = _call(
        api_headers("prosjektleder"), "post", f"/fund-applications/{application.pk}/submit"
    )
    assert submitted.status_code == 422
    assert "Søknadsrunden Våren 2027 ble stengt" in submitted.json()["errors"]["__all__"][0]


def test_the_office_changes_a_fund_and_a_stale_change_is_refused_with_409(
    stavanger: Municipality, api_headers: Callable[[str], dict[str, str]]
) -> None:
    office = api_headers("portefolje")
    fund = the_fund(stavanger)
    path = f"/funds/{fund.pk}"
    assert _call(api_headers("leser"), "patch", path, {"version": 1}).status_code == 403

    changed = _call(
        office,
        "patch",
        path,
        {"version": 1, "decision_body": "Bystyret", "decider": "direktor"},
    )
    assert changed.status_code == 200, changed.content
    body = changed.json()
    assert (body["name"], body["decision_reference"]) == ("Digitaliseringsfondet", "65/17")
    assert (body["decision_body"], body["decider"]["username"], body["version"]) == (
        "Bystyret",
        "direktor",
        2,
    )
    before = database_state()
    stale = _call(office, "patch", path, {"version": 1, "name": "Et annet navn"})
    assert stale.status_code == 409
    assert stale.json()["version"] == 2
    assert "lagret dette fondet etter at du åpnet det" in stale.json()["detail"]
    refused = _call(office, "patch", path, {"version": 2, "decider": "eier"})
    assert refused.status_code == 422  # a project owner does not decide fund grants
    assert database_state() == before
    anyone = _call(office, "patch", path, {"version": 2, "decider": None})
    assert anyone.json()["decider"] is None
    assert _call(office, "get", path).json()["version"] == 3
