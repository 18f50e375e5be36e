"""Across departments: per directorate and department what it owns and where it takes part, and
the people who take part in more initiatives than a threshold (the audit's "capacity smeared
too thin")."""

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
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
from helhet.portfolio.selectors import cross_department as selectors

DEFAULT_THRESHOLD = 3


class ThresholdForm(StyledForm):
    threshold = forms.IntegerField(
        label=_("Show people in more initiatives than"),
        min_value=0,
        max_value=999,
        required=False,
        help_text=_("As project owner, project leader or contact; each initiative counts once."),
    )


@member_required(Capability.VIEW_PORTFOLIO)
@require_GET
def cross_department(request: MemberRequest) -> HttpResponse:
    municipality = request.membership.municipality
    filters = parse_filters(request.GET, municipality=municipality)
    threshold = DEFAULT_THRESHOLD
    if request.GET.get("threshold", "").strip():
        threshold_form = ThresholdForm(request.GET)
        if threshold_form.is_valid():
            threshold = threshold_form.cleaned_data["threshold"]
    else:
        threshold_form = ThresholdForm(initial={"threshold": DEFAULT_THRESHOLD})
    data = selectors.cross_department(
        municipality=municipality,
        initiatives=filtered_initiatives(municipality=municipality, filters=filters),
        threshold=threshold,
    )
    return render(
        request,
        "portfolio/cross_department.html",
        {
            "data": data,
            "filters": filters,
            "filter_form": PortfolioFilterForm(request.GET, municipality=municipality),
            "threshold_form": threshold_form,
            "names_shown": selectors.NAMES_SHOWN,
            # The overview with the same filters, to which a department's pk is added.
            "overview_query": chosen_params(
                request.GET, without=("unit", "threshold", "page")
            ).urlencode(),
        },
    )
