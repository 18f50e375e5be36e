"""The fund's review (what the audit asks for): the balance over time, what the fund financed by
kind, department and budget year, committed against disbursed, the funded initiatives with their
benefits planned and realised, the gains due against those returned, and the money committed to
initiatives that are stopped or late.

Everything is summed by the database in a fixed number of queries, whatever the number of
ledger entries and applications: the ledger is read in two grouped scans, the lists stop at
``LIST_LIMIT`` rows with their full count beside them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    F,
    IntegerField,
    Min,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.utils.translation import gettext as _

from helhet.benefits.models import Benefit, BenefitKind, BenefitStatus
from helhet.benefits.selectors.listings import LIST_LIMIT, Listing
from helhet.benefits.selectors.realised import benefits_with_realised
from helhet.fund.models import (
    GRANTED_STATUSES,
    Application,
    EntryKind,
    Fund,
    GainReturnRule,
    LedgerEntry,
    UseKind,
)
from helhet.fund.selectors.balance import Balance
from helhet.fund.selectors.gains import FundGains, GrantFacts, gains_for
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
    gains: FundGains
    lines: list[FundedLine] = field(default_factory=list, repr=False)
    notes: list[str] = field(default_factory=list)


def _year_of(years: range) -> Case:
    """The calendar year of an entry's date as a plain comparison (no date function, which
    SQLite would run in Python for every row)."""
    return Case(
        *[When(entry_date__lt=date(year + 1, 1, 1), then=Value(year)) for year in years],
        default=Value(years.stop),
        output_field=IntegerField(),
    )


def _signed(kinds: tuple[str, ...], minus: tuple[str, ...] = ()) -> Sum:
    """The sum of the entries of ``kinds`` less those of ``minus``."""
    return Sum(
        Case(
            *[When(kind=kind, then=F("amount")) for kind in kinds],
            *[When(kind=kind, then=-F("amount")) for kind in minus],
            default=Value(ZERO),
            output_field=MONEY,
        )
    )


Flows = dict[int, dict[str, Decimal]]


def _ledger_by_year(entries: QuerySet[LedgerEntry], years: range) -> tuple[Flows, list[Financed]]:
    """One grouped scan of the ledger: what each kind moved each year, and what the grants
    committed (less releases) and disbursed per budget year (the entry's, or the year it was
    booked)."""
    flows: Flows = defaultdict(lambda: defaultdict(lambda: ZERO))
    budget_years: dict[int, Financed] = {}
    rows = (
        entries.order_by()
        .annotate(year=_year_of(years))
        .values("year", "kind", "budget_year")
        .annotate(total=Sum("amount"))
    )
    for row in rows:
        kind, total = row["kind"], row["total"] or ZERO
        flows[row["year"]][kind] += total
        if kind not in GRANT_KINDS:
            continue
        budget = row["budget_year"] or row["year"]
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


GRANT_FIELDS = (
    "pk",
    "use_kind",
    "initiative_id",
    "initiative__name",
    "initiative__status",
    "initiative__owning_unit_id",
    "initiative__planned_end",
    "initiative__actual_end",
    "rules__gain_return",
    "rules__gain_return_share",
    "rules__gain_return_years",
    "rules__version",
)


def _grants(
    fund: Fund, entries: QuerySet[LedgerEntry], units: dict[int, OrgUnit], today: date
) -> tuple[list[FundedLine], list[GrantFacts]]:
    """Every granted application with its grant committed (less releases) and disbursed, its
    department and whether its initiative is late; and those that owe gains back. Three
    queries: the grant entries summed per application, the granted applications, and the
    initiatives whose newest status report rates progress red."""
    sums = {
        row["application_id"]: row
        for row in entries.filter(kind__in=GRANT_KINDS, application__isnull=False)
        .order_by()
        .values("application_id")
        .annotate(
            committed=_signed((EntryKind.COMMITMENT,), (EntryKind.RELEASE,)),
            disbursed=_signed((EntryKind.DISBURSEMENT,)),
        )
    }
    granted = Application.objects.filter(fund=fund, status__in=GRANTED_STATUSES)
    red = set(
        StatusReport.objects.newest_per_initiative()
        .filter(progress=Rating.RED, initiative_id__in=granted.values("initiative_id"))
        .values_list("initiative_id", flat=True)
    )
    rows = (
        granted.order_by()
        .annotate(
            first_granted=Min("years__year", filter=Q(years__amount_granted__gt=0)),
            first_applied=Min("years__year"),
        )
        .values_list(*GRANT_FIELDS, "first_granted", "first_applied")
    )
    lines, owing = [], []
    going = (InitiativeStatus.ACTIVE, InitiativeStatus.PAUSED)
    for row in rows:
        (pk, use_kind, initiative_id, name, status, unit_id, planned_end, actual_end) = row[:8]
        (gain_rule, share, gain_years, version, first_granted, first_applied) = row[8:]
        summed = sums.get(pk, {})
        department = _department(unit_id, units)
        late = status in going and (
            (planned_end is not None and planned_end < today and actual_end is None)
            or initiative_id in red
        )
        lines.append(
            FundedLine(
                application_id=pk,
                initiative_id=initiative_id,
                initiative_name=name,
                initiative_status=status,
                use_kind=use_kind,
                department=department.name if department else "",
                committed=summed.get("committed") or ZERO,
                disbursed=summed.get("disbursed") or ZERO,
                late=late,
            )
        )
        if gain_rule == GainReturnRule.SHARE and gain_years:
            owing.append(
                GrantFacts(
                    pk,
                    initiative_id,
                    name,
                    version,
                    share,
                    gain_years,
                    first_granted or first_applied,
                )
            )
    owing.sort(key=lambda grant: (grant.initiative_name, grant.application_id))
    return lines, owing


def _financed(
    lines: list[FundedLine], units: dict[int, OrgUnit]
) -> tuple[list[Financed], list[Financed]]:
    """The grants summed by kind of use and by department."""
    kinds = {kind.value: Financed(kind.value, str(kind.label), grants=0) for kind in UseKind}
    departments: dict[str, Financed] = {}
    for line in lines:
        for target in (
            kinds[line.use_kind],
            departments.setdefault(
                line.department, Financed(line.department, line.department, grants=0)
            ),
        ):
            target.committed += line.committed
            target.disbursed += line.disbursed
            target.grants = (target.grants or 0) + 1
    return (
        list(kinds.values()),
        sorted(departments.values(), key=lambda line: (-line.committed, line.label)),
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


def _largest_first(lines: list[FundedLine]) -> list[FundedLine]:
    return sorted(
        lines, key=lambda line: (-line.committed, line.initiative_name, line.application_id)
    )


def fund_review(fund: Fund, *, municipality: Municipality, today: date) -> FundReview:
    """The review of ``fund`` as of ``today`` (see the module's docstring). Thirteen queries,
    however many ledger entries, applications and benefits: the ledger is read in two grouped
    scans, the granted applications once, and the rest is summed here."""
    entries = LedgerEntry.objects.filter(fund=fund)
    # The first and last dates come from the (fund, entry_date) index, not a scan.
    first = entries.order_by("entry_date").values_list("entry_date", flat=True).first()
    last = entries.order_by("-entry_date").values_list("entry_date", flat=True).first()
    years = range(
        first.year if first else today.year, max(today.year, last.year if last else 0) + 1
    )
    flows, by_year = _ledger_by_year(entries, years)
    balance_years = _balance_years(flows, years)
    units = units_by_pk(municipality)
    lines, owing = _grants(fund, entries, units, today)
    by_kind, by_department = _financed(lines, units)
    gains = gains_for(owing, municipality=municipality, today=today)
    funded = _largest_first(lines)[:LIST_LIMIT]
    benefits_status(funded, gains.hours_per_fte)
    risky = _largest_first(
        [line for line in lines if (line.stopped or line.late) and line.committed > 0]
    )
    return FundReview(
        fund=fund,
        today=today,
        balance=balance_years[-1].balance,
        years=balance_years,
        by_kind=by_kind,
        by_department=by_department,
        by_year=by_year,
        granted_count=len(lines),
        funded=Listing(len(lines), funded),
        at_risk=Listing(len(risky), risky[:LIST_LIMIT]),
        at_risk_committed=sum((line.committed for line in risky), ZERO),
        at_risk_undisbursed=sum((line.undisbursed for line in risky), ZERO),
        gains=gains,
        lines=lines,
        # The demo says so in the fund's purpose (and on each example entry in the ledger).
        notes=[_("The fund's amounts are examples, not its real figures.")]
        if "eksempel" in fund.purpose.lower()
        else [],
    )


def all_funded(review: FundReview) -> list[FundedLine]:
    """Every granted application of the review, the largest grant first, with its initiative's
    benefits (one query), for the exports."""
    lines = _largest_first(review.lines)
    benefits_status(lines, review.gains.hours_per_fte)
    return lines
