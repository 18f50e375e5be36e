"""``{% load benefits_calculator %}`` for the plan page: ``calculation|calculated`` gives the
before/after figures and the checks of the stated totals (``helhet.benefits.calculator``), and
``|figure`` shows a figure as the calculator rounds it for display, and
``cut|cut_before_realisation:benefit`` tells whether a budget cut is taken before its benefit is
realised (``helhet.benefits.cuts``). No queries."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils import timezone

from helhet.benefits.calculator import CalculationResult, calculate, number_text
from helhet.benefits.cuts import cut_before_realisation as _cut_before_realisation
from helhet.benefits.cuts import realised_nok
from helhet.benefits.models import Benefit, BudgetCut, Calculation

register = template.Library()


@register.filter
def calculated(calculation: Calculation) -> CalculationResult:
    return calculate(calculation)


@register.filter
def figure(value: Decimal | None) -> str:
    return "–" if value is None else number_text(value)


@register.filter
def cut_before_realisation(cut: BudgetCut, benefit: Benefit) -> bool:
    return _cut_before_realisation(
        budget_year=cut.budget_year,
        amount=cut.amount,
        benefit_status=benefit.status,
        realised_nok=realised_nok(benefit),
        today=timezone.localdate(),
    )
