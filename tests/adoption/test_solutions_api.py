"""/api/v1/solutions: the portfolio office registers a solution and its units, a unit records
its counts, everyone reads the adoption; bad input is refused with Norwegian field errors and
nothing written."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from helhet.organization.models import Municipality
from tests.adoption.helpers import unit
from tests.conftest import database_state


def _send(method: str, path: str, body: dict[str, Any], headers: dict[str, str]) -> Any:
    call = getattr(Client(), method)
    return call(path, body, content_type="application/json", headers=headers)


def test_register_count_correct_and_read(
    stavanger: Municipality, api_headers: Callable[[str], dict[str, str]]
) -> None:
    office, leader, reader = (api_headers(name) for name in ("portefolje", "gevinsteier", "leser"))
    body = {
        "name": "Medisindispensere",
        "in_use_since": "2020-01-01",
        "measure_name": "dispensere i bruk",
        "base_name": "relevante brukere",
        "target_percent": "140",
        "owner_unit_id": unit(stavanger, "E-helse og velferdsteknologi").pk,
        "owner_username": "prosjektleder",
    }
    before = database_state()
    refused = _send("post", "/api/v1/solutions", body, office)
    assert refused.status_code == 422 and "target_percent" in refused.json()["errors"]
    assert database_state() == before
    assert (
        _send("post", "/api/v1/solutions", {**body, "target_percent": "40"}, reader).status_code
        == 403
    )
    created = _send("post", "/api/v1/solutions", {**body, "target_percent": "40"}, office)
    assert created.status_code == 201, created.json()
    solution = created.json()
    assert (solution["owner_person"]["username"], solution["target_percent"]) == (
        "prosjektleder",
        "40.00",
    )
    hundvag = _send(
        "post",
        f"/api/v1/solutions/{solution['id']}/units",
        {"unit_id": unit(stavanger, "Hundvåg hjemmebaserte tjenester").pk, "eligible_base": 120},
        office,
    ).json()
    counts = f"/api/v1/solution-units/{hundvag['id']}/counts"
    today = timezone.localdate()
    future = _send(
        "post", counts, {"counted_on": str(today + timedelta(days=1)), "value": "3"}, leader
    )
    assert future.status_code == 422 and "fremtiden" in future.json()["errors"]["counted_on"][0]
    recorded = _send("post", counts, {"counted_on": str(today), "value": "48"}, leader)
    assert recorded.status_code == 201 and recorded.json()["eligible"] == 120
    corrected = _send(
        "put",
        f"/api/v1/adoption-counts/{recorded.json()['id']}",
        {"counted_on": str(today), "value": "54", "eligible": 120},
        leader,
    )
    assert corrected.status_code == 200 and corrected.json()["value"] == "54.00"
    assert (
        _send(
            "post", counts, {"counted_on": str(today - timedelta(days=1)), "value": "1"}, reader
        ).status_code
        == 403
    )
    # Everyone reads the adoption.
    read = Client().get(f"/api/v1/solutions/{solution['id']}", headers=reader).json()
    assert read["units"][0]["latest_percent"] == "45.00"
    listed = Client().get("/api/v1/solutions", headers=reader).json()
    assert [(row["solution"]["name"], row["percent"], row["below_target"]) for row in listed] == [
        ("Medisindispensere", "45.00", 0)
    ]
    assert Client().get(counts, headers=reader).json()["count"] == 1
    # The owner changes their own solution; a stale version is refused.
    patch = f"/api/v1/solutions/{solution['id']}"
    changed = _send(
        "patch", patch, {"version": 1, "count_interval_days": 92}, api_headers("prosjektleder")
    )
    assert changed.status_code == 200 and changed.json()["version"] == 2
    assert _send("patch", patch, {"version": 1, "name": "X"}, office).status_code == 422
