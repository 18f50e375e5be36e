"""The forms of an import of a service maturity table: the upload, then the confirmation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helhet.core.forms import StyledForm
from helhet.core.spreadsheets import XLSX_TYPE
from helhet.portfolio import exchange


class ImportConfirmForm(StyledForm):
    """The date and source of an import (sent again with the confirmation)."""

    assessed_on = forms.DateField(
        label=_("Assessed on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The date the answers describe."),
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=200,
        required=False,
        help_text=_("Where the answers come from, for example a survey or an audit."),
    )

    def clean_assessed_on(self) -> Any:
        value = self.cleaned_data["assessed_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value


class ImportForm(ImportConfirmForm):
    field_order = ["file", "assessed_on", "source"]

    file = forms.FileField(
        label=_("The file (.xlsx or .csv)"),
        help_text=_(
            "Columns Tjenesteområde, Tjeneste, Elektronisk søknad, Elektronisk overføring and "
            "Elektronisk svar. At most 5 MB."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = f".xlsx,.csv,{XLSX_TYPE},text/csv"
        if not self.is_bound:
            self.initial.setdefault("assessed_on", timezone.localdate())

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        try:
            exchange.check_size(upload.size)
            exchange.file_format(upload.name or "")
        except exchange.FileRefused as refused:
            raise forms.ValidationError(refused.message) from refused
        return upload
