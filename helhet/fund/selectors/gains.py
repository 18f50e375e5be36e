"""Gains back to the fund: for each application granted under rules that return a share of
realised monetary gains, what is due each year (``helhet.fund.gains``), and how the portfolio
office settled it: returned (a ledger entry) or waived with a reason. Non-monetary benefits are
listed beside, never priced. A fixed number of queries, however many applications."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from helhet.benefits.models import Benefit, BenefitKind, BenefitStatus, MonetaryGain
from helhet.benefits.selectors.totals import hours_per_fte
from helhet.fund.gains import ZERO, amount_due, gain_in, gain_years
from helhet.fund.models import (
    GRANTED_STATUSES,
    Application,
    ApplicationYear,
    Fund,
    FundRules,
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


@dataclass(frozen=True)
class OwingGrant:
    """What the summed gains need of grants that return a share of gains: ``count`` grants to
    one initiative under the same share, years and first budget year owe the same each year;
    ``application_id`` is set for a grant counted alone (one with settlements)."""

    application_id: int | None
    initiative_id: int
    share: Decimal
    years: int
    first_year: int | None
    count: int = 1


def _returning_gains(applications: QuerySet[Application]) -> QuerySet[Any]:
    """The granted applications among ``applications`` whose rules return a share of gains,
    with the first budget year granted (or applied for) as ``first_granted``/``first_applied``."""
    return applications.filter(
        status__in=GRANTED_STATUSES,
        rules__gain_return=GainReturnRule.SHARE,
        rules__gain_return_years__gt=0,
    ).annotate(
        first_granted=Min("years__year", filter=Q(years__amount_granted__gt=0)),
        first_applied=Min("years__year"),
    )


def owing_grants(fund: Fund) -> list[OwingGrant]:
    """The fund's grants that return a share of gains, for the sums: those without any
    settlement counted by the database per initiative, rules version and first budget year
    (one grouped query), those with settlements one by one (two queries), beside the fund's
    rules versions that return gains (one query)."""
    rules = {
        pk: (share, years)
        for pk, share, years in FundRules.objects.filter(
            fund=fund,
            gain_return=GainReturnRule.SHARE,
            gain_return_years__gt=0,
        ).values_list("pk", "gain_return_share", "gain_return_years")
    }
    if not rules:
        return []
    granted = Application.objects.filter(
        fund=fund, status__in=GRANTED_STATUSES, rules_id__in=list(rules)
    )
    settled = GainReturn.objects.filter(application__fund=fund).values("application_id")
    years = ApplicationYear.objects.filter(application=OuterRef("pk")).order_by()
    first = Coalesce(
        Subquery(
            years.filter(amount_granted__gt=0)
            .values("application")
            .annotate(first=Min("year"))
            .values("first")
        ),
        Subquery(years.values("application").annotate(first=Min("year")).values("first")),
    )
    owing = [
        OwingGrant(None, initiative_id, *rules[rules_id], first_year, count)
        for initiative_id, rules_id, first_year, count in (
            granted.exclude(pk__in=settled)
            .annotate(first_year=first)
            .order_by()
            .values_list("initiative_id", "rules_id", "first_year")
            .annotate(count=Count("pk"))
        )
    ]
    for pk, initiative_id, rules_id, first_granted, first_applied in (
        granted.filter(pk__in=settled)
        .annotate(
            first_granted=Min("years__year", filter=Q(years__amount_granted__gt=0)),
            first_applied=Min("years__year"),
        )
        .order_by()
        .values_list("pk", "initiative_id", "rules_id", "first_granted", "first_applied")
    ):
        share, count = rules[rules_id]
        owing.append(OwingGrant(pk, initiative_id, share, count, first_granted or first_applied))
    return owing


def grant_facts(applications: QuerySet[Application]) -> list[GrantFacts]:
    """The granted applications among ``applications`` whose rules return a share of gains,
    with the first budget year of the grant (one query)."""
    rows = (
        _returning_gains(applications)
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


# With more grants than this, the steps and settlements of the whole municipality are read
# (one plain scan) rather than those of a long list of ids.
FEW = 200


def _steps(
    municipality: Municipality, initiative_ids: set[int]
) -> dict[int, list[tuple[int, Decimal]]]:
    """The initiatives' monetary gain steps as the benefits module keeps them (one query)."""
    rows = MonetaryGain.objects.filter(municipality=municipality)
    if len(initiative_ids) <= FEW:
        rows = rows.filter(initiative_id__in=initiative_ids)
    steps: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    for initiative_id, year, amount in rows.order_by("initiative_id", "year").values_list(
        "initiative_id", "year", "amount"
    ):
        if initiative_id in initiative_ids:
            steps[initiative_id].append((year, amount))
    return steps


def _settlements(
    municipality: Municipality, application_ids: set[int]
) -> dict[tuple[int, int], GainReturn]:
    """The settlements of the applications' years (one query)."""
    rows = GainReturn.objects.filter(municipality=municipality)
    if len(application_ids) <= FEW:
        rows = rows.filter(application_id__in=application_ids)
    return {(s.application_id, s.year): s for s in rows if s.application_id in application_ids}


def _non_monetary(initiative_ids: set[int], hours: Decimal) -> dict[int, list[NonMonetary]]:
    """Per initiative, its benefits that are not money (freed time and qualitative; one
    query)."""
    others: dict[int, list[NonMonetary]] = defaultdict(list)
    benefits = (
        Benefit.objects.filter(initiative_id__in=list(initiative_ids))
        .exclude(status=BenefitStatus.ABANDONED)
        .exclude(kind=BenefitKind.DIRECT)
        .order_by("initiative_id", "title", "pk")
        .values_list("initiative_id", "title", "kind", "status", "planned_amount")
    )
    for initiative_id, title, kind, status, planned in benefits:
        hours_planned = planned if kind == BenefitKind.INDIRECT else None
        fte = (hours_planned / hours).quantize(Decimal("0.01")) if hours_planned else None
        others[initiative_id].append(NonMonetary(title, kind, status, hours_planned, fte))
    return others


def gains_for(grants: list[GrantFacts], *, municipality: Municipality, today: date) -> FundGains:
    """What the given grants owe back, year by year, and how it was settled, with each
    initiative's benefits that are not money. Four queries, however many grants, benefits and
    measurements: the gains come from the steps the benefits module keeps (``MonetaryGain``)."""
    hours = hours_per_fte(municipality)
    if not grants:
        return FundGains(applications=[], hours_per_fte=hours)
    initiatives = {grant.initiative_id for grant in grants}
    steps = _steps(municipality, initiatives)
    settled = _settlements(municipality, {grant.application_id for grant in grants})
    others = _non_monetary(initiatives, hours)
    result = []
    for grant in grants:
        years = []
        first = grant.first_year
        for year in gain_years(first, grant.years) if first else []:
            settlement = settled.get((grant.application_id, year))
            # Grants to the same initiative share its gain: one step function per initiative.
            gain = gain_in(steps.get(grant.initiative_id, []), year)
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


@dataclass(frozen=True)
class GainSummary:
    """The gains of many grants summed: the totals and the years that have ended, as
    ``FundGains`` gives them, without a line per grant."""

    totals: GainTotals
    years: list[YearTotals]
    hours_per_fte: Decimal

    def by_year(self) -> list[YearTotals]:
        return self.years


def gain_summary(
    grants: Sequence[OwingGrant], *, municipality: Municipality, today: date
) -> GainSummary:
    """What the given grants owe back summed over all of them and per year that has ended, the
    same figures as ``gains_for(...).totals`` and ``.by_year()`` (three queries, and one pass
    over the years of each group of grants that owe the same)."""
    hours = hours_per_fte(municipality)
    steps = _steps(municipality, {grant.initiative_id for grant in grants}) if grants else {}
    alone = {grant.application_id for grant in grants if grant.application_id is not None}
    settled: dict[tuple[int, int], tuple[str, Decimal, Decimal | None]] = {}
    if alone:
        rows = GainReturn.objects.filter(municipality=municipality)
        if len(alone) <= FEW:
            rows = rows.filter(application_id__in=alone)
        for application_id, year, status, amount_due_, amount_returned in rows.values_list(
            "application_id", "year", "status", "amount_due", "amount_returned"
        ):
            if application_id in alone:
                settled[application_id, year] = (status, amount_due_, amount_returned)
    # Per year: due, returned, waived, outstanding.
    sums: dict[int, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO, ZERO, ZERO])
    # The same share of the same gain is the same due: computed once (most gains are few).
    dues: dict[tuple[Decimal, Decimal], Decimal] = {}
    for grant in grants:
        if not grant.first_year:
            continue
        initiative_steps = steps.get(grant.initiative_id, [])
        for year in range(grant.first_year + 1, grant.first_year + 1 + grant.years):
            line = sums[year]
            settlement = (
                settled.get((grant.application_id, year))
                if grant.application_id is not None
                else None
            )
            if settlement is not None:
                status, owed, returned_amount = settlement
                returned = returned_amount or ZERO if status == GainReturnStatus.RETURNED else ZERO
                line[0] += owed
                line[1] += returned
                line[2] += owed - returned
                continue
            gain = gain_in(initiative_steps, year) if initiative_steps else ZERO
            key = (grant.share, gain)
            due = dues.get(key)
            if due is None:
                due = dues[key] = amount_due(grant.share, gain)
            if grant.count != 1:
                due *= grant.count
            line[0] += due
            line[3] += due
    ended = sorted(year for year in sums if year < today.year)
    years = [
        YearTotals(
            due=sums[year][0],
            returned=sums[year][1],
            waived=sums[year][2],
            outstanding=sums[year][3],
            year=year,
        )
        for year in ended
    ]
    running = [sums[year] for year in sums if year >= today.year]
    totals = GainTotals(
        due=sum((line.due for line in years), ZERO),
        returned=sum((line.returned for line in years), ZERO)
        + sum((line[1] for line in running), ZERO),
        waived=sum((line.waived for line in years), ZERO)
        + sum((line[2] for line in running), ZERO),
        outstanding=sum((line.outstanding for line in years), ZERO),
    )
    return GainSummary(totals=totals, years=years, hours_per_fte=hours)


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
