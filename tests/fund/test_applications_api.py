"""Fund applications in the JSON API: writing a draft, reading it with its economic analysis,
listing and submitting; the bad input refused with nothing written; who may apply."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from helhet.fund.models import Application, ApplicationStatus
from helhet.organization.models import Municipality
from tests.benefits.helpers import benefit, dispensers
from tests.conftest import database_state
from tests.fund.application_helpers import draft, the_fund

pytestmark = pytest.mark.django_db


def _payload(stavanger: Municipality, **changes: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "initiative_id": dispensers(stavanger).pk,
        "use_kind": "project",
        "total_cost": "5000000",
        "years": [
            {"year": 2027, "amount_applied": "1500000"},
            {"year": 2028, "amount_applied": "500000"},
        ],
        "other_funding": [{"source": "digdir", "amount": "1000000", "note": "Medfinansiering"}],
    }
    payload.update(changes)
    return payload


def test_the_project_leader_writes_reads_lists_and_submits_an_application(
    stavanger: Municipality, api_headers: Callable[[str], dict[str, str]]
) -> None:
    fund = the_fund(stavanger)
    benefit(stavanger)  # 1 613 764 kroner a year, due 31 December 2027
    headers = api_headers("prosjektleder")
    client = Client(headers=headers)

    created = client.post(
        f"/api/v1/funds/{fund.pk}/applications",
        _payload(stavanger, project_description="Medisindispensere i hjemmetjenesten."),
        content_type="application/json",
    )

    assert created.status_code == 201, created.content
    body = created.json()
    assert body["status"] == "draft"
    assert body["amount_applied"] == "2000000.00"
    assert body["missing"] == []
    assert body["other_funding"] == [
        {"source": "digdir", "amount": "1000000.00", "note": "Medfinansiering"}
    ]
    analysis = body["analysis"]
    assert analysis["prefilled"] is True
    assert analysis["discount_rate"] == "4.00"
    assert [row["cost"] for row in analysis["years"][:3]] == [
        "3750000.00",  # 5 million spread 3:1 as the amounts applied for
        "1250000.00",
        "0.00",
    ]
    # NPV = 1 613 764 × Σ_{t=0..9} 1/1.04^t − 3 750 000 − 1 250 000/1.04
    #     = 1 613 764 × 8.4353316 − 3 750 000 − 1 201 923.08 = 8 660 711.40
    # present cost = 3 750 000 + 1 201 923.08 = 4 951 923.08; per krone 1.7490
    assert analysis["npv"] == "8660711.40"
    assert analysis["present_cost"] == "4951923.08"
    assert analysis["npv_per_krone"] == "1.7490"

    application_id = body["id"]
    read = client.get(f"/api/v1/fund-applications/{application_id}").json()
    assert read["project_description"] == "Medisindispensere i hjemmetjenesten."
    listed = client.get(f"/api/v1/funds/{fund.pk}/applications").json()
    assert [row["id"] for row in listed["results"]] == [application_id]
    assert listed["results"][0]["amount_applied"] == "2000000.00"

    submitted = client.post(f"/api/v1/fund-applications/{application_id}/submit")

    assert submitted.status_code == 200
    assert submitted.json()["status"] == "submitted"
    assert submitted.json()["rules_version"] == 1
    assert submitted.json()["analysis"]["prefilled"] is False
    again = client.post(f"/api/v1/fund-applications/{application_id}/submit")
    assert again.status_code == 422
    assert "kan ikke lenger endres" in again.json()["errors"]["__all__"][0]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"years": [{"year": 2027, "amount_applied": "-1"}]}, "years", "negativt"),
        ({"total_cost": "mange penger"}, "total_cost", "Skriv et tall."),
        (
            {"total_cost": "30000000", "years": [{"year": 2027, "amount_applied": "12000000"}]},
            "years",
            "mer enn fondets største beløp",
        ),
        (
            {"years": [{"year": 2027, "amount_applied": "3000000"}]},
            "total_cost",
            "høyst 50 % av prosjektkostnaden",
        ),
    ],
    ids=["negative", "not a number", "above the maximum", "above the share"],
)
def test_bad_amounts_are_refused_with_422_and_nothing_written(
    stavanger: Municipality,
    api_headers: Callable[[str], dict[str, str]],
    changes: dict[str, Any],
    field: str,
    message: str,
) -> None:
    fund = the_fund(stavanger)
    payload = _payload(stavanger, **changes)
    headers = api_headers("prosjektleder")
    before = database_state()

    response = Client().post(
        f"/api/v1/funds/{fund.pk}/applications",
        payload,
        content_type="application/json",
        headers=headers,
    )

    assert response.status_code == 422
    assert message in " ".join(response.json()["errors"][field])
    assert database_state() == before


def test_without_a_benefits_plan_submitting_is_refused_with_what_is_missing(
    stavanger: Municipality, api_headers: Callable[[str], dict[str, str]]
) -> None:
    application = draft(stavanger, with_benefit=False)
    headers = api_headers("eier")

    read = Client().get(f"/api/v1/fund-applications/{application.pk}", headers=headers).json()
    response = Client().post(f"/api/v1/fund-applications/{application.pk}/submit", headers=headers)

    expected = "En gevinstrealiseringsplan med minst én gevinst (i gevinstmodulen)."
    assert read["missing"] == [expected]
    assert response.status_code == 422
    assert response.json()["errors"]["__all__"] == [expected]
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def test_only_those_who_may_change_the_initiative_apply_for_it(
    stavanger: Municipality, api_headers: Callable[[str], dict[str, str]]
) -> None:
    fund = the_fund(stavanger)
    path = f"/api/v1/funds/{fund.pk}/applications"
    payload = _payload(stavanger)

    def post(username: str) -> Any:
        return Client().post(
            path, payload, content_type="application/json", headers=api_headers(username)
        )

    assert post("leser").status_code == 403
    assert post("admin").status_code == 403  # changes initiatives, does not apply for money
    assert post("direktor").status_code == 403  # decides on grants
    refused = post("gevinsteier")
    assert refused.status_code == 403
    assert not Application.objects.exists()
    submitted = Client().post(
        f"/api/v1/fund-applications/{draft(stavanger).pk}/submit",
        headers=api_headers("leser"),
    )
    assert submitted.status_code == 403


def test_the_applicant_changes_a_draft_sets_its_analysis_and_withdraws_it(
    stavanger: Municipality, api_headers: Callable[[str], dict[str, str]]
) -> None:
    application = draft(stavanger)
    path = f"/api/v1/fund-applications/{application.pk}"
    client = Client(headers=api_headers("prosjektleder"))

    def patch(body: dict[str, Any]) -> Any:
        return client.patch(path, body, content_type="application/json")

    changed = patch(
        {"version": 1, "total_cost": "4000000", "project_description": "Dispensere i 2027."}
    )
    assert changed.status_code == 200, changed.content
    body = changed.json()
    assert (body["total_cost"], body["project_description"]) == ("4000000.00", "Dispensere i 2027.")
    assert body["amount_applied"] == "2000000.00"  # the years left out stay as they were
    assert [row["source"] for row in body["other_funding"]] == ["own_budget"]
    before = database_state()
    stale = patch({"version": 1, "total_cost": "6000000"})
    assert stale.status_code == 409
    assert stale.json()["version"] == 2
    too_much = patch({"version": 2, "years": [{"year": 2027, "amount_applied": "2500000"}]})
    assert too_much.status_code == 422  # above half the project cost of 4 million
    assert database_state() == before
    reader = Client(headers=api_headers("leser"))
    assert reader.patch(path, {"version": 2}, content_type="application/json").status_code == 403

    # Year 0 costs 1 000 kr, year 1 brings 1 040 kr: NPV = −1 000 + 1 040 / 1.04 = 0,
    # the present cost is 1 000 kr and NPV per krone 0.
    analysis = client.post(
        f"{path}/analysis",
        {"years": [{"cost": "1000", "benefit": "0"}, {"cost": "0", "benefit": "1040"}]},
        content_type="application/json",
    )
    assert analysis.status_code == 200, analysis.content
    figures = analysis.json()["analysis"]
    assert figures["prefilled"] is False
    assert (figures["npv"], figures["present_cost"], figures["npv_per_krone"]) == (
        "0.00",
        "1000.00",
        "0.0000",
    )
    assert len(figures["years"]) == 10  # the fund's analysis period; the rest count as 0
    eleven = [{"cost": "0", "benefit": "0"}] * 11
    refused = client.post(f"{path}/analysis", {"years": eleven}, content_type="application/json")
    assert refused.status_code == 422
    assert "Analyseperioden er 10 år." in refused.json()["errors"]["__all__"]
    reset = client.delete(f"{path}/analysis")
    assert reset.json()["analysis"]["prefilled"] is True

    assert reader.post(f"{path}/withdraw").status_code == 403
    withdrawn = client.post(f"{path}/withdraw")
    assert withdrawn.status_code == 200
    assert withdrawn.json()["status"] == "withdrawn"
    again = client.post(f"{path}/withdraw")
    assert again.status_code == 422
    assert "kan ikke lenger trekkes" in again.json()["errors"]["__all__"][0]
    assert patch({"version": 3}).status_code == 422
