"""The portfolio office's forms for one year's gain due back to the fund: confirm what came back,
or waive it with a reason."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from helhet.benefits.forms.fields import NumberField
from helhet.core.forms import StyledForm
from helhet.core.text import max_length_of
from helhet.fund.models import GainReturn, LedgerEntry
from helhet.portfolio.forms.fields import DateInput


class GainReturnForm(StyledForm):
    """What came back to the fund for a year: the amount (what is due, unless less came back),
    the date it was booked and the voucher, and why the rest is waived when less came back."""

    amount = NumberField(
        label=_("Amount returned (NOK)"),
        max_digits=14,
        decimal_places=2,
        help_text=_("What is due, unless less came back."),
    )
    entry_date = forms.DateField(label=_("Booked on"), widget=DateInput())
    reference = forms.CharField(
        label=_("Voucher reference"),
        max_length=max_length_of(LedgerEntry, "reference"),
        required=False,
    )
    reason = forms.CharField(
        label=_("Why less came back"),
        max_length=max_length_of(GainReturn, "reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Only when less than is due came back: the rest is waived."),
    )


class GainWaiveForm(StyledForm):
    """Why a year's gain is not returned (e.g. it was quality, not money)."""

    reason = forms.CharField(
        label=_("Why the gain is waived"),
        max_length=max_length_of(GainReturn, "reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
