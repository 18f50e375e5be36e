"""The forms of the solutions: registering or changing a solution, a unit that should use it,
a count, and a spreadsheet of counts to import."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from helhet.adoption.models import AdoptionCount, MeasureKind, Solution, SolutionStage
from helhet.core.forms import StyledForm
from helhet.core.text import max_length_of
from helhet.organization.forms import OrgUnitChoiceField
from helhet.organization.models import Municipality
from helhet.portfolio.forms.fields import (
    DateInput,
    MemberChoiceField,
    members_for,
)
from helhet.portfolio.models import Initiative

NUMBER_ERROR = _("Enter a number, e.g. 12 or 40,5.")


class NumberField(forms.DecimalField):
    """A number as people type it: spaces between thousands, comma or point for decimals."""

    widget = forms.TextInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            max_digits=kwargs.pop("max_digits", 12),
            decimal_places=2,
            error_messages={"invalid": NUMBER_ERROR},
            **kwargs,
        )

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {"inputmode": "decimal"}

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal) and value.is_finite():
            normal = value.normalize()
            whole = normal == normal.to_integral_value()
            text = f"{normal:,.0f}" if whole else f"{normal:,f}"
            return text.replace(",", "\u00a0").replace(".", ",")
        return value

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str):
            value = value.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
            value = value.removesuffix("%").strip()
        if value in self.empty_values:
            return None
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise ValidationError(NUMBER_ERROR, code="invalid") from None
        if not number.is_finite():
            raise ValidationError(NUMBER_ERROR, code="invalid")
        return number


def _whole(label: Any, help_text: Any = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=10_000_000,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class InitiativeChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class SolutionForm(StyledForm):
    name = forms.CharField(label=_("Name"), max_length=max_length_of(Solution, "name"))
    description = forms.CharField(
        label=_("Description"),
        max_length=max_length_of(Solution, "description"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    stage = forms.ChoiceField(label=_("Stage"), choices=SolutionStage.choices)
    owner_unit = OrgUnitChoiceField(
        label=_("Operations owner (unit)"),
        required=False,
        help_text=_("The unit that runs the solution: its natural home."),
    )
    owner_person = MemberChoiceField(
        label=_("Operations owner (person)"), queryset=None, required=False
    )
    in_use_since = forms.DateField(label=_("In use since"), widget=DateInput())
    measure_kind = forms.ChoiceField(label=_("Kind of measure"), choices=MeasureKind.choices)
    measure_name = forms.CharField(
        label=_("What is counted"),
        max_length=max_length_of(Solution, "measure_name"),
        help_text=_("E.g. dispensers in use, users with a fall sensor."),
    )
    base_name = forms.CharField(
        label=_("Eligible base"),
        max_length=max_length_of(Solution, "base_name"),
        required=False,
        help_text=_("What the count is a share of, where it makes sense: e.g. relevant users."),
    )
    target_percent = NumberField(
        label=_("Target (% of the eligible base)"),
        required=False,
        max_digits=5,
        help_text=_("E.g. 40: 40 % of the relevant users should have one."),
    )
    count_interval_days = forms.IntegerField(
        label=_("Count at least every (days)"),
        min_value=1,
        max_value=366,
        initial=31,
        help_text=_("A unit whose latest count is older than this is shown as late."),
    )
    initiatives = InitiativeChoices(
        label=_("Made by the initiatives"),
        queryset=Initiative.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(
        self, *args: Any, municipality: Municipality, keep_person: int | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["owner_unit"]
        assert isinstance(unit_field, OrgUnitChoiceField)
        unit_field.limit_to(municipality)
        person_field = self.fields["owner_person"]
        assert isinstance(person_field, MemberChoiceField)
        person_field.queryset = members_for(municipality, keep=[keep_person])
        initiatives = self.fields["initiatives"]
        assert isinstance(initiatives, InitiativeChoices)
        initiatives.queryset = Initiative.objects.for_municipality(municipality).order_by("name")


class SolutionUnitForm(StyledForm):
    unit = OrgUnitChoiceField(label=_("Unit"))
    eligible_base = _whole(
        _("Eligible base"), _("How many could use it in the unit, e.g. its relevant users.")
    )
    target_percent = NumberField(
        label=_("Own target (%)"),
        required=False,
        max_digits=5,
        help_text=_("Leave empty to use the solution's target."),
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, OrgUnitChoiceField)
        field.limit_to(municipality)


class SolutionUnitEditForm(SolutionUnitForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["unit"]


class CountForm(StyledForm):
    counted_on = forms.DateField(label=_("Counted on"), widget=DateInput())
    value = NumberField(label=_("In use"))
    eligible = _whole(
        _("Eligible base that day"), _("Leave empty to use the unit's eligible base.")
    )
    comment = forms.CharField(
        label=_("Comment"),
        max_length=max_length_of(AdoptionCount, "comment"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args: Any, solution: Solution, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["value"].label = solution.measure_name.capitalize()
        if solution.measure_kind == MeasureKind.SHARE:
            self.fields["value"].help_text = _("A share in per cent, 0–100.")
            del self.fields["eligible"]


class ImportForm(StyledForm):
    file = forms.FileField(
        label=_("Spreadsheet (.xlsx or .csv)"),
        help_text=_(
            "One count a row, with the columns Løsning, Enhet, Dato, I bruk and, if you like, "
            "Grunnlag and Kommentar."
        ),
    )
