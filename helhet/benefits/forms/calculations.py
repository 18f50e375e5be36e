"""The form for a benefit's before/after calculation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from helhet.benefits.forms.fields import NumberField
from helhet.benefits.models import (
    Benefit,
    BenefitKind,
    Calculation,
    CalculationPeriod,
    CalculationUnit,
)
from helhet.core.forms import StyledForm


def _money(label: Any, required: bool = True, help_text: Any = "") -> NumberField:
    return NumberField(
        label=label, required=required, max_digits=16, decimal_places=2, help_text=help_text
    )


class CalculationForm(StyledForm):
    GROUPS: list[tuple[Any, tuple[str, ...]]] = [
        (
            _("What is counted"),
            ("quantity_label", "unit", "period", "days_per_year", "users", "source"),
        ),
        (_("Before"), ("before_quantity", "before_unit_cost")),
        (_("After"), ("after_quantity", "after_unit_cost")),
        (
            _("Totals the source states"),
            (
                "stated_before_daily",
                "stated_after_daily",
                "stated_before_yearly",
                "stated_after_yearly",
                "stated_before_per_user",
                "stated_after_per_user",
            ),
        ),
    ]

    quantity_label = forms.CharField(
        label=_("What is counted"),
        max_length=60,
        help_text=_("E.g. “home visits”."),
    )
    unit = forms.ChoiceField(
        label=_("Counted in"),
        choices=CalculationUnit.choices,
        help_text=_(
            "Kroner, or hours for a benefit planned in hours: the cost of one is then the hours "
            "one takes, and the totals are hours."
        ),
    )
    period = forms.ChoiceField(label=_("Quantities given"), choices=CalculationPeriod.choices)
    days_per_year = forms.IntegerField(
        label=_("Days in a year"),
        initial=365,
        error_messages={"invalid": _("Enter a whole number of days, e.g. 365.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        help_text=_("365 for a service given every day; fewer for one given on working days."),
    )
    users = forms.IntegerField(
        label=_("Number of users"),
        required=False,
        error_messages={"invalid": _("Enter a whole number of users, e.g. 33.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        help_text=_("For the cost per user. Leave empty when it does not apply."),
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=200,
        required=False,
        help_text=_("Where the figures come from, e.g. “the final report”."),
    )
    before_quantity = NumberField(label=_("Quantity before"), max_digits=14)
    before_unit_cost = NumberField(label=_("Cost of one before (kroner or hours)"), max_digits=14)
    after_quantity = NumberField(label=_("Quantity after"), max_digits=14)
    after_unit_cost = NumberField(label=_("Cost of one after (kroner or hours)"), max_digits=14)
    stated_before_daily = _money(
        _("Stated cost per day before"),
        required=False,
        help_text=_("As the source gives it, so Helhet can check it against the inputs."),
    )
    stated_after_daily = _money(_("Stated cost per day after"), required=False)
    stated_before_yearly = _money(_("Stated yearly cost before"), required=False)
    stated_after_yearly = _money(_("Stated yearly cost after"), required=False)
    stated_before_per_user = _money(_("Stated cost per user before"), required=False)
    stated_after_per_user = _money(_("Stated cost per user after"), required=False)

    def groups(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [(title, [self[name] for name in names]) for title, names in self.GROUPS]


def calculation_initial(calculation: Calculation | None, benefit: Benefit) -> dict[str, Any]:
    """The saved calculation, or a new one per day over 365 days, counted in what the benefit is
    planned in (hours for an indirect benefit, else kroner)."""
    if calculation is None:
        unit = (
            CalculationUnit.HOURS if benefit.kind == BenefitKind.INDIRECT else CalculationUnit.NOK
        )
        return {"period": CalculationPeriod.DAY, "days_per_year": 365, "unit": unit}
    return {name: getattr(calculation, name) for name in CalculationForm.base_fields}
