"""The lessons register's pages: the list across departments (searched and filtered), a lesson's
page and its history, writing a lesson (straight in, at the closing gate, or from a solution in
use) and changing one."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.adoption.access import get_solution_for_user
from helhet.core.forms import add_service_errors
from helhet.core.history import history_entries
from helhet.learning import search as lesson_search
from helhet.learning.access import (
    get_closing_decision_for_user,
    get_lesson_for_user,
    get_rw_lesson_for_user,
)
from helhet.learning.forms import LessonForm, lesson_initial
from helhet.learning.models import LessonSource
from helhet.learning.rules import may_edit_lesson
from helhet.learning.selectors import (
    LessonFilter,
    lesson_themes,
    lessons_found,
    methods,
    more_found_than_ranked,
    phase_names,
)
from helhet.learning.services import lessons as services
from helhet.organization.models import OrgUnit

PAGE_SIZE = 25


def _id(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 18 else None


def _filter_from(params: QueryDict) -> LessonFilter:
    source = params.get("source", "")
    return LessonFilter(
        query=params.get("q", "").strip()[:200],
        theme_id=_id(params.get("theme")),
        phase=params.get("phase", "")[:100],
        unit_id=_id(params.get("unit")),
        method_id=_id(params.get("method")),
        source=source if source in LessonSource.values else "",
    )


@member_required(Capability.VIEW_LESSONS)
def lesson_list(request: MemberRequest) -> HttpResponse:
    """The municipality's lessons across departments: searched in their words, filtered by
    theme, phase, department (with the units below it), method and where they come from."""
    municipality = request.membership.municipality
    filters = _filter_from(request.GET)
    page = Paginator(lessons_found(municipality, filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "learning/lesson_list.html",
        {
            "page": page,
            "filters": filters,
            "more_than_ranked": (
                page.paginator.count >= lesson_search.MAX_RANKED
                and more_found_than_ranked(municipality, filters)
            ),
            "query_string": query.urlencode(),
            "themes": lesson_themes(municipality),
            "phases": phase_names(municipality),
            "units": OrgUnit.objects.for_municipality(municipality).order_by("name"),
            "methods": methods(municipality),
            "sources": LessonSource.choices,
        },
    )


@member_required(Capability.VIEW_LESSONS)
def lesson_detail(request: MemberRequest, pk: int) -> HttpResponse:
    """A lesson: what happened, what was learned, what others should do, and where it is from."""
    lesson = get_lesson_for_user(request.membership, pk)
    return render(
        request,
        "learning/lesson_detail.html",
        {
            "lesson": lesson,
            "themes": list(lesson.themes.all()),
            "may_edit": may_edit_lesson(request.user, lesson),
        },
    )


@member_required(Capability.VIEW_HISTORY)
def lesson_history(request: MemberRequest, pk: int) -> HttpResponse:
    lesson = get_lesson_for_user(request.membership, pk)
    return render(
        request,
        "core/history.html",
        {
            "object": lesson,
            "entries": history_entries(lesson),
            "back_url": reverse("learning:lesson", args=[lesson.pk]),
        },
    )


def _form(request: MemberRequest, *, phase: str = "", **kwargs: object) -> LessonForm:
    """The lesson form, offering the phases of the municipality's methods (and ``phase``, the
    lesson's own, should its method have renamed it since)."""
    phases = phase_names(request.membership.municipality)
    if phase and phase not in phases:
        phases.append(phase)
    return LessonForm(
        request.POST if request.method == "POST" else None,
        municipality=request.membership.municipality,
        phases=phases,
        **kwargs,
    )


def _write(
    request: MemberRequest,
    *,
    initial: dict[str, Any],
    context: dict[str, Any],
    **place: Any,
) -> HttpResponse:
    """The form for a new lesson, and the lesson written from it (``place``: where it comes
    from, as ``lesson_write`` takes it)."""
    form = _form(request, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            lesson = services.lesson_write(
                actor=request.user,
                municipality=request.membership.municipality,
                **place,
                **form.lesson_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you! The lesson is in the register."))
            return redirect("learning:lesson", lesson.pk)
    return render(
        request,
        "learning/lesson_form.html",
        {"form": form, **context},
        status=400 if form.is_bound else 200,
    )


@member_required(Capability.WRITE_LESSONS)
@require_http_methods(["GET", "POST"])
def lesson_write(request: MemberRequest) -> HttpResponse:
    """Write a lesson straight into the register."""
    return _write(request, initial={"unit": request.membership.unit_id}, context={})


@member_required(Capability.WRITE_LESSONS)
@require_http_methods(["GET", "POST"])
def closing_lesson(request: MemberRequest, pk: int) -> HttpResponse:
    """Write a lesson at the closing gate: on the decision that completed the initiative's
    method, about that initiative."""
    decision = get_closing_decision_for_user(request.membership, pk)
    initiative = decision.request.initiative
    return _write(
        request,
        initial={"initiative": initiative.pk, "phase_name": decision.from_phase.name},
        context={"closing": decision, "about": initiative},
        source=LessonSource.CLOSING,
        decision=decision,
    )


@member_required(Capability.WRITE_LESSONS)
@require_http_methods(["GET", "POST"])
def solution_lesson(request: MemberRequest, pk: int) -> HttpResponse:
    """Write a lesson learned from a solution in use (taking it up, keeping it in use)."""
    solution = get_solution_for_user(request.membership, pk)
    initiative = solution.initiatives.order_by("pk").first()
    return _write(
        request,
        initial={
            "initiative": initiative.pk if initiative else None,
            "unit": solution.owner_unit_id,
        },
        context={"from_solution": solution, "about": solution},
        source=LessonSource.SOLUTION,
        solution=solution,
    )


@member_required(Capability.WRITE_LESSONS)
@require_http_methods(["GET", "POST"])
def lesson_edit(request: MemberRequest, pk: int) -> HttpResponse:
    """Change a lesson: the one who wrote it, or the portfolio office."""
    lesson = get_rw_lesson_for_user(request.membership, pk)
    form = _form(request, phase=lesson.phase_name, initial=lesson_initial(lesson))
    if request.method == "POST" and form.is_valid():
        try:
            services.lesson_update(
                actor=request.user,
                lesson=lesson,
                expected_version=form.cleaned_data.get("version"),
                **form.lesson_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("learning:lesson", lesson.pk)
    return render(
        request,
        "learning/lesson_form.html",
        {"form": form, "lesson": lesson},
        status=400 if form.is_bound else 200,
    )
