"""A fund's balances from its ledger, in one query: capital (allocations and gains returned),
committed (grants committed less releases), disbursed and available (what may still be
committed). Read from the totals the ledger service keeps beside the ledger
(``services.ledger_totals``), so a balance costs the same at 100 or 100,000 entries."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from helhet.fund.models import Application, EntryKind, Fund, GrantYearTotal, LedgerYearTotal

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Balance:
    capital: Decimal  # allocations to the fund
    returned: Decimal  # gains returned to the fund
    committed: Decimal  # grants committed, less what was released
    disbursed: Decimal  # paid out of committed grants

    @property
    def available(self) -> Decimal:
        """What may still be committed: capital and returned gains less the committed grants."""
        return self.capital + self.returned - self.committed

    @property
    def undisbursed(self) -> Decimal:
        """Committed but not yet paid out."""
        return self.committed - self.disbursed


def _sum(kind: str) -> Coalesce:
    return Coalesce(Sum("amount", filter=Q(kind=kind)), ZERO)


def _balance_of(row: dict[str, Decimal]) -> Balance:
    return Balance(
        capital=row["capital"],
        returned=row["returned"],
        committed=row["commitment"] - row["release"],
        disbursed=row["disbursed"],
    )


SUMS = {
    "capital": _sum(EntryKind.CAPITAL),
    "returned": _sum(EntryKind.RETURNED_GAIN),
    "commitment": _sum(EntryKind.COMMITMENT),
    "release": _sum(EntryKind.RELEASE),
    "disbursed": _sum(EntryKind.DISBURSEMENT),
}


def fund_balance(fund: Fund) -> Balance:
    """The fund's balances now, from every entry of its ledger (summed from its year totals,
    ``LedgerYearTotal``: a few rows, however long the ledger)."""
    return _balance_of(LedgerYearTotal.objects.filter(fund=fund).aggregate(**SUMS))


def _grant_balance(rows: QuerySet[GrantYearTotal]) -> Balance:
    row = rows.aggregate(
        committed=Coalesce(Sum(F("committed") - F("released")), ZERO),
        disbursed=Coalesce(Sum("disbursed"), ZERO),
        returned=Coalesce(Sum("returned"), ZERO),
    )
    return Balance(
        capital=ZERO,
        returned=row["returned"],
        committed=row["committed"],
        disbursed=row["disbursed"],
    )


def application_balance(application: Application) -> Balance:
    """What is committed to (less releases), and disbursed from, one application's grant, and
    the gains it returned (capital is always zero), from its budget years' totals."""
    return _grant_balance(GrantYearTotal.objects.filter(application=application))


def grant_year_balance(application: Application, budget_year: int | None) -> Balance:
    """The same for one budget year of the grant (None: the entries that name no budget
    year)."""
    return _grant_balance(
        GrantYearTotal.objects.filter(application=application, budget_year=budget_year or 0)
    )


def grant_budget_years(application: Application) -> list[int]:
    """The budget years the application's grant has money committed for (0: committed without
    a budget year), in order."""
    return list(
        GrantYearTotal.objects.filter(application=application)
        .annotate(left=F("committed") - F("released"))
        .filter(left__gt=0)
        .order_by("budget_year")
        .values_list("budget_year", flat=True)
    )


def fund_balances(funds: object) -> dict[int, Balance]:
    """Each fund's balances (by the fund's id), in one query for all of them; a fund with no
    entries has all zero."""
    rows = LedgerYearTotal.objects.filter(fund__in=funds).values("fund").annotate(**SUMS).order_by()
    return {row["fund"]: _balance_of(row) for row in rows}


EMPTY_BALANCE = Balance(capital=ZERO, returned=ZERO, committed=ZERO, disbursed=ZERO)
