"""Forms for a project's method: choosing it, asking for a decision, deciding."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from helhet.accounts.roles import Capability
from helhet.core.forms import StyledForm
from helhet.core.text import max_length_of
from helhet.methodology.models import (
    APPROVING_OUTCOMES,
    CriterionAnswer,
    Decision,
    DecisionOutcome,
    DecisionRequest,
    Level,
    MethodVersion,
    Phase,
)
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.forms import MemberChoiceField, members_for


class ChooseMethodForm(StyledForm):
    """A current version of one of the municipality's methods and one of its levels. The level
    list holds only the chosen method's levels: a level of another method, sent after switching
    method without showing the new method's levels, is replaced by the level suggested in the
    new method and the form asks to check it."""

    version = forms.TypedChoiceField(label=_("Method"), coerce=int)
    level = forms.TypedChoiceField(
        label=_("Level"),
        coerce=int,
        help_text=_("The level suggested for the project in the method you chose is chosen."),
        error_messages={"required": _("Choose a level of the method you chose.")},
    )

    risk = forms.TypedChoiceField(
        label=_("Overall risk"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[
            ("", _("Not assessed")),
            (1, _("1 – very low")),
            (2, _("2 – low")),
            (3, _("3 – moderate")),
            (4, _("4 – high")),
            (5, _("5 – very high")),
        ],
        help_text=_("Your judgement of the project's overall risk; it counts in the level."),
    )

    def __init__(
        self,
        *args: Any,
        versions: list[MethodVersion],
        suggested_levels: dict[int, Level | None],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        # One text field per criterion of each method; only the chosen method's count.
        self.criterion_groups: list[tuple[MethodVersion, list[str]]] = []
        for version in versions:
            names = []
            for criterion in version.criteria.all():
                name = f"criterion_{criterion.pk}"
                self.fields[name] = forms.CharField(
                    max_length=max_length_of(CriterionAnswer, "explanation"),
                    label=criterion.name,
                    help_text=criterion.description,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2, "class": "ds-input"}),
                )
                names.append(name)
            if names:
                self.criterion_groups.append((version, names))
        self.versions = {version.pk: version for version in versions}
        version_field = self.fields["version"]
        assert isinstance(version_field, forms.ChoiceField)
        version_field.choices = [(version.pk, version.method.name) for version in versions]
        self.chosen_version = self._chosen_version()
        levels = list(self.chosen_version.levels.all()) if self.chosen_version else []
        self.levels = {level.pk: level for level in levels}
        level_field = self.fields["level"]
        assert isinstance(level_field, forms.ChoiceField)
        level_field.choices = [("", _("Choose a level")), *((lv.pk, lv.name) for lv in levels)]
        self.level_replaced: Level | None = None
        suggested = suggested_levels.get(self.chosen_version.pk) if self.chosen_version else None
        if self.is_bound and self.data.get("level") not in {"", *map(str, self.levels)}:
            # A level of the method chosen before: start from the new method's suggestion.
            data = {name: self.data.get(name) for name in self.data}
            self.data = {**data, "level": str(suggested.pk) if suggested else ""}
            self.level_replaced = suggested

    def _chosen_version(self) -> MethodVersion | None:
        """The version the form is filled in for: the one sent, else the initial one."""
        chosen = self.data.get("version") if self.is_bound else self.initial.get("version")
        try:
            found = self.versions.get(int(chosen))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            found = None
        return found or next(iter(self.versions.values()), None)

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        if self.chosen_version is not None and self.level_replaced is not None:
            self.add_error(
                "level",
                _(
                    "The level you had chosen belongs to another method. The level suggested "
                    "in %(method)s is chosen now: check it and choose the method again."
                )
                % {"method": self.chosen_version.method.name},
            )
        return cleaned

    def clean_version(self) -> MethodVersion:
        return self.versions[self.cleaned_data["version"]]

    def clean_level(self) -> Level:
        level = self.levels.get(self.cleaned_data["level"])
        if level is None:
            raise ValidationError(_("Choose a level of the method you chose."))
        return level

    def criteria_for(self, version: MethodVersion) -> dict[int, str]:
        """What the form says about each of ``version``'s criteria, by the criterion's id."""
        return {
            criterion.pk: self.cleaned_data.get(f"criterion_{criterion.pk}", "")
            for criterion in version.criteria.all()
        }

    def criterion_fieldsets(self) -> list[tuple[MethodVersion, list[forms.BoundField]]]:
        return [
            (version, [self[name] for name in names]) for version, names in self.criterion_groups
        ]


class DecisionRequestForm(StyledForm):
    note = forms.CharField(
        max_length=max_length_of(DecisionRequest, "note"),
        label=_("Note to the decision maker"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class DecisionForm(StyledForm):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=DecisionOutcome.choices,
        widget=forms.RadioSelect(attrs={"class": "ds-input"}),
    )
    comment = forms.CharField(
        max_length=max_length_of(Decision, "comment"),
        label=_("Conditions or comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Required when approving with conditions, sending the project back or stopping it."
        ),
    )

    def __init__(
        self,
        *args: Any,
        municipality: Municipality,
        phases: list[Phase] | None = None,
        operation_gate: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.outcome_field = self.fields["outcome"]
        self.outcome_field.widget.attrs["class"] = "ds-input"
        if phases:
            self.fields["to_phase"] = forms.ModelChoiceField(
                label=_("Phase to move to when approved"),
                queryset=Phase.objects.filter(pk__in=[phase.pk for phase in phases]).order_by(
                    "position"
                ),
                required=False,
                empty_label=_("The next phase"),
                widget=forms.Select(attrs={"class": "ds-input"}),
            )
        if operation_gate:
            self._add_handover_fields(municipality)

    def _add_handover_fields(self, municipality: Municipality) -> None:
        """The gate into operation's four facts. Required when approving (``clean``), not for
        sending back or stopping, so the inputs are marked required instead of made so."""
        select = {"class": "ds-input", "aria-required": "true"}
        self.fields["operations_unit"] = forms.ModelChoiceField(
            label=_("Unit responsible for operation"),
            queryset=OrgUnit.objects.filter(municipality=municipality).order_by("name"),
            required=False,
            widget=forms.Select(attrs=select),
        )
        self.fields["operations_person"] = MemberChoiceField(
            label=_("Person responsible for operation"),
            queryset=members_for(municipality),
            required=False,
            widget=forms.Select(attrs=select),
        )
        self.fields["handover_date"] = forms.DateField(
            label=_("Handover date"),
            required=False,
            widget=forms.DateInput(attrs={"type": "date", **select}),
        )
        self.fields["benefits_owner"] = MemberChoiceField(
            label=_("Benefits owner for the realisation"),
            queryset=members_for(municipality, Capability.OWN_BENEFITS),
            required=False,
            widget=forms.Select(attrs=select),
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("outcome") in APPROVING_OUTCOMES:
            for name, message in HANDOVER_MESSAGES.items():
                if name in self.fields and name not in self.errors and not cleaned.get(name):
                    self.add_error(name, message)
        return cleaned


HANDOVER_MESSAGES = {
    "operations_unit": _("Choose the unit responsible for operation."),
    "operations_person": _("Choose the person responsible for operation."),
    "handover_date": _("Write the handover date."),
    "benefits_owner": _("Choose the benefits owner for the realisation."),
}
