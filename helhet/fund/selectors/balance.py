"""A fund's balances from its ledger, in one query: capital (allocations and gains returned),
committed (grants committed less releases), disbursed and available (what may still be
committed)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, Sum
from django.db.models.functions import Coalesce

from helhet.fund.models import Application, EntryKind, Fund, LedgerEntry

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


def _balance(entries: object) -> Balance:
    row = entries.aggregate(  # type: ignore[attr-defined]
        capital=_sum(EntryKind.CAPITAL),
        returned=_sum(EntryKind.RETURNED_GAIN),
        commitment=_sum(EntryKind.COMMITMENT),
        release=_sum(EntryKind.RELEASE),
        disbursed=_sum(EntryKind.DISBURSEMENT),
    )
    return Balance(
        capital=row["capital"],
        returned=row["returned"],
        committed=row["commitment"] - row["release"],
        disbursed=row["disbursed"],
    )


def fund_balance(fund: Fund) -> Balance:
    """The fund's balances now, from every entry of its ledger."""
    return _balance(LedgerEntry.objects.filter(fund=fund))


def application_balance(application: Application) -> Balance:
    """What is committed to, and disbursed from, one application's grant (capital and returned
    are the gains this application's initiative returned)."""
    return _balance(LedgerEntry.objects.filter(application=application))


def fund_balances(funds: object) -> dict[int, Balance]:
    """Each fund's balances (by the fund's id), in one query for all of them; a fund with no
    entries has all zero."""
    rows = (
        LedgerEntry.objects.filter(fund__in=funds)
        .values("fund")
        .annotate(
            capital=_sum(EntryKind.CAPITAL),
            returned=_sum(EntryKind.RETURNED_GAIN),
            commitment=_sum(EntryKind.COMMITMENT),
            release=_sum(EntryKind.RELEASE),
            disbursed=_sum(EntryKind.DISBURSEMENT),
        )
        .order_by()
    )
    return {
        row["fund"]: Balance(
            capital=row["capital"],
            returned=row["returned"],
            committed=row["commitment"] - row["release"],
            disbursed=row["disbursed"],
        )
        for row in rows
    }


EMPTY_BALANCE = Balance(capital=ZERO, returned=ZERO, committed=ZERO, disbursed=ZERO)
