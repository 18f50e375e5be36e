"""The fund's pages as the portfolio office and a reader use them: register a fund, give it
rules and a new version of them, open a round, add capital, pay out of a grant and correct an
entry; the refusals (a negative or non-numeric amount, a disbursement beyond the grant) shown in
Norwegian on the form with nothing written; the lists' queries do not grow with their rows."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from helhet.fund.models import EntryKind, Fund, LedgerEntry
from helhet.fund.selectors.balance import fund_balance
from helhet.fund.services.ledger import ledger_entry_correct, ledger_entry_record
from helhet.organization.models import Municipality
from tests.conftest import count_queries
from tests.fund.ledger_helpers import application_to, innovation_fund
from tests.fund.matrix_funds import _rules_post

pytestmark = pytest.mark.django_db


def _text(response: object) -> str:
    return response.content.decode().replace("\xa0", " ")  # type: ignore[attr-defined]


def test_the_portfolio_office_sets_up_a_fund_and_everyone_reads_it(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    office = login("portefolje")
    response = office.post(
        reverse("fund:create"),
        {
            "name": "Digitaliseringsfondet",
            "decision_reference": "65/17",
            "decision_date": "2017-05-08",
            "decision_body": "Bystyret",
        },
    )
    fund = Fund.objects.get(municipality=stavanger, name="Digitaliseringsfondet")
    assert response["Location"] == reverse("fund:detail", args=[fund.pk])

    assert office.post(reverse("fund:rules_create", args=[fund.pk]), _rules_post(stavanger))[
        "Location"
    ] == reverse("fund:rules", args=[fund.pk])
    changed = {**_rules_post(stavanger), "max_amount": "3 000 000", "note": "Lavere tak"}
    response = office.post(reverse("fund:rules_create", args=[fund.pk]), changed)
    assert response.status_code == 302
    office.post(
        reverse("fund:round_create", args=[fund.pk]),
        {"name": "Våren 2027", "deadline": "2027-03-01"},
    )
    office.post(
        reverse("fund:capital_create", args=[fund.pk]),
        {"amount": "100 000 000", "entry_date": "2017-05-08", "reference": "65/17"},
    )

    reader = login("leser")
    page = _text(reader.get(reverse("fund:detail", args=[fund.pk])))
    assert "Bystyret" in page and "65/17" in page
    assert "En hvilken som helst leder" in page
    assert "Retningslinjer (versjon 2)" in page and "høyst 3 000 000 kr" in page
    assert "Våren 2027" in page
    assert '<dd id="available">100 000 000 kr</dd>' in page
    assert "Endre fondet" not in page  # a reader keeps no fund
    rules = _text(reader.get(reverse("fund:rules", args=[fund.pk])))
    assert "Versjon 2" in rules and "Versjon 1" in rules and "Lavere tak" in rules
    assert "høyst 4 000 000 kr" in rules  # version 1 as it was
    funds = _text(reader.get(reverse("fund:list")))
    assert "Digitaliseringsfondet" in funds and "100 000 000" in funds
    menu = reader.get(reverse("fund:list")).content.decode()
    assert 'href="/fond/" aria-current="page"' in menu or ">Fond<" in menu


def test_money_in_and_out_of_the_ledger_and_its_refusals(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    fund = innovation_fund(stavanger)  # 1 000 000 kr; a grant of 200 000 kr, 50 000 paid out
    grant = fund.applications.get()
    office = login("portefolje")
    before = list(LedgerEntry.objects.filter(fund=fund).values_list("pk", flat=True))
    url = reverse("fund:disbursement_create", args=[fund.pk])
    paid = {"application": grant.pk, "entry_date": "2027-02-01", "reference": "Bilag 2027-2"}

    for amount, message in [
        ("-100", "Skriv et beløp over 0 kroner."),
        ("mye", "Skriv et tall, f.eks. 1 613 764 eller 31,5."),
        (
            "150 000,01",
            # The grant has one budget year: the disbursement is checked against it.
            "Bare 150 000 kr av tilsagnet for budsjettåret 2027 er ikke utbetalt; 150 000,01 kr "
            "kan ikke utbetales fra det.",
        ),
    ]:
        response = office.post(url, {**paid, "amount": amount})
        assert response.status_code == 400
        assert message in _text(response), amount
    assert list(LedgerEntry.objects.filter(fund=fund).values_list("pk", flat=True)) == before

    assert office.post(url, {**paid, "amount": "150 000"})["Location"] == reverse(
        "fund:ledger", args=[fund.pk]
    )
    wrong = LedgerEntry.objects.get(fund=fund, reference="Bilag 2027-2")
    office.post(
        reverse("fund:entry_correct", args=[wrong.pk]),
        {"reason": "Feil beløp", "entry_date": "2027-02-02"},
    )
    balance = fund_balance(fund)
    assert (balance.disbursed, balance.undisbursed) == (Decimal(50000), Decimal(150000))

    ledger = _text(login("leser").get(reverse("fund:ledger", args=[fund.pk])))
    assert "Korrigering" in ledger and "Feil beløp" in ledger and "-150 000" in ledger
    assert "Før en utbetaling" not in ledger  # a reader records nothing


def test_the_lists_cost_the_same_queries_whatever_their_length(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    fund = innovation_fund(stavanger)
    reader = login("leser")
    ledger_url = reverse("fund:ledger", args=[fund.pk])
    few = (count_queries(reader, reverse("fund:list")), count_queries(reader, ledger_url))
    office = fund.applications.get().created_by
    for index in range(3):
        more = Fund.objects.create(municipality=stavanger, name=f"Fond {index}")
        ledger_entry_record(fund=more, kind=EntryKind.CAPITAL, amount=Decimal(10), actor=office)
        grant = application_to(fund, actor=office, initiative=f"Tiltak {index}")
        entry = ledger_entry_record(
            fund=fund,
            kind=EntryKind.COMMITMENT,
            amount=Decimal(10),
            actor=office,
            application=grant,
        )
        ledger_entry_correct(entry=entry, actor=office, reason="Feil søknad")
    assert (count_queries(reader, reverse("fund:list")), count_queries(reader, ledger_url)) == few
