"""The digital-first-choice plan: every municipal service with the levels it lacks and the steps
planned to close them, flagged where attention is needed, and its exports (.xlsx and PDF)."""

from __future__ import annotations

import io
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.core.downloads import attachment
from helhet.core.formats import PDF_TYPE
from helhet.core.security_log import security_event
from helhet.core.spreadsheets import XLSX_TYPE
from helhet.maturity import exports
from helhet.maturity.forms.plan import PlanFilterForm
from helhet.maturity.selectors.overview import maturity_summary
from helhet.maturity.selectors.plan import MaturityPlan, PlanRow, maturity_plan


def _plan_rows(request: MemberRequest) -> tuple[PlanFilterForm, list[PlanRow], MaturityPlan]:
    municipality = request.membership.municipality
    form = PlanFilterForm(request.GET or None, municipality=municipality)
    chosen = form.cleaned_data if form.is_bound and form.is_valid() else {}
    plan = maturity_plan(municipality, timezone.localdate())
    area = chosen.get("area")
    rows = plan.filtered(area=area.pk if area else None, only_flagged=bool(chosen.get("flagged")))
    return form, rows, plan


@member_required(Capability.VIEW_PORTFOLIO)
@require_GET
def plan(request: MemberRequest) -> HttpResponse:
    """Every service with a gap, by service area: its answer at each missing level, the steps
    planned and what needs attention. Filters: service area, only what needs attention."""
    form, rows, whole = _plan_rows(request)
    areas: dict[int, dict[str, Any]] = {}
    for row in rows:
        areas.setdefault(row.service.area_id, {"area": row.service.area, "rows": []})
        areas[row.service.area_id]["rows"].append(row)
    query = request.GET.urlencode() if form.is_bound and form.is_valid() else ""
    return render(
        request,
        "maturity/plan.html",
        {
            "form": form,
            "areas": list(areas.values()),
            "shown": len(rows),
            "plan": whole,
            "query": query,
            "can_manage": request.membership.can(Capability.MANAGE_SERVICES),
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@member_required(Capability.VIEW_PORTFOLIO)
@require_GET
def plan_xlsx(request: MemberRequest) -> HttpResponse:
    """The plan, with the page's filters, as an .xlsx workbook, and the maturity per area."""
    _form, rows, whole = _plan_rows(request)
    municipality = request.membership.municipality
    out = io.BytesIO()
    exports.write_plan_xlsx(rows, maturity_summary(municipality, whole.today), out)
    filename = exports.export_filename(municipality, whole.today, "xlsx")
    security_event(
        "export.personal_data",
        request=request,
        export="maturity_plan.xlsx",
        filename=filename,
        municipality_id=request.membership.municipality_id,
    )
    return attachment(out.getvalue(), filename, XLSX_TYPE)


@member_required(Capability.VIEW_PORTFOLIO)
@require_GET
def plan_pdf(request: MemberRequest) -> HttpResponse:
    """The plan, with the page's filters, as a PDF with a table per service area."""
    _form, rows, whole = _plan_rows(request)
    municipality = request.membership.municipality
    out = io.BytesIO()
    exports.write_plan_pdf(rows, municipality=municipality, today=whole.today, out=out)
    filename = exports.export_filename(municipality, whole.today, "pdf")
    security_event(
        "export.personal_data",
        request=request,
        export="maturity_plan.pdf",
        filename=filename,
        municipality_id=request.membership.municipality_id,
    )
    return attachment(out.getvalue(), filename, PDF_TYPE)
