"""The fund's review (fondets gjennomgang) for everyone in the municipality: the page, and the
same figures as an .xlsx workbook and a PDF for the political case."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.core.downloads import attachment
from helhet.core.formats import PDF_TYPE
from helhet.core.spreadsheets import XLSX_TYPE
from helhet.fund.access import get_fund_for_user
from helhet.fund.charts import balance_chart
from helhet.fund.exports.review_pdf import review_pdf as make_pdf
from helhet.fund.exports.review_xlsx import review_filename
from helhet.fund.exports.review_xlsx import review_xlsx as make_xlsx
from helhet.fund.selectors.review import FundReview, fund_review


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


@member_required(Capability.VIEW_FUNDS)
def review_xlsx(request: MemberRequest, pk: int) -> HttpResponse:
    """The review as an .xlsx workbook, every funded grant included."""
    found = _review(request, pk)
    content = make_xlsx(found)
    return attachment(content, review_filename(found, "xlsx"), XLSX_TYPE)


@member_required(Capability.VIEW_FUNDS)
def review_pdf(request: MemberRequest, pk: int) -> HttpResponse:
    """The review as a PDF to attach to the political case."""
    found = _review(request, pk)
    content = make_pdf(found)
    return attachment(content, review_filename(found, "pdf"), PDF_TYPE)
