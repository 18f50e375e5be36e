"""The solutions' pages: the list with each solution's adoption in total, the units needing
attention across solutions, a solution's page (its units, adoption over time), registering a
solution (also from a finished initiative) and changing it, and its history."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.adoption.access import (
    get_rw_solution_for_user,
    get_solution_for_user,
    may_manage_solution,
    owner_has_left,
    recordable_unit_ids,
)
from helhet.adoption.charts import adoption_chart
from helhet.adoption.forms import SolutionForm
from helhet.adoption.models import SolutionStage, SolutionUnit
from helhet.adoption.selectors import (
    adoption_over_time,
    solution_unit_rows,
    solutions_overview,
    units_needing_attention,
)
from helhet.adoption.services import solutions as services
from helhet.core.forms import add_service_errors
from helhet.core.history import HistoryPart, history_entries
from helhet.organization.models import OrgUnit
from helhet.portfolio.access import get_initiative_for_user
from helhet.portfolio.filters import unit_and_descendants

PAGE_SIZE = 50
WHY = ("below", "fell", "late")


@member_required(Capability.VIEW_SOLUTIONS)
def solution_list(request: MemberRequest) -> HttpResponse:
    """Every solution of the municipality with its adoption in total and its flags."""
    stage = request.GET.get("stage", "")
    if stage not in SolutionStage.values:
        stage = ""
    summaries = solutions_overview(
        municipality=request.membership.municipality, today=timezone.localdate(), stage=stage
    )
    return render(
        request,
        "adoption/solution_list.html",
        {"summaries": summaries, "stage": stage, "stages": SolutionStage.choices},
    )


def _int_or_none(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 18 else None


@member_required(Capability.VIEW_SOLUTIONS)
def adoption_attention(request: MemberRequest) -> HttpResponse:
    """Across every solution: the units below target, whose adoption fell, or late with their
    count, for a department (a unit and those under it) when chosen."""
    municipality = request.membership.municipality
    why = request.GET.get("why", "")
    if why not in WHY:
        why = ""
    unit = None
    unit_id = _int_or_none(request.GET.get("unit"))
    if unit_id is not None:
        unit = OrgUnit.objects.filter(municipality=municipality, pk=unit_id).first()
    rows = units_needing_attention(
        municipality=municipality,
        today=timezone.localdate(),
        unit_ids=unit_and_descendants(unit) if unit is not None else None,
        why=why,
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    return render(
        request,
        "adoption/attention.html",
        {
            "page": page,
            "why": why,
            "unit_id": unit.pk if unit is not None else None,
            "units": OrgUnit.objects.for_municipality(municipality).order_by("name"),
            "today": today,
        },
    )


@member_required(Capability.VIEW_SOLUTIONS)
def solution_detail(request: MemberRequest, pk: int) -> HttpResponse:
    """A solution: its home and flags, its units with who is below target, fell or is late,
    and its adoption over time (a chart and the same figures in a table)."""
    solution = get_solution_for_user(request.membership, pk)
    today = timezone.localdate()
    rows = solution_unit_rows(
        solution, today=today, recordable=recordable_unit_ids(request.membership, solution)
    )
    periods = adoption_over_time(solution, today=today)
    return render(
        request,
        "adoption/solution_detail.html",
        {
            "solution": solution,
            "rows": rows,
            "periods": [period for period in periods if period.units_counted][::-1],
            "chart": adoption_chart(solution, periods),
            "initiatives": list(solution.initiatives.order_by("name")),
            "may_manage": may_manage_solution(request.user, solution),
            "may_record": any(row.may_record for row in rows),
            "owner_left": owner_has_left(solution),
            "owner_missing": solution.owner_unit_id is None and solution.owner_person_id is None,
            "counts_below": sum(row.below_target for row in rows),
            "counts_fell": sum(row.fell for row in rows),
            "counts_late": sum(row.late for row in rows),
        },
    )


def _solution_form_page(
    request: MemberRequest, form: SolutionForm, context: dict[str, Any]
) -> HttpResponse:
    return render(
        request,
        "adoption/solution_form.html",
        {"form": form, **context},
        status=400 if form.is_bound else 200,
    )


@member_required(Capability.MANAGE_SOLUTIONS)
@require_http_methods(["GET", "POST"])
def solution_create(request: MemberRequest) -> HttpResponse:
    """Register a solution in operation (the portfolio office)."""
    municipality = request.membership.municipality
    form = SolutionForm(request.POST or None, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        initiatives = list(data.pop("initiatives"))
        try:
            solution = services.solution_create(
                actor=request.user, municipality=municipality, initiatives=initiatives, **data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is registered. Add the units that should use it.")
                % {"name": solution.name},
            )
            return redirect("adoption:detail", solution.pk)
    return _solution_form_page(request, form, {"creating": True})


@member_required(Capability.VIEW_SOLUTIONS)
@require_http_methods(["GET", "POST"])
def solution_from_initiative(request: MemberRequest, pk: int) -> HttpResponse:
    """Register the solution a finished initiative leaves in operation, its home taken from the
    initiative's gate into operation where it had one (the portfolio office; another
    municipality's initiative is not found)."""
    initiative = get_initiative_for_user(request.membership, pk)
    if not request.membership.can(Capability.MANAGE_SOLUTIONS):
        raise PermissionDenied
    municipality = request.membership.municipality
    handover = services.handover_of(initiative)
    initial = {
        "name": initiative.name,
        "description": initiative.short_description,
        "stage": SolutionStage.IN_OPERATION,
        "owner_unit": handover.owner_unit,
        "owner_person": handover.owner_person,
        "in_use_since": handover.in_use_since or initiative.actual_end or timezone.localdate(),
        "initiatives": [initiative],
        "count_interval_days": 31,
    }
    form = SolutionForm(request.POST or None, initial=initial, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        initiatives = list(data.pop("initiatives")) or [initiative]
        try:
            solution = services.solution_create(
                actor=request.user,
                municipality=municipality,
                initiatives=initiatives,
                handover_decision=handover.decision,
                **data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is registered. Add the units that should use it.")
                % {"name": solution.name},
            )
            return redirect("adoption:detail", solution.pk)
    return _solution_form_page(
        request, form, {"creating": True, "initiative": initiative, "handover": handover}
    )


@member_required(Capability.VIEW_SOLUTIONS)
@require_http_methods(["GET", "POST"])
def solution_edit(request: MemberRequest, pk: int) -> HttpResponse:
    """Change a solution (the portfolio office, or its operations owner)."""
    solution = get_rw_solution_for_user(request.membership, pk)
    initial = {name: getattr(solution, name) for name in services.SOLUTION_FIELDS}
    initial["initiatives"] = list(solution.initiatives.all())
    form = SolutionForm(
        request.POST or None,
        initial=initial,
        municipality=request.membership.municipality,
        keep_person=solution.owner_person_id,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        initiatives = list(data.pop("initiatives"))
        try:
            services.solution_update(
                actor=request.user,
                solution=solution,
                fields=data,
                initiatives=initiatives,
                expected_version=_int_or_none(request.POST.get("version")),
            )
        except PermissionDenied as refused:
            form.add_error("owner_person", str(refused))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The solution is saved."))
            return redirect("adoption:detail", solution.pk)
    return _solution_form_page(request, form, {"solution": solution})


@member_required(Capability.VIEW_HISTORY)
def solution_history(request: MemberRequest, pk: int) -> HttpResponse:
    """What changed on the solution and its units, who changed it, when."""
    solution = get_solution_for_user(request.membership, pk)
    units = SolutionUnit.history.filter(solution_id=solution.pk)
    return render(
        request,
        "core/history.html",
        {
            "object": solution,
            "entries": history_entries(
                solution, parts=[HistoryPart(records=units, parent_field="solution")]
            ),
            "back_url": reverse("adoption:detail", args=[solution.pk]),
        },
    )
