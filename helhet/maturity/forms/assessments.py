"""The form for recording a municipal service's maturity at a date."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helhet.core.forms import StyledForm
from helhet.core.text import max_length_of
from helhet.maturity.models import Answer, Assessment

# What a person may answer: "not classified" is only for imported text.
PERSON_ANSWER_CHOICES = [
    (value, label) for value, label in Answer.choices if value != Answer.UNCLASSIFIED
]


class AssessmentForm(StyledForm):
    """The date, and for each of the three levels an answer and a comment."""

    LEVELS = (
        (
            "application",
            _("1. Electronic application"),
            _("A self-service form on the web. A PDF to download and print does not count."),
        ),
        (
            "transfer",
            _("2. Electronic transfer to the case system"),
            _("The application's data reach the case system without anyone typing them in again."),
        ),
        (
            "answer",
            _("3. Electronic answer"),
            _("The citizen gets the answer electronically (for example in the digital mailbox)."),
        ),
    )

    assessed_on = forms.DateField(
        label=_("Assessed on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("An assessment of the same date as an earlier one replaces it."),
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=200,
        required=False,
        help_text=_("Where the answers come from, for example a survey or an audit."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and "assessed_on" not in self.initial:
            self.initial["assessed_on"] = timezone.localdate()
        for name, label, help_text in self.LEVELS:
            self.fields[name] = forms.ChoiceField(
                label=label,
                help_text=help_text,
                choices=PERSON_ANSWER_CHOICES,
                widget=forms.RadioSelect(attrs={"class": "ds-input"}),
                error_messages={"required": _("Choose yes, no, unsure or partly.")},
            )
            self.fields[f"{name}_comment"] = forms.CharField(
                max_length=max_length_of(Assessment, f"{name}_comment"),
                label=_("Comment"),
                widget=forms.Textarea(attrs={"rows": 2, "class": "ds-input"}),
                required=False,
            )
        self.fields["source"] = self.fields.pop("source")

    def levels(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[name], self[f"{name}_comment"]) for name, _label, _help in self.LEVELS]

    def clean_assessed_on(self) -> Any:
        value = self.cleaned_data["assessed_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value


def assessment_initial(assessment: Assessment | None) -> dict[str, Any]:
    """The form's starting values from an earlier assessment (its answers and comments; an
    answer not yet classified is left for the person to choose)."""
    if assessment is None:
        return {}
    initial: dict[str, Any] = {"source": assessment.source}
    for _level, field, comment in Assessment.LEVEL_FIELDS:
        value = getattr(assessment, field)
        if value != Answer.UNCLASSIFIED:
            initial[field] = value
        initial[comment] = getattr(assessment, comment)
    return initial
