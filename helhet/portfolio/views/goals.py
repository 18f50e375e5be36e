"""The municipality's strategic goals: a hierarchy of strategies, goals, focus areas and purposes
(national, regional, municipal) that initiatives say they serve."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.core.forms import add_service_errors
from helhet.core.history import history_entries
from helhet.portfolio import services
from helhet.portfolio.access import get_goal_for_user, get_rw_goal_for_user
from helhet.portfolio.forms.goals import GoalForm
from helhet.portfolio.models import StrategicGoal


@dataclass
class GoalNode:
    goal: StrategicGoal
    initiatives: int
    children: list[GoalNode] = field(default_factory=list)


def _goal_tree(goals: Sequence[StrategicGoal]) -> list[GoalNode]:
    """The goals as a tree, siblings by position then name (one query, built in memory)."""
    nodes = {goal.pk: GoalNode(goal, getattr(goal, "initiative_count", 0)) for goal in goals}
    roots: list[GoalNode] = []
    for goal in sorted(goals, key=lambda g: (g.position, g.name)):
        parent = nodes.get(goal.parent_id) if goal.parent_id else None
        (parent.children if parent else roots).append(nodes[goal.pk])
    return roots


@member_required(Capability.VIEW_PORTFOLIO)
def goal_list(request: MemberRequest) -> HttpResponse:
    goals = list(
        StrategicGoal.objects.filter(municipality=request.membership.municipality).annotate(
            initiative_count=Count("initiatives", distinct=True)
        )
    )
    return render(request, "portfolio/goal_list.html", {"tree": _goal_tree(goals)})


@member_required(Capability.MANAGE_GOALS)
@require_http_methods(["GET", "POST"])
def goal_create(request: MemberRequest) -> HttpResponse:
    municipality = request.membership.municipality
    initial = {}
    parent_id = request.GET.get("parent", "")
    if parent_id.isdecimal():
        initial["parent"] = get_goal_for_user(request.membership, int(parent_id))
    form = GoalForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        municipality=municipality,
    )
    if request.method == "POST" and form.is_valid():
        try:
            goal = services.goal_create(
                actor=request.user, municipality=municipality, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The goal “%(name)s” was created.") % {"name": goal.name})
            return redirect("portfolio:goal_list")
    status = 400 if form.is_bound else 200
    return render(request, "portfolio/goal_form.html", {"form": form, "goal": None}, status=status)


@member_required(Capability.MANAGE_GOALS)
@require_http_methods(["GET", "POST"])
def goal_edit(request: MemberRequest, pk: int) -> HttpResponse:
    goal = get_rw_goal_for_user(request.membership, pk)
    form = GoalForm(
        request.POST if request.method == "POST" else None,
        initial={
            "name": goal.name,
            "parent": goal.parent,
            "level": goal.level,
            "kind": goal.kind,
            "description": goal.description,
            "position": goal.position,
        },
        municipality=request.membership.municipality,
        goal=goal,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_update(actor=request.user, goal=goal, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            goal.refresh_from_db()
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("portfolio:goal_list")
    status = 400 if form.is_bound else 200
    return render(request, "portfolio/goal_form.html", {"form": form, "goal": goal}, status=status)


@member_required(Capability.MANAGE_GOALS)
@require_http_methods(["GET", "POST"])
def goal_delete(request: MemberRequest, pk: int) -> HttpResponse:
    goal = get_rw_goal_for_user(request.membership, pk)
    error = None
    if request.method == "POST":
        try:
            services.goal_delete(actor=request.user, goal=goal)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, _("The goal “%(name)s” was deleted.") % {"name": goal.name})
            return redirect("portfolio:goal_list")
    return render(
        request,
        "portfolio/goal_delete.html",
        {
            "goal": goal,
            "error": error,
            "has_children": goal.children.exists(),
            "initiative_count": goal.initiatives.count(),
        },
        status=400 if error else 200,
    )


@member_required(Capability.VIEW_HISTORY)
def goal_history(request: MemberRequest, pk: int) -> HttpResponse:
    goal = get_goal_for_user(request.membership, pk)
    return render(
        request,
        "core/history.html",
        {
            "object": goal,
            "entries": history_entries(goal),
            "back_url": reverse("portfolio:goal_list"),
        },
    )
