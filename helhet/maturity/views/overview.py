"""The maturity overview: per service area and in total, how many services reach each of the
three levels, which offer the full digital first choice and where each service stops, as at a
chosen date, with a chart, and the change between two assessment dates."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.maturity.charts import maturity_chart
from helhet.maturity.forms.overview import OverviewForm
from helhet.maturity.selectors.comparison import maturity_comparison
from helhet.maturity.selectors.overview import assessment_dates, maturity_summary


@member_required(Capability.VIEW_PORTFOLIO)
@require_GET
def overview(request: MemberRequest) -> HttpResponse:
    municipality = request.membership.municipality
    today = timezone.localdate()
    dates = assessment_dates(municipality)
    form = OverviewForm(request.GET or None, dates=dates)
    valid = form.is_valid() if form.is_bound else True
    chosen = form.cleaned_data if form.is_bound and valid else {}
    on = chosen.get("on") or today
    summary = maturity_summary(municipality, on)
    comparison = None
    if len(dates) >= 2:
        # By default: the newest assessment date against the one before it.
        first = chosen.get("first") or dates[1]
        second = chosen.get("second") or dates[0]
        comparison = maturity_comparison(municipality, first, second)
    return render(
        request,
        "maturity/overview.html",
        {
            "form": form,
            "summary": summary,
            "chart": maturity_chart(summary),
            "comparison": comparison,
            "dates": dates,
            "is_today": on == today,
        },
        status=200 if valid else 400,
    )
