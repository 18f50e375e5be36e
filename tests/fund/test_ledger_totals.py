"""The figures kept beside the ledger (helhet/fund/services/ledger_totals.py): after any series
of entries and corrections they equal a recomputation from the ledger itself, the rebuild
command restores them, and a disbursement is checked against its budget year's grant."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from helhet.accounts.models import User
from helhet.fund.models import EntryKind, Fund, GrantYearTotal, LedgerEntry, LedgerYearTotal
from helhet.fund.selectors.balance import application_balance, fund_balance
from helhet.fund.services.ledger import ledger_entry_correct, ledger_entry_record
from helhet.organization.models import Municipality
from tests.fund.ledger_helpers import application_to, fund_with_capital

pytestmark = pytest.mark.django_db

COLUMNS = {"commitment": 0, "release": 1, "disbursement": 2, "returned_gain": 3}


@pytest.fixture
def office(stavanger: Municipality) -> User:
    return User.objects.get(username="portefolje")


@pytest.fixture
def fund(stavanger: Municipality, office: User) -> Fund:
    return fund_with_capital(stavanger, Decimal("1000000"), actor=office)


def _from_the_ledger(fund: Fund) -> tuple[dict[Any, Any], dict[Any, Any]]:
    """The totals as the ledger's entries give them, added up here one entry at a time."""
    years: dict[Any, list[Any]] = defaultdict(lambda: [Decimal(0), 0])
    grants: dict[Any, list[Decimal]] = defaultdict(lambda: [Decimal(0)] * 4)
    for entry in LedgerEntry.objects.filter(fund=fund):
        row = years[(entry.entry_date.year, entry.kind, entry.budget_year or 0)]
        row[0] += entry.amount
        row[1] += 1
        if entry.application_id is not None and entry.kind in COLUMNS:
            grants[(entry.application_id, entry.budget_year or 0)][COLUMNS[entry.kind]] += (
                entry.amount
            )
    return (
        {key: tuple(value) for key, value in years.items()},
        {key: tuple(value) for key, value in grants.items()},
    )


def _stored(fund: Fund) -> tuple[dict[Any, Any], dict[Any, Any]]:
    years = {
        (row.year, row.kind, row.budget_year): (row.amount, row.entries)
        for row in LedgerYearTotal.objects.filter(fund=fund)
    }
    grants = {
        (row.application_id, row.budget_year): (
            row.committed,
            row.released,
            row.disbursed,
            row.returned,
        )
        for row in GrantYearTotal.objects.filter(fund=fund)
    }
    return years, grants


def test_the_totals_equal_the_ledger_after_entries_and_corrections_and_are_rebuilt(
    fund: Fund, office: User
) -> None:
    """Capital in two years, two grants over budget years 2022–2023 and one without a budget
    year, disbursements, a release, a gain returned, two corrections and a refused entry."""
    first = application_to(fund, actor=office)
    second = application_to(fund, actor=office, initiative="Digital byggesak")
    record: dict[str, Any] = {"fund": fund, "actor": office}
    ledger_entry_record(
        **record, kind=EntryKind.CAPITAL, amount=Decimal("250000"), entry_date=date(2022, 3, 1)
    )
    for year, amount in ((2022, Decimal("300000")), (2023, Decimal("200000"))):
        ledger_entry_record(
            **record,
            kind=EntryKind.COMMITMENT,
            amount=amount,
            application=first,
            budget_year=year,
            entry_date=date(2022, 2, 1),
        )
    ledger_entry_record(
        **record, kind=EntryKind.COMMITMENT, amount=Decimal("100000"), application=second
    )
    paid = ledger_entry_record(
        **record,
        kind=EntryKind.DISBURSEMENT,
        amount=Decimal("120000.50"),
        application=first,
        budget_year=2022,
        entry_date=date(2022, 9, 1),
        reference="B-1",
    )
    ledger_entry_record(
        **record,
        kind=EntryKind.DISBURSEMENT,
        amount=Decimal("50000"),
        application=first,
        budget_year=2023,
        entry_date=date(2023, 4, 1),
        reference="B-2",
    )
    ledger_entry_record(
        **record,
        kind=EntryKind.RELEASE,
        amount=Decimal("30000"),
        application=first,
        budget_year=2023,
        entry_date=date(2024, 1, 15),
    )
    ledger_entry_record(
        **record,
        kind=EntryKind.RETURNED_GAIN,
        amount=Decimal("10000"),
        application=first,
        budget_year=2024,
        entry_date=date(2025, 2, 1),
    )
    ledger_entry_record(
        **record,
        kind=EntryKind.DISBURSEMENT,
        amount=Decimal("40000"),
        application=second,
        reference="B-3",
    )
    ledger_entry_correct(entry=paid, actor=office, reason="Feil beløp", entry_date=date(2023, 1, 5))
    ledger_entry_correct(
        entry=LedgerEntry.objects.get(fund=fund, kind=EntryKind.CAPITAL, amount=Decimal("250000")),
        actor=office,
        reason="Feil vedtak",
    )
    with pytest.raises(ValidationError):  # beyond 2023's 150 000 kr left: nothing is added
        ledger_entry_record(
            **record,
            kind=EntryKind.DISBURSEMENT,
            amount=Decimal("150000.01"),
            application=first,
            budget_year=2023,
            reference="B-4",
        )

    assert _stored(fund) == _from_the_ledger(fund)
    balance = fund_balance(fund)
    assert (balance.capital, balance.returned, balance.committed, balance.disbursed) == (
        Decimal("1000000"),
        Decimal("10000"),
        Decimal("570000"),  # 300 000 + 200 000 + 100 000 − 30 000 released
        Decimal("90000"),  # 50 000 + 40 000 (120 000,50 corrected)
    )
    assert application_balance(first).undisbursed == Decimal("420000")

    # Rebuilt from the ledger (after the rows were lost), the totals are the same again.
    expected = _stored(fund)
    LedgerYearTotal.objects.filter(fund=fund).delete()
    GrantYearTotal.objects.filter(fund=fund, application=first).update(committed=0)
    call_command("rebuild_fund_figures", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _stored(fund) == expected


def _two_budget_years(fund: Fund, office: User) -> dict[str, Any]:
    application = application_to(fund, actor=office)
    for year, amount in ((2022, Decimal("300000")), (2023, Decimal("200000"))):
        ledger_entry_record(
            fund=fund,
            actor=office,
            kind=EntryKind.COMMITMENT,
            amount=amount,
            application=application,
            budget_year=year,
        )
    return {"fund": fund, "actor": office, "application": application}


def _refused(message: str, **entry: Any) -> None:
    before = list(LedgerEntry.objects.order_by("pk").values_list("pk", flat=True))
    with pytest.raises(ValidationError) as refusal:
        ledger_entry_record(**entry)
    assert [text.replace("\xa0", " ") for text in refusal.value.messages] == [message]
    assert list(LedgerEntry.objects.order_by("pk").values_list("pk", flat=True)) == before


def test_a_disbursement_is_checked_against_its_budget_years_grant(fund: Fund, office: User) -> None:
    """300 000 kr granted for 2022 and 200 000 kr for 2023: 250 000 kr fits in the grant as a
    whole, but not in 2023's."""
    grant = _two_budget_years(fund, office)

    _refused(
        "Bare 200 000 kr av tilsagnet for budsjettåret 2023 er ikke utbetalt; 250 000 kr kan "
        "ikke utbetales fra det.",
        **grant,
        kind=EntryKind.DISBURSEMENT,
        amount=Decimal("250000"),
        budget_year=2023,
        reference="B-1",
    )
    _refused(
        "Bare 0 kr av tilsagnet for budsjettåret 2024 er ikke utbetalt; 1 kr kan ikke "
        "utbetales fra det.",
        **grant,
        kind=EntryKind.DISBURSEMENT,
        amount=Decimal("1"),
        budget_year=2024,
        reference="B-1",
    )
    _refused(
        "Bare 200 000 kr av tilsagnet for budsjettåret 2023 er ikke utbetalt; 200 000,01 kr kan "
        "ikke frigis fra det.",
        **grant,
        kind=EntryKind.RELEASE,
        amount=Decimal("200000.01"),
        budget_year=2023,
    )
    _refused(
        "Tilsagnet har penger for flere budsjettår (2022, 2023): velg hvilket budsjettår "
        "beløpet gjelder.",
        **grant,
        kind=EntryKind.DISBURSEMENT,
        amount=Decimal("1000"),
        reference="B-1",
    )
    ledger_entry_record(
        **grant,
        kind=EntryKind.DISBURSEMENT,
        amount=Decimal("250000"),
        budget_year=2022,
        reference="B-1",
    )
    ledger_entry_record(
        **grant,
        kind=EntryKind.DISBURSEMENT,
        amount=Decimal("200000"),
        budget_year=2023,
        reference="B-2",
    )
    assert application_balance(grant["application"]).undisbursed == Decimal("50000")


def test_a_grant_of_one_budget_year_takes_a_disbursement_without_one(
    fund: Fund, office: User
) -> None:
    application = application_to(fund, actor=office)
    ledger_entry_record(
        fund=fund,
        actor=office,
        kind=EntryKind.COMMITMENT,
        amount=Decimal("80000"),
        application=application,
        budget_year=2025,
    )

    paid = ledger_entry_record(
        fund=fund,
        actor=office,
        kind=EntryKind.DISBURSEMENT,
        amount=Decimal("80000"),
        application=application,
        reference="B-9",
    )

    assert paid.budget_year == 2025
    assert GrantYearTotal.objects.get(application=application).disbursed == Decimal("80000")
