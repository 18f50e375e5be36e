"""The benefits overview (gevinstoversikt): planned and realised value across the municipality,
by dimension, category, type, service area and year, freed time as capacity, what is missing
(owners, baselines, measurements, plans) and budget cuts made before their benefit is realised.
And the one setting it depends on: the hours in a full-time equivalent."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.benefits.charts import Chart, planned_realised_chart
from helhet.benefits.forms.overview import BenefitFilterForm, BenefitSettingsForm
from helhet.benefits.selectors.overview import BenefitsSummary, benefits_summary
from helhet.benefits.selectors.totals import Figures, Line, hours_per_fte
from helhet.benefits.services import settings as settings_services
from helhet.core.forms import add_service_errors
from helhet.portfolio.filters import chosen_params

# The filters in the order the active-filter list names them.
FILTER_NAMES = (
    "initiative",
    "dimension",
    "category",
    "kind",
    "status",
    "unit",
    "owner",
    "year",
    "overdue",
)


def _link(base: QueryDict, **changes: str | None) -> str:
    """The overview's address with ``base``'s parameters, the given ones replaced (None removes
    one)."""
    query = base.copy()
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    url = reverse("benefits:overview")
    return f"{url}?{encoded}" if encoded else url


@dataclass(frozen=True)
class LinkedLine:
    """A breakdown line with the address of the overview narrowed to it (empty when no filter
    does, or it is already narrowed to it)."""

    line: Line
    url: str

    @property
    def figures(self) -> Figures:
        return self.line.figures


def _linked(lines: list[Line], base: QueryDict) -> list[LinkedLine]:
    return [
        LinkedLine(
            line,
            _link(base, **{line.param: line.key})
            if line.param and base.get(line.param) != line.key
            else "",
        )
        for line in lines
    ]


@dataclass(frozen=True)
class ActiveFilter:
    label: str
    value: str
    remove_url: str


def _active_filters(form: BenefitFilterForm, base: QueryDict) -> list[ActiveFilter]:
    """What the overview is narrowed by, each with a link that removes just that filter."""
    active = []
    for name in FILTER_NAMES:
        if name in form.errors:
            continue
        value = form.cleaned_data.get(name)
        if value in (None, "", False):
            continue
        field = form.fields[name]
        if name == "initiative":
            label, shown = _("Initiative"), str(value)
        elif name == "overdue":
            label, shown = _("Measurement"), _("Overdue")
        elif hasattr(field, "choices") and not hasattr(value, "pk"):
            label, shown = str(field.label), str(dict(field.choices).get(value, value))
        else:
            label, shown = str(field.label), str(value)
        active.append(ActiveFilter(label, shown, _link(base, **{name: None})))
    return active


def _charts(summary: BenefitsSummary) -> dict[str, Chart | None]:
    kroner, hours = _("NOK"), _("hours")
    return {
        "dimension_nok": planned_realised_chart(
            chart_id="chart-dimension-nok",
            title=_("Kroner a year, planned and realised, by dimension"),
            lines=summary.by_dimension,
            planned=lambda figures: figures.planned_nok,
            realised=lambda figures: figures.realised_nok,
            unit=kroner,
        ),
        "dimension_hours": planned_realised_chart(
            chart_id="chart-dimension-hours",
            title=_("Freed hours a year, planned and realised, by dimension"),
            lines=summary.by_dimension,
            planned=lambda figures: figures.planned_hours,
            realised=lambda figures: figures.realised_hours,
            unit=hours,
        ),
        "service_area_nok": planned_realised_chart(
            chart_id="chart-department-nok",
            title=_("Kroner a year, planned and realised, by service area"),
            lines=summary.by_service_area,
            planned=lambda figures: figures.planned_nok,
            realised=lambda figures: figures.realised_nok,
            unit=kroner,
        ),
        "service_area_hours": planned_realised_chart(
            chart_id="chart-department-hours",
            title=_("Freed hours a year, planned and realised, by service area"),
            lines=summary.by_service_area,
            planned=lambda figures: figures.planned_hours,
            realised=lambda figures: figures.realised_hours,
            unit=hours,
        ),
    }


@member_required(Capability.VIEW_PORTFOLIO)
@require_GET
def overview(request: MemberRequest) -> HttpResponse:
    base = chosen_params(request.GET)
    if base.urlencode() != request.GET.urlencode():
        # The filter form sends every field; an address with only the chosen ones reads better
        # and can be bookmarked or shared.
        return redirect(_link(base))
    municipality = request.membership.municipality
    form = BenefitFilterForm(request.GET, municipality=municipality)
    filters = form.benefit_filters()
    summary = benefits_summary(municipality, filters, today=timezone.localdate())
    return render(
        request,
        "benefits/overview.html",
        {
            "form": form,
            "filters": filters,
            "summary": summary,
            "active_filters": _active_filters(form, base),
            "charts": _charts(summary),
            "by_status": _linked(summary.by_status, base),
            "by_dimension": _linked(summary.by_dimension, base),
            "by_category": _linked(summary.by_category, base),
            "by_kind": _linked(summary.by_kind, base),
            "by_service_area": _linked(summary.by_service_area, base),
            "by_year": _linked(summary.by_year, base),
        },
    )


@member_required(Capability.MANAGE_BENEFIT_SETTINGS)
@require_http_methods(["GET", "POST"])
def settings(request: MemberRequest) -> HttpResponse:
    municipality = request.membership.municipality
    form = BenefitSettingsForm(
        request.POST if request.method == "POST" else None,
        initial={"hours_per_fte": hours_per_fte(municipality)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            settings_services.benefit_settings_update(
                actor=request.user,
                municipality=municipality,
                hours_per_fte=form.cleaned_data["hours_per_fte"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The settings were saved."))
            return redirect("benefits:overview")
    return render(
        request,
        "benefits/overview_settings.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )
