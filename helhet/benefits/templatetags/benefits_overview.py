"""Figures of the benefits overview as a Norwegian reader expects them, rounded only here, when
shown: ``{{ amount|whole }}`` ("1 613 764"), ``{{ fte|fte }}`` ("1,2"), ``{{ line|share }}``
(realised as a share of planned, "67 %", or nothing when nothing was planned)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django import template

from helhet.benefits.models import format_number
from helhet.benefits.selectors.follow_up import percent_text

register = template.Library()


@register.filter
def whole(value: Decimal | int | None) -> str:
    """A number rounded to whole units: kroner or hours."""
    if value is None:
        return ""
    rounded = Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return format_number(rounded if rounded else Decimal(0))


@register.filter
def fte(value: Decimal | None) -> str:
    """Full-time equivalents to one decimal."""
    if value is None:
        return ""
    rounded = Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return format_number(rounded if rounded else Decimal(0))


@register.simple_tag
def share(realised: Decimal, planned: Decimal) -> str:
    """Realised as a share of planned ("67 %"); empty when nothing was planned."""
    if not planned:
        return ""
    return percent_text(realised / planned)
