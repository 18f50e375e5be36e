"""Forms for a project's board, risk register and log. The services check everything again; the
forms give the person their errors beside the fields."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helhet.accounts.models import User
from helhet.core.forms import StyledForm
from helhet.organization.models import Municipality
from helhet.projects.models import BoardRole, LogKind, LogStatus, RiskKind, RiskStatus

SCALE_ERROR = _("Enter a whole number from 1 to 5.")


def members_of(municipality: Municipality) -> QuerySet[User]:
    return (
        User.objects.filter(memberships__municipality=municipality)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def _scale_field(label: Any, help_text: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=1,
        max_value=5,
        help_text=help_text,
        error_messages={
            "invalid": SCALE_ERROR,
            "min_value": SCALE_ERROR,
            "max_value": SCALE_ERROR,
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class BoardMemberForm(StyledForm):
    person = forms.ModelChoiceField(label=_("Person"), queryset=User.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=BoardRole.choices)
    note = forms.CharField(
        label=_("Responsibility"),
        max_length=300,
        required=False,
        help_text=_("What the person is responsible for in the project, if more than the role."),
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person = self.fields["person"]
        assert isinstance(person, forms.ModelChoiceField)
        person.queryset = members_of(municipality)


class BoardMemberEditForm(StyledForm):
    role = forms.ChoiceField(label=_("Role"), choices=BoardRole.choices)
    note = forms.CharField(label=_("Responsibility"), max_length=300, required=False)


class RiskForm(StyledForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=RiskKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What may happen, and what it would lead to."),
    )
    probability = _scale_field(_("Probability (1–5)"), _("1 is very unlikely, 5 is very likely."))
    consequence = _scale_field(
        _("Consequence (1–5)"), _("1 is a very small consequence, 5 a very large one.")
    )
    owner = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("The person who follows the uncertainty up."),
    )
    measures = forms.CharField(
        label=_("Measures"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What is done to reduce the risk, or to make the most of the opportunity."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=RiskStatus.choices)

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = members_of(municipality)


class LogEntryForm(StyledForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=LogKind.choices)
    occurred_on = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    consequence = forms.CharField(
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


class LessonForm(StyledForm):
    lesson = forms.CharField(
        label=_("The lesson"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "What others in the municipality can learn from this: what worked, what did not, "
            "and what to do next time."
        ),
        error_messages={"required": _("Write what the lesson is.")},
    )
