"""The fund's review (fondets gjennomgang) for everyone in the municipality: the page, and the
same figures as an .xlsx workbook and a PDF for the political case, made on the job queue."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.files.views import ask_for_file
from helhet.fund.access import get_fund_for_user
from helhet.fund.charts import balance_chart
from helhet.fund.selectors.review import FundReview, fund_review
from helhet.fund.tasks import make_fund_review


def _review(request: MemberRequest, pk: int) -> FundReview:
    fund = get_fund_for_user(request.membership, pk)
    return fund_review(
        fund, municipality=request.membership.municipality, today=timezone.localdate()
    )


@member_required(Capability.VIEW_FUNDS)
def review(request: MemberRequest, pk: int) -> HttpResponse:
    """What the fund has and has done: balance over time, financed by kind, department and
    year, the funded initiatives and their benefits, gains back, money at risk."""
    found = _review(request, pk)
    return render(
        request,
        "fund/review.html",
        {"fund": found.fund, "review": found, "chart": balance_chart(found.years)},
    )


def _ask(request: MemberRequest, pk: int, extension: str, title: str) -> HttpResponse:
    fund = get_fund_for_user(request.membership, pk)
    return ask_for_file(
        request,
        kind=f"fund_review.{extension}",
        title=title % {"fund": fund.name},
        parameters={"fund": fund.pk, "format": extension},
        personal_data=False,
        job=make_fund_review,
    )


@member_required(Capability.VIEW_FUNDS)
@require_http_methods(["GET", "POST"])
def review_xlsx(request: MemberRequest, pk: int) -> HttpResponse:
    """Ask for the review as an .xlsx workbook, every funded grant included: made on the job
    queue (``fund.tasks``), ~1.5 s at national scale; the person lands on Mine filer."""
    return _ask(request, pk, "xlsx", _("The review of %(fund)s as a spreadsheet (.xlsx)"))


@member_required(Capability.VIEW_FUNDS)
@require_http_methods(["GET", "POST"])
def review_pdf(request: MemberRequest, pk: int) -> HttpResponse:
    """Ask for the review as a PDF to attach to the political case (made on the job queue)."""
    return _ask(request, pk, "pdf", _("The review of %(fund)s as PDF"))
