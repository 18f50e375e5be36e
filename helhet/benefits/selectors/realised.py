"""A benefit's realised value a year, as a database expression (the rule of
``figures.realised_amount``), read from the benefit's own row: the progress of its amount
indicator is kept on it (``Benefit.measured_progress``, ``services.monetary``)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Case, DecimalField, F, QuerySet, Value, When
from django.db.models.functions import Coalesce

from helhet.benefits.models import Benefit, BenefitKind, BenefitStatus

# Realised values: an indicator's progress (4 decimals) times the hours in an FTE (1 decimal).
REALISED_FIELD: DecimalField[Decimal, Decimal] = DecimalField(max_digits=24, decimal_places=6)
ZERO = Decimal(0)


def realised_value(
    hours: Decimal,
    *,
    prefix: str = "",
    kinds: tuple[str, ...] = (BenefitKind.DIRECT, BenefitKind.INDIRECT),
) -> Coalesce:
    """A benefit's realised value a year as a database expression (``prefix`` reaches the
    benefit from another model, e.g. "benefit__"): the progress of its amount indicator
    (``figures.realised_amount``: kroner for a direct benefit, hours for an indirect one, FTE
    times ``hours``); without such an indicator or measurement, the planned amount when the
    benefit is marked realised; otherwise nothing (0). A qualitative benefit is valued at
    nothing. A caller that values only some ``kinds`` of benefit by their measurements (kroner:
    direct) says so."""
    progress = F(f"{prefix}measured_progress")
    measured = Case(
        When(
            **{f"{prefix}kind__in": kinds, f"{prefix}measured_in_fte": True},
            then=progress * Value(hours),
        ),
        When(**{f"{prefix}kind__in": kinds}, then=progress),
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


def benefits_with_realised(benefits: QuerySet[Benefit], hours: Decimal) -> QuerySet[Benefit]:
    """``benefits`` annotated with ``realised``, by the rule of ``realised_value``: read from
    each benefit's row, with no join, however many benefits are scanned."""
    return benefits.annotate(realised=realised_value(hours))
