"""The timeline: the initiatives as bars over months, grouped by department or directorate,
filtered like the overview. Built as a table, so it reads without a mouse, with a screen reader
and on paper; the bars are CSS grid columns (no inline styles under the CSP)."""

from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.core.forms import StyledForm
from helhet.portfolio.filters import (
    PortfolioFilterForm,
    chosen_params,
    filtered_initiatives,
    parse_filters,
)
from helhet.portfolio.selectors import timeline as selectors

PAGE_SIZE = 100
UNDATED_SHOWN = 100
# With more months than this the axis names only the years: month names would not fit.
MONTH_LABELS_UP_TO = 18


class TimelineForm(StyledForm):
    """The period shown (``from=YYYY-MM&months=N``) and how rows are grouped. All optional: the
    period defaults to the one the initiatives span."""

    months = forms.IntegerField(
        label=_("Number of months"),
        min_value=1,
        max_value=selectors.TIMELINE_MAX_MONTHS,
        required=False,
    )
    group = forms.ChoiceField(
        label=_("Group by"),
        choices=[
            (selectors.GROUP_BY_DEPARTMENT, _("Department")),
            (selectors.GROUP_BY_DIRECTORATE, _("Directorate")),
        ],
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # "from" is a Python keyword, so the field is added here; it goes first.
        start = forms.DateField(
            label=_("From month"),
            input_formats=["%Y-%m"],
            required=False,
            help_text=_("Year and month, for example 2024-03."),
            widget=forms.DateInput(attrs={"type": "month", "class": "ds-input"}, format="%Y-%m"),
        )
        self.fields = {"from": start, **self.fields}


@member_required(Capability.VIEW_PORTFOLIO)
@require_GET
def timeline(request: MemberRequest) -> HttpResponse:
    municipality = request.membership.municipality
    filters = parse_filters(request.GET, municipality=municipality)
    initiatives = filtered_initiatives(municipality=municipality, filters=filters)
    form = TimelineForm(request.GET)
    chosen: dict[str, Any] = form.cleaned_data if form.is_valid() else {}
    first, months = chosen.get("from"), chosen.get("months")
    if first is None or months is None:
        default_first, default_months = selectors.timeline_default_window(
            initiatives, today=timezone.localdate()
        )
        first, months = first or default_first, months or default_months
    data = selectors.timeline(
        municipality=municipality,
        initiatives=initiatives,
        first=first,
        months=months,
        group_by=chosen.get("group") or selectors.GROUP_BY_DEPARTMENT,
    )
    paginator = Paginator(data.dated, PAGE_SIZE)
    paginator.count = data.counts.dated  # counted with the rest; saves a query
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "portfolio/timeline.html",
        {
            "data": data,
            "groups": data.groups(page.object_list),
            "page": page,
            "undated": list(data.undated[:UNDATED_SHOWN]) if data.counts.undated else [],
            "undated_more": max(0, data.counts.undated - UNDATED_SHOWN),
            "month_labels": data.months <= MONTH_LABELS_UP_TO,
            "filters": filters,
            "filter_form": PortfolioFilterForm(request.GET, municipality=municipality),
            "extra_form": form,
            "page_query": chosen_params(request.GET, without=("page",)).urlencode(),
            "overview_query": chosen_params(
                request.GET, without=("page", "from", "months", "group")
            ).urlencode(),
        },
    )
