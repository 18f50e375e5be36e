"""An initiative's benefits realisation plan as files: an .xlsx workbook and a PDF, for everyone
who may read the plan. Any method gets the file, like the plan page itself, so another
municipality's initiative is 404 whatever the method.

Made in the request, not on the job queue as the portfolio, fund review and maturity plan exports
are (``helhet.files``): one initiative's plan is a few benefits and their measurements, made in
tens of milliseconds, and the person wants it at once; a queue would only add a wait."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import timezone

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.benefits.exports import plan_pdf as pdf_export
from helhet.benefits.exports import plan_xlsx as xlsx_export
from helhet.benefits.exports.texts import export_filename
from helhet.benefits.selectors.plan import benefits_plan
from helhet.core.downloads import attachment
from helhet.core.formats import PDF_TYPE
from helhet.core.security_log import security_event
from helhet.core.spreadsheets import XLSX_TYPE
from helhet.portfolio.access import get_initiative_for_user


@member_required(Capability.VIEW_PORTFOLIO)
def plan_xlsx(request: MemberRequest, pk: int) -> HttpResponse:
    """The plan as an .xlsx workbook: benefits, indicators, measurements and budget cuts."""
    initiative = get_initiative_for_user(request.membership, pk)
    today = timezone.localdate()
    content = xlsx_export.plan_xlsx(initiative, list(benefits_plan(initiative)), today=today)
    filename = export_filename(initiative, today, "xlsx")
    security_event(
        "export.personal_data",
        request=request,
        export="benefits_plan.xlsx",
        filename=filename,
        municipality_id=request.membership.municipality_id,
    )
    return attachment(content, filename, XLSX_TYPE)


@member_required(Capability.VIEW_PORTFOLIO)
def plan_pdf(request: MemberRequest, pk: int) -> HttpResponse:
    """The plan as a PDF to read, print or attach to a case."""
    initiative = get_initiative_for_user(request.membership, pk)
    today = timezone.localdate()
    content = pdf_export.plan_pdf(initiative, list(benefits_plan(initiative)), today=today)
    filename = export_filename(initiative, today, "pdf")
    security_event(
        "export.personal_data",
        request=request,
        export="benefits_plan.pdf",
        filename=filename,
        municipality_id=request.membership.municipality_id,
    )
    return attachment(content, filename, PDF_TYPE)
