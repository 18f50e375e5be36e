"""The municipality's strategic goals."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from helhet.core.forms import StyledForm
from helhet.core.text import max_length_of
from helhet.organization.models import Municipality
from helhet.portfolio.forms.fields import GoalChoiceField
from helhet.portfolio.models import GoalKind, GoalLevel, StrategicGoal


class GoalForm(StyledForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    parent = GoalChoiceField(
        label=_("Part of"),
        queryset=StrategicGoal.objects.none(),
        required=False,
        empty_label=_("(top level)"),
    )
    level = forms.ChoiceField(label=_("Level"), choices=GoalLevel.choices)
    kind = forms.ChoiceField(label=_("Kind"), choices=GoalKind.choices)
    description = forms.CharField(
        max_length=max_length_of(StrategicGoal, "description"),
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    position = forms.IntegerField(
        label=_("Position"),
        min_value=0,
        max_value=10000,
        initial=0,
        help_text=_("Goals with a lower number come first among their siblings."),
    )

    def __init__(
        self,
        *args: Any,
        municipality: Municipality,
        goal: StrategicGoal | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        parents = StrategicGoal.objects.filter(municipality=municipality)
        if goal is not None:
            parents = parents.exclude(pk=goal.pk)
        parent = self.fields["parent"]
        assert isinstance(parent, forms.ModelChoiceField)
        parent.queryset = parents
