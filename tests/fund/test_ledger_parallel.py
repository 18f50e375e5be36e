"""Two grants that each fit the fund's available balance but not together, committed at the
same moment from two threads with their own database connections (on PostgreSQL, and on SQLite
as a file): one is committed, the other refused with the balance left, and the fund is never
overdrawn. The fund's row is locked while the balance is checked and the entry written
(``fund_lock``); without the lock both threads would read 1 000 000 kr available and both
commit. The balance is read slowly here (a pause after reading it, as on a busy server), so the
two threads are certain to overlap: without the lock this test fails."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connections

from helhet.accounts.models import User
from helhet.fund.models import EntryKind, Fund, LedgerEntry
from helhet.fund.selectors.balance import Balance, fund_balance
from helhet.fund.services import ledger
from helhet.fund.services.ledger import ledger_entry_record
from helhet.organization.models import Municipality
from tests.fund.ledger_helpers import application_to, fund_with_capital

pytestmark = pytest.mark.django_db(transaction=True)


def _in_parallel(count: int, work: Callable[[int], Any]) -> list[Any]:
    """``work(i)`` for i in 0..count-1, each in its own thread, started together; their results
    (or the exception each raised) in order."""
    start = threading.Barrier(count)
    results: list[Any] = [None] * count

    def run(index: int) -> None:
        try:
            start.wait()
            results[index] = work(index)
        except Exception as error:  # the thread's result, not lost in the thread
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_two_grants_that_together_exceed_the_fund_are_not_both_committed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A municipality of its own: the demo may or may not be in a transactional test's database.
    municipality = Municipality.objects.create(
        name="Fondskommunen", slug="fondskommunen", org_number="921234567"
    )
    office = User.objects.create(username="fondskontoret")
    fund = fund_with_capital(municipality, Decimal("1000000"), actor=office)
    applications = [
        application_to(fund, actor=office, initiative=name)
        for name in ("Trådløst nett på sykehjem", "DigiBarnevern")
    ]

    def slow_balance(fund: Fund) -> Balance:
        balance = fund_balance(fund)
        time.sleep(0.5)
        return balance

    monkeypatch.setattr(ledger, "fund_balance", slow_balance)

    def commit(index: int) -> LedgerEntry:
        return ledger_entry_record(
            fund=fund,
            kind=EntryKind.COMMITMENT,
            amount=Decimal("600000"),
            application=applications[index],
            actor=office,
        )

    results = _in_parallel(2, commit)

    committed = [r for r in results if isinstance(r, LedgerEntry)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert (len(committed), len(refused)) == (1, 1), results
    assert refused[0].messages[0].replace("\xa0", " ") == (
        "Fondet har 400 000 kr disponibelt; 600 000 kr kan ikke bindes. Gi tilsagn om mindre, "
        "eller vent på mer kapital."
    )
    assert LedgerEntry.objects.filter(fund=fund, kind=EntryKind.COMMITMENT).count() == 1
    balance = fund_balance(fund)
    assert (balance.committed, balance.available) == (Decimal("600000"), Decimal("400000"))
