"""The form for a risk or an opportunity in a project's register."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from helhet.accounts.models import User
from helhet.core.forms import StyledForm
from helhet.core.text import max_length_of
from helhet.organization.models import Municipality
from helhet.portfolio.forms import MemberChoiceField, members_for
from helhet.projects.models import Risk, RiskKind, RiskStatus

SCALE_ERROR = _("Enter a whole number from 1 to 5.")


def _scale_field(label: Any, help_text: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=1,
        max_value=5,
        help_text=help_text,
        error_messages={
            "invalid": SCALE_ERROR,
            "min_value": SCALE_ERROR,
            "max_value": SCALE_ERROR,
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class RiskForm(StyledForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=RiskKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        max_length=max_length_of(Risk, "description"),
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What may happen, and what it would lead to."),
    )
    probability = _scale_field(_("Probability (1–5)"), _("1 is very unlikely, 5 is very likely."))
    consequence = _scale_field(
        _("Consequence (1–5)"), _("1 is a very small consequence, 5 a very large one.")
    )
    owner = MemberChoiceField(
        label=_("Owner"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("The person who follows the uncertainty up."),
    )
    measures = forms.CharField(
        max_length=max_length_of(Risk, "measures"),
        label=_("Measures"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What is done to reduce the risk, or to make the most of the opportunity."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=RiskStatus.choices)

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = members_for(municipality)
