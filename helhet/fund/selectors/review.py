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
from typing import Any

from django.db.models import (
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from helhet.benefits.models import Benefit, BenefitKind, BenefitStatus
from helhet.benefits.selectors.listings import LIST_LIMIT, Listing
from helhet.benefits.selectors.realised import benefits_with_realised
from helhet.fund.models import (
    GRANTED_STATUSES,
    Application,
    EntryKind,
    Fund,
    LedgerEntry,
    UseKind,
)
from helhet.fund.selectors.balance import Balance, fund_balance
from helhet.fund.selectors.gains import FundGains, gains_of
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


@dataclass(frozen=True)
class FundedLine:
    """One granted application: the grant committed and disbursed, its initiative and
    department, and (filled in for the funded list) the initiative's benefits planned and
    realised a year."""

    application: Application
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
        return self.application.initiative.status == InitiativeStatus.STOPPED


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
    example_entries: int = 0
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


def _balance_years(entries: QuerySet[LedgerEntry], years: range) -> list[BalanceYear]:
    """The balance at each year's end from the first entry's year to this year (one query)."""
    flows: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    rows = (
        entries.order_by()
        .annotate(year=_year_of(years))
        .values("year", "kind")
        .annotate(total=Sum("amount"))
    )
    for row in rows:
        flows[row["year"]][row["kind"]] += row["total"]
    result = []
    capital = returned = committed = disbursed = ZERO
    for year in years:
        moved = flows[year]
        committed_in = moved[EntryKind.COMMITMENT] - moved[EntryKind.RELEASE]
        capital += moved[EntryKind.CAPITAL]
        returned += moved[EntryKind.RETURNED_GAIN]
        committed += committed_in
        disbursed += moved[EntryKind.DISBURSEMENT]
        result.append(
            BalanceYear(
                year=year,
                balance=Balance(capital, returned, committed, disbursed),
                capital_in=moved[EntryKind.CAPITAL],
                returned_in=moved[EntryKind.RETURNED_GAIN],
                committed_in=committed_in,
                disbursed_in=moved[EntryKind.DISBURSEMENT],
            )
        )
    return result


def _department(unit_id: int, units: dict[int, OrgUnit]) -> OrgUnit | None:
    """The department the unit lies in; a unit above any department counts as its own."""
    unit = units.get(unit_id)
    if unit is None:
        return None
    return ancestor_of_kind(unit, UnitKind.DEPARTMENT, units) or unit


def _add(line: Financed, committed: Decimal, disbursed: Decimal) -> None:
    line.committed += committed
    line.disbursed += disbursed


def _financed(
    fund: Fund, entries: QuerySet[LedgerEntry], years: range, units: dict[int, OrgUnit]
) -> tuple[list[Financed], list[Financed], list[Financed], int]:
    """Committed (less releases) and disbursed by kind of use, by the department of the
    initiative's owning unit, and by budget year (the entry's, or the year it was booked), in
    one grouped scan of the grant entries; the grants counted by kind and department in one
    more query over the granted applications."""
    rows = (
        entries.filter(kind__in=GRANT_KINDS, application__isnull=False)
        .order_by()
        .values(
            use=F("application__use_kind"),
            unit=F("application__initiative__owning_unit_id"),
            budget=Coalesce("budget_year", _year_of(years)),
        )
        .annotate(
            committed=_signed((EntryKind.COMMITMENT,), (EntryKind.RELEASE,)),
            disbursed=_signed((EntryKind.DISBURSEMENT,)),
        )
    )
    kinds = {kind.value: Financed(kind.value, str(kind.label), grants=0) for kind in UseKind}
    departments: dict[int, Financed] = {}
    budget_years: dict[int, Financed] = {}
    for row in rows:
        committed, disbursed = row["committed"] or ZERO, row["disbursed"] or ZERO
        _add(kinds[row["use"]], committed, disbursed)
        department = _department(row["unit"], units)
        if department is not None:
            line = departments.setdefault(
                department.pk, Financed(str(department.pk), department.name, grants=0)
            )
            _add(line, committed, disbursed)
        year = budget_years.setdefault(row["budget"], Financed(str(row["budget"]), ""))
        _add(year, committed, disbursed)
    granted = 0
    counts = (
        Application.objects.filter(fund=fund, status__in=GRANTED_STATUSES)
        .order_by()
        .values("use_kind", "initiative__owning_unit_id")
        .annotate(n=Count("pk"))
    )
    for row in counts:
        granted += row["n"]
        kind = kinds[row["use_kind"]]
        kind.grants = (kind.grants or 0) + row["n"]
        department = _department(row["initiative__owning_unit_id"], units)
        if department is not None:
            line = departments.setdefault(
                department.pk, Financed(str(department.pk), department.name, grants=0)
            )
            line.grants = (line.grants or 0) + row["n"]
    by_year = [
        Financed(line.key, line.key, line.committed, line.disbursed)
        for _year, line in sorted(budget_years.items())
    ]
    return (
        list(kinds.values()),
        sorted(departments.values(), key=lambda line: (-line.committed, line.label)),
        by_year,
        granted,
    )


def _grant_sum(kinds: tuple[str, ...], minus: tuple[str, ...] = ()) -> Coalesce:
    """An application's ledger sum as a subquery (one index lookup per application)."""
    per_application = (
        LedgerEntry.objects.filter(application=OuterRef("pk"), kind__in=kinds + minus)
        .order_by()
        .values("application")
        .annotate(total=_signed(kinds, minus))
        .values("total")
    )
    return Coalesce(Subquery(per_application, output_field=MONEY), Value(ZERO), output_field=MONEY)


def _late(today: date) -> Q:
    """An initiative that is late: still active or paused past its planned end, or its newest
    status report rates progress red."""
    red = StatusReport.objects.newest_per_initiative().filter(
        initiative=OuterRef("initiative"), progress=Rating.RED
    )
    return Q(initiative__status__in=[InitiativeStatus.ACTIVE, InitiativeStatus.PAUSED]) & (
        Q(initiative__planned_end__lt=today, initiative__actual_end__isnull=True) | Q(Exists(red))
    )


def _grants(fund: Fund, today: date) -> QuerySet[Application]:
    """The fund's granted applications with their grant committed (less releases) and
    disbursed, and whether the initiative is late."""
    return (
        Application.objects.filter(fund=fund, status__in=GRANTED_STATUSES)
        .select_related("initiative")
        .only(
            "id",
            "use_kind",
            "status",
            "initiative__id",
            "initiative__name",
            "initiative__status",
            "initiative__owning_unit_id",
            "initiative__planned_end",
        )
        .annotate(
            committed=_grant_sum((EntryKind.COMMITMENT,), (EntryKind.RELEASE,)),
            disbursed=_grant_sum((EntryKind.DISBURSEMENT,)),
            late=Case(When(_late(today), then=Value(True)), default=Value(False)),
        )
    )


def _lines(
    applications: list[Application],
    units: dict[int, OrgUnit],
    benefits: dict[int, BenefitsStatus] | None = None,
) -> list[FundedLine]:
    lines = []
    for application in applications:
        department = _department(application.initiative.owning_unit_id, units)
        lines.append(
            FundedLine(
                application=application,
                department=department.name if department else "",
                committed=application.committed,  # type: ignore[attr-defined]
                disbursed=application.disbursed,  # type: ignore[attr-defined]
                late=bool(application.late),  # type: ignore[attr-defined]
                benefits=(benefits or {}).get(application.initiative_id),
            )
        )
    return lines


def _benefits_status(initiative_ids: list[int], hours: Decimal) -> dict[int, BenefitsStatus]:
    """Per initiative, its benefits planned and realised a year: kroner for the direct ones,
    hours for freed time, by the rule of the benefits overview (one query)."""
    if not initiative_ids:
        return {}
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
    return {
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


def fund_review(fund: Fund, *, municipality: Municipality, today: date) -> FundReview:
    """The review of ``fund`` as of ``today`` (see the module's docstring). About fifteen
    queries, however many ledger entries, applications and benefits."""
    entries = LedgerEntry.objects.filter(fund=fund)
    span: dict[str, Any] = entries.aggregate(
        first=Min("entry_date"),
        last=Max("entry_date"),
        examples=Count("pk", filter=Q(note__icontains="eksempel")),
    )
    first_year = span["first"].year if span["first"] else today.year
    last_year = max(today.year, span["last"].year if span["last"] else today.year)
    years = range(first_year, last_year + 1)
    units = units_by_pk(municipality)
    by_kind, by_department, by_year, granted = _financed(fund, entries, years, units)
    grants = _grants(fund, today)
    funded_rows = list(grants.order_by("-committed", "initiative__name", "pk")[:LIST_LIMIT])
    gains = gains_of(Application.objects.filter(fund=fund), municipality=municipality, today=today)
    benefits = _benefits_status(
        [application.initiative_id for application in funded_rows], gains.hours_per_fte
    )
    risky = grants.filter(Q(initiative__status=InitiativeStatus.STOPPED) | _late(today)).filter(
        committed__gt=0  # type: ignore[misc]  # the annotation of _grants
    )
    risk_totals = LedgerEntry.objects.filter(
        application__in=risky.values("pk"), kind__in=GRANT_KINDS
    ).aggregate(
        n=Count("application_id", distinct=True),
        committed=_signed((EntryKind.COMMITMENT,), (EntryKind.RELEASE,)),
        disbursed=_signed((EntryKind.DISBURSEMENT,)),
    )
    risky_rows = list(risky.order_by("-committed", "initiative__name", "pk")[:LIST_LIMIT])
    return FundReview(
        fund=fund,
        today=today,
        balance=fund_balance(fund),
        years=_balance_years(entries, years),
        by_kind=by_kind,
        by_department=by_department,
        by_year=by_year,
        granted_count=granted,
        funded=Listing(granted, _lines(funded_rows, units, benefits)),
        at_risk=Listing(risk_totals["n"], _lines(risky_rows, units)),
        at_risk_committed=risk_totals["committed"] or ZERO,
        at_risk_undisbursed=(risk_totals["committed"] or ZERO) - (risk_totals["disbursed"] or ZERO),
        gains=gains,
        example_entries=span["examples"],
        notes=[_("Amounts marked as examples are not the fund's real figures.")]
        if span["examples"]
        else [],
    )


def all_funded(review: FundReview, *, municipality: Municipality) -> list[FundedLine]:
    """Every granted application of the review's fund, the largest grant first, with its
    initiative's benefits (three queries), for the exports."""
    units = units_by_pk(municipality)
    rows = list(_grants(review.fund, review.today).order_by("-committed", "initiative__name", "pk"))
    benefits = _benefits_status(
        [application.initiative_id for application in rows], review.gains.hours_per_fte
    )
    return _lines(rows, units, benefits)
