"""``{% load benefits_calculator %}`` for the plan page: ``calculation|calculated`` gives the
before/after figures and the checks of the stated totals (``helhet.benefits.calculator``), and
``|figure`` shows a figure as the calculator rounds it for display, ``{% amount result value %}``
a figure of cost with its unit (kroner or hours), ``result|saving`` and ``result|agreement`` the
sentences under the table, and
``cut|cut_before_realisation:benefit`` tells whether a budget cut is taken before its benefit is
realised (``helhet.benefits.cuts``). No queries."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils import timezone

from helhet.benefits.calculator import (
    CalculationResult,
    agreement_text,
    calculate,
    summary_text,
)
from helhet.benefits.cuts import cut_before_realisation as _cut_before_realisation
from helhet.benefits.cuts import realised_nok
from helhet.benefits.models import Benefit, BudgetCut, Calculation
from helhet.core.formats import figure_text

register = template.Library()


@register.filter
def calculated(calculation: Calculation) -> CalculationResult:
    return calculate(calculation)


@register.filter
def figure(value: Decimal | None) -> str:
    return "–" if value is None else figure_text(value)


@register.simple_tag
def amount(result: CalculationResult, value: Decimal | None) -> str:
    """A figure of cost with its unit: "8 452,50 kr", or "600 t" in a calculation in hours."""
    return "–" if value is None else f"{result.amount_text(value)} {result.unit}"


@register.filter
def saving(result: CalculationResult) -> str:
    return summary_text(result)


@register.filter
def agreement(result: CalculationResult) -> str:
    return agreement_text(result)


@register.filter
def cut_before_realisation(cut: BudgetCut, benefit: Benefit) -> bool:
    return _cut_before_realisation(
        budget_year=cut.budget_year,
        amount=cut.amount,
        benefit_status=benefit.status,
        realised_nok=realised_nok(benefit),
        today=timezone.localdate(),
    )
