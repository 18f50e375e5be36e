"""Planning, changing and removing a step of the digital-first-choice plan."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.core.forms import add_service_errors
from helhet.maturity.access import get_rw_service_for_user, get_rw_step_for_user
from helhet.maturity.forms.plan import StepForm, step_initial
from helhet.maturity.models import MaturityLevel, PlannedStep, Service
from helhet.maturity.services import steps


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
            steps.step_create(actor=request.user, service=service, **form.cleaned_data)
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
            steps.step_update(actor=request.user, step=step, **form.cleaned_data)
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
        steps.step_delete(actor=request.user, step=step)
        messages.success(request, _("The step was removed."))
        return redirect(_back(step.service, request))
    return render(
        request,
        "maturity/step_delete.html",
        {"step": step, "next": request.GET.get("next", ""), "back": _back(step.service, request)},
    )
