"""A benefit's realised value a year, as database expressions (the rule of
``figures.realised_amount``)."""

from __future__ import annotations

import operator
from decimal import Decimal
from functools import reduce

from django.db.models import (
    Case,
    DecimalField,
    ExpressionWrapper,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from helhet.benefits import figures
from helhet.benefits.models import (
    Benefit,
    BenefitKind,
    BenefitStatus,
    Indicator,
    IndicatorUnit,
)

# Realised values: an indicator's progress (4 decimals) times the hours in an FTE (1 decimal).
REALISED_FIELD: DecimalField[Decimal, Decimal] = DecimalField(max_digits=24, decimal_places=6)
ZERO = Decimal(0)


def _amount_progress(kind: str, hours: Decimal, benefit_pk: str) -> Subquery:
    """The progress of the benefit's amount indicator in a unit ``kind`` converts (see
    ``figures.realised_amount``), from its newest measurement: kroner, hours, or FTE times the
    hours in one. NULL when there is no such indicator, no measurement, or the target equals the
    baseline. One index lookup per benefit: the one indicator that measures its amount, which
    carries its newest measurement (``services.follow_up.indicator_latest_refresh``)."""
    direction = Case(
        When(target_value__gt=F("baseline_value"), then=Value(1)),
        When(target_value__lt=F("baseline_value"), then=Value(-1)),
        default=Value(None),
        output_field=IntegerField(),
    )
    factor = Case(
        When(unit=IndicatorUnit.FTE, then=Value(hours)),
        default=Value(Decimal(1)),
        output_field=REALISED_FIELD,
    )
    indicator = (
        Indicator.objects.filter(
            benefit_id=OuterRef(benefit_pk),
            measures_amount=True,
            unit__in=figures.amount_units_for(kind),
        )
        .order_by()
        .annotate(
            realised=ExpressionWrapper(
                (F("latest_value") - F("baseline_value")) * direction * factor,
                output_field=REALISED_FIELD,
            )
        )
        .values("realised")[:1]
    )
    return Subquery(indicator, output_field=REALISED_FIELD)


def realised_value(
    hours: Decimal,
    *,
    prefix: str = "",
    kinds: tuple[str, ...] = (BenefitKind.DIRECT, BenefitKind.INDIRECT),
) -> Coalesce:
    """A benefit's realised value a year as a database expression (``prefix`` reaches the
    benefit from another model, e.g. "benefit__"): the progress of its amount indicator
    (``figures.realised_amount``: kroner for a direct benefit, hours for an indirect one);
    without such an indicator or measurement, the planned amount when the benefit is marked
    realised; otherwise nothing (0). A qualitative benefit is valued at nothing. A caller that
    uses only some ``kinds`` of benefit (kroner: direct) says so, and only those are looked up."""
    measured = Case(
        *[
            When(**{f"{prefix}kind": kind}, then=_amount_progress(kind, hours, f"{prefix}pk"))
            for kind in kinds
        ],
        default=Value(None),
        output_field=REALISED_FIELD,
    )
    by_status = Case(
        When(
            **{f"{prefix}status": BenefitStatus.REALISED},
            then=Coalesce(F(f"{prefix}planned_amount"), Value(ZERO), output_field=REALISED_FIELD),
        ),
        default=Value(ZERO),
        output_field=REALISED_FIELD,
    )
    return Coalesce(measured, by_status, output_field=REALISED_FIELD)


def benefits_with_realised(
    benefits: QuerySet[Benefit], hours: Decimal, *, municipality_id: int | None = None
) -> QuerySet[Benefit]:
    """``benefits`` annotated with ``realised``, by the rule of ``realised_value``, for scans of
    many benefits: the amount indicator (at most one per benefit) is joined rather than looked
    up row by row; it carries its newest measurement
    (``services.follow_up.indicator_latest_refresh``). When all the benefits belong to
    ``municipality_id``, say so: the database then reads only that municipality's indicators
    instead of every municipality's (a third of the time at the national scale)."""
    joined = Q(indicators__measures_amount=True)
    if municipality_id is not None:
        joined &= Q(indicators__municipality_id=municipality_id)
    converts = reduce(
        operator.or_,
        (
            Q(kind=kind, amount_indicator__unit__in=figures.amount_units_for(kind))
            for kind in (BenefitKind.DIRECT, BenefitKind.INDIRECT)
        ),
    )
    direction = Case(
        When(
            amount_indicator__target_value__gt=F("amount_indicator__baseline_value"),
            then=Value(1),
        ),
        When(
            amount_indicator__target_value__lt=F("amount_indicator__baseline_value"),
            then=Value(-1),
        ),
        default=Value(None),
        output_field=IntegerField(),
    )
    factor = Case(
        When(amount_indicator__unit=IndicatorUnit.FTE, then=Value(hours)),
        default=Value(Decimal(1)),
        output_field=REALISED_FIELD,
    )
    measured = Case(
        When(
            converts,
            then=ExpressionWrapper(
                (F("amount_indicator__latest_value") - F("amount_indicator__baseline_value"))
                * direction
                * factor,
                output_field=REALISED_FIELD,
            ),
        ),
        default=Value(None),
        output_field=REALISED_FIELD,
    )
    by_status = Case(
        When(
            status=BenefitStatus.REALISED,
            then=Coalesce(F("planned_amount"), Value(ZERO), output_field=REALISED_FIELD),
        ),
        default=Value(ZERO),
        output_field=REALISED_FIELD,
    )
    return benefits.annotate(
        amount_indicator=FilteredRelation("indicators", condition=joined)
    ).annotate(realised=Coalesce(measured, by_status, output_field=REALISED_FIELD))
