"""Figures of the adoption as people read them, and the solutions shown on pages of the modules
below (an initiative's page: the solutions it left in operation)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django import template
from django.db.models import QuerySet
from django.utils import formats, translation

from helhet.adoption.models import Solution
from helhet.adoption.services.solutions import handover_of
from helhet.portfolio.models import Initiative, InitiativeStatus

register = template.Library()


@lru_cache(maxsize=8)
def _separators(language: str | None) -> tuple[str, str]:
    """The decimal and thousands separators of the language, read once (a page of 300 units
    writes a thousand figures)."""
    decimal = str(formats.get_format("DECIMAL_SEPARATOR", language))
    thousands = str(formats.get_format("THOUSAND_SEPARATOR", language))
    return decimal, thousands


def _figure(value: Decimal, places: int) -> str:
    decimal, thousands = _separators(translation.get_language())
    text = f"{value:,.{places}f}"
    return text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)


@register.filter
def percent(value: Any) -> str:
    """45.50 -> "45,5 %"."""
    if value is None:
        return "–"
    figure = Decimal(value)
    places = 0 if figure == figure.to_integral_value() else 1
    return f"{_figure(figure, places)}\u00a0%"


@register.filter
def number(value: Any) -> str:
    """1234 -> "1 234"; 12.50 -> "12,50"."""
    if value is None:
        return "–"
    figure = Decimal(value)
    places = 0 if figure == figure.to_integral_value() else 2
    return _figure(figure, places)


_DATE_PARTS = {"d": "{:%d}", "m": "{:%m}", "Y": "{:%Y}", "y": "{:%y}"}


@lru_cache(maxsize=8)
def _short_date_pattern(language: str | None) -> str | None:
    """SHORT_DATE_FORMAT as a str.format pattern when it uses only d, m, Y and y (nb: d.m.Y);
    None otherwise, and Django's slower formatter is used."""
    written = str(formats.get_format("SHORT_DATE_FORMAT", language))
    pattern = ""
    for char in written:
        if char.isalpha():
            if char not in _DATE_PARTS:
                return None
            pattern += _DATE_PARTS[char]
        else:
            pattern += char.replace("{", "{{").replace("}", "}}")
    return pattern


@register.filter
def short_date(value: date | None) -> str:
    """A day as the language writes it short (07.11.2026), quickly: a unit table has hundreds."""
    if value is None:
        return "–"
    pattern = _short_date_pattern(translation.get_language())
    if pattern is None:
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return pattern.format(*([value] * pattern.count("{:")))


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
