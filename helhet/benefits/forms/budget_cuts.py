"""The form for a budget cut."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from helhet.benefits.forms.fields import NumberField
from helhet.benefits.models import (
    BudgetCut,
)
from helhet.core.forms import StyledForm
from helhet.core.text import max_length_of
from helhet.organization.forms import OrgUnitChoiceField
from helhet.organization.models import Municipality


class BudgetCutForm(StyledForm):
    unit = OrgUnitChoiceField(
        label=_("Unit whose budget is cut"),
        empty_label=_("Choose a unit"),
        help_text=_("The unit whose budget frame is reduced."),
    )
    amount = NumberField(
        label=_("Amount a year (NOK)"),
        max_digits=14,
        decimal_places=2,
        help_text=_("Kroner a year taken out of the unit's budget frame."),
    )
    budget_year = forms.IntegerField(
        label=_("From budget year"),
        error_messages={"invalid": _("Enter a year, e.g. 2027.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    comment = forms.CharField(
        max_length=max_length_of(BudgetCut, "comment"),
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, OrgUnitChoiceField)
        field.limit_to(municipality)


def budget_cut_initial(cut: BudgetCut) -> dict[str, Any]:
    return {name: getattr(cut, name) for name in BudgetCutForm.base_fields}
