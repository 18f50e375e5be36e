"""Forms for the benefits realisation plan. They turn what a person typed into values (numbers as
Norwegians write them, "1 613 764" or "8452,50"); the services decide what may be saved."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from helhet.accounts.models import User
from helhet.benefits.models import (
    Benefit,
    BenefitKind,
    BenefitStatus,
    BudgetCut,
    Calculation,
    CalculationPeriod,
    Category,
    Dimension,
    Frequency,
    Indicator,
    IndicatorUnit,
    format_number,
)
from helhet.benefits.selectors.filters import BenefitFilters
from helhet.core.forms import StyledForm
from helhet.documents import uploads
from helhet.organization.forms import OrgUnitChoiceField
from helhet.organization.models import Municipality
from helhet.portfolio.forms import (
    DateInput,
    MemberChoiceField,
    MemberMultipleChoiceField,
    members_of,
)
from helhet.portfolio.models import Initiative

NUMBER_ERROR = _("Enter a number, e.g. 1 613 764 or 31,5.")


class NumberField(forms.DecimalField):
    """A number as people type it: spaces between thousands, comma or point for decimals."""

    widget = forms.TextInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            max_digits=kwargs.pop("max_digits", 16),
            decimal_places=kwargs.pop("decimal_places", 4),
            error_messages={"invalid": NUMBER_ERROR},
            **kwargs,
        )

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {"inputmode": "decimal"}

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal) and value.is_finite():
            return format_number(value)
        return value

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str):
            value = value.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
        if value in self.empty_values:
            return None
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise ValidationError(NUMBER_ERROR, code="invalid") from None
        if not number.is_finite():
            raise ValidationError(NUMBER_ERROR, code="invalid")
        return number


def _date(label: Any, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput(), help_text=help_text)


class BenefitForm(StyledForm):
    GROUPS: list[tuple[Any, tuple[str, ...]]] = [
        (_("The benefit"), ("title", "description", "dimension", "category", "kind")),
        (_("Size and date"), ("planned_amount", "due_date")),
        (_("How it is realised"), ("preconditions", "realisation_method")),
        (_("Responsibility in the line"), ("responsible", "owners")),
        (_("Status"), ("status", "abandon_reason")),
    ]

    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    dimension = forms.ChoiceField(
        label=_("Dimension"),
        choices=Dimension.choices,
        help_text=_("The municipality's dimension for assessing benefits."),
    )
    category = forms.ChoiceField(
        label=_("Category"),
        choices=Category.choices,
        help_text=_("DFØ's classes: efficiency (budget savings), quality, or for other actors."),
    )
    kind = forms.ChoiceField(label=_("Type of benefit"), choices=BenefitKind.choices)
    planned_amount = NumberField(
        label=_("Planned amount a year"),
        required=False,
        max_digits=14,
        decimal_places=2,
        min_value=Decimal(0),
        help_text=_(
            "Kroner a year for a direct benefit, hours a year for an indirect one. Empty for a "
            "qualitative benefit."
        ),
    )
    due_date = _date(_("To be realised by"), required=False)
    preconditions = forms.CharField(
        label=_("Preconditions"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("What must be in place for the benefit to come."),
    )
    realisation_method = forms.CharField(
        label=_("How the benefit is taken out"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("E.g. a budget cut, more visits in the same time, better quality."),
    )
    responsible = MemberChoiceField(
        label=_("Responsible line manager"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("No one yet"),
    )
    owners = MemberMultipleChoiceField(
        label=_("Benefits owners"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The people in the units who follow the benefit up and measure it."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=BenefitStatus.choices)
    abandon_reason = forms.CharField(
        label=_("Why it was abandoned"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Required when the benefit is abandoned."),
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = members_of(municipality)
        for name in ("responsible", "owners"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = members
        # Checkboxes carry Designsystemet's class on each box, not on the group.
        self.fields["owners"].widget.attrs["class"] = "ds-input"

    def groups(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [(title, [self[name] for name in names]) for title, names in self.GROUPS]


def benefit_initial(benefit: Benefit) -> dict[str, Any]:
    initial: dict[str, Any] = {name: getattr(benefit, name) for name in BenefitForm.base_fields}
    initial["responsible"] = benefit.responsible
    initial["owners"] = list(benefit.owners.all())
    return initial


class IndicatorForm(StyledForm):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("What is measured, e.g. “home visits a day”."),
    )
    unit = forms.ChoiceField(label=_("Unit of measurement"), choices=IndicatorUnit.choices)
    unit_label = forms.CharField(
        label=_("Name of the unit"),
        max_length=40,
        required=False,
        help_text=_("Only for another unit, e.g. “visits a day”."),
    )
    baseline_value = NumberField(label=_("Baseline"))
    baseline_date = _date(_("Baseline date"), help_text=_("When the baseline was measured."))
    target_value = NumberField(label=_("Target"))
    target_date = _date(_("Target date"), help_text=_("When the target should be reached."))
    frequency = forms.ChoiceField(label=_("Measurement frequency"), choices=Frequency.choices)
    measures_amount = forms.BooleanField(
        label=_("This indicator measures the benefit's amount"),
        required=False,
        help_text=_(
            "Tick for the one indicator whose progress is the benefit's realised amount: in "
            "kroner for a direct benefit, in hours or FTE for an indirect one."
        ),
    )


def indicator_initial(indicator: Indicator) -> dict[str, Any]:
    return {name: getattr(indicator, name) for name in IndicatorForm.base_fields}


# --- budget cuts and the before/after calculator ---


class BudgetCutForm(StyledForm):
    unit = OrgUnitChoiceField(
        label=_("Unit whose budget is cut"),
        empty_label=_("Choose a unit"),
        help_text=_("The unit whose budget frame is reduced."),
    )
    amount = NumberField(
        label=_("Amount a year (NOK)"),
        max_digits=14,
        decimal_places=2,
        help_text=_("Kroner a year taken out of the unit's budget frame."),
    )
    budget_year = forms.IntegerField(
        label=_("From budget year"),
        error_messages={"invalid": _("Enter a year, e.g. 2027.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, OrgUnitChoiceField)
        field.limit_to(municipality)


def budget_cut_initial(cut: BudgetCut) -> dict[str, Any]:
    return {name: getattr(cut, name) for name in BudgetCutForm.base_fields}


def _money(label: Any, required: bool = True, help_text: Any = "") -> NumberField:
    return NumberField(
        label=label, required=required, max_digits=16, decimal_places=2, help_text=help_text
    )


class CalculationForm(StyledForm):
    GROUPS: list[tuple[Any, tuple[str, ...]]] = [
        (
            _("What is counted"),
            ("quantity_label", "period", "days_per_year", "users", "source"),
        ),
        (_("Before"), ("before_quantity", "before_unit_cost")),
        (_("After"), ("after_quantity", "after_unit_cost")),
        (
            _("Totals the source states"),
            (
                "stated_before_daily",
                "stated_after_daily",
                "stated_before_yearly",
                "stated_after_yearly",
                "stated_before_per_user",
                "stated_after_per_user",
            ),
        ),
    ]

    quantity_label = forms.CharField(
        label=_("What is counted"),
        max_length=60,
        help_text=_("E.g. “home visits”."),
    )
    period = forms.ChoiceField(label=_("Quantities given"), choices=CalculationPeriod.choices)
    days_per_year = forms.IntegerField(
        label=_("Days in a year"),
        initial=365,
        error_messages={"invalid": _("Enter a whole number of days, e.g. 365.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        help_text=_("365 for a service given every day; fewer for one given on working days."),
    )
    users = forms.IntegerField(
        label=_("Number of users"),
        required=False,
        error_messages={"invalid": _("Enter a whole number of users, e.g. 33.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        help_text=_("For the cost per user. Leave empty when it does not apply."),
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=200,
        required=False,
        help_text=_("Where the figures come from, e.g. “the final report”."),
    )
    before_quantity = NumberField(label=_("Quantity before"), max_digits=14)
    before_unit_cost = NumberField(label=_("Cost of one before (NOK)"), max_digits=14)
    after_quantity = NumberField(label=_("Quantity after"), max_digits=14)
    after_unit_cost = NumberField(label=_("Cost of one after (NOK)"), max_digits=14)
    stated_before_daily = _money(
        _("Stated cost per day before"),
        required=False,
        help_text=_("As the source gives it, so Helhet can check it against the inputs."),
    )
    stated_after_daily = _money(_("Stated cost per day after"), required=False)
    stated_before_yearly = _money(_("Stated yearly cost before"), required=False)
    stated_after_yearly = _money(_("Stated yearly cost after"), required=False)
    stated_before_per_user = _money(_("Stated cost per user before"), required=False)
    stated_after_per_user = _money(_("Stated cost per user after"), required=False)

    def groups(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [(title, [self[name] for name in names]) for title, names in self.GROUPS]


def calculation_initial(calculation: Calculation | None) -> dict[str, Any]:
    if calculation is None:
        return {"period": CalculationPeriod.DAY, "days_per_year": 365}
    return {name: getattr(calculation, name) for name in CalculationForm.base_fields}


# --- follow-up in the line: measurements and a benefit's status ---

MEASUREMENT_COMMENT_MAX = 2000


class MeasurementForm(StyledForm):
    measured_on = _date(_("Measured on"), help_text=_("The day the value was measured."))
    value = NumberField(label=_("Value"))
    comment = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=MEASUREMENT_COMMENT_MAX,
        help_text=_("What the value rests on, or what explains it."),
    )
    evidence = forms.FileField(
        label=_("Evidence"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ",".join(uploads.ACCEPTED_EXTENSIONS)}),
    )

    def __init__(self, *args: Any, indicator: Indicator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        value = self.fields["value"]
        value.label = _("Value (%(unit)s)") % {"unit": indicator.unit_display}
        value.help_text = _("The baseline is %(baseline)s, the target %(target)s.") % {
            "baseline": indicator.baseline_text,
            "target": indicator.target_text,
        }
        self.fields["evidence"].help_text = _(
            "PDF, DOCX, XLSX, PPTX, ODT, PNG or JPEG, at most %(limit)s."
        ) % {"limit": filesizeformat(uploads.max_bytes())}


class BenefitStatusForm(StyledForm):
    status = forms.ChoiceField(label=_("Status"), choices=BenefitStatus.choices)
    abandon_reason = forms.CharField(
        label=_("Why it was abandoned"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required when the benefit is abandoned."),
    )


# --- Benefits overview: filters and the hours in one full-time equivalent ---

YEAR_ERROR = _("Enter a year from 2000 to 2100.")


def _all(label: Any, choices: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [("", label), *choices]


class BenefitFilterForm(StyledForm):
    """The overview's filters, bound to request.GET. Every filter is optional and they combine.
    The initiative is chosen by following a link (a select of every initiative would be too
    long), so it travels as a hidden field."""

    initiative = forms.ModelChoiceField(
        queryset=Initiative.objects.none(), required=False, widget=forms.HiddenInput
    )
    dimension = forms.ChoiceField(
        label=_("Dimension"), choices=_all(_("All dimensions"), Dimension.choices), required=False
    )
    category = forms.ChoiceField(
        label=_("Category"), choices=_all(_("All categories"), Category.choices), required=False
    )
    kind = forms.ChoiceField(
        label=_("Type of benefit"),
        choices=_all(_("All types"), BenefitKind.choices),
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=_all(_("All statuses"), BenefitStatus.choices), required=False
    )
    unit = OrgUnitChoiceField(
        label=_("Directorate or department"),
        required=False,
        empty_label=_("The whole municipality"),
        help_text=_("The unit that owns the initiative, with the units below it."),
    )
    owner = MemberChoiceField(
        label=_("Benefits owner"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Anyone"),
    )
    year = forms.IntegerField(
        label=_("To be realised in (year)"),
        required=False,
        min_value=2000,
        max_value=2100,
        error_messages={key: YEAR_ERROR for key in ("invalid", "min_value", "max_value")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 6}),
    )
    overdue = forms.BooleanField(
        label=_("Only benefits with an overdue measurement"), required=False
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        initiative, owner = self.fields["initiative"], self.fields["owner"]
        unit = self.fields["unit"]
        assert isinstance(initiative, forms.ModelChoiceField)
        assert isinstance(owner, forms.ModelChoiceField)
        assert isinstance(unit, OrgUnitChoiceField)
        initiative.queryset = Initiative.objects.for_municipality(municipality)
        owner.queryset = members_of(municipality)
        unit.limit_to(municipality)

    def benefit_filters(self) -> BenefitFilters:
        """The valid filters; an invalid one (a stale bookmark, another municipality's unit) is
        left out rather than failing the page, and stays in ``errors`` to be reported."""
        self.is_valid()
        data = {key: value for key, value in self.cleaned_data.items() if key not in self.errors}
        initiative, owner, unit = data.get("initiative"), data.get("owner"), data.get("unit")
        return BenefitFilters(
            initiative=initiative.pk if initiative is not None else None,
            owner=owner.pk if owner is not None else None,
            dimension=data.get("dimension") or "",
            category=data.get("category") or "",
            kind=data.get("kind") or "",
            status=data.get("status") or "",
            unit=unit.pk if unit is not None else None,
            year=data.get("year"),
            overdue=bool(data.get("overdue")),
        )


class BenefitSettingsForm(StyledForm):
    hours_per_fte = NumberField(
        label=_("Hours in one full-time equivalent (årsverk)"),
        max_digits=6,
        decimal_places=1,
        help_text=_(
            "Freed time is shown as capacity: hours a year divided by this. 1,695 hours unless "
            "the municipality chooses otherwise; from 100 to 3,000."
        ),
    )
