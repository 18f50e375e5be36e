"""Forms for a step of the scale-up plan and a unit's follow-up action."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from helhet.adoption.models import ActionKind, FollowUpAction, ScaleUpStep, StepKind
from helhet.core.forms import StyledForm
from helhet.core.text import max_length_of
from helhet.organization.forms import OrgUnitChoiceField
from helhet.organization.models import Municipality
from helhet.portfolio.forms.fields import DateInput, MemberChoiceField, date_field, members_for


def _responsible(municipality: Municipality, keep: int | None) -> MemberChoiceField:
    return MemberChoiceField(
        label=_("Responsible"),
        queryset=members_for(municipality, keep=[keep]),
        required=False,
        widget=forms.Select(attrs={"class": "ds-input"}),
    )


class StepForm(StyledForm):
    kind = forms.ChoiceField(label=_("Step"), choices=StepKind.choices)
    unit = OrgUnitChoiceField(
        label=_("Unit"),
        required=False,
        empty_label=_("All units (the whole solution)"),
    )
    starts_on = forms.DateField(label=_("From"), widget=DateInput())
    ends_on = forms.DateField(label=_("To"), widget=DateInput())
    description = forms.CharField(
        label=_("What is to be done"),
        max_length=max_length_of(ScaleUpStep, "description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    done_on = date_field(_("Done on"))

    def __init__(self, *args: Any, municipality: Municipality, keep: int | None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, OrgUnitChoiceField)
        unit_field.limit_to(municipality)
        self.fields["responsible"] = _responsible(municipality, keep)
        self.order_fields(["kind", "unit", "starts_on", "ends_on", "responsible"])


class ActionForm(StyledForm):
    kind = forms.ChoiceField(label=_("Action"), choices=ActionKind.choices)
    description = forms.CharField(
        label=_("Description"),
        max_length=max_length_of(FollowUpAction, "description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. which user lists were gone through, or who the champion is."),
    )
    planned_on = forms.DateField(label=_("Planned for"), widget=DateInput())
    done_on = date_field(_("Done on"))

    def __init__(self, *args: Any, municipality: Municipality, keep: int | None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["responsible"] = _responsible(municipality, keep)
        self.order_fields(["kind", "description", "responsible", "planned_on", "done_on"])
