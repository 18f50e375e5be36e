"""Figures derived from the benefits plans and kept beside them: the initiatives' monetary gains
a year (``MonetaryGain``) and each benefit's measured progress (``Benefit.measured_progress``).
Derived figures, never a cache. Every service that changes what they derive from (a benefit's
kind, status, planned amount or due date; an amount indicator's baseline, target, unit or
newest measurement; a measurement recorded, confirmed or deleted; a budget cut) calls
``monetary_gains_refresh`` for the benefit's initiative inside its own transaction, so the
stored figures always equal a computation from the plan. ``manage.py rebuild_fund_figures``
recomputes them all (``monetary_gains_rebuild``)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.db.models import (
    Case,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)

from helhet.benefits.figures import amount_units_for
from helhet.benefits.models import (
    Benefit,
    BenefitKind,
    BenefitStatus,
    BudgetCut,
    Indicator,
    IndicatorUnit,
    Measurement,
    MonetaryGain,
)
from helhet.benefits.monetary import BenefitGainFacts, Measured, gain_steps
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative

CHUNK = 500
PROGRESS_FIELD: DecimalField[Decimal, Decimal] = DecimalField(max_digits=18, decimal_places=4)


def monetary_facts(initiative_ids: list[int]) -> dict[int, list[BenefitGainFacts]]:
    """Per initiative, the facts of its benefits that may give money (all but the abandoned;
    only a direct benefit realises kroner, any other only through a budget cut). Three queries:
    benefits, the counted measurements of their amount indicators in kroner, budget cuts."""
    facts: dict[int, BenefitGainFacts] = {}
    initiative_of: dict[int, int] = {}
    benefits = (
        Benefit.objects.filter(initiative_id__in=initiative_ids)
        .exclude(status=BenefitStatus.ABANDONED)
        .order_by("initiative_id", "pk")
        .values_list("pk", "initiative_id", "kind", "status", "planned_amount", "due_date")
    )
    for pk, initiative_id, kind, status, planned, due_date in benefits:
        facts[pk] = BenefitGainFacts(
            kind=kind,
            status=status,
            planned_amount=planned,
            due_year=due_date.year if due_date else None,
        )
        initiative_of[pk] = initiative_id
    measurements = (
        Measurement.objects.counted()
        .filter(
            indicator__benefit__initiative_id__in=initiative_ids,
            indicator__benefit__kind=BenefitKind.DIRECT,
            indicator__measures_amount=True,
            indicator__unit=IndicatorUnit.NOK,
        )
        .order_by("indicator__benefit_id", "measured_on")
        .values_list(
            "indicator__benefit_id",
            "indicator__baseline_value",
            "indicator__target_value",
            "measured_on",
            "value",
        )
    )
    for benefit_id, baseline, target, measured_on, value in measurements:
        fact = facts.get(benefit_id)
        if fact is None:  # an abandoned benefit
            continue
        fact.unit, fact.baseline, fact.target = IndicatorUnit.NOK, baseline, target
        fact.measured.append(Measured(measured_on, value))
    cuts = BudgetCut.objects.filter(benefit__initiative_id__in=initiative_ids).values_list(
        "benefit_id", "budget_year", "amount"
    )
    for benefit_id, year, amount in cuts:
        if benefit_id in facts:
            facts[benefit_id].cuts.append((year, amount))
    found: dict[int, list[BenefitGainFacts]] = defaultdict(list)
    for pk, fact in facts.items():
        if fact.kind == BenefitKind.DIRECT or fact.cuts:
            found[initiative_of[pk]].append(fact)
    return found


def _progress(kind: str) -> Subquery:
    """The progress of a benefit of ``kind``'s amount indicator (in a unit the kind converts)
    from its newest counted measurement, signed toward the target: NULL without one, or when the
    target equals the baseline (the rule of ``figures.realised_amount``)."""
    direction = Case(
        When(target_value__gt=F("baseline_value"), then=Value(1)),
        When(target_value__lt=F("baseline_value"), then=Value(-1)),
        default=Value(None),
        output_field=IntegerField(),
    )
    progress = ExpressionWrapper(
        (F("latest_value") - F("baseline_value")) * direction, output_field=PROGRESS_FIELD
    )
    found = (
        Indicator.objects.filter(
            benefit_id=OuterRef("pk"), measures_amount=True, unit__in=amount_units_for(kind)
        )
        .order_by()
        .annotate(progress=progress)
        .values("progress")[:1]
    )
    return Subquery(found, output_field=PROGRESS_FIELD)


def measured_progress_store(benefits: QuerySet[Benefit]) -> int:
    """Write ``measured_progress`` and ``measured_in_fte`` of ``benefits`` from their amount
    indicators: one UPDATE, whatever their number. Returns how many benefits it wrote."""
    return benefits.order_by().update(
        measured_progress=Case(
            When(kind=BenefitKind.DIRECT, then=_progress(BenefitKind.DIRECT)),
            When(kind=BenefitKind.INDIRECT, then=_progress(BenefitKind.INDIRECT)),
            default=Value(None),
            output_field=PROGRESS_FIELD,
        ),
        measured_in_fte=Exists(
            Indicator.objects.filter(
                benefit_id=OuterRef("pk"), measures_amount=True, unit=IndicatorUnit.FTE
            )
        ),
    )


def _store(municipality_of: dict[int, int], initiative_ids: list[int]) -> int:
    """Replace the stored steps of ``initiative_ids``, and their benefits' measured progress, by
    a computation from their plans."""
    measured_progress_store(Benefit.objects.filter(initiative_id__in=initiative_ids))
    facts = monetary_facts(initiative_ids)
    MonetaryGain.objects.filter(initiative_id__in=initiative_ids).delete()
    rows = [
        MonetaryGain(
            municipality_id=municipality_of[initiative_id],
            initiative_id=initiative_id,
            year=year,
            amount=amount,
        )
        for initiative_id in initiative_ids
        for year, amount in gain_steps(facts.get(initiative_id, []))
    ]
    MonetaryGain.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


@transaction.atomic
def monetary_gains_refresh(*, benefit: Benefit) -> None:
    """Recompute the stored monetary gain steps of the benefit's initiative from its benefits
    plan. Call from every service that changes what the gain derives from, inside its
    transaction, after the change (five queries)."""
    _store({benefit.initiative_id: benefit.municipality_id}, [benefit.initiative_id])


@transaction.atomic
def monetary_gains_rebuild(*, municipality: Municipality | None = None) -> int:
    """Recompute every initiative's stored monetary gain steps (of one municipality, or all),
    a few hundred initiatives at a time. Returns how many steps it stored."""
    initiatives = Initiative.objects.order_by("pk")
    if municipality is not None:
        initiatives = initiatives.filter(municipality=municipality)
    municipality_of = dict(initiatives.values_list("pk", "municipality_id"))
    ids = list(municipality_of)
    return sum(
        _store(municipality_of, ids[start : start + CHUNK]) for start in range(0, len(ids), CHUNK)
    )
