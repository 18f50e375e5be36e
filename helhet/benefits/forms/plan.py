"""Forms for the benefits realisation plan: a benefit and an indicator."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from helhet.accounts.models import User
from helhet.accounts.roles import Capability
from helhet.adoption.models import Solution
from helhet.benefits.forms.fields import NumberField, date_field
from helhet.benefits.models import (
    Benefit,
    BenefitKind,
    BenefitStatus,
    Category,
    Dimension,
    Frequency,
    Indicator,
    IndicatorUnit,
)
from helhet.core.forms import StyledForm
from helhet.core.text import max_length_of
from helhet.organization.models import Municipality
from helhet.portfolio.forms import (
    MemberChoiceField,
    MemberMultipleChoiceField,
    members_for,
)


class BenefitForm(StyledForm):
    GROUPS: list[tuple[Any, tuple[str, ...]]] = [
        (_("The benefit"), ("title", "description", "dimension", "category", "kind")),
        (_("Size and date"), ("planned_amount", "due_date")),
        (_("How it is realised"), ("preconditions", "realisation_method")),
        (_("Responsibility in the line"), ("responsible", "owners")),
        (_("Status"), ("status", "abandon_reason")),
    ]

    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        max_length=max_length_of(Benefit, "description"),
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    dimension = forms.ChoiceField(
        label=_("Dimension"),
        choices=Dimension.choices,
        help_text=_("The municipality's dimension for assessing benefits."),
    )
    category = forms.ChoiceField(
        label=_("Category"),
        choices=Category.choices,
        help_text=_("DFØ's classes: efficiency (budget savings), quality, or for other actors."),
    )
    kind = forms.ChoiceField(label=_("Type of benefit"), choices=BenefitKind.choices)
    planned_amount = NumberField(
        label=_("Planned amount a year"),
        required=False,
        max_digits=14,
        decimal_places=2,
        min_value=Decimal(0),
        help_text=_(
            "Kroner a year for a direct benefit, hours a year for an indirect one. Empty for a "
            "qualitative benefit."
        ),
    )
    due_date = date_field(_("To be realised by"), required=False)
    preconditions = forms.CharField(
        max_length=max_length_of(Benefit, "preconditions"),
        label=_("Preconditions"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("What must be in place for the benefit to come."),
    )
    realisation_method = forms.CharField(
        max_length=max_length_of(Benefit, "realisation_method"),
        label=_("How the benefit is taken out"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("E.g. a budget cut, more visits in the same time, better quality."),
    )
    responsible = MemberChoiceField(
        label=_("Responsible line manager"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("No one yet"),
    )
    owners = MemberMultipleChoiceField(
        label=_("Benefits owners"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The people in the units who follow the benefit up and measure it."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=BenefitStatus.choices)
    abandon_reason = forms.CharField(
        max_length=max_length_of(Benefit, "abandon_reason"),
        label=_("Why it was abandoned"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Required when the benefit is abandoned."),
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only those whose role owns benefits, and whoever holds the task now.
        initial = self.initial
        now = [getattr(initial.get("responsible"), "pk", None)]
        now += [user.pk for user in initial.get("owners", [])]
        members = members_for(municipality, Capability.OWN_BENEFITS, keep=now)
        for name in ("responsible", "owners"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = members
        # Checkboxes carry Designsystemet's class on each box, not on the group.
        self.fields["owners"].widget.attrs["class"] = "ds-input"

    def groups(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [(title, [self[name] for name in names]) for title, names in self.GROUPS]


def benefit_initial(benefit: Benefit) -> dict[str, Any]:
    initial: dict[str, Any] = {name: getattr(benefit, name) for name in BenefitForm.base_fields}
    initial["responsible"] = benefit.responsible
    initial["owners"] = list(benefit.owners.all())
    return initial


class IndicatorForm(StyledForm):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("What is measured, e.g. “home visits a day”."),
    )
    unit = forms.ChoiceField(label=_("Unit of measurement"), choices=IndicatorUnit.choices)
    unit_label = forms.CharField(
        label=_("Name of the unit"),
        max_length=40,
        required=False,
        help_text=_("Only for another unit, e.g. “visits a day”."),
    )
    baseline_value = NumberField(label=_("Baseline"))
    baseline_date = date_field(_("Baseline date"), help_text=_("When the baseline was measured."))
    target_value = NumberField(label=_("Target"))
    target_date = date_field(_("Target date"), help_text=_("When the target should be reached."))
    frequency = forms.ChoiceField(label=_("Measurement frequency"), choices=Frequency.choices)
    measures_amount = forms.BooleanField(
        label=_("This indicator measures the benefit's amount"),
        required=False,
        help_text=_(
            "Tick for the one indicator whose progress is the benefit's realised amount: in "
            "kroner for a direct benefit, in hours or FTE for an indirect one."
        ),
    )

    def __init__(self, *args: Any, municipality: Municipality | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if municipality is not None:
            self.fields["solution"] = forms.ModelChoiceField(
                label=_("Depends on the use of"),
                queryset=Solution.objects.filter(municipality=municipality).order_by("name"),
                required=False,
                empty_label=_("No solution"),
                help_text=_(
                    "When the benefit comes only as far as a solution is taken into use (e.g. "
                    "medicine dispensers), the plan shows the solution's adoption beside the "
                    "indicator."
                ),
                widget=forms.Select(attrs={"class": "ds-input"}),
            )


def indicator_initial(indicator: Indicator) -> dict[str, Any]:
    initial = {name: getattr(indicator, name) for name in IndicatorForm.base_fields}
    initial["solution"] = indicator.solution_id
    return initial
