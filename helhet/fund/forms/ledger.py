"""The portfolio office's forms for the fund's ledger: capital given to the fund, a disbursement
of a grant (with its date and voucher), the release of what is unused of a grant, and the
correction of an entry. Grants are committed by decisions, gains by settling them: not here."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from helhet.benefits.forms.fields import NumberField
from helhet.core.forms import StyledForm
from helhet.core.text import max_length_of
from helhet.fund.models import GRANTED_STATUSES, Application, EntryKind, Fund, LedgerEntry
from helhet.portfolio.forms.fields import DateInput

# The kinds a person records by hand on the ledger page.
MANUAL_KINDS = (EntryKind.CAPITAL, EntryKind.DISBURSEMENT, EntryKind.RELEASE)


class GrantChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.initiative.name} ({obj.get_status_display().lower()})"


def granted_applications(fund: Fund) -> QuerySet[Application]:
    return (
        Application.objects.filter(fund=fund, status__in=GRANTED_STATUSES)
        .select_related("initiative")
        .order_by("initiative__name", "pk")
    )


class EntryForm(StyledForm):
    amount = NumberField(label=_("Amount (NOK)"), max_digits=14, decimal_places=2)
    entry_date = forms.DateField(label=_("Date"), widget=DateInput())
    reference = forms.CharField(
        label=_("Case reference"), max_length=max_length_of(LedgerEntry, "reference")
    )
    note = forms.CharField(
        label=_("Note"), max_length=max_length_of(LedgerEntry, "note"), required=False
    )

    def __init__(self, *args: Any, fund: Fund, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if kind == EntryKind.CAPITAL:
            self.fields["reference"].required = False
            self.fields["reference"].help_text = _(
                "The decision that gives the fund the money, e.g. 65/17."
            )
            return
        self.fields["application"] = GrantChoiceField(
            label=_("Grant"),
            queryset=granted_applications(fund),
            empty_label=_("Choose a grant"),
            widget=forms.Select(attrs={"class": "ds-input"}),
        )
        self.fields["budget_year"] = forms.IntegerField(
            label=_("Budget year"),
            min_value=2000,
            max_value=2100,
            required=False,
            widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "ds-input"}),
        )
        if kind == EntryKind.DISBURSEMENT:
            self.fields["reference"].label = _("Voucher reference")
            self.fields["entry_date"].label = _("Paid out on")
        else:
            self.fields["reference"].required = False
        self.order_fields(["application", "amount", "budget_year", "entry_date", "reference"])


class CorrectionForm(StyledForm):
    reason = forms.CharField(
        label=_("Why the entry is corrected"),
        max_length=max_length_of(LedgerEntry, "note"),
        help_text=_("Shown as the note of the correcting entry."),
    )
    entry_date = forms.DateField(label=_("Date"), widget=DateInput())
