"""The scale-up plan (the action matrix) and the follow-up of units: the plan across all
solutions (each solution and unit against the years), one solution's plan as a table to print,
the forms for a step, and a unit's follow-up actions with whether adoption moved afterwards.
Everyone in the municipality reads them; the portfolio office and the solution's operations
owner keep the plan; those who count a unit's adoption keep its follow-up.
A view that names an object asks the decorator only for VIEW_SOLUTIONS: the access helper
answers 404 for another municipality's object before 403 for someone who may not change it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.adoption.access import (
    get_rw_action_for_user,
    get_rw_solution_for_user,
    get_rw_step_for_user,
    get_solution_for_user,
    get_solution_unit_for_user,
    get_solution_unit_to_count,
    may_follow_up,
    may_manage_solution,
)
from helhet.adoption.models import Solution, SolutionUnit
from helhet.adoption.plan import (
    plan_matrix,
    plan_steps,
    plan_summary,
    solution_follow_up_counts,
    unit_follow_up,
)
from helhet.adoption.plan_forms import ActionForm, StepForm
from helhet.adoption.services import scaleup as services
from helhet.core.forms import add_service_errors


@member_required(Capability.VIEW_SOLUTIONS)
@require_GET
def plan_overview(request: MemberRequest) -> HttpResponse:
    """The action matrix across the municipality's solutions, a row per solution; a solution's
    own plan has a row per unit."""
    municipality = request.membership.municipality
    matrix = plan_summary(municipality=municipality)
    unplanned = (
        Solution.objects.filter(municipality=municipality, steps__isnull=True)
        .order_by("name")
        .only("pk", "name")
    )
    context = {"matrix": matrix, "unplanned": unplanned, "today": timezone.localdate()}
    return render(request, "adoption/plan_overview.html", context)


@member_required(Capability.VIEW_SOLUTIONS)
def solution_plan(request: MemberRequest, pk: int) -> HttpResponse:
    """One solution's plan: its steps as a table (late ones flagged) and its units with their
    follow-up."""
    solution = get_solution_for_user(request.membership, pk)
    steps = list(plan_steps(municipality=solution.municipality, solution_ids=[solution.pk]))
    matrix = plan_matrix(steps)
    units = list(SolutionUnit.objects.filter(solution=solution).select_related("unit"))
    follow_up = solution_follow_up_counts(solution.pk)
    context = {
        "solution": solution,
        "steps": steps,
        "matrix": matrix,
        "units": [(su, follow_up.get(su.pk, (0, 0))) for su in units],
        "may_plan": may_manage_solution(request.user, solution),
    }
    return render(request, "adoption/solution_plan.html", context)


@member_required(Capability.VIEW_SOLUTIONS)
@require_http_methods(["GET", "POST"])
def step_create(request: MemberRequest, pk: int) -> HttpResponse:
    solution = get_rw_solution_for_user(request.membership, pk)
    form = StepForm(
        request.POST if request.method == "POST" else None,
        municipality=solution.municipality,
        keep=None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.scale_up_step_create(
                actor=request.user, solution=solution, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The step was added to the plan."))
            return redirect("adoption:plan", solution.pk)
    status = 400 if form.is_bound else 200
    context = {"form": form, "solution": solution, "step": None}
    return render(request, "adoption/step_form.html", context, status=status)


@member_required(Capability.VIEW_SOLUTIONS)
@require_http_methods(["GET", "POST"])
def step_edit(request: MemberRequest, pk: int) -> HttpResponse:
    step = get_rw_step_for_user(request.membership, pk)
    form = StepForm(
        request.POST if request.method == "POST" else None,
        initial={name: getattr(step, name) for name in services.STEP_FIELDS},
        municipality=step.solution.municipality,
        keep=step.responsible_id,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.scale_up_step_update(actor=request.user, step=step, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("adoption:plan", step.solution_id)
    status = 400 if form.is_bound else 200
    context = {"form": form, "solution": step.solution, "step": step}
    return render(request, "adoption/step_form.html", context, status=status)


@member_required(Capability.VIEW_SOLUTIONS)
def unit_follow_up_view(request: MemberRequest, pk: int) -> HttpResponse:
    """A unit's follow-up actions for one solution, each with whether adoption moved after it
    was done."""
    solution_unit = get_solution_unit_for_user(request.membership, pk)
    context = {
        "solution_unit": solution_unit,
        "solution": solution_unit.solution,
        "rows": unit_follow_up(solution_unit),
        "may_follow_up": may_follow_up(request.membership, solution_unit),
    }
    return render(request, "adoption/follow_up.html", context)


@member_required(Capability.VIEW_SOLUTIONS)
@require_http_methods(["GET", "POST"])
def action_create(request: MemberRequest, pk: int) -> HttpResponse:
    solution_unit = get_solution_unit_to_count(request.membership, pk)
    form = ActionForm(
        request.POST if request.method == "POST" else None,
        initial={"planned_on": timezone.localdate()},
        municipality=solution_unit.solution.municipality,
        keep=None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_action_create(
                actor=request.user, solution_unit=solution_unit, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The follow-up action was recorded."))
            return redirect("adoption:follow_up", solution_unit.pk)
    status = 400 if form.is_bound else 200
    context = {"form": form, "solution_unit": solution_unit, "action": None}
    return render(request, "adoption/action_form.html", context, status=status)


@member_required(Capability.VIEW_SOLUTIONS)
@require_http_methods(["GET", "POST"])
def action_edit(request: MemberRequest, pk: int) -> HttpResponse:
    action = get_rw_action_for_user(request.membership, pk)
    form = ActionForm(
        request.POST if request.method == "POST" else None,
        initial={name: getattr(action, name) for name in services.ACTION_FIELDS},
        municipality=action.solution_unit.solution.municipality,
        keep=action.responsible_id,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_action_update(actor=request.user, action=action, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("adoption:follow_up", action.solution_unit_id)
    status = 400 if form.is_bound else 200
    context = {"form": form, "solution_unit": action.solution_unit, "action": action}
    return render(request, "adoption/action_form.html", context, status=status)
