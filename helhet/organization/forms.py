from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from helhet.core.forms import StyledForm
from helhet.organization.models import Municipality, OrgUnit, UnitKind


class OrgUnitForm(StyledForm):
    name = forms.CharField(label=_("Name"), max_length=150)
    kind = forms.ChoiceField(label=_("Kind"), choices=UnitKind.choices)
    parent = forms.ModelChoiceField(
        label=_("Part of"),
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label=_("(top level – only for a service area)"),
    )
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["parent"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = OrgUnit.objects.for_municipality(municipality).order_by("kind", "name")


class MunicipalityForm(StyledForm):
    name = forms.CharField(label=_("Name"), max_length=100)
    org_number = forms.CharField(
        label=_("Organisation number"), max_length=9, help_text=_("Nine digits.")
    )
