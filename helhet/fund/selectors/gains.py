"""Gains back to the fund: for each application granted under rules that return a share of
realised monetary gains, what is due each year (``helhet.fund.gains``), and how the portfolio
office settled it: returned (a ledger entry) or waived with a reason. Non-monetary benefits are
listed beside, never priced. A fixed number of queries, however many applications."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Case, DateField, Exists, Min, OuterRef, Q, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from helhet.benefits.models import (
    Benefit,
    BenefitKind,
    BenefitStatus,
    BudgetCut,
    IndicatorUnit,
    Measurement,
)
from helhet.benefits.selectors.totals import hours_per_fte
from helhet.fund.gains import (
    ZERO,
    BenefitGainFacts,
    Measured,
    amount_due,
    gain_years,
    monetary_gain,
)
from helhet.fund.models import (
    GRANTED_STATUSES,
    Application,
    Fund,
    GainReturn,
    GainReturnRule,
    GainReturnStatus,
)
from helhet.organization.models import Municipality


class YearState:
    """Where one year's gain stands."""

    RUNNING = "running"  # the year has not ended: the figure is so far
    NOTHING_DUE = "nothing_due"
    DUE = "due"
    RETURNED = GainReturnStatus.RETURNED.value
    WAIVED = GainReturnStatus.WAIVED.value

    LABELS = {
        RUNNING: _("Year not ended"),
        NOTHING_DUE: _("Nothing due"),
        DUE: _("Due, not settled"),
        RETURNED: _("Returned"),
        WAIVED: _("Waived"),
    }


@dataclass(frozen=True)
class GainYear:
    """One year of one grant: the initiative's monetary gain, the share due, and its
    settlement (None until the portfolio office settles it)."""

    year: int
    gain: Decimal
    due: Decimal
    settlement: GainReturn | None
    ended: bool

    @property
    def state(self) -> str:
        if self.settlement is not None:
            return str(self.settlement.status)
        if not self.ended:
            return YearState.RUNNING
        return YearState.DUE if self.due > 0 else YearState.NOTHING_DUE

    @property
    def state_label(self) -> str:
        return str(YearState.LABELS[self.state])

    @property
    def settleable(self) -> bool:
        """The year has ended, something is due, and it is not settled yet."""
        return self.state == YearState.DUE

    @property
    def returned(self) -> Decimal:
        if self.settlement is None or self.settlement.status != GainReturnStatus.RETURNED:
            return ZERO
        return self.settlement.amount_returned or ZERO

    @property
    def waived(self) -> Decimal:
        """What was due and did not come back: all of it when waived, the rest when less was
        returned."""
        if self.settlement is None:
            return ZERO
        return self.settlement.amount_due - self.returned


@dataclass(frozen=True)
class NonMonetary:
    """A benefit that is not money: freed time (hours a year, also as full-time equivalents)
    or a qualitative one (its title). Its labels are looked up only when shown."""

    title: str
    kind: str
    status: str
    hours: Decimal | None
    fte: Decimal | None

    @property
    def kind_label(self) -> str:
        return str(BenefitKind(self.kind).label)

    @property
    def status_label(self) -> str:
        return str(BenefitStatus(self.status).label)


@dataclass(frozen=True)
class GrantFacts:
    """What the due computation needs of one granted application under rules that return a
    share of gains: the share and the years, the grant's first budget year, and its
    initiative."""

    application_id: int
    initiative_id: int
    initiative_name: str
    rules_version: int
    share: Decimal
    years: int
    first_year: int | None


@dataclass
class ApplicationGains:
    application_id: int
    initiative_id: int
    initiative_name: str
    rules_version: int
    share: Decimal
    years: list[GainYear]
    non_monetary: list[NonMonetary] = field(default_factory=list)

    @property
    def due(self) -> Decimal:
        """Due in the years that have ended."""
        return sum((y.due for y in self.years if y.ended), ZERO)

    @property
    def returned(self) -> Decimal:
        return sum((y.returned for y in self.years), ZERO)

    @property
    def waived(self) -> Decimal:
        return sum((y.waived for y in self.years), ZERO)

    @property
    def outstanding(self) -> Decimal:
        return sum((y.due for y in self.years if y.settleable), ZERO)


@dataclass(frozen=True)
class GainTotals:
    due: Decimal
    returned: Decimal
    waived: Decimal
    outstanding: Decimal


@dataclass(frozen=True)
class YearTotals(GainTotals):
    year: int


@dataclass
class FundGains:
    applications: list[ApplicationGains]
    hours_per_fte: Decimal

    @property
    def totals(self) -> GainTotals:
        return GainTotals(
            due=sum((a.due for a in self.applications), ZERO),
            returned=sum((a.returned for a in self.applications), ZERO),
            waived=sum((a.waived for a in self.applications), ZERO),
            outstanding=sum((a.outstanding for a in self.applications), ZERO),
        )

    def by_year(self) -> list[YearTotals]:
        """Due, returned, waived and outstanding per calendar year that has ended."""
        years: dict[int, list[GainYear]] = defaultdict(list)
        for application in self.applications:
            for line in application.years:
                if line.ended:
                    years[line.year].append(line)
        return [
            YearTotals(
                year=year,
                due=sum((line.due for line in lines), ZERO),
                returned=sum((line.returned for line in lines), ZERO),
                waived=sum((line.waived for line in lines), ZERO),
                outstanding=sum((line.due for line in lines if line.settleable), ZERO),
            )
            for year, lines in sorted(years.items())
        ]


def grant_facts(applications: QuerySet[Application]) -> list[GrantFacts]:
    """The granted applications among ``applications`` whose rules return a share of gains,
    with the first budget year of the grant (one query)."""
    rows = (
        applications.filter(
            status__in=GRANTED_STATUSES,
            rules__gain_return=GainReturnRule.SHARE,
            rules__gain_return_years__gt=0,
        )
        .annotate(
            first_granted=Min("years__year", filter=Q(years__amount_granted__gt=0)),
            first_applied=Min("years__year"),
        )
        .order_by("initiative__name", "pk")
        .values_list(
            "pk",
            "initiative_id",
            "initiative__name",
            "rules__version",
            "rules__gain_return_share",
            "rules__gain_return_years",
            "first_granted",
            "first_applied",
        )
    )
    return [
        GrantFacts(pk, initiative, name, version, share, years, granted or applied)
        for pk, initiative, name, version, share, years, granted, applied in rows
    ]


def _last_in_each_period(
    measurements: QuerySet[Measurement], years: Iterable[int]
) -> QuerySet[Measurement]:
    """The measurements among ``measurements`` that the due computation can read for
    ``years``: those with no later counted measurement of the same indicator before the end of
    the first of ``years`` on or after their own year (after the last of the years: no later
    one at all). The last measurement up to any year's end is always among them. The period's
    end is a plain comparison, never a date function (which SQLite would run in Python for
    every row)."""
    ends = [date(year + 1, 1, 1) for year in sorted(set(years))]
    period_end = Case(
        *[When(measured_on__lt=end, then=Value(end)) for end in ends],
        default=Value(date.max),
        output_field=DateField(),
    )
    later = Measurement.objects.counted().filter(
        indicator_id=OuterRef("indicator_id"),
        measured_on__gt=OuterRef("measured_on"),
        measured_on__lt=OuterRef("period_end"),
    )
    return measurements.alias(period_end=period_end).exclude(Exists(later))


def _benefit_facts(
    initiative_ids: Iterable[int], hours: Decimal, years: Iterable[int]
) -> tuple[dict[int, list[BenefitGainFacts]], dict[int, list[NonMonetary]]]:
    """Per initiative, the facts of its benefits that may give money (all but the abandoned:
    freed time gives money through a budget cut), and those that are not money (three
    queries: benefits, amount measurements, budget cuts). Of the measurements only those the
    due computation may read for ``years`` are fetched: the last of each indicator up to the
    end of each of those years (and the last of all), not every one."""
    benefits = (
        Benefit.objects.filter(initiative_id__in=list(initiative_ids))
        .exclude(status=BenefitStatus.ABANDONED)
        .order_by("initiative_id", "title", "pk")
        .values_list("pk", "initiative_id", "title", "kind", "status", "planned_amount", "due_date")
    )
    facts: dict[int, BenefitGainFacts] = {}
    monetary: dict[int, list[BenefitGainFacts]] = defaultdict(list)
    others: dict[int, list[NonMonetary]] = defaultdict(list)
    for pk, initiative_id, title, kind, status, planned, due_date in benefits:
        if kind != BenefitKind.DIRECT:
            hours_planned = planned if kind == BenefitKind.INDIRECT else None
            fte = (hours_planned / hours).quantize(Decimal("0.01")) if hours_planned else None
            others[initiative_id].append(NonMonetary(title, kind, status, hours_planned, fte))
        facts[pk] = BenefitGainFacts(
            kind=kind,
            status=status,
            planned_amount=planned,
            due_year=due_date.year if due_date else None,
        )
        monetary[initiative_id].append(facts[pk])
    measurements = (
        _last_in_each_period(Measurement.objects.counted(), years)
        .filter(
            indicator__benefit__initiative_id__in=list(initiative_ids),
            indicator__benefit__kind=BenefitKind.DIRECT,
            indicator__measures_amount=True,
            indicator__unit=IndicatorUnit.NOK,
        )
        .values_list(
            "indicator__benefit_id",
            "indicator__baseline_value",
            "indicator__target_value",
            "measured_on",
            "value",
        )
        .order_by("indicator__benefit_id", "measured_on")
    )
    for benefit_id, baseline, target, measured_on, value in measurements:
        fact = facts.get(benefit_id)
        if fact is None:  # an abandoned benefit
            continue
        fact.unit, fact.baseline, fact.target = IndicatorUnit.NOK, baseline, target
        fact.measured.append(Measured(measured_on, value))
    cuts = BudgetCut.objects.filter(benefit__initiative_id__in=list(initiative_ids)).values_list(
        "benefit_id", "budget_year", "amount"
    )
    for benefit_id, year, amount in cuts:
        if benefit_id in facts:
            facts[benefit_id].cuts.append((year, amount))
    # Only a direct benefit realises kroner, and any other one gives money only through a
    # budget cut: the rest add nothing to any year's gain and are left out of the computation.
    priced = {
        initiative_id: [fact for fact in found if fact.kind == BenefitKind.DIRECT or fact.cuts]
        for initiative_id, found in monetary.items()
    }
    return priced, others


def gains_for(grants: list[GrantFacts], *, municipality: Municipality, today: date) -> FundGains:
    """What the given grants owe back, year by year, and how it was settled. Five queries,
    however many grants, benefits and measurements."""
    hours = hours_per_fte(municipality)
    initiatives = {grant.initiative_id for grant in grants}
    asked = {
        year
        for grant in grants
        if grant.first_year
        for year in gain_years(grant.first_year, grant.years)
    }
    monetary, others = _benefit_facts(initiatives, hours, asked) if grants else ({}, {})
    settled: dict[tuple[int, int], GainReturn] = (
        {
            (s.application_id, s.year): s
            for s in GainReturn.objects.filter(
                application__in=[grant.application_id for grant in grants]
            )
        }
        if grants
        else {}
    )
    result = []
    known: dict[tuple[int, int], Decimal] = {}
    for grant in grants:
        years = []
        benefits = monetary.get(grant.initiative_id, [])
        first = grant.first_year
        for year in gain_years(first, grant.years) if first else []:
            settlement = settled.get((grant.application_id, year))
            # Grants to the same initiative share its gain: each initiative and year once.
            key = (grant.initiative_id, year)
            if key not in known:
                known[key] = monetary_gain(benefits, year)
            gain = known[key]
            years.append(
                GainYear(
                    year=year,
                    gain=gain,
                    due=settlement.amount_due if settlement else amount_due(grant.share, gain),
                    settlement=settlement,
                    ended=year < today.year,
                )
            )
        result.append(
            ApplicationGains(
                application_id=grant.application_id,
                initiative_id=grant.initiative_id,
                initiative_name=grant.initiative_name,
                rules_version=grant.rules_version,
                share=grant.share,
                years=years,
                non_monetary=others.get(grant.initiative_id, []),
            )
        )
    return FundGains(applications=result, hours_per_fte=hours)


def gains_of(
    applications: QuerySet[Application], *, municipality: Municipality, today: date
) -> FundGains:
    """What the given applications owe back (only those granted under rules that return a
    share of gains), year by year, and how it was settled (see ``gains_for``)."""
    return gains_for(
        grant_facts(applications.filter(municipality=municipality)),
        municipality=municipality,
        today=today,
    )


def fund_gains(fund: Fund, *, today: date) -> FundGains:
    """The gains due back to ``fund`` from all its granted applications (see ``gains_of``)."""
    return gains_of(
        Application.objects.filter(fund=fund), municipality=fund.municipality, today=today
    )


def application_gains(application: Application, *, today: date) -> ApplicationGains | None:
    """One application's gains due back (None when it owes none: not granted, or its rules
    return no gains)."""
    found = gains_of(
        Application.objects.filter(pk=application.pk),
        municipality=application.municipality,
        today=today,
    ).applications
    return found[0] if found else None
