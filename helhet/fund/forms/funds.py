"""The portfolio office's forms for a fund, a new version of its rules (with its criteria) and an
application round."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from helhet.accounts.duties import members_who_may, person_with_role_and_unit
from helhet.accounts.roles import Capability
from helhet.benefits.forms.fields import NumberField
from helhet.core.forms import StyledForm
from helhet.core.text import max_length_of
from helhet.fund.models import Fund, FundCriterion, FundRound, FundRules, GainReturnRule
from helhet.fund.services.funds import FUND_FIELDS, RULES_FIELDS, CriterionLine
from helhet.organization.models import Municipality
from helhet.portfolio.forms.fields import DateInput


class DeciderChoiceField(forms.ModelChoiceField):
    """A person whose role decides fund grants, shown with role and unit beside the name."""

    def label_from_instance(self, obj: Any) -> str:
        return person_with_role_and_unit(obj)


class FundForm(StyledForm):
    name = forms.CharField(label=_("Name"), max_length=max_length_of(Fund, "name"))
    purpose = forms.CharField(
        label=_("Purpose"),
        max_length=max_length_of(Fund, "purpose"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the fund is for, as the decision that set it up says."),
    )
    decision_reference = forms.CharField(
        label=_("Case reference of the decision"),
        max_length=max_length_of(Fund, "decision_reference"),
        required=False,
        help_text=_("E.g. 65/17."),
    )
    decision_date = forms.DateField(label=_("Decided on"), required=False, widget=DateInput())
    decision_body = forms.CharField(
        label=_("Decided by (body)"),
        max_length=max_length_of(Fund, "decision_body"),
        required=False,
        help_text=_("E.g. Bystyret."),
    )
    # The version the person opened: a save from an older one is refused.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    def __init__(self, *args: Any, municipality: Municipality, keep: int | None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["decider"] = DeciderChoiceField(
            label=_("Decides on applications"),
            queryset=members_who_may(municipality, Capability.DECIDE_FUND_GRANTS, keep=[keep]),
            required=False,
            empty_label=_("Any leader (the chief executive's role)"),
            help_text=_(
                "A named person decides every application; without one, any leader decides. "
                "Nobody decides an application they wrote, assessed or whose initiative they "
                "own or lead."
            ),
            widget=forms.Select(attrs={"class": "ds-input"}),
        )


def fund_initial(fund: Fund) -> dict[str, Any]:
    return {**{name: getattr(fund, name) for name in FUND_FIELDS}, "version": fund.version}


class RulesForm(StyledForm):
    """A new version of the rules: everything but the criteria (a formset beside it)."""

    finances_one_off = forms.BooleanField(label=_("One-off activities"), required=False)
    finances_entry_ticket = forms.BooleanField(
        label=_("Entry tickets to national projects"), required=False
    )
    finances_project = forms.BooleanField(label=_("Projects"), required=False)
    min_amount = NumberField(
        label=_("Smallest amount (NOK)"), max_digits=14, decimal_places=2, required=False
    )
    max_amount = NumberField(
        label=_("Largest amount (NOK)"),
        max_digits=14,
        decimal_places=2,
        required=False,
        help_text=_("The ceiling per application, all budget years together."),
    )
    max_share = NumberField(
        label=_("Largest share of the project cost (%)"),
        max_digits=5,
        decimal_places=2,
        required=False,
        help_text=_("E.g. 50: the fund pays at most half of the project's total cost."),
    )
    max_budget_years = forms.IntegerField(
        label=_("At most budget years"), min_value=1, max_value=10
    )
    gain_return = forms.ChoiceField(
        label=_("Gains back to the fund"),
        choices=GainReturnRule.choices,
        widget=forms.RadioSelect,
    )
    gain_return_share = NumberField(
        label=_("Share of realised monetary gains back to the fund (%)"),
        max_digits=5,
        decimal_places=2,
        required=False,
    )
    gain_return_years = forms.IntegerField(
        label=_("For how many years after the grant"), min_value=0, max_value=30, required=False
    )
    analysis_years = forms.IntegerField(
        label=_("Analysis period (years)"),
        min_value=1,
        max_value=40,
        help_text=_("The years the economic analysis of an application covers; usually 10."),
    )
    discount_rate = NumberField(
        label=_("Real discount rate (%)"),
        max_digits=5,
        decimal_places=2,
        help_text=_("DFØ's guidance uses 4 %."),
    )
    note = forms.CharField(
        label=_("What changed, and why"),
        max_length=max_length_of(FundRules, "note"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("gain_return_share") is None:
            cleaned["gain_return_share"] = 0
        if cleaned.get("gain_return_years") is None:
            cleaned["gain_return_years"] = 0
        return cleaned

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in RULES_FIELDS}


def rules_initial(rules: FundRules | None) -> dict[str, Any]:
    if rules is None:
        return {
            "finances_one_off": True,
            "finances_entry_ticket": True,
            "finances_project": True,
            "max_budget_years": 3,
            "gain_return": GainReturnRule.NONE,
            "analysis_years": 10,
            "discount_rate": FundRules._meta.get_field("discount_rate").default,
        }
    return {name: getattr(rules, name) for name in RULES_FIELDS}


class CriterionForm(StyledForm):
    name = forms.CharField(
        label=_("Criterion"), max_length=max_length_of(FundCriterion, "name"), required=False
    )
    weight = forms.IntegerField(label=_("Weight"), min_value=1, max_value=100, required=False)
    description = forms.CharField(
        label=_("What it means"),
        max_length=max_length_of(FundCriterion, "description"),
        required=False,
    )


class BaseCriterionFormSet(forms.BaseFormSet):
    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        # Every row is read, also one prefilled from the current version and left as it was
        # (Django skips an unchanged extra row): its fields are all optional anyway.
        return {"empty_permitted": False}

    def lines(self) -> list[CriterionLine]:
        """The criteria written, in order; a row without a name is left out."""
        return [
            CriterionLine(
                name=form.cleaned_data["name"],
                weight=form.cleaned_data.get("weight") or 1,
                description=form.cleaned_data.get("description") or "",
            )
            for form in self.forms
            if form.cleaned_data.get("name", "").strip()
        ]


CriterionFormSet: type[BaseCriterionFormSet] = forms.formset_factory(  # type: ignore[assignment]
    CriterionForm, formset=BaseCriterionFormSet, extra=2, max_num=30, validate_max=True
)


def criteria_initial(rules: FundRules | None) -> list[dict[str, Any]]:
    if rules is None:
        return []
    return [
        {"name": c.name, "weight": c.weight, "description": c.description}
        for c in rules.criteria.all()
    ]


class RoundForm(StyledForm):
    name = forms.CharField(
        label=_("Name"),
        max_length=max_length_of(FundRound, "name"),
        help_text=_("E.g. Søknadsrunde høsten 2026."),
    )
    opens_on = forms.DateField(label=_("Opens"), required=False, widget=DateInput())
    deadline = forms.DateField(label=_("Deadline"), widget=DateInput())
    # The version the person opened: a save from an older one is refused.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)
