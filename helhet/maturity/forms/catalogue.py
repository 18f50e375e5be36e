"""Forms of the service catalogue: a service area and a municipal service."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from helhet.core.forms import StyledForm
from helhet.core.text import max_length_of
from helhet.maturity.models import Service, ServiceArea
from helhet.organization.forms import OrgUnitChoiceField
from helhet.organization.models import Municipality


class ServiceAreaForm(StyledForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    org_unit = OrgUnitChoiceField(
        label=_("Unit in the organisation"),
        required=False,
        empty_label=_("(none)"),
        help_text=_("The service area or department that answers for the services."),
    )
    position = forms.IntegerField(
        label=_("Position in the list"),
        min_value=0,
        initial=0,
        help_text=_("Lower numbers come first."),
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["org_unit"]
        assert isinstance(field, OrgUnitChoiceField)
        field.limit_to(municipality)


class ServiceForm(StyledForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    area = forms.ModelChoiceField(
        label=_("Service area"), queryset=ServiceArea.objects.none(), empty_label=None
    )
    responsible_unit = OrgUnitChoiceField(
        label=_("Responsible unit"), required=False, empty_label=_("(none)")
    )
    description = forms.CharField(
        max_length=max_length_of(Service, "description"),
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    case_system = forms.CharField(
        label=_("Case system"),
        max_length=200,
        required=False,
        help_text=_("Where the applications land, for example Public 360."),
    )
    national_solution = forms.CharField(
        label=_("National solution"),
        max_length=200,
        required=False,
        help_text=_("The national solution the service uses, if any."),
    )
    yearly_volume = forms.IntegerField(
        label=_("Cases per year"),
        min_value=0,
        required=False,
        help_text=_("About how many applications a year, when known."),
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area = self.fields["area"]
        assert isinstance(area, forms.ModelChoiceField)
        area.queryset = ServiceArea.objects.filter(municipality=municipality)
        unit = self.fields["responsible_unit"]
        assert isinstance(unit, OrgUnitChoiceField)
        unit.limit_to(municipality)
