"""The forms of the digital-first-choice plan: its filters and a planned step."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helhet.accounts.models import User
from helhet.core.forms import StyledForm
from helhet.core.text import max_length_of
from helhet.maturity.forms.widgets import DateInput
from helhet.maturity.models import MaturityLevel, PlannedStep, ServiceArea, StepStatus
from helhet.maturity.selectors.plan import MaturityPlan, PlanRow, maturity_plan
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative


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


def filtered_plan(
    data: QueryDict, *, municipality: Municipality
) -> tuple[PlanFilterForm, list[PlanRow], MaturityPlan]:
    """The plan today, and its rows as the filters in ``data`` (the page's query string) choose
    them: for the page, and for its exports made on the job queue with the same filters."""
    form = PlanFilterForm(data or None, municipality=municipality)
    chosen = form.cleaned_data if form.is_bound and form.is_valid() else {}
    plan = maturity_plan(municipality, timezone.localdate())
    area = chosen.get("area")
    rows = plan.filtered(area=area.pk if area else None, only_flagged=bool(chosen.get("flagged")))
    return form, rows, plan


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
        max_length=max_length_of(PlannedStep, "description"),
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
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DateInput())
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
