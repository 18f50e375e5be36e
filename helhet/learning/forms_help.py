"""The forms of help across departments and of the portfolio office's verdict on an overlap."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from helhet.core.forms import StyledForm
from helhet.core.text import max_length_of
from helhet.learning.helping import helping_units
from helhet.learning.models import HelpKind, HelpRequest, Overlap, OverlapVerdict
from helhet.organization.forms import OrgUnitChoiceField
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative


class HelpRequestForm(StyledForm):
    from_unit = OrgUnitChoiceField(
        label=_("The unit that asks"),
        error_messages={"required": _("Choose the unit that asks.")},
    )
    to_unit = OrgUnitChoiceField(
        label=_("Ask the department"),
        help_text=_(
            "E.g. Innovasjon og digitalisering for project method, implementation or data and "
            "analysis."
        ),
        error_messages={"required": _("Choose the department you ask.")},
    )
    kind = forms.ChoiceField(label=_("Help with"), choices=HelpKind.choices)
    title = forms.CharField(
        label=_("Title"),
        max_length=max_length_of(HelpRequest, "title"),
        error_messages={"required": _("Give the request a short title.")},
    )
    description = forms.CharField(
        label=_("What do you need?"),
        max_length=max_length_of(HelpRequest, "description"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("A few sentences: what you are doing, what you need, and by when."),
        error_messages={"required": _("Describe what you need help with, in a few sentences.")},
    )
    initiative = forms.ModelChoiceField(
        label=_("Initiative"),
        queryset=Initiative.objects.none(),
        required=False,
        help_text=_("The initiative the help is for, if any."),
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("from_unit", "to_unit"):
            unit = self.fields[name]
            assert isinstance(unit, OrgUnitChoiceField)
            unit.limit_to(municipality)
        # The departments that offer help, when the municipality has marked any.
        asked = self.fields["to_unit"]
        assert isinstance(asked, OrgUnitChoiceField)
        helping = helping_units(municipality)
        if helping.exists():
            asked.queryset = helping
        initiative = self.fields["initiative"]
        assert isinstance(initiative, forms.ModelChoiceField)
        initiative.queryset = Initiative.objects.filter(municipality=municipality).order_by("name")


class HelpAnswerForm(StyledForm):
    decision = forms.ChoiceField(
        label=_("Answer"),
        choices=[("accept", _("We help")), ("decline", _("We cannot help"))],
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(
        label=_("Plan, or why not"),
        max_length=max_length_of(HelpRequest, "answer"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("If you help: how, and who. If not: why, so the unit can ask elsewhere."),
    )
    planned_for = forms.DateField(
        label=_("We start on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class HelpCloseForm(StyledForm):
    outcome = forms.CharField(
        label=_("What came of it"),
        max_length=max_length_of(HelpRequest, "outcome"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say what came of the help.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class OverlapForm(StyledForm):
    verdict = forms.ChoiceField(
        label=_("Verdict"), choices=OverlapVerdict.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=max_length_of(Overlap, "note"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    first = forms.IntegerField(widget=forms.HiddenInput)
    second = forms.IntegerField(widget=forms.HiddenInput)
