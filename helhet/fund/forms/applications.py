"""The forms of a fund application: the application (initiative, round, kind of use, project
description, cost, amount per budget year, other funding) and its economic analysis."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helhet.benefits.forms.fields import NumberField
from helhet.core.forms import StyledForm
from helhet.core.text import max_length_of
from helhet.fund.economics import AnalysisRow
from helhet.fund.models import (
    Application,
    ApplicationFunding,
    Fund,
    FundRound,
    FundRules,
    OtherFundingSource,
    UseKind,
)
from helhet.fund.services.applications import CostBenefit, FundingLine, YearAmount
from helhet.portfolio.models import Initiative

# Empty rows for other funding beyond those already entered.
SPARE_FUNDING_ROWS = 2
MIN_FUNDING_ROWS = 3


def _money_field(label: Any, required: bool = False, help_text: Any = "") -> NumberField:
    return NumberField(
        label=label, required=required, max_digits=14, decimal_places=2, help_text=help_text
    )


class ApplicationForm(StyledForm):
    """An application's fields; the budget years and other funding are rows of fields named
    ``year_<n>``/``amount_<n>`` and ``funding_source_<n>``/``funding_amount_<n>``/
    ``funding_note_<n>``."""

    initiative = forms.ModelChoiceField(
        queryset=Initiative.objects.none(),
        label=_("Initiative"),
        empty_label=_("Choose an initiative"),
        help_text=_("The initiatives in the portfolio you may change."),
    )
    round = forms.ModelChoiceField(
        queryset=FundRound.objects.none(),
        label=_("Round"),
        required=False,
        empty_label=_("Continuous intake (no round)"),
    )
    use_kind = forms.ChoiceField(label=_("Kind of use"), choices=UseKind.choices)
    project_description = forms.CharField(
        label=_("Project description"),
        max_length=max_length_of(Application, "project_description"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text=_(
            "What the project does, for whom, and how. Starts from the initiative's short "
            "description and need."
        ),
    )
    total_cost = _money_field(
        _("Total project cost (NOK)"),
        help_text=_("What the whole project costs, whoever pays for it."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        fund: Fund,
        rules: FundRules,
        initiatives: QuerySet[Initiative] | None,
        application: Application | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if initiatives is None:  # changing an application: its initiative stays
            del self.fields["initiative"]
        else:
            initiative_field = self.fields["initiative"]
            assert isinstance(initiative_field, forms.ModelChoiceField)
            initiative_field.queryset = initiatives
        rounds = FundRound.objects.filter(
            fund=fund, deadline__gte=timezone.localdate(), closed_at__isnull=True
        )
        if application is not None and application.round_id is not None:
            rounds = rounds | FundRound.objects.filter(pk=application.round_id)
        round_field = self.fields["round"]
        assert isinstance(round_field, forms.ModelChoiceField)
        round_field.queryset = rounds.order_by("deadline")
        kinds = [(value, label) for value, label in UseKind.choices if rules.finances(value)]
        kind_field = self.fields["use_kind"]
        assert isinstance(kind_field, forms.ChoiceField)
        kind_field.choices = kinds
        self.year_rows = rules.max_budget_years
        for n in range(1, self.year_rows + 1):
            self.fields[f"year_{n}"] = forms.IntegerField(
                label=_("Budget year"),
                required=False,
                min_value=2000,
                max_value=2100,
                error_messages={"invalid": _("Enter a year, e.g. 2027.")},
                widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 6}),
            )
            self.fields[f"amount_{n}"] = _money_field(_("Applied for (NOK)"))
        existing = 0 if application is None else application.other_funding.count()
        self.funding_rows = max(existing + SPARE_FUNDING_ROWS, MIN_FUNDING_ROWS)
        sources = [("", _("Choose a source")), *OtherFundingSource.choices]
        for n in range(1, self.funding_rows + 1):
            self.fields[f"funding_source_{n}"] = forms.ChoiceField(
                label=_("Source"), choices=sources, required=False
            )
            self.fields[f"funding_amount_{n}"] = _money_field(_("Amount (NOK)"))
            self.fields[f"funding_note_{n}"] = forms.CharField(
                label=_("Note"),
                required=False,
                max_length=max_length_of(ApplicationFunding, "note"),
            )
        _style(self)

    def main_fields(self) -> Iterator[forms.BoundField]:
        for name in ("initiative", "round", "use_kind", "project_description", "total_cost"):
            if name in self.fields:
                yield self[name]

    def year_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"year_{n}"], self[f"amount_{n}"]) for n in range(1, self.year_rows + 1)]

    def funding_fields(
        self,
    ) -> list[tuple[forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [
            (self[f"funding_source_{n}"], self[f"funding_amount_{n}"], self[f"funding_note_{n}"])
            for n in range(1, self.funding_rows + 1)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for n in range(1, self.year_rows + 1):
            if data.get(f"amount_{n}") is not None and data.get(f"year_{n}") is None:
                self.add_error(f"year_{n}", _("Say which budget year the amount is for."))
        for n in range(1, self.funding_rows + 1):
            has_amount = data.get(f"funding_amount_{n}") is not None
            if has_amount and not data.get(f"funding_source_{n}"):
                self.add_error(f"funding_source_{n}", _("Choose where the money comes from."))
            if data.get(f"funding_source_{n}") and not has_amount:
                self.add_error(f"funding_amount_{n}", _("Enter the amount."))
        return data

    def service_arguments(self) -> dict[str, Any]:
        """The cleaned form as the application services take it."""
        data = self.cleaned_data
        years = [
            YearAmount(year=data[f"year_{n}"], amount=data[f"amount_{n}"])
            for n in range(1, self.year_rows + 1)
            if data.get(f"amount_{n}") is not None
        ]
        funding = [
            FundingLine(
                source=data[f"funding_source_{n}"],
                amount=data[f"funding_amount_{n}"],
                note=data.get(f"funding_note_{n}", ""),
            )
            for n in range(1, self.funding_rows + 1)
            if data.get(f"funding_source_{n}")
        ]
        return {
            "use_kind": data["use_kind"],
            "round_": data.get("round"),
            "project_description": data.get("project_description", ""),
            "total_cost": data.get("total_cost"),
            "years": years,
            "other_funding": funding,
        }


def application_initial(application: Application) -> dict[str, Any]:
    """The form's fields as the application holds them now."""
    initial: dict[str, Any] = {
        "round": application.round_id,
        "use_kind": application.use_kind,
        "project_description": application.project_description,
        "total_cost": application.total_cost,
        "version": application.version,
    }
    for n, row in enumerate(application.years.all(), start=1):
        initial[f"year_{n}"] = row.year
        initial[f"amount_{n}"] = row.amount_applied
    for n, funding in enumerate(application.other_funding.all(), start=1):
        initial[f"funding_source_{n}"] = funding.source
        initial[f"funding_amount_{n}"] = funding.amount
        initial[f"funding_note_{n}"] = funding.note
    return initial


def new_application_initial(
    initiative: Initiative | None, rules: FundRules, *, today_year: int
) -> dict[str, Any]:
    """A new application: budget years from next year, the kind of use from the initiative's
    kind when the fund finances projects, the initiative's estimated cost as the total."""
    initial: dict[str, Any] = {
        f"year_{n}": today_year + n for n in range(1, rules.max_budget_years + 1)
    }
    if initiative is not None:
        initial["initiative"] = initiative.pk
        initial["total_cost"] = initiative.estimated_cost
    return initial


class AnalysisForm(StyledForm):
    """Costs and monetary benefits for each year of the analysis period."""

    def __init__(self, *args: Any, rows: list[AnalysisRow], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            self.fields[f"cost_{row.index}"] = _money_field(
                _("Costs in %(year)s (NOK)") % {"year": row.year}, required=True
            )
            self.fields[f"benefit_{row.index}"] = _money_field(
                _("Monetary benefits in %(year)s (NOK)") % {"year": row.year}, required=True
            )
            self.initial.setdefault(f"cost_{row.index}", _two_places(row.cost))
            self.initial.setdefault(f"benefit_{row.index}", _two_places(row.benefit))
        _style(self)

    def year_fields(self) -> list[tuple[AnalysisRow, forms.BoundField, forms.BoundField]]:
        return [(row, self[f"cost_{row.index}"], self[f"benefit_{row.index}"]) for row in self.rows]

    def service_rows(self) -> list[CostBenefit]:
        data = self.cleaned_data
        return [
            CostBenefit(cost=data[f"cost_{row.index}"], benefit=data[f"benefit_{row.index}"])
            for row in self.rows
        ]


def _style(form: forms.Form) -> None:
    """Designsystemet's class on the fields added after ``StyledForm.__init__``."""
    for field in form.fields.values():
        classes = field.widget.attrs.get("class", "")
        if "ds-input" not in classes.split():
            field.widget.attrs["class"] = f"{classes} ds-input".strip()


def _two_places(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"))
