"""Choosing the units that should use a solution, with their eligible base and own target
(the portfolio office and the solution's operations owner)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.adoption.access import get_rw_solution_for_user, get_rw_solution_unit_for_user
from helhet.adoption.forms import SolutionUnitEditForm, SolutionUnitForm
from helhet.adoption.services import units as services
from helhet.core.forms import add_service_errors


@member_required(Capability.VIEW_SOLUTIONS)
@require_http_methods(["GET", "POST"])
def unit_add(request: MemberRequest, pk: int) -> HttpResponse:
    """Add a unit that should use the solution."""
    solution = get_rw_solution_for_user(request.membership, pk)
    form = SolutionUnitForm(request.POST or None, municipality=request.membership.municipality)
    if request.method == "POST" and form.is_valid():
        try:
            added = services.solution_unit_add(
                actor=request.user, solution=solution, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(unit)s should now use %(solution)s.")
                % {"unit": added.unit, "solution": solution.name},
            )
            return redirect("adoption:detail", solution.pk)
    return render(
        request,
        "adoption/unit_form.html",
        {"form": form, "solution": solution},
        status=400 if form.is_bound else 200,
    )


@member_required(Capability.VIEW_SOLUTIONS)
@require_http_methods(["GET", "POST"])
def unit_edit(request: MemberRequest, pk: int) -> HttpResponse:
    """Change a unit's eligible base and own target, or take it off the solution."""
    solution_unit = get_rw_solution_unit_for_user(request.membership, pk)
    solution = solution_unit.solution
    form = SolutionUnitEditForm(
        request.POST or None,
        initial={
            "eligible_base": solution_unit.eligible_base,
            "target_percent": solution_unit.target_percent,
        },
        municipality=request.membership.municipality,
    )
    refusal = ""
    if request.method == "POST" and request.POST.get("action") == "remove":
        try:
            services.solution_unit_remove(actor=request.user, solution_unit=solution_unit)
        except ValidationError as error:
            refusal = " ".join(error.messages)
        else:
            messages.success(
                request, _("%(unit)s is taken off the solution.") % {"unit": solution_unit.unit}
            )
            return redirect("adoption:detail", solution.pk)
    elif request.method == "POST" and form.is_valid():
        try:
            services.solution_unit_update(
                actor=request.user, solution_unit=solution_unit, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The unit is saved."))
            return redirect("adoption:detail", solution.pk)
    return render(
        request,
        "adoption/unit_form.html",
        {
            "form": form,
            "solution": solution,
            "solution_unit": solution_unit,
            "refusal": refusal,
        },
        status=400 if form.is_bound else 200,
    )
