"""The digital-first-choice plan: every municipal service with the levels it lacks and the steps
planned to close them, flagged where attention is needed, and its exports (.xlsx and PDF, made
on the job queue)."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.files.views import ask_for_file
from helhet.maturity.forms.plan import filtered_plan
from helhet.maturity.tasks import make_maturity_plan


@member_required(Capability.VIEW_PORTFOLIO)
@require_GET
def plan(request: MemberRequest) -> HttpResponse:
    """Every service with a gap, by service area: its answer at each missing level, the steps
    planned and what needs attention. Filters: service area, only what needs attention."""
    form, rows, whole = filtered_plan(request.GET, municipality=request.membership.municipality)
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


def _ask(request: MemberRequest, extension: str, title: str) -> HttpResponse:
    return ask_for_file(
        request,
        kind=f"maturity_plan.{extension}",
        title=title,
        parameters={"format": extension, "query": request.GET.urlencode()},
        personal_data=True,
        job=make_maturity_plan,
    )


@member_required(Capability.VIEW_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def plan_xlsx(request: MemberRequest) -> HttpResponse:
    """Ask for the plan, with the page's filters, as an .xlsx workbook with the maturity per
    area: made on the job queue (``maturity.tasks``), as every service of a large municipality
    is a row; the person lands on Mine filer."""
    return _ask(request, "xlsx", _("The digital-first-choice plan as a spreadsheet (.xlsx)"))


@member_required(Capability.VIEW_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def plan_pdf(request: MemberRequest) -> HttpResponse:
    """Ask for the plan, with the page's filters, as a PDF with a table per service area (a PDF
    pack, made on the job queue)."""
    return _ask(request, "pdf", _("The digital-first-choice plan as PDF"))
