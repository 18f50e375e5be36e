"""The fund's review (what the audit asks for): the balance over time, what the fund financed by
kind, department and budget year, committed against disbursed, the funded initiatives with their
benefits planned and realised, the gains due against those returned, and the money committed to
initiatives that are stopped or late.

Everything is summed by the database in a fixed number of queries, whatever the number of
ledger entries and applications: the ledger's sums come from the totals the ledger service
keeps beside it (``LedgerYearTotal``, ``GrantYearTotal``), never a scan of it; the lists stop at
``LIST_LIMIT`` rows with their full count beside them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import (
    Count,
    DecimalField,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from helhet.benefits.models import Benefit, BenefitKind, BenefitStatus
from helhet.benefits.selectors.listings import LIST_LIMIT, Listing
from helhet.benefits.selectors.realised import benefits_with_realised
from helhet.benefits.selectors.totals import hours_per_fte
from helhet.fund.models import (
    GRANTED_STATUSES,
    Application,
    EntryKind,
    Fund,
    GrantYearTotal,
    LedgerYearTotal,
    UseKind,
)
from helhet.fund.selectors.balance import Balance
from helhet.fund.selectors.gains import (
    FundGains,
    GainSummary,
    gain_summary,
    gains_for,
    grant_facts,
    owing_grants,
)
from helhet.organization.models import Municipality, OrgUnit, UnitKind
from helhet.portfolio.models import InitiativeStatus, Rating, StatusReport
from helhet.portfolio.selectors.units import ancestor_of_kind, units_by_pk

ZERO = Decimal("0.00")
MONEY: DecimalField[Decimal, Decimal] = DecimalField(max_digits=16, decimal_places=2)
GRANT_KINDS = (EntryKind.COMMITMENT, EntryKind.RELEASE, EntryKind.DISBURSEMENT)


@dataclass(frozen=True)
class BalanceYear:
    """The fund at the end of a year (everything booked up to then) and what moved in it."""

    year: int
    balance: Balance
    capital_in: Decimal
    returned_in: Decimal
    committed_in: Decimal  # grants committed less released that year
    disbursed_in: Decimal


@dataclass
class Financed:
    """What the fund committed (less releases) and disbursed for one kind, department or budget
    year, and to how many grants."""

    key: str
    label: str
    committed: Decimal = ZERO
    disbursed: Decimal = ZERO
    grants: int | None = None

    @property
    def undisbursed(self) -> Decimal:
        return self.committed - self.disbursed


@dataclass
class FundedLine:
    """One granted application: the grant committed (less releases) and disbursed, its
    initiative, department and status, and (for the funded list and the exports) the
    initiative's benefits planned and realised a year."""

    application_id: int
    initiative_id: int
    initiative_name: str
    initiative_status: str
    use_kind: str
    department: str
    committed: Decimal
    disbursed: Decimal
    late: bool
    benefits: BenefitsStatus | None = None

    @property
    def undisbursed(self) -> Decimal:
        return self.committed - self.disbursed

    @property
    def stopped(self) -> bool:
        return self.initiative_status == InitiativeStatus.STOPPED

    @property
    def status_label(self) -> str:
        return str(InitiativeStatus(self.initiative_status).label)

    @property
    def use_kind_label(self) -> str:
        return str(UseKind(self.use_kind).label)


@dataclass(frozen=True)
class BenefitsStatus:
    count: int
    realised_count: int
    planned_nok: Decimal
    realised_nok: Decimal
    planned_hours: Decimal
    realised_hours: Decimal
    qualitative: int


@dataclass
class FundReview:
    fund: Fund
    today: date
    balance: Balance
    years: list[BalanceYear]
    by_kind: list[Financed]
    by_department: list[Financed]
    by_year: list[Financed]
    granted_count: int
    funded: Listing[FundedLine]
    at_risk: Listing[FundedLine]
    at_risk_committed: Decimal
    at_risk_undisbursed: Decimal
    gains: GainSummary
    notes: list[str] = field(default_factory=list)


Flows = dict[int, dict[str, Decimal]]


def _ledger_by_year(fund: Fund) -> tuple[Flows, list[Financed]]:
    """What each kind moved each year, and what the grants committed (less releases) and
    disbursed per budget year (the entry's, or the year it was booked), from the fund's year
    totals (``LedgerYearTotal``, kept beside the ledger: a few hundred rows at most)."""
    flows: Flows = defaultdict(lambda: defaultdict(lambda: ZERO))
    budget_years: dict[int, Financed] = {}
    rows = LedgerYearTotal.objects.filter(fund=fund).values_list(
        "year", "kind", "budget_year", "amount"
    )
    for year, kind, budget_year, total in rows:
        flows[year][kind] += total
        if kind not in GRANT_KINDS:
            continue
        budget = budget_year or year
        line = budget_years.setdefault(budget, Financed(str(budget), str(budget)))
        if kind == EntryKind.DISBURSEMENT:
            line.disbursed += total
        else:
            line.committed += total if kind == EntryKind.COMMITMENT else -total
    return flows, [line for _year, line in sorted(budget_years.items())]


def _balance_years(flows: Flows, years: range) -> list[BalanceYear]:
    """The balance at each year's end, from what moved each year."""
    result = []
    capital = returned = committed = disbursed = ZERO
    for year in years:
        moved = flows.get(year, {})
        capital_in = moved.get(EntryKind.CAPITAL, ZERO)
        returned_in = moved.get(EntryKind.RETURNED_GAIN, ZERO)
        committed_in = moved.get(EntryKind.COMMITMENT, ZERO) - moved.get(EntryKind.RELEASE, ZERO)
        disbursed_in = moved.get(EntryKind.DISBURSEMENT, ZERO)
        capital += capital_in
        returned += returned_in
        committed += committed_in
        disbursed += disbursed_in
        result.append(
            BalanceYear(
                year=year,
                balance=Balance(capital, returned, committed, disbursed),
                capital_in=capital_in,
                returned_in=returned_in,
                committed_in=committed_in,
                disbursed_in=disbursed_in,
            )
        )
    return result


def _department(unit_id: int, units: dict[int, OrgUnit]) -> OrgUnit | None:
    """The department the unit lies in; a unit above any department counts as its own."""
    unit = units.get(unit_id)
    if unit is None:
        return None
    return ancestor_of_kind(unit, UnitKind.DEPARTMENT, units) or unit


LINE_FIELDS = (
    "pk",
    "use_kind",
    "initiative_id",
    "initiative__name",
    "initiative__status",
    "initiative__owning_unit_id",
    "initiative__planned_end",
    "initiative__actual_end",
    "committed",
    "disbursed",
)


def _granted(fund: Fund) -> QuerySet[Application]:
    return Application.objects.filter(fund=fund, status__in=GRANTED_STATUSES)


def _with_sums(applications: QuerySet[Application]) -> QuerySet[Any]:
    """The applications with their grant committed (less releases) and disbursed, from their
    budget years' totals (``GrantYearTotal``)."""
    totals = GrantYearTotal.objects.filter(application=OuterRef("pk")).order_by()
    return applications.annotate(
        committed=Coalesce(
            Subquery(
                totals.values("application")
                .annotate(total=Sum(F("committed") - F("released")))
                .values("total"),
                output_field=MONEY,
            ),
            Value(ZERO),
            output_field=MONEY,
        ),
        disbursed=Coalesce(
            Subquery(
                totals.values("application").annotate(total=Sum("disbursed")).values("total"),
                output_field=MONEY,
            ),
            Value(ZERO),
            output_field=MONEY,
        ),
    )


def _red(fund: Fund) -> set[int]:
    """The granted initiatives whose newest status report rates progress red (one query)."""
    return set(
        StatusReport.objects.newest_per_initiative()
        .filter(progress=Rating.RED, initiative_id__in=_granted(fund).values("initiative_id"))
        .values_list("initiative_id", flat=True)
    )


def _late(today: date, red: set[int]) -> Q:
    """Active or paused past the planned end without an actual end, or rated red."""
    return Q(initiative__status__in=(InitiativeStatus.ACTIVE, InitiativeStatus.PAUSED)) & (
        Q(initiative__planned_end__lt=today, initiative__actual_end__isnull=True)
        | Q(initiative_id__in=red)
    )


def _lines(
    applications: QuerySet[Any],
    units: dict[int, OrgUnit],
    today: date,
    red: set[int],
    limit: int | None = None,
) -> list[FundedLine]:
    """The applications (annotated by ``_with_sums``) as lines, the largest grant first (the
    first ``limit`` of them)."""
    going = (InitiativeStatus.ACTIVE, InitiativeStatus.PAUSED)
    lines = []
    rows = applications.order_by("-committed", "initiative__name", "pk").values_list(*LINE_FIELDS)
    if limit is not None:
        rows = rows[:limit]
    for row in rows:
        (pk, use_kind, initiative_id, name, status, unit_id, planned_end, actual_end) = row[:8]
        department = _department(unit_id, units)
        lines.append(
            FundedLine(
                application_id=pk,
                initiative_id=initiative_id,
                initiative_name=name,
                initiative_status=status,
                use_kind=use_kind,
                department=department.name if department else "",
                committed=row[8],
                disbursed=row[9],
                late=status in going
                and (
                    (planned_end is not None and planned_end < today and actual_end is None)
                    or initiative_id in red
                ),
            )
        )
    return lines


def _financed(fund: Fund, units: dict[int, OrgUnit]) -> tuple[list[Financed], list[Financed], int]:
    """The grants summed by kind of use and by department, and how many there are (one grouped
    query: the granted applications counted and their budget years' totals summed by kind of
    use and owning unit)."""
    kinds = {kind.value: Financed(kind.value, str(kind.label), grants=0) for kind in UseKind}
    departments: dict[str, Financed] = {}

    def targets(use_kind: str, unit_id: int) -> tuple[Financed, Financed]:
        department = _department(unit_id, units)
        name = department.name if department else ""
        return kinds[use_kind], departments.setdefault(name, Financed(name, name, grants=0))

    counted = 0
    for use_kind, unit_id, grants, committed, disbursed in (
        _granted(fund)
        .order_by()
        .values_list("use_kind", "initiative__owning_unit_id")
        .annotate(
            grants=Count("pk", distinct=True),
            committed=Sum(F("year_totals__committed") - F("year_totals__released")),
            disbursed=Sum("year_totals__disbursed"),
        )
    ):
        counted += grants
        for target in targets(use_kind, unit_id):
            target.grants = (target.grants or 0) + grants
            target.committed += committed or ZERO
            target.disbursed += disbursed or ZERO
    return (
        list(kinds.values()),
        sorted(departments.values(), key=lambda line: (-line.committed, line.label)),
        counted,
    )


def benefits_status(lines: list[FundedLine], hours: Decimal) -> None:
    """Fill in each line's initiative's benefits planned and realised a year: kroner for the
    direct ones, hours for freed time, by the rule of the benefits overview (one query)."""
    initiative_ids = list({line.initiative_id for line in lines})
    if not initiative_ids:
        return
    direct, indirect = Q(kind=BenefitKind.DIRECT), Q(kind=BenefitKind.INDIRECT)
    rows = (
        benefits_with_realised(
            Benefit.objects.filter(initiative_id__in=initiative_ids).exclude(
                status=BenefitStatus.ABANDONED
            ),
            hours,
        )
        .order_by()
        .values("initiative_id")
        .annotate(
            n=Count("pk"),
            realised_n=Count("pk", filter=Q(status=BenefitStatus.REALISED)),
            planned_nok=Sum("planned_amount", filter=direct),
            realised_nok=Sum("realised", filter=direct),
            planned_hours=Sum("planned_amount", filter=indirect),
            realised_hours=Sum("realised", filter=indirect),
            qualitative=Count("pk", filter=Q(kind=BenefitKind.QUALITATIVE)),
        )
    )
    found = {
        row["initiative_id"]: BenefitsStatus(
            count=row["n"],
            realised_count=row["realised_n"],
            planned_nok=row["planned_nok"] or ZERO,
            realised_nok=row["realised_nok"] or ZERO,
            planned_hours=row["planned_hours"] or ZERO,
            realised_hours=row["realised_hours"] or ZERO,
            qualitative=row["qualitative"],
        )
        for row in rows
    }
    for line in lines:
        line.benefits = found.get(line.initiative_id)


def fund_review(fund: Fund, *, municipality: Municipality, today: date) -> FundReview:
    """The review of ``fund`` as of ``today`` (see the module's docstring). Fifteen queries,
    however many ledger entries, applications and benefits: the ledger's sums come from its
    totals, the grants are summed and ranked by the database, only the listed rows and the
    grants that owe gains back are read."""
    flows, by_year = _ledger_by_year(fund)
    years = range(min(flows, default=today.year), max(today.year, max(flows, default=0)) + 1)
    balance_years = _balance_years(flows, years)
    units = units_by_pk(municipality)
    by_kind, by_department, granted_count = _financed(fund, units)
    red = _red(fund)
    funded = _lines(_with_sums(_granted(fund)), units, today, red, LIST_LIMIT)
    hours = hours_per_fte(municipality)
    benefits_status(funded, hours)
    risky = _with_sums(
        _granted(fund).filter(Q(initiative__status=InitiativeStatus.STOPPED) | _late(today, red))
    ).filter(committed__gt=0)
    # A few hundred or thousand rows: read once, summed here, the largest listed.
    risky_lines = _lines(risky, units, today, red)
    committed = sum((line.committed for line in risky_lines), ZERO)
    disbursed = sum((line.disbursed for line in risky_lines), ZERO)
    return FundReview(
        fund=fund,
        today=today,
        balance=balance_years[-1].balance,
        years=balance_years,
        by_kind=by_kind,
        by_department=by_department,
        by_year=by_year,
        granted_count=granted_count,
        funded=Listing(granted_count, funded),
        at_risk=Listing(len(risky_lines), risky_lines[:LIST_LIMIT]),
        at_risk_committed=committed,
        at_risk_undisbursed=committed - disbursed,
        gains=gain_summary(owing_grants(fund), municipality=municipality, today=today),
        # The demo says so in the fund's purpose (and on each example entry in the ledger).
        notes=[_("The fund's amounts are examples, not its real figures.")]
        if "eksempel" in fund.purpose.lower()
        else [],
    )


def all_funded(review: FundReview) -> list[FundedLine]:
    """Every granted application of the review, the largest grant first, with its initiative's
    benefits (three queries), for the exports."""
    fund = review.fund
    lines = _lines(
        _with_sums(_granted(fund)),
        units_by_pk(fund.municipality),
        review.today,
        _red(fund),
    )
    benefits_status(lines, review.gains.hours_per_fte)
    return lines


def all_gains(review: FundReview) -> FundGains:
    """Every grant's gains year by year, for the exports (see ``selectors.gains.gains_for``)."""
    return gains_for(
        grant_facts(_granted(review.fund)),
        municipality=review.fund.municipality,
        today=review.today,
    )
