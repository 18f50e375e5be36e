"""A status report on an initiative."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from helhet.core.forms import StyledForm
from helhet.core.text import max_length_of
from helhet.portfolio.models import RATED_ASPECTS, Rating, StatusReport


class StatusReportForm(StyledForm):
    """The period the report covers, a rating with a comment for each of the five aspects (the
    comment required when the rating is red), and an overall summary."""

    ASPECT_LABELS = {
        "progress": _("Progress"),
        "economy": _("Economy"),
        "quality": _("Quality"),
        "risk": _("Risk"),
        "benefits": _("Benefits"),
    }

    period_start = forms.DateField(
        label=_("Period from"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Write the date the period begins.")},
    )
    period_end = forms.DateField(
        label=_("Period to"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Write the date the period ends.")},
    )
    summary = forms.CharField(
        max_length=max_length_of(StatusReport, "summary"),
        label=_("Overall summary"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Where the initiative stands, and what the leaders should know."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for aspect in RATED_ASPECTS:
            label = self.ASPECT_LABELS[aspect]
            self.fields[aspect] = forms.ChoiceField(
                label=label,
                choices=Rating.choices,
                widget=forms.RadioSelect(attrs={"class": "ds-input"}),
            )
            self.fields[f"{aspect}_comment"] = forms.CharField(
                max_length=max_length_of(StatusReport, f"{aspect}_comment"),
                label=_("Comment"),
                widget=forms.Textarea(attrs={"rows": 2, "class": "ds-input"}),
                required=False,
                help_text=_("Required when the rating is red: why, and what is being done."),
            )
        # The summary last, after the five aspects.
        self.fields["summary"] = self.fields.pop("summary")

    def aspects(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[aspect], self[f"{aspect}_comment"]) for aspect in RATED_ASPECTS]

    def ratings(self) -> dict[str, str]:
        return {aspect: self.cleaned_data[aspect] for aspect in RATED_ASPECTS}

    def comments(self) -> dict[str, str]:
        return {aspect: self.cleaned_data[f"{aspect}_comment"].strip() for aspect in RATED_ASPECTS}
