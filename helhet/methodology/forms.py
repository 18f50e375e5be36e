"""Forms for editing a method by way of a draft version: the method, its levels, criteria,
phases with their decision points, checklist items and required documents."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from helhet.accounts.duties import members_who_may, person_with_role_and_unit
from helhet.accounts.roles import Capability
from helhet.core.forms import StyledForm
from helhet.core.text import max_length_of
from helhet.methodology.models import (
    ChecklistItem,
    ChecklistSource,
    Criterion,
    Decider,
    DecisionPoint,
    DocumentType,
    Level,
    Method,
    Phase,
)
from helhet.organization.models import Municipality


class DeciderChoiceField(forms.ModelChoiceField):
    """A person who may decide at gates, shown with role and unit beside the name."""

    def label_from_instance(self, obj: Any) -> str:
        return person_with_role_and_unit(obj)


class MethodForm(StyledForm):
    """The method's name, description, course and origin (not versioned)."""

    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        max_length=max_length_of(Method, "description"),
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
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
        max_length=max_length_of(Level, "description"),
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
    allows_combined_roles = forms.BooleanField(
        label=_("One person may lead the project and decide its gates"),
        required=False,
        help_text=_(
            "Only for small work. Otherwise the one who asks for a decision, and the project "
            "leader, never decide it."
        ),
    )


class PhaseForm(StyledForm):
    """A phase and the decision point that ends it."""

    name = forms.CharField(label=_("Name of the phase"), max_length=200)
    description = forms.CharField(
        max_length=max_length_of(Phase, "description"),
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
        max_length=max_length_of(DecisionPoint, "description"),
        label=_("What the decision point decides"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decider_person"] = DeciderChoiceField(
            label=_("Deciding person"),
            queryset=members_who_may(municipality, Capability.DECIDE_GATES),
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
    text = forms.CharField(
        max_length=max_length_of(ChecklistItem, "text"),
        label=_("Checkpoint"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
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
        max_length=max_length_of(Criterion, "description"),
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What a project must show to meet the criterion."),
    )
