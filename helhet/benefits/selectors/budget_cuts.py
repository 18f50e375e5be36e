"""Budget cuts against realisation, for the benefits overview."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)

from helhet.benefits.models import (
    Benefit,
    BenefitKind,
    BenefitStatus,
    BudgetCut,
)
from helhet.benefits.selectors.listings import LISTED_BENEFIT_FIELDS, Listing, first_of
from helhet.benefits.selectors.realised import REALISED_FIELD, ZERO, realised_value
from helhet.organization.models import Municipality


@dataclass(frozen=True)
class CutYear:
    """The budget cuts from one budget year against the benefits they come from. ``realised``
    is the realised kroner of those benefits (each benefit once); ``at_risk`` the cuts made
    before their benefit is realised."""

    year: int
    count: int
    amount: Decimal
    realised: Decimal
    at_risk_count: int
    at_risk_amount: Decimal
    started: bool


@dataclass(frozen=True)
class CutAtRisk:
    """A budget cut whose budget year has started before its benefit is realised, with the
    realised kroner of that benefit."""

    cut: BudgetCut
    realised: Decimal

    @property
    def shortfall(self) -> Decimal:
        return self.cut.amount - self.realised


def _realised_nok(hours: Decimal) -> Case:
    """The realised kroner of a cut's benefit: a direct benefit's realised value; freed time has
    no kroner value here."""
    return Case(
        When(
            benefit__kind=BenefitKind.DIRECT,
            then=realised_value(hours, prefix="benefit__", kinds=(BenefitKind.DIRECT,)),
        ),
        default=Value(ZERO),
        output_field=REALISED_FIELD,
    )


def _at_risk(today: date) -> Q:
    """A cut whose budget year has started while its benefit is not marked realised and has not
    realised the cut's amount in kroner (``benefit_realised``)."""
    return (
        Q(budget_year__lte=today.year)
        & ~Q(benefit__status=BenefitStatus.REALISED)
        & Q(benefit_realised__lt=F("amount"))
    )


def _cut_years(cuts: QuerySet[BudgetCut], at_risk: Q, today: date) -> list[CutYear]:
    """The cuts summed by budget year, in one query. A benefit with several cuts in one year
    counts its realised value once: on its first cut."""
    earlier_same_year = BudgetCut.objects.filter(
        benefit_id=OuterRef("benefit_id"),
        budget_year=OuterRef("budget_year"),
        pk__lt=OuterRef("pk"),
    )
    years = (
        cuts.values("budget_year")
        .annotate(
            n=Count("pk"),
            amount_sum=Sum("amount"),
            realised_sum=Sum(
                Case(
                    When(~Exists(earlier_same_year), then=F("benefit_realised")),
                    default=Value(ZERO),
                    output_field=REALISED_FIELD,
                )
            ),
            risk_n=Count("pk", filter=at_risk),
            risk_sum=Sum("amount", filter=at_risk),
        )
        .order_by("budget_year")
    )
    return [
        CutYear(
            year=row["budget_year"],
            count=row["n"],
            amount=row["amount_sum"] or ZERO,
            realised=row["realised_sum"] or ZERO,
            at_risk_count=row["risk_n"],
            at_risk_amount=row["risk_sum"] or ZERO,
            started=row["budget_year"] <= today.year,
        )
        for row in years
    ]


def budget_cuts_by_year(
    benefits: QuerySet[Benefit],
    municipality: Municipality,
    hours: Decimal,
    today: date,
    *,
    narrowed: bool = True,
) -> tuple[list[CutYear], Listing[CutAtRisk]]:
    """Planned budget cuts by budget year against the realised kroner of their benefits, and
    the cuts at risk: the budget year has started while the benefit is not marked realised and
    has not realised the cut's amount in kroner. Freed time has no kroner value here, so a cut
    from an indirect benefit is covered only once the benefit is marked realised. ``benefits``
    are the benefits whose cuts count; ``narrowed=False`` says they are all the municipality's
    (the overview unfiltered), so the cuts are not matched against them. Two queries."""
    at_risk = _at_risk(today)
    # The benefits narrowed to the municipality too: the database reads its own, not every one.
    cuts = BudgetCut.objects.filter(municipality=municipality, benefit__municipality=municipality)
    if narrowed:
        # The benefits' own rows only (not their realised value): a plain semi-join.
        cuts = cuts.filter(benefit_id__in=benefits.values("pk"))
    cuts = cuts.annotate(benefit_realised=_realised_nok(hours))
    by_year = _cut_years(cuts, at_risk, today)
    risky = (
        cuts.filter(at_risk)
        .select_related("benefit__initiative", "unit")
        .only(
            "amount",
            "budget_year",
            "unit__name",
            *(f"benefit__{name}" for name in LISTED_BENEFIT_FIELDS),
        )
        .order_by("budget_year", "benefit__initiative__name", "benefit__title", "pk")
    )
    # The count of cuts at risk is already summed by year above.
    return by_year, Listing(
        sum(year.at_risk_count for year in by_year),
        [CutAtRisk(cut, cut.benefit_realised) for cut in first_of(risky)],
    )
