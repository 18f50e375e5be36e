"""The person's choice of e-mail per kind of notification."""

from __future__ import annotations

from typing import Any

from django import forms

from helhet.core.forms import StyledForm
from helhet.notifications.models import Delivery, Kind


class PreferencesForm(StyledForm):
    """One choice per kind: e-mail at once, in the daily digest, or none."""

    def __init__(self, *args: Any, deliveries: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                initial=deliveries[kind.value],
                widget=forms.RadioSelect(attrs={"class": "ds-input"}),
            )
