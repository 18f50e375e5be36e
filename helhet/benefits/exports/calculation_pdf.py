"""A benefit's before/after calculation as the plan's PDF shows it: its inputs, the computed
figures before, after and the difference, and whether the totals its source states agree."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Field
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from helhet.benefits.calculator import (
    CalculationResult,
    agreement_text,
    summary_text,
)
from helhet.benefits.models import Calculation, format_number
from helhet.core.formats import MINUS, figure_text

# The calculation's inputs as the PDF lists them (the totals its source states are checked
# against them, and shown where they disagree).
CALCULATION_FIELDS = (
    "quantity_label",
    "unit",
    "period",
    "days_per_year",
    "users",
    "before_quantity",
    "after_quantity",
    "before_unit_cost",
    "after_unit_cost",
    "source",
)


def calculation_facts(calculation: Calculation) -> list[tuple[str, str]]:
    """The calculation's inputs, as given."""
    facts: list[tuple[str, str]] = []
    for name in CALCULATION_FIELDS:
        value = getattr(calculation, name)
        if value is None or value == "":
            continue
        if name == "period":
            text = calculation.get_period_display()
        elif name == "unit":
            text = calculation.get_unit_display()
        elif isinstance(value, (int, Decimal)):
            text = format_number(Decimal(value))
        else:
            text = str(value)
        field = Calculation._meta.get_field(name)
        assert isinstance(field, Field)
        label = capfirst(str(field.verbose_name))
        facts.append((label, text))
    return facts


def without_true_minus(text: str) -> str:
    """The calculator's true minus sign is outside the PDF's character set: a hyphen instead."""
    return text.replace(MINUS, "-")


def calculation_rows(result: CalculationResult) -> list[list[str]]:
    """The computed figures before, after and the difference, as the plan page shows them."""
    label = result.calculation.quantity_label
    users = result.calculation.users
    hours = result.in_hours

    def amount(value: Decimal | None) -> str:
        if value is None:
            return "–"
        return f"{without_true_minus(result.amount_text(value))} {result.unit}"

    def plain(value: Decimal) -> str:
        return without_true_minus(figure_text(value))

    sides = (result.before, result.after, result.difference)
    rows = [
        [_("%(label)s per day") % {"label": label}, *(plain(s.quantity_per_day) for s in sides)],
        [_("%(label)s per year") % {"label": label}, *(plain(s.quantity_per_year) for s in sides)],
        [
            _("Hours per day") if hours else _("Cost per day"),
            *(amount(s.cost_per_day) for s in sides),
        ],
        [
            _("Hours per year") if hours else _("Cost per year"),
            *(amount(s.cost_per_year) for s in sides),
        ],
    ]
    if users:
        per_user = (
            ngettext("Hours per user (%(users)s user)", "Hours per user (%(users)s users)", users)
            if hours
            else ngettext(
                "Cost per user (%(users)s user)", "Cost per user (%(users)s users)", users
            )
        ) % {"users": users}
        rows.append([per_user, *(amount(s.cost_per_user) for s in sides)])
    return rows


def calculation_notes(result: CalculationResult) -> list[str]:
    """The saving (or extra cost) a year, and whether the source's totals agree with the inputs:
    every disagreement in plain words, never hidden."""
    notes = [without_true_minus(summary_text(result))]
    if result.disagreements:
        notes.append(_("The totals the source states do not all agree with what its inputs give:"))
        notes.extend(f"- {text}" for text in result.explanations())
    elif result.checks:
        notes.append(agreement_text(result))
    return notes
