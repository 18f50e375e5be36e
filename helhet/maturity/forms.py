"""Forms for the service catalogue and its assessments. They validate what a person typed; the
services decide what may be saved."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from helhet.accounts.models import User
from helhet.core.forms import StyledForm
from helhet.maturity.models import (
    Answer,
    Assessment,
    MaturityLevel,
    PlannedStep,
    ServiceArea,
    StepStatus,
)
from helhet.organization.forms import OrgUnitChoiceField
from helhet.organization.models import Municipality
from helhet.portfolio import exchange
from helhet.portfolio.models import Initiative

# What a person may answer: "not classified" is only for imported text.
PERSON_ANSWER_CHOICES = [
    (value, label) for value, label in Answer.choices if value != Answer.UNCLASSIFIED
]


class ServiceAreaForm(StyledForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    org_unit = OrgUnitChoiceField(
        label=_("Unit in the organisation"),
        required=False,
        empty_label=_("(none)"),
        help_text=_("The service area or department that answers for the services."),
    )
    position = forms.IntegerField(
        label=_("Position in the list"),
        min_value=0,
        initial=0,
        help_text=_("Lower numbers come first."),
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["org_unit"]
        assert isinstance(field, OrgUnitChoiceField)
        field.limit_to(municipality)


class ServiceForm(StyledForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    area = forms.ModelChoiceField(
        label=_("Service area"), queryset=ServiceArea.objects.none(), empty_label=None
    )
    responsible_unit = OrgUnitChoiceField(
        label=_("Responsible unit"), required=False, empty_label=_("(none)")
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    case_system = forms.CharField(
        label=_("Case system"),
        max_length=200,
        required=False,
        help_text=_("Where the applications land, for example Public 360."),
    )
    national_solution = forms.CharField(
        label=_("National solution"),
        max_length=200,
        required=False,
        help_text=_("The national solution the service uses, if any."),
    )
    yearly_volume = forms.IntegerField(
        label=_("Cases per year"),
        min_value=0,
        required=False,
        help_text=_("About how many applications a year, when known."),
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area = self.fields["area"]
        assert isinstance(area, forms.ModelChoiceField)
        area.queryset = ServiceArea.objects.filter(municipality=municipality)
        unit = self.fields["responsible_unit"]
        assert isinstance(unit, OrgUnitChoiceField)
        unit.limit_to(municipality)


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


class ImportConfirmForm(StyledForm):
    """The date and source of an import (sent again with the confirmation)."""

    assessed_on = forms.DateField(
        label=_("Assessed on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The date the answers describe."),
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=200,
        required=False,
        help_text=_("Where the answers come from, for example a survey or an audit."),
    )

    def clean_assessed_on(self) -> Any:
        value = self.cleaned_data["assessed_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value


class ImportForm(ImportConfirmForm):
    field_order = ["file", "assessed_on", "source"]

    file = forms.FileField(
        label=_("The file (.csv)"),
        help_text=_(
            "Columns service_area, service, electronic_application, electronic_transfer and "
            "electronic_answer. At most 5 MB."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ".csv,text/csv"
        if not self.is_bound:
            self.initial.setdefault("assessed_on", timezone.localdate())

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        try:
            exchange.check_size(upload.size)
        except exchange.FileRefused as refused:
            raise forms.ValidationError(refused.message) from refused
        return upload


# --- The overview, the plan, planned steps and settings


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def _date_choices(dates: list[date]) -> list[tuple[str, str]]:
    return [(day.isoformat(), formats.date_format(day, "j. F Y")) for day in dates]


class OverviewForm(StyledForm):
    """The overview's date ("as of") and the two assessment dates to compare (chosen among the
    dates that exist)."""

    on = forms.DateField(label=_("As of"), required=False, widget=_DateInput())
    first = forms.TypedChoiceField(
        label=_("Compare"), required=False, coerce=date.fromisoformat, empty_value=None
    )
    second = forms.TypedChoiceField(
        label=_("with"), required=False, coerce=date.fromisoformat, empty_value=None
    )

    def __init__(self, *args: Any, dates: list[date], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        oldest_first = sorted(dates)
        for name in ("first", "second"):
            field = self.fields[name]
            assert isinstance(field, forms.TypedChoiceField)
            field.choices = _date_choices(oldest_first)


class PlanFilterForm(StyledForm):
    area = forms.ModelChoiceField(
        label=_("Service area"),
        queryset=ServiceArea.objects.none(),
        required=False,
        empty_label=_("All service areas"),
    )
    flagged = forms.BooleanField(label=_("Only those that need attention"), required=False)

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area = self.fields["area"]
        assert isinstance(area, forms.ModelChoiceField)
        area.queryset = ServiceArea.objects.filter(municipality=municipality)


class _PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.username)


class _InitiativeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.get_status_display()})"


class StepForm(StyledForm):
    """A planned step: the level it lifts the service to, what will be done, the initiative that
    carries it (or that one is needed), who answers for it, by when, and how far it has come."""

    level = forms.TypedChoiceField(label=_("Level"), choices=MaturityLevel.choices, coerce=int)
    description = forms.CharField(
        label=_("What will be done"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: make a web form in the self-service portal."),
        error_messages={"required": _("Say what will be done.")},
    )
    initiative = _InitiativeChoiceField(
        label=_("Initiative that carries the step"),
        queryset=Initiative.objects.none(),
        required=False,
        empty_label=_("(none)"),
    )
    needs_initiative = forms.BooleanField(
        label=_("Needs an initiative (none carries it yet)"), required=False
    )
    responsible = _PersonChoiceField(
        label=_("Responsible"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("(no one yet)"),
    )
    due_date = forms.DateField(label=_("Due date"), required=False, widget=_DateInput())
    status = forms.ChoiceField(label=_("Status"), choices=StepStatus.choices)

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        initiative = self.fields["initiative"]
        assert isinstance(initiative, forms.ModelChoiceField)
        initiative.queryset = Initiative.objects.filter(municipality=municipality).order_by("name")
        responsible = self.fields["responsible"]
        assert isinstance(responsible, forms.ModelChoiceField)
        responsible.queryset = (
            User.objects.filter(memberships__municipality=municipality)
            .distinct()
            .order_by("first_name", "last_name", "username")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("initiative") is not None and data.get("needs_initiative"):
            self.add_error(
                "needs_initiative",
                _(
                    "Choose the initiative that carries the step, or mark that one is needed, "
                    "not both."
                ),
            )
        return data


def step_initial(step: PlannedStep) -> dict[str, Any]:
    return {
        "level": step.level,
        "description": step.description,
        "initiative": step.initiative,
        "needs_initiative": step.needs_initiative,
        "responsible": step.responsible,
        "due_date": step.due_date,
        "status": step.status,
    }


class MaturitySettingsForm(StyledForm):
    public_page = forms.BooleanField(
        label=_("Show the services' maturity on a public page"),
        required=False,
        help_text=_(
            "Anyone, without logging in, sees each service's answers at the three levels and "
            "the counts per service area. Comments, planned steps and people are not shown."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["public_page"].widget.attrs["aria-describedby"] = "id_public_page_helptext"
