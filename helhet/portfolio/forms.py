"""Forms for an initiative's own pages, its status reports, relations and links, and the
strategic goals. They validate what a person typed; the services decide what may be saved."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import QuerySet
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from django.utils.translation import gettext_lazy as _

from helhet.accounts.models import User
from helhet.core.forms import StyledForm
from helhet.organization.forms import OrgUnitChoiceField, OrgUnitChoiceIterator
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.models import (
    RATED_ASPECTS,
    AssessmentStatus,
    FundingSourceKind,
    GoalKind,
    GoalLevel,
    Initiative,
    InitiativeKind,
    InitiativeStatus,
    Rating,
    RelationKind,
    StrategicGoal,
)
from helhet.portfolio.services import INITIATIVE_FIELDS, M2M_FIELDS, FundingLine

INDENT = "\u00a0\u00a0\u00a0"


class GoalChoiceIterator(ModelChoiceIterator):
    """The strategic goals in tree order (strategy, then its goals, then focus areas), each
    indented below the one it belongs to."""

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        field = self.field
        if field.empty_label is not None:
            yield ("", field.empty_label)
        for goal, depth in goal_tree_order(list(self.queryset)):
            yield (
                ModelChoiceIteratorValue(field.prepare_value(goal), goal),
                INDENT * depth + goal.name,
            )


def goal_tree_order(goals: list[StrategicGoal]) -> list[tuple[StrategicGoal, int]]:
    """The goals depth first, each with its depth; siblings by position, then name."""
    children: dict[int | None, list[StrategicGoal]] = defaultdict(list)
    for goal in sorted(goals, key=lambda g: (g.position, g.name)):
        children[goal.parent_id].append(goal)
    known = {goal.pk for goal in goals}
    roots = [goal for goal in goals if goal.parent_id not in known]
    roots.sort(key=lambda g: (g.position, g.name), reverse=True)
    stack = [(goal, 0) for goal in roots]
    ordered = []
    while stack:
        goal, depth = stack.pop()
        ordered.append((goal, depth))
        stack.extend((child, depth + 1) for child in reversed(children[goal.pk]))
    return ordered


class GoalChoiceField(forms.ModelChoiceField):
    iterator = GoalChoiceIterator


class GoalMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = GoalChoiceIterator


class OrgUnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = OrgUnitChoiceIterator


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class MemberMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class NokField(forms.DecimalField):
    """An amount in kroner, as people type it: "1 613 764", "8452,50" or "8452.50"."""

    widget = forms.TextInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_digits=14, decimal_places=2, min_value=Decimal(0), **kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {"inputmode": "decimal"}

    def prepare_value(self, value: Any) -> Any:
        """A saved amount as a person would write it: "1 613 764" or "8 452,50"."""
        if isinstance(value, Decimal) and value.is_finite():
            whole = value == value.to_integral_value()
            text = f"{value:,.0f}" if whole else f"{value:,.2f}"
            return text.replace(",", " ").replace(".", ",")
        return value

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str):
            value = value.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
            value = value.removesuffix("kr").strip()
        if value in self.empty_values:
            return None
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise ValidationError(
                _("Enter an amount in kroner, e.g. 250 000."), code="invalid"
            ) from None
        if not number.is_finite():
            raise ValidationError(_("Enter an amount in kroner, e.g. 250 000."), code="invalid")
        return number


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def _date(label: Any) -> forms.DateField:
    return forms.DateField(label=label, required=False, widget=DateInput())


def members_of(municipality: Municipality) -> QuerySet[User]:
    return (
        User.objects.filter(memberships__municipality=municipality)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


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
        label=_("Short description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
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
        label=_("Short description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    need = forms.CharField(
        label=_("The need it answers"), widget=forms.Textarea(attrs={"rows": 3}), required=False
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
        label=_("Why it was stopped"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_(
            "Needed when the status is stopped. There is no shame in turning back: a short "
            "reason helps the next one who has a similar idea."
        ),
    )
    planned_start = _date(_("Planned start"))
    planned_end = _date(_("Planned end"))
    actual_start = _date(_("Actual start"))
    actual_end = _date(_("Actual end"))
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
    ros_date = _date(_("ROS date"))
    dpia_status = forms.ChoiceField(
        label=_("DPIA"), choices=AssessmentStatus.choices, required=False
    )
    dpia_date = _date(_("DPIA date"))
    dpa_status = forms.ChoiceField(
        label=_("Data processing agreement"), choices=AssessmentStatus.choices, required=False
    )
    dpa_date = _date(_("Data processing agreement date"))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(
        self, *args: Any, municipality: Municipality, initiative: Initiative, **kwargs: Any
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
        members = members_of(municipality)
        for name in ("project_owner", "project_leader", "contacts"):
            self._limit(name, members)
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


class StatusReportForm(StyledForm):
    """A rating with a comment for each of the five aspects, and an overall summary."""

    ASPECT_LABELS = {
        "progress": _("Progress"),
        "economy": _("Economy"),
        "quality": _("Quality"),
        "risk": _("Risk"),
        "benefits": _("Benefits"),
    }

    summary = forms.CharField(
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
                label=_("Comment"),
                widget=forms.Textarea(attrs={"rows": 2, "class": "ds-input"}),
                required=False,
            )
        # The summary last, after the five aspects.
        self.fields["summary"] = self.fields.pop("summary")

    def aspects(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[aspect], self[f"{aspect}_comment"]) for aspect in RATED_ASPECTS]

    def ratings(self) -> dict[str, str]:
        return {aspect: self.cleaned_data[aspect] for aspect in RATED_ASPECTS}

    def comments(self) -> dict[str, str]:
        return {aspect: self.cleaned_data[f"{aspect}_comment"].strip() for aspect in RATED_ASPECTS}


class InitiativeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.get_kind_display()})"


class RelationForm(StyledForm):
    kind = forms.ChoiceField(label=_("This initiative …"), choices=RelationKind.choices)
    target = InitiativeChoiceField(
        label=_("… the initiative"),
        queryset=Initiative.objects.none(),
        empty_label=_("Choose an initiative"),
    )

    def __init__(self, *args: Any, initiative: Initiative, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        target = self.fields["target"]
        assert isinstance(target, forms.ModelChoiceField)
        target.queryset = (
            Initiative.objects.filter(municipality_id=initiative.municipality_id)
            .exclude(pk=initiative.pk)
            .order_by("name")
        )


class LinkForm(StyledForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    url = forms.URLField(
        label=_("Address"),
        max_length=500,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("A web address that starts with https:// or http://."),
    )


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
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
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
