"""Registering and editing an initiative, and its funding lines."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from helhet.accounts.duties import refusal_to_change_owner_or_leader
from helhet.accounts.models import User
from helhet.accounts.roles import Capability
from helhet.core.forms import StyledForm
from helhet.core.text import max_length_of
from helhet.organization.forms import OrgUnitChoiceField
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.forms.fields import (
    GoalMultipleChoiceField,
    MemberChoiceField,
    MemberMultipleChoiceField,
    NokField,
    OrgUnitMultipleChoiceField,
    date_field,
    members_for,
)
from helhet.portfolio.models import (
    AssessmentStatus,
    FundingSourceKind,
    Initiative,
    InitiativeKind,
    InitiativeStatus,
    StrategicGoal,
)
from helhet.portfolio.services import INITIATIVE_FIELDS, M2M_FIELDS, FundingLine


class InitiativeCreateForm(StyledForm):
    """Registration in under a minute: only what is needed to find the initiative again."""

    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=InitiativeKind.choices,
        help_text=_(
            "A programme holds projects. An activity runs for a long time without being a project."
        ),
    )
    owning_unit = OrgUnitChoiceField(label=_("Owning unit"), empty_label=_("Choose a unit"))
    short_description = forms.CharField(
        max_length=max_length_of(Initiative, "short_description"),
        label=_("Short description"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["owning_unit"]
        assert isinstance(field, OrgUnitChoiceField)
        field.limit_to(municipality)


class InitiativeForm(StyledForm):
    """Everything about an initiative. ``version`` is the version the person opened, so a save
    on top of someone else's is refused rather than overwriting it."""

    # Grouped as the page shows them; the template walks these groups.
    GROUPS: list[tuple[Any, tuple[str, ...]]] = [
        (_("About the initiative"), ("name", "kind", "short_description", "need")),
        (
            _("Organisation"),
            (
                "owning_unit",
                "participating_units",
                "programme",
                "project_owner",
                "project_leader",
                "contacts",
            ),
        ),
        (_("Status"), ("status", "stop_reason")),
        (_("Dates"), ("planned_start", "planned_end", "actual_start", "actual_end")),
        (_("Economy"), ("estimated_cost", "actual_cost")),
        (_("Strategic goals and tags"), ("goals", "tags")),
        (
            _("Privacy and security"),
            (
                "processes_personal_data",
                "ros_status",
                "ros_date",
                "dpia_status",
                "dpia_date",
                "dpa_status",
                "dpa_date",
            ),
        ),
    ]

    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=InitiativeKind.choices)
    short_description = forms.CharField(
        max_length=max_length_of(Initiative, "short_description"),
        label=_("Short description"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    need = forms.CharField(
        max_length=max_length_of(Initiative, "need"),
        label=_("The need it answers"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    owning_unit = OrgUnitChoiceField(label=_("Owning unit"), empty_label=_("Choose a unit"))
    participating_units = OrgUnitMultipleChoiceField(
        label=_("Participating units"),
        queryset=OrgUnit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    programme = forms.ModelChoiceField(
        label=_("Part of programme"),
        queryset=Initiative.objects.none(),
        required=False,
        empty_label=_("(not part of a programme)"),
    )
    project_owner = MemberChoiceField(
        label=_("Project owner"), queryset=User.objects.none(), required=False
    )
    project_leader = MemberChoiceField(
        label=_("Project leader"), queryset=User.objects.none(), required=False
    )
    contacts = MemberMultipleChoiceField(
        label=_("Contact people"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    status = forms.ChoiceField(label=_("Status"), choices=InitiativeStatus.choices)
    stop_reason = forms.CharField(
        max_length=max_length_of(Initiative, "stop_reason"),
        label=_("Why it was stopped"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_(
            "Needed when the status is stopped. There is no shame in turning back: a short "
            "reason helps the next one who has a similar idea."
        ),
    )
    planned_start = date_field(_("Planned start"))
    planned_end = date_field(_("Planned end"))
    actual_start = date_field(_("Actual start"))
    actual_end = date_field(_("Actual end"))
    estimated_cost = NokField(label=_("Estimated cost (NOK)"), required=False)
    actual_cost = NokField(label=_("Actual cost (NOK)"), required=False)
    goals = GoalMultipleChoiceField(
        label=_("Strategic goals it serves"),
        queryset=StrategicGoal.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=1000,
        help_text=_("Separate the tags with commas, e.g. RPA, velferdsteknologi."),
    )
    processes_personal_data = forms.BooleanField(label=_("Processes personal data"), required=False)
    ros_status = forms.ChoiceField(
        label=_("Risk assessment (ROS)"), choices=AssessmentStatus.choices, required=False
    )
    ros_date = date_field(_("ROS date"))
    dpia_status = forms.ChoiceField(
        label=_("DPIA"), choices=AssessmentStatus.choices, required=False
    )
    dpia_date = date_field(_("DPIA date"))
    dpa_status = forms.ChoiceField(
        label=_("Data processing agreement"), choices=AssessmentStatus.choices, required=False
    )
    dpa_date = date_field(_("Data processing agreement date"))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(
        self,
        *args: Any,
        municipality: Municipality,
        initiative: Initiative,
        actor: User | None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        owning_unit = self.fields["owning_unit"]
        assert isinstance(owning_unit, OrgUnitChoiceField)
        owning_unit.limit_to(municipality)
        units = OrgUnit.objects.for_municipality(municipality)
        self._limit("participating_units", units)
        self._limit(
            "programme",
            Initiative.objects.for_municipality(municipality)
            .filter(kind=InitiativeKind.PROGRAMME)
            .exclude(pk=initiative.pk)
            .order_by("name"),
        )
        # Pickers offer only those whose role allows the task (and whoever holds it now).
        owner_id, leader_id = initiative.project_owner_id, initiative.project_leader_id
        self._limit(
            "project_owner", members_for(municipality, Capability.OWN_PROJECTS, keep=[owner_id])
        )
        self._limit(
            "project_leader",
            members_for(municipality, Capability.LEAD_PROJECTS, keep=[leader_id]),
        )
        contacts = list(initiative.contacts.values_list("pk", flat=True)) if initiative.pk else []
        self._limit("contacts", members_for(municipality, keep=contacts))
        refusal = refusal_to_change_owner_or_leader(
            actor, initiative_owner_id=owner_id, municipality_id=municipality.pk
        )
        for name in ("project_owner", "project_leader"):
            if refusal is not None:
                # The service refuses it too; here the person sees who may, and why.
                self.fields[name].disabled = True
                self.fields[name].help_text = refusal
        self._limit("goals", StrategicGoal.objects.filter(municipality=municipality))
        for name in ("participating_units", "goals", "contacts", "processes_personal_data"):
            # Checkboxes carry Designsystemet's class on each box, not on the group.
            self.fields[name].widget.attrs["class"] = "ds-input"

    def _limit(self, name: str, queryset: QuerySet[Any]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = queryset

    def groups(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [(title, [self[name] for name in names]) for title, names in self.GROUPS]

    def clean_tags(self) -> list[str]:
        names = [name.strip() for name in self.cleaned_data["tags"].split(",")]
        cleaned = [name for name in names if name]
        if any(len(name) > 60 for name in cleaned):
            raise ValidationError(_("A tag can be at most 60 characters long."))
        return cleaned

    def plain_fields(self) -> dict[str, Any]:
        """The fields initiative_update takes as ``fields``."""
        data = self.cleaned_data
        values = {name: data[name] for name in INITIATIVE_FIELDS}
        for name in ("short_description", "need", "stop_reason"):
            values[name] = values[name].strip()
        return values

    def m2m(self) -> dict[str, Any]:
        return {name: list(self.cleaned_data[name]) for name in M2M_FIELDS}


def initiative_initial(initiative: Initiative) -> dict[str, Any]:
    """The edit form's starting values: the initiative as saved now."""
    initial: dict[str, Any] = {name: getattr(initiative, name) for name in INITIATIVE_FIELDS}
    initial["participating_units"] = list(initiative.participating_units.all())
    initial["goals"] = list(initiative.goals.all())
    initial["contacts"] = list(initiative.contacts.all())
    initial["tags"] = ", ".join(tag.name for tag in initiative.tags.all())
    initial["version"] = initiative.version
    return initial


class FundingForm(StyledForm):
    """One funding source. A row left empty is ignored."""

    source = forms.ChoiceField(
        label=_("Source"),
        choices=[("", _("Choose a source")), *FundingSourceKind.choices],
        required=False,
    )
    amount = NokField(label=_("Amount (NOK)"), required=False)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        source, amount, note = data.get("source"), data.get("amount"), data.get("note")
        if source or amount is not None or note:
            if not source:
                self.add_error("source", _("Choose where the money comes from."))
            if amount is None and "amount" not in self.errors:
                self.add_error("amount", _("Enter the amount."))
        return data

    def line(self) -> FundingLine | None:
        data = self.cleaned_data
        if not data.get("source"):
            return None
        return FundingLine(source=data["source"], amount=data["amount"], note=data["note"].strip())


FundingFormSet = forms.formset_factory(FundingForm, extra=3, max_num=20, absolute_max=40)


def funding_lines(formset: Any) -> list[FundingLine]:
    return [line for form in formset.forms if (line := form.line()) is not None]


def funding_initial(initiative: Initiative) -> list[dict[str, Any]]:
    return [
        {"source": source.source, "amount": source.amount, "note": source.note}
        for source in initiative.funding_sources.all()
    ]
