"""Forms for a project's method: choosing it, asking for a decision, deciding."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from helhet.accounts.models import User
from helhet.core.forms import StyledForm
from helhet.methodology.models import (
    ChecklistSource,
    Decider,
    DecisionOutcome,
    DocumentType,
    Level,
    Method,
    MethodVersion,
    Phase,
)
from helhet.organization.models import Municipality, OrgUnit


class ChooseMethodForm(StyledForm):
    """A current version of one of the municipality's methods and one of its levels (grouped by
    method; the service refuses a level of another method)."""

    version = forms.TypedChoiceField(label=_("Method"), coerce=int)
    level = forms.TypedChoiceField(
        label=_("Level"),
        coerce=int,
        help_text=_("Choose a level of the method you chose."),
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

    def __init__(self, *args: Any, versions: list[MethodVersion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # One text field per criterion of each method; only the chosen method's count.
        self.criterion_groups: list[tuple[MethodVersion, list[str]]] = []
        for version in versions:
            names = []
            for criterion in version.criteria.all():
                name = f"criterion_{criterion.pk}"
                self.fields[name] = forms.CharField(
                    label=criterion.name,
                    help_text=criterion.description,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2, "class": "ds-input"}),
                )
                names.append(name)
            if names:
                self.criterion_groups.append((version, names))
        self.versions = {version.pk: version for version in versions}
        self.levels = {level.pk: level for version in versions for level in version.levels.all()}
        version_field = self.fields["version"]
        assert isinstance(version_field, forms.ChoiceField)
        version_field.choices = [(version.pk, version.method.name) for version in versions]
        level_field = self.fields["level"]
        assert isinstance(level_field, forms.ChoiceField)
        level_field.choices = [
            (version.method.name, [(level.pk, level.name) for level in version.levels.all()])
            for version in versions
        ]

    def clean_version(self) -> MethodVersion:
        return self.versions[self.cleaned_data["version"]]

    def clean_level(self) -> Level:
        return self.levels[self.cleaned_data["level"]]

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
        label=_("Conditions or comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when approving with conditions or stopping the project."),
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
            members = User.objects.filter(memberships__municipality=municipality).order_by(
                "first_name", "last_name", "username"
            )
            self.fields["operations_unit"] = forms.ModelChoiceField(
                label=_("Unit responsible for operation"),
                queryset=OrgUnit.objects.filter(municipality=municipality).order_by("name"),
                required=False,
                widget=forms.Select(attrs={"class": "ds-input"}),
            )
            self.fields["operations_person"] = forms.ModelChoiceField(
                label=_("Person responsible for operation"),
                queryset=members,
                required=False,
                widget=forms.Select(attrs={"class": "ds-input"}),
            )
            self.fields["handover_date"] = forms.DateField(
                label=_("Handover date"),
                required=False,
                widget=forms.DateInput(attrs={"type": "date", "class": "ds-input"}),
            )
            self.fields["benefits_owner"] = forms.ModelChoiceField(
                label=_("Benefits owner for the realisation"),
                queryset=members,
                required=False,
                widget=forms.Select(attrs={"class": "ds-input"}),
            )


# --- Editing methods (see editing.py) ----------------------------------------------------------


def _members(municipality: Municipality) -> models.QuerySet[User]:
    return User.objects.filter(memberships__municipality=municipality).order_by(
        "first_name", "last_name", "username"
    )


class MethodForm(StyledForm):
    """The method's name, description, course and origin (not versioned)."""

    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    is_linear = forms.BooleanField(
        label=_("Linear: the project goes through the phases in order"),
        required=False,
        help_text=_("Leave unticked for a method where the project may move back and forth."),
    )
    origin = forms.CharField(
        label=_("Origin"),
        max_length=200,
        required=False,
        help_text=_("Where the method comes from, such as Digdir or KS."),
    )


class MethodCreateForm(MethodForm):
    """A new method, built from scratch or as a copy of one of the municipality's methods."""

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["copy_from"] = forms.ModelChoiceField(
            label=_("Start from a copy of"),
            queryset=Method.objects.filter(municipality=municipality).order_by("name"),
            required=False,
            empty_label=_("Nothing: one level and one phase to build on"),
            help_text=_("The copy gets the current version's levels, phases and checklists."),
            widget=forms.Select(attrs={"class": "ds-input"}),
        )


class LevelForm(StyledForm):
    code = forms.SlugField(
        label=_("Code"),
        max_length=30,
        help_text=_("A short name without spaces, such as liten."),
    )
    name = forms.CharField(label=_("Name"), max_length=100)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the level asks of a project, and what its limits rest on."),
    )
    max_cost = forms.DecimalField(
        label=_("Highest cost (NOK)"),
        required=False,
        min_value=Decimal(0),
        max_digits=14,
        decimal_places=2,
        help_text=_("Leave empty for no limit."),
    )
    max_duration_months = forms.IntegerField(
        label=_("Longest duration (months)"),
        required=False,
        min_value=0,
        help_text=_("Leave empty for no limit."),
    )
    max_risk = forms.IntegerField(
        label=_("Highest risk (1–5)"),
        required=False,
        min_value=1,
        max_value=5,
        help_text=_("Leave empty for no limit."),
    )


class PhaseForm(StyledForm):
    """A phase and the decision point that ends it."""

    name = forms.CharField(label=_("Name of the phase"), max_length=200)
    description = forms.CharField(
        label=_("Description of the phase"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    is_operation_gate = forms.BooleanField(
        label=_("The decision at the end of this phase is the gate into operation"),
        required=False,
        help_text=_(
            "The decision then needs an operations owner, a handover date and a benefits owner."
        ),
    )
    decision_code = forms.CharField(
        label=_("Code of the decision point"), max_length=20, help_text=_("Such as BP2.")
    )
    decision_name = forms.CharField(label=_("Name of the decision point"), max_length=200)
    decider = forms.ChoiceField(label=_("Decided by"), choices=Decider.choices)
    decider_title = forms.CharField(
        label=_("Title of the decider"),
        max_length=100,
        required=False,
        help_text=_("As the municipality says it, such as Smartby-sjefen."),
    )
    decision_description = forms.CharField(
        label=_("What the decision point decides"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decider_person"] = forms.ModelChoiceField(
            label=_("Deciding person"),
            queryset=_members(municipality),
            required=False,
            help_text=_("Required when a named person decides."),
            widget=forms.Select(attrs={"class": "ds-input"}),
        )
        # Show the person right after who decides.
        self.order_fields(
            [
                "name",
                "description",
                "is_operation_gate",
                "decision_code",
                "decision_name",
                "decider",
                "decider_person",
                "decider_title",
                "decision_description",
            ]
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decider") == Decider.PERSON and not data.get("decider_person"):
            self.add_error("decider_person", _("Name the person who decides."))
        return data


class _LevelsForm(StyledForm):
    """A form with the version's levels to tick."""

    def __init__(self, *args: Any, levels: list[Level], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["levels"] = forms.ModelMultipleChoiceField(
            label=_("Required at the levels"),
            queryset=Level.objects.filter(pk__in=[level.pk for level in levels]).order_by(
                "position"
            ),
            required=False,
            widget=forms.CheckboxSelectMultiple(attrs={"class": "ds-input"}),
            help_text=_("Projects at the levels ticked must meet it."),
        )

    def clean_levels(self) -> list[Level]:
        return list(self.cleaned_data["levels"])


class ChecklistItemForm(_LevelsForm):
    text = forms.CharField(label=_("Checkpoint"), widget=forms.Textarea(attrs={"rows": 3}))
    source = forms.ChoiceField(
        label=_("Source"), choices=ChecklistSource.choices, initial=ChecklistSource.OWN
    )


class DocumentRequirementForm(_LevelsForm):
    document_type = forms.ChoiceField(label=_("Document type"), choices=DocumentType.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    may_be_not_relevant = forms.BooleanField(
        label=_("May be marked “not relevant” with a reason"), required=False, initial=True
    )


class CriterionForm(StyledForm):
    name = forms.CharField(label=_("Name"), max_length=100)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What a project must show to meet the criterion."),
    )
