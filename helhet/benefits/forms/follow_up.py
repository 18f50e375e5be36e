"""Follow-up in the line: a measurement and a benefit's status."""

from __future__ import annotations

from typing import Any

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from helhet.benefits.forms.fields import NumberField, date_field
from helhet.benefits.models import (
    Benefit,
    BenefitStatus,
    Indicator,
    Measurement,
)
from helhet.core.forms import StyledForm
from helhet.core.text import max_length_of
from helhet.documents import uploads


class MeasurementForm(StyledForm):
    measured_on = date_field(_("Measured on"), help_text=_("The day the value was measured."))
    value = NumberField(label=_("Value"))
    comment = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=max_length_of(Measurement, "comment"),
        help_text=_("What the value rests on, or what explains it."),
    )
    evidence = forms.FileField(
        label=_("Evidence"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ",".join(uploads.ACCEPTED_EXTENSIONS)}),
    )

    def __init__(self, *args: Any, indicator: Indicator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        value = self.fields["value"]
        unit = indicator.unit_display
        value.label = _("Value (%(unit)s)") % {"unit": unit} if unit else _("Value")
        value.help_text = _("The baseline is %(baseline)s, the target %(target)s.") % {
            "baseline": indicator.baseline_text,
            "target": indicator.target_text,
        }
        self.fields["evidence"].help_text = _(
            "PDF, DOCX, XLSX, PPTX, ODT, PNG or JPEG, at most %(limit)s."
        ) % {"limit": filesizeformat(uploads.max_bytes())}


class BenefitStatusForm(StyledForm):
    status = forms.ChoiceField(label=_("Status"), choices=BenefitStatus.choices)
    abandon_reason = forms.CharField(
        max_length=max_length_of(Benefit, "abandon_reason"),
        label=_("Why it was abandoned"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required when the benefit is abandoned."),
    )
