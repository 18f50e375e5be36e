"""The maturity overview's form: the date, and two assessment dates to compare."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from helhet.core.forms import StyledForm
from helhet.maturity.forms.widgets import DateInput


def _date_choices(dates: list[date]) -> list[tuple[str, str]]:
    return [(day.isoformat(), formats.date_format(day, "DATE_FORMAT")) for day in dates]


class OverviewForm(StyledForm):
    """The overview's date ("as of") and the two assessment dates to compare (chosen among the
    dates that exist)."""

    on = forms.DateField(label=_("As of"), required=False, widget=DateInput())
    first = forms.TypedChoiceField(
        label=_("Compare"), required=False, coerce=date.fromisoformat, empty_value=None
    )
    second = forms.TypedChoiceField(
        label=_("with"), required=False, coerce=date.fromisoformat, empty_value=None
    )

    def __init__(self, *args: Any, dates: list[date], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        oldest_first = sorted(dates)
        for name in ("first", "second"):
            field = self.fields[name]
            assert isinstance(field, forms.TypedChoiceField)
            field.choices = _date_choices(oldest_first)
