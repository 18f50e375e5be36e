"""The form of the maturity settings (the public maturity page)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from helhet.core.forms import StyledForm


class MaturitySettingsForm(StyledForm):
    public_page = forms.BooleanField(
        label=_("Show the services' maturity on a public page"),
        required=False,
        help_text=_(
            "Anyone, without logging in, sees each service's answers at the three levels and "
            "the counts per service area. Comments, planned steps and people are not shown."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["public_page"].widget.attrs["aria-describedby"] = "id_public_page_helptext"
