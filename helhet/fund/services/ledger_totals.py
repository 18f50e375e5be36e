"""The sums kept beside the ledger (``LedgerYearTotal``, ``GrantYearTotal``): derived figures,
never a cache. ``ledger_totals_add`` is called by the ledger service for every entry it
writes, in the same transaction and under the fund's lock, so the sums always equal the
ledger's; ``ledger_totals_rebuild`` recomputes them from the ledger (``manage.py
rebuild_fund_figures``), e.g. after entries were written in bulk around the service."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, F, Sum

from helhet.fund.models import EntryKind, Fund, GrantYearTotal, LedgerEntry, LedgerYearTotal

# The column of ``GrantYearTotal`` each kind of entry with an application adds to.
GRANT_COLUMNS = {
    EntryKind.COMMITMENT: "committed",
    EntryKind.RELEASE: "released",
    EntryKind.DISBURSEMENT: "disbursed",
    EntryKind.RETURNED_GAIN: "returned",
}


def ledger_totals_add(entry: LedgerEntry) -> None:
    """Add a newly written ``entry`` to its fund's year row and, for an entry of a grant, to its
    application's budget-year row. Call inside the transaction that wrote the entry, with the
    fund locked (``services.ledger.fund_lock``): no other write can race for the same row."""
    budget_year = entry.budget_year or 0
    year_row, _created = LedgerYearTotal.objects.get_or_create(
        fund_id=entry.fund_id,
        year=entry.entry_date.year,
        kind=entry.kind,
        budget_year=budget_year,
        defaults={"municipality_id": entry.municipality_id},
    )
    LedgerYearTotal.objects.filter(pk=year_row.pk).update(
        amount=F("amount") + entry.amount, entries=F("entries") + 1
    )
    column = GRANT_COLUMNS.get(EntryKind(entry.kind))
    if entry.application_id is None or column is None:
        return
    grant_row, _created = GrantYearTotal.objects.get_or_create(
        application_id=entry.application_id,
        budget_year=budget_year,
        defaults={"municipality_id": entry.municipality_id, "fund_id": entry.fund_id},
    )
    GrantYearTotal.objects.filter(pk=grant_row.pk).update(**{column: F(column) + entry.amount})


@transaction.atomic
def ledger_totals_rebuild(*, fund: Fund) -> tuple[int, int]:
    """Recompute the fund's year rows and grant rows from every entry of its ledger, replacing
    what was there (two grouped scans of the ledger, the fund locked while it runs). Returns how
    many year rows and grant rows it wrote."""
    Fund.objects.select_for_update().filter(pk=fund.pk).first()
    LedgerYearTotal.objects.filter(fund=fund).delete()
    GrantYearTotal.objects.filter(fund=fund).delete()
    entries = LedgerEntry.objects.filter(fund=fund).order_by()
    sums: dict[tuple[int, str, int], Decimal] = defaultdict(lambda: Decimal("0.00"))
    counts: dict[tuple[int, str, int], int] = defaultdict(int)
    # Dates are grouped as they are and summed per year here: no date function in the query.
    for day, kind, budget_year, amount, count in entries.values_list(
        "entry_date", "kind", "budget_year"
    ).annotate(total=Sum("amount"), count=Count("pk")):
        key = (day.year, kind, budget_year or 0)
        sums[key] += amount
        counts[key] += count
    LedgerYearTotal.objects.bulk_create(
        [
            LedgerYearTotal(
                municipality_id=fund.municipality_id,
                fund=fund,
                year=year,
                kind=kind,
                budget_year=budget_year,
                amount=amount,
                entries=counts[(year, kind, budget_year)],
            )
            for (year, kind, budget_year), amount in sums.items()
        ],
        batch_size=1000,
    )
    grants: dict[tuple[int, int], dict[str, Decimal]] = defaultdict(dict)
    for application_id, budget_year, kind, amount in (
        entries.filter(application__isnull=False, kind__in=list(GRANT_COLUMNS))
        .values_list("application_id", "budget_year", "kind")
        .annotate(total=Sum("amount"))
    ):
        column = GRANT_COLUMNS[EntryKind(kind)]
        columns = grants[(application_id, budget_year or 0)]
        columns[column] = columns.get(column, Decimal("0.00")) + amount
    GrantYearTotal.objects.bulk_create(
        [
            GrantYearTotal(
                municipality_id=fund.municipality_id,
                fund=fund,
                application_id=application_id,
                budget_year=budget_year,
                **columns,
            )
            for (application_id, budget_year), columns in grants.items()
        ],
        batch_size=1000,
    )
    return len(sums), len(grants)
