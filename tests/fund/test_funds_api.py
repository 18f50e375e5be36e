"""Funds, rules, the ledger and balances in the JSON API: the portfolio office registers a fund,
makes versions of its rules and records money in and out; everyone reads; a negative or
non-numeric amount and a disbursement beyond the grant are refused with 422 in Norwegian and
nothing written."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from helhet.fund.models import LedgerEntry
from helhet.organization.models import Municipality
from tests.fund.ledger_helpers import innovation_fund

pytestmark = pytest.mark.django_db


def _call(headers: dict[str, str], method: str, path: str, body: Any = None) -> Any:
    client = Client()
    if method == "get":
        return client.get(f"/api/v1{path}", headers=headers)
    return client.post(f"/api/v1{path}", body, content_type="application/json", headers=headers)


def test_the_portfolio_office_keeps_a_fund_through_the_api(
    stavanger: Municipality, api_headers: Callable[[str], dict[str, str]]
) -> None:
    office, reader = api_headers("portefolje"), api_headers("leser")
    fund = {"name": "Digitaliseringsfondet", "decision_reference": "65/17", "decider": "direktor"}
    assert _call(reader, "post", "/funds", fund).status_code == 403
    created = _call(office, "post", "/funds", fund)
    assert created.status_code == 201, created.content
    fund_id = created.json()["id"]
    assert created.json()["decider"]["username"] == "direktor"
    refused = _call(office, "post", "/funds", {**fund, "decider": "eier"})
    assert refused.status_code == 422  # the name is taken and a project owner decides nothing

    first = _call(
        office,
        "post",
        f"/funds/{fund_id}/rules",
        {
            "finances": ["one_off", "entry_ticket"],
            "max_amount": "5000000",
            "gain_return": "share",
            "gain_return_share": "50",
            "gain_return_years": 5,
            "criteria": [{"name": "Nytte for innbyggerne", "weight": 3}],
        },
    )
    assert first.status_code == 201, first.content
    second = _call(office, "post", f"/funds/{fund_id}/rules", {"max_amount": "3000000"})
    assert (second.json()["version"], second.json()["max_amount"]) == (2, "3000000.00")
    assert second.json()["finances"] == ["one_off", "entry_ticket"]
    assert second.json()["criteria"] == [
        {"name": "Nytte for innbyggerne", "weight": 3, "description": ""}
    ]
    versions = _call(reader, "get", f"/funds/{fund_id}/rules").json()
    assert [(v["version"], v["max_amount"]) for v in versions] == [
        (2, "3000000.00"),
        (1, "5000000.00"),
    ]

    capital = {"kind": "capital", "amount": "100000000", "reference": "65/17"}
    assert _call(office, "post", f"/funds/{fund_id}/ledger", capital).status_code == 201
    assert _call(reader, "get", f"/funds/{fund_id}/balance").json()["available"] == ("100000000.00")
    listed = _call(reader, "get", "/funds").json()
    assert [(f["name"], f["balance"]["capital"]) for f in listed] == [
        ("Digitaliseringsfondet", "100000000.00")
    ]


def test_bad_amounts_and_a_disbursement_beyond_the_grant_are_refused(
    stavanger: Municipality, api_headers: Callable[[str], dict[str, str]]
) -> None:
    fund = innovation_fund(stavanger)  # a grant of 200 000 kr, 50 000 paid out
    grant = fund.applications.get()
    office = api_headers("portefolje")
    path = f"/funds/{fund.pk}/ledger"
    paid: dict[str, Any] = {"kind": "disbursement", "application": grant.pk, "reference": "B-2"}
    before = LedgerEntry.objects.count()

    negative = _call(office, "post", path, {**paid, "amount": "-100"})
    assert negative.status_code == 422
    assert negative.json()["errors"] == {"__all__": ["Skriv et beløp over 0 kroner."]}
    assert _call(office, "post", path, {**paid, "amount": "mye"}).status_code == 422
    beyond = _call(office, "post", path, {**paid, "amount": "150000.01"})
    assert beyond.status_code == 422
    assert beyond.json()["errors"]["__all__"][0].replace("\xa0", " ") == (
        "Bare 150 000 kr av tilsagnet for budsjettåret 2027 er ikke utbetalt; 150 000,01 kr kan "
        "ikke utbetales fra det."
    )
    commitment = _call(office, "post", path, {**paid, "kind": "commitment", "amount": "1"})
    assert commitment.status_code == 422  # grants are committed by decisions only
    assert LedgerEntry.objects.count() == before

    made = _call(office, "post", path, {**paid, "amount": "150000"})
    assert made.status_code == 201, made.content
    assert made.json()["application"] == {"id": grant.pk, "name": "Velferdsteknologi"}
    corrected = _call(
        office, "post", f"/ledger-entries/{made.json()['id']}/correction", {"reason": "Feil"}
    )
    assert corrected.status_code == 201
    assert (corrected.json()["amount"], corrected.json()["corrects"]) == (
        "-150000.00",
        made.json()["id"],
    )
    ledger = _call(api_headers("leser"), "get", f"{path}?page_size=2").json()
    assert ledger["count"] == 5 and len(ledger["results"]) == 2 and ledger["next"]
    assert ledger["results"][1]["corrected_by"] == corrected.json()["id"]
