"""Assessing and deciding fund applications through the API: the portfolio office's two steps,
the decider's grant committing the ledger, the refusals (403 for the wrong person, 422 with
nothing written for a second decision or a grant beyond the balance), and the ranked list."""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from helhet.fund.models import ApplicationDecision, LedgerEntry
from helhet.organization.models import Municipality
from tests.fund.decision_helpers import application, fund

pytestmark = pytest.mark.django_db


def _post(path: str, body: dict[str, Any], headers: dict[str, str]) -> Any:
    return Client().post(path, body, content_type="application/json", headers=headers)


def test_assess_then_grant_through_the_api(
    stavanger: Municipality, api_headers: Callable[[str], dict[str, str]]
) -> None:
    made = application(stavanger, years={2027: "1000000", 2028: "500000"})
    office, director = api_headers("portefolje"), api_headers("direktor")
    base = f"/api/v1/fund-applications/{made.pk}"

    checked = _post(f"{base}/assessment/formal-check", {"passed": True}, office)
    assert checked.status_code == 200, checked.content
    criteria = checked.json()["criteria"]
    scores = [
        {"criterion_id": c["criterion_id"], "score": s}
        for c, s in zip(criteria, (5, 4, 3), strict=True)
    ]
    scored = _post(f"{base}/assessment/scores", {"scores": scores}, office)
    assert scored.json()["weighted_score"] == "4.33"

    assert _post(f"{base}/decisions", {"outcome": "granted"}, office).status_code == 403
    no_reference = _post(f"{base}/decisions", {"outcome": "granted"}, director)
    assert no_reference.status_code == 422
    assert "case_reference" in no_reference.json()["errors"]

    granted = _post(
        f"{base}/decisions",
        {
            "outcome": "partly_granted",
            "case_reference": "26/5",
            "granted": [{"year": 2027, "amount": "600000.00"}],
        },
        director,
    )
    assert granted.status_code == 201, granted.content
    body = granted.json()
    assert body["status"] == "partly_granted" and body["decided_by"]["username"] == "direktor"
    assert body["granted"] == {"2027": "600000.00", "2028": "0.00"}
    assert LedgerEntry.objects.get(application=made).amount == Decimal("600000.00")

    again = _post(
        f"{base}/decisions",
        {"outcome": "rejected", "reason": "Nei", "case_reference": "1"},
        director,
    )
    assert again.status_code == 422
    assert "allerede avgjort" in again.json()["errors"]["__all__"][0]
    listed = Client().get(f"{base}/decisions", headers=api_headers("leser")).json()
    assert [d["outcome"] for d in listed] == ["partly_granted"]


def test_a_grant_beyond_the_balance_is_422_and_nothing_written(
    stavanger: Municipality, api_headers: Callable[[str], dict[str, str]]
) -> None:
    fund(stavanger, capital=Decimal("500000"))
    made = application(stavanger, years={2027: "1000000"})
    made.formal_check_passed = True
    made.save()
    office = api_headers("portefolje")
    base = f"/api/v1/fund-applications/{made.pk}"
    criteria = Client().get(f"{base}/assessment", headers=office).json()["criteria"]
    _post(
        f"{base}/assessment/scores",
        {"scores": [{"criterion_id": c["criterion_id"], "score": 3} for c in criteria]},
        office,
    )

    refused = _post(
        f"{base}/decisions",
        {"outcome": "granted", "case_reference": "26/6"},
        api_headers("direktor"),
    )
    assert refused.status_code == 422
    assert "disponibelt" in refused.json()["errors"]["__all__"][0]
    assert (
        not ApplicationDecision.objects.exists()
        and not LedgerEntry.objects.filter(application=made).exists()
    )


def test_the_ranking_lists_the_waiting_applications_with_the_running_sum(
    stavanger: Municipality, api_headers: Callable[[str], dict[str, str]]
) -> None:
    the_fund = fund(stavanger, capital=Decimal("1500000"))
    application(stavanger, "A", years={2027: "1000000"})
    application(stavanger, "B", years={2027: "1000000"})
    body = Client().get(f"/api/v1/funds/{the_fund.pk}/ranking", headers=api_headers("leser")).json()
    assert body["available"] == "1500000.00"
    assert [(r["running_sum"], r["over_available"]) for r in body["ranked"]] == [
        ("1000000.00", False),
        ("2000000.00", True),
    ]
    other = Client().get(
        f"/api/v1/funds/{the_fund.pk}/ranking?round=999", headers=api_headers("leser")
    )
    assert other.status_code == 404
