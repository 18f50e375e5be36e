"""The digital-first-choice plan: every service with the levels it lacks and the steps planned to
close them, flagged where attention is needed; its exports (.xlsx and PDF); planning, changing
and removing a step; and the maturity settings (the public page)."""

from __future__ import annotations

import io
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.core.formats import PDF_TYPE
from helhet.core.forms import add_service_errors
from helhet.core.spreadsheets import XLSX_TYPE
from helhet.maturity import exports, services
from helhet.maturity.access import get_rw_service_for_user, get_rw_step_for_user
from helhet.maturity.forms import MaturitySettingsForm, PlanFilterForm, StepForm, step_initial
from helhet.maturity.models import MaturityLevel, MaturitySettings, PlannedStep, Service
from helhet.maturity.selectors import PlanRow, maturity_plan, maturity_summary

# --- The plan and its exports --------------------------------------------------------------------


def _plan_rows(request: MemberRequest) -> tuple[PlanFilterForm, list[PlanRow], Any]:
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


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@member_required(Capability.VIEW_PORTFOLIO)
@require_GET
def plan_xlsx(request: MemberRequest) -> HttpResponse:
    """The plan, with the page's filters, as an .xlsx workbook, and the maturity per area."""
    _form, rows, whole = _plan_rows(request)
    municipality = request.membership.municipality
    out = io.BytesIO()
    exports.write_plan_xlsx(rows, maturity_summary(municipality, whole.today), out)
    filename = exports.export_filename(municipality, whole.today, "xlsx")
    return _download(out.getvalue(), filename, XLSX_TYPE)


@member_required(Capability.VIEW_PORTFOLIO)
@require_GET
def plan_pdf(request: MemberRequest) -> HttpResponse:
    """The plan, with the page's filters, as a PDF with a table per service area."""
    _form, rows, whole = _plan_rows(request)
    municipality = request.membership.municipality
    out = io.BytesIO()
    exports.write_plan_pdf(rows, municipality=municipality, today=whole.today, out=out)
    filename = exports.export_filename(municipality, whole.today, "pdf")
    return _download(out.getvalue(), filename, PDF_TYPE)


# --- Planned steps -------------------------------------------------------------------------------


def _back(service: Service, request: MemberRequest) -> str:
    """Where to go after saving: the plan if the person came from it, else the service page."""
    if request.POST.get("next") == "plan" or request.GET.get("next") == "plan":
        return reverse("maturity:plan") + f"#service-{service.pk}"
    return reverse("maturity:service_detail", args=[service.pk]) + "#planned-steps"


def _step_page(
    request: MemberRequest, form: StepForm, service: Service, step: PlannedStep | None
) -> HttpResponse:
    return render(
        request,
        "maturity/step_form.html",
        {
            "form": form,
            "service": service,
            "step": step,
            "next": "plan" if (request.POST or request.GET).get("next") == "plan" else "",
            "back": _back(service, request),
        },
        status=400 if form.is_bound else 200,
    )


@member_required(Capability.MANAGE_SERVICES)
@require_http_methods(["GET", "POST"])
def step_create(request: MemberRequest, pk: int) -> HttpResponse:
    service = get_rw_service_for_user(request.membership, pk)
    initial: dict[str, Any] = {}
    level = request.GET.get("level", "")
    if level.isdecimal() and int(level) in MaturityLevel.values:
        initial["level"] = int(level)
    form = StepForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        municipality=request.membership.municipality,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.step_create(actor=request.user, service=service, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The step was planned."))
            return redirect(_back(service, request))
    return _step_page(request, form, service, None)


@member_required(Capability.MANAGE_SERVICES)
@require_http_methods(["GET", "POST"])
def step_edit(request: MemberRequest, pk: int) -> HttpResponse:
    step = get_rw_step_for_user(request.membership, pk)
    form = StepForm(
        request.POST if request.method == "POST" else None,
        initial=step_initial(step),
        municipality=request.membership.municipality,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.step_update(actor=request.user, step=step, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            step.refresh_from_db()
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(_back(step.service, request))
    return _step_page(request, form, step.service, step)


@member_required(Capability.MANAGE_SERVICES)
@require_http_methods(["GET", "POST"])
def step_delete(request: MemberRequest, pk: int) -> HttpResponse:
    step = get_rw_step_for_user(request.membership, pk)
    if request.method == "POST":
        services.step_delete(actor=request.user, step=step)
        messages.success(request, _("The step was removed."))
        return redirect(_back(step.service, request))
    return render(
        request,
        "maturity/step_delete.html",
        {"step": step, "next": request.GET.get("next", ""), "back": _back(step.service, request)},
    )


# --- Settings ------------------------------------------------------------------------------------


@member_required(Capability.MANAGE_SERVICES)
@require_http_methods(["GET", "POST"])
def settings(request: MemberRequest) -> HttpResponse:
    municipality = request.membership.municipality
    current = MaturitySettings.objects.filter(municipality=municipality).first()
    form = MaturitySettingsForm(
        request.POST if request.method == "POST" else None,
        initial={"public_page": current.public_page if current else False},
    )
    if request.method == "POST" and form.is_valid():
        services.maturity_settings_update(
            actor=request.user,
            municipality=municipality,
            public_page=form.cleaned_data["public_page"],
        )
        messages.success(request, _("The settings were saved."))
        return redirect("maturity:settings")
    return render(
        request,
        "maturity/settings.html",
        {
            "form": form,
            "public_page_on": bool(current and current.public_page),
            "public_url": reverse("maturity_public:services", args=[municipality.slug]),
        },
        status=400 if form.is_bound else 200,
    )
