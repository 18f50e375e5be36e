"""Two decisions at once, on a database that commits (SQLite as a file, and PostgreSQL): two
grants that each fit the fund's available balance but not together are not both committed, and
two decisions on the same application are not both recorded. Each decision runs in its own
thread with its own connection; the loser is refused with a Norwegian message, never a 500."""

from __future__ import annotations

import threading
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connections

from helhet.demo.municipalities import build_demo
from helhet.fund.models import Application, ApplicationDecision, DecisionOutcome, LedgerEntry
from helhet.fund.selectors.balance import fund_balance
from helhet.fund.services.decisions import application_decide
from helhet.organization.models import Municipality
from tests.fund.decision_helpers import application, assessed, fund, person

pytestmark = pytest.mark.django_db(transaction=True)


def _in_parallel(requests: list[Callable[[], Any]]) -> list[Any]:
    """Each request in its own thread, started together; their results (or the exception each
    raised) in order."""
    start = threading.Barrier(len(requests))
    results: list[Any] = [None] * len(requests)

    def run(index: int) -> None:
        try:
            start.wait()
            results[index] = requests[index]()
        except Exception as error:
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(requests))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


@pytest.fixture
def stavanger() -> Municipality:
    """The demo, built here: a transactional test starts from an empty (flushed) database."""
    if not Municipality.objects.filter(slug="stavanger").exists():
        build_demo()
    return Municipality.objects.get(slug="stavanger")


def _grant(made: Application, reference: str) -> Callable[[], Any]:
    return lambda: application_decide(
        actor=person("direktor"),
        application=made,
        outcome=DecisionOutcome.GRANTED,
        case_reference=reference,
    )


def test_two_grants_that_together_exceed_the_available_balance_are_not_both_committed(
    stavanger: Municipality,
) -> None:
    # 1.5 million available; each application asks for 1 million.
    the_fund = fund(stavanger, capital=Decimal("1500000"))
    first = assessed(application(stavanger, "Trådløst nett", years={2027: "1000000"}))
    second = assessed(application(stavanger, "DigiBarnevern", years={2027: "1000000"}))

    results = _in_parallel([_grant(first, "26/1"), _grant(second, "26/2")])

    decided = [r for r in results if isinstance(r, ApplicationDecision)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert (len(decided), len(refused)) == (1, 1), results
    assert "disponibelt" in refused[0].messages[0]
    balance = fund_balance(the_fund)
    assert balance.committed == Decimal("1000000.00")
    assert balance.available == Decimal("500000.00")
    assert ApplicationDecision.objects.count() == 1


def test_two_decisions_on_one_application_at_once_record_only_one(
    stavanger: Municipality,
) -> None:
    fund(stavanger)
    made = assessed(application(stavanger, years={2027: "1000000"}))

    results = _in_parallel([_grant(made, "26/3"), _grant(made, "26/4")])

    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(refused) == 1, results
    assert "allerede avgjort" in refused[0].messages[0]
    assert ApplicationDecision.objects.filter(application=made).count() == 1
    assert LedgerEntry.objects.filter(application=made).count() == 1
