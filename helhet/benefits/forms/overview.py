"""The benefits overview's forms: the filters and the hours in one full-time equivalent."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from helhet.accounts.models import User
from helhet.benefits.forms.fields import NumberField
from helhet.benefits.models import (
    BenefitKind,
    BenefitStatus,
    Category,
    Dimension,
)
from helhet.benefits.selectors.filters import BenefitFilters
from helhet.core.forms import StyledForm
from helhet.organization.forms import OrgUnitChoiceField
from helhet.organization.models import Municipality
from helhet.portfolio.forms import (
    MemberChoiceField,
    members_of,
)
from helhet.portfolio.models import Initiative

# The years a benefit may be due in, for the filters (the page's and the API's).
FIRST_YEAR, LAST_YEAR = 2000, 2100
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
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
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
