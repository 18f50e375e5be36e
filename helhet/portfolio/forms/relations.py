"""Relations between initiatives, and links to documents elsewhere."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from helhet.core.forms import StyledForm
from helhet.portfolio.models import Initiative, RelationKind


class InitiativeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.get_kind_display()})"


class RelationForm(StyledForm):
    kind = forms.ChoiceField(label=_("This initiative …"), choices=RelationKind.choices)
    target = InitiativeChoiceField(
        label=_("… the initiative"),
        queryset=Initiative.objects.none(),
        empty_label=_("Choose an initiative"),
    )

    def __init__(self, *args: Any, initiative: Initiative, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        target = self.fields["target"]
        assert isinstance(target, forms.ModelChoiceField)
        target.queryset = (
            Initiative.objects.filter(municipality_id=initiative.municipality_id)
            .exclude(pk=initiative.pk)
            .order_by("name")
        )


class LinkForm(StyledForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    url = forms.URLField(
        label=_("Address"),
        max_length=500,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("A web address that starts with https:// or http://."),
    )
