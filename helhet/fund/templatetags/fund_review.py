"""How the fund's review and gains pages write money: kroner with øre when there are any."""

from __future__ import annotations

from decimal import Decimal

from django import template

from helhet.core.formats import kroner_text, number_text

register = template.Library()


@register.filter
def kroner(value: Decimal | None) -> str:
    """ "1 613 764", "8 452,50", or a dash for no amount."""
    return "–" if value is None else kroner_text(value)


@register.filter
def ratio(value: Decimal | None) -> str:
    """A figure with two decimals ("1,18"), or a dash."""
    return "–" if value is None else number_text(value, 2)
