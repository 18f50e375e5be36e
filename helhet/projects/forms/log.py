"""Forms for a project's log: an entry. (What an entry teaches is written in the lessons
register: ``helhet.learning.forms.LogLessonForm``.)"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helhet.core.forms import StyledForm
from helhet.core.text import max_length_of
from helhet.projects.models import LogEntry, LogKind, LogStatus


class LogEntryForm(StyledForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=LogKind.choices)
    occurred_on = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        max_length=max_length_of(LogEntry, "description"),
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    consequence = forms.CharField(
        max_length=max_length_of(LogEntry, "consequence"),
        label=_("Consequence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Only for change requests and deviations: what it means for cost, time, quality "
            "or benefits."
        ),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("No status")), *LogStatus.choices],
        help_text=_(
            "Only for change requests (open, approved, rejected, closed) and deviations (open, "
            "closed). A new one is open."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("occurred_on", timezone.localdate())
        super().__init__(*args, **kwargs)
