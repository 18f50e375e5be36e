"""Figures of the adoption as people read them, and the solutions shown on pages of the modules
below (an initiative's page: the solutions it left in operation)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.db.models import QuerySet
from django.utils import formats

from helhet.adoption.models import Solution
from helhet.adoption.services.solutions import handover_of
from helhet.portfolio.models import Initiative, InitiativeStatus

register = template.Library()


@register.filter
def percent(value: Any) -> str:
    """45.50 -> "45,5 %"."""
    if value is None:
        return "–"
    figure = Decimal(value)
    places = 0 if figure == figure.to_integral_value() else 1
    return f"{formats.number_format(figure, places, force_grouping=True)}\u00a0%"


@register.filter
def number(value: Any) -> str:
    """1234 -> "1 234"; 12.50 -> "12,5"."""
    if value is None:
        return "–"
    figure = Decimal(value)
    places = 0 if figure == figure.to_integral_value() else 2
    return formats.number_format(figure, places, force_grouping=True)


@register.simple_tag
def initiative_solutions(initiative: Initiative) -> QuerySet[Solution]:
    """The solutions the initiative left in operation, by name (one query)."""
    return initiative.solutions.select_related("owner_unit").order_by("name", "pk")


@register.simple_tag
def may_register_solution(initiative: Initiative) -> bool:
    """Whether the initiative is finished (completed, or past its gate into operation), so a
    solution may come from it."""
    return (
        initiative.status == InitiativeStatus.COMPLETED
        or handover_of(initiative).decision is not None
    )
