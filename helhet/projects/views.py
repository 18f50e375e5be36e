"""A project's board, risk register and project log: read by everyone who sees the portfolio,
kept by those who may change the initiative."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
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
from helhet.portfolio.access import (
    can_edit_initiative,
    get_initiative_for_user,
    get_rw_initiative_for_user,
)
from helhet.portfolio.models import Initiative
from helhet.projects import selectors, services
from helhet.projects.access import (
    get_log_entry_for_user,
    get_risk_for_user,
    get_rw_board_member_for_user,
    get_rw_log_entry_for_user,
    get_rw_risk_for_user,
)
from helhet.projects.forms import (
    BoardMemberEditForm,
    BoardMemberForm,
    LessonForm,
    LogEntryForm,
    RiskForm,
)
from helhet.projects.models import LogEntry, LogKind, Risk, RiskKind


def _form_page(
    request: MemberRequest, template: str, form: Form, context: dict[str, Any]
) -> HttpResponse:
    """The form again: 400 when it was sent with errors, 200 when it is shown the first time."""
    return render(
        request, template, {"form": form, **context}, status=400 if form.is_bound else 200
    )


# --- Board ---------------------------------------------------------------------------------------


@member_required(Capability.VIEW_PORTFOLIO)
def board(request: MemberRequest, pk: int) -> HttpResponse:
    """The project organisation: the initiative's owner and leader, then the board by role."""
    initiative = get_initiative_for_user(request.membership, pk)
    return render(
        request,
        "projects/board.html",
        {
            "initiative": initiative,
            "members": selectors.board_of(initiative),
            "can_edit": can_edit_initiative(request.membership, initiative),
        },
    )


@member_required(Capability.REGISTER_INITIATIVE)
@require_http_methods(["GET", "POST"])
def board_member_add(request: MemberRequest, pk: int) -> HttpResponse:
    membership = request.membership
    initiative = get_rw_initiative_for_user(membership, pk)
    form = BoardMemberForm(
        request.POST if request.method == "POST" else None, municipality=membership.municipality
    )
    if request.method == "POST" and form.is_valid():
        try:
            member = services.board_member_add(
                actor=request.user,
                initiative=initiative,
                person=form.cleaned_data["person"],
                role=form.cleaned_data["role"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("%(person)s was added to the board.") % {"person": member.person}
            )
            return redirect("projects:board", initiative.pk)
    return _form_page(request, "projects/board_member_form.html", form, {"initiative": initiative})


@member_required(Capability.REGISTER_INITIATIVE)
@require_http_methods(["GET", "POST"])
def board_member_edit(request: MemberRequest, pk: int) -> HttpResponse:
    member = get_rw_board_member_for_user(request.membership, pk)
    form = BoardMemberEditForm(
        request.POST if request.method == "POST" else None,
        initial={"role": member.role, "note": member.note},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.board_member_update(
                actor=request.user,
                member=member,
                role=form.cleaned_data["role"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The board was changed."))
            return redirect("projects:board", member.initiative_id)
    return _form_page(
        request,
        "projects/board_member_form.html",
        form,
        {"initiative": member.initiative, "member": member},
    )


@member_required(Capability.REGISTER_INITIATIVE)
@require_http_methods(["GET", "POST"])
def board_member_remove(request: MemberRequest, pk: int) -> HttpResponse:
    member = get_rw_board_member_for_user(request.membership, pk)
    if request.method == "POST":
        services.board_member_remove(actor=request.user, member=member)
        messages.success(
            request,
            _("%(person)s was taken off the board as %(role)s.")
            % {"person": member.person, "role": member.get_role_display().lower()},
        )
        return redirect("projects:board", member.initiative_id)
    return render(
        request,
        "projects/board_member_remove.html",
        {"initiative": member.initiative, "member": member},
    )


@member_required(Capability.VIEW_HISTORY)
def board_history(request: MemberRequest, pk: int) -> HttpResponse:
    """Who has been added to, changed on and taken off the board, by whom and when."""
    initiative = get_initiative_for_user(request.membership, pk)
    return render(
        request,
        "projects/board_history.html",
        {"initiative": initiative, "records": selectors.board_history(initiative)},
    )


# --- Risk register -------------------------------------------------------------------------------


@member_required(Capability.VIEW_PORTFOLIO)
def risk_list(request: MemberRequest, pk: int) -> HttpResponse:
    """The risks and opportunities, highest score first, and the matrix of those not closed.
    ``?show=all`` lists the closed ones too."""
    initiative = get_initiative_for_user(request.membership, pk)
    show_all = request.GET.get("show") == "all"
    risks = selectors.risks_of(initiative, include_closed=True)
    matrices = [selectors.risk_matrix(risks, RiskKind.RISK)]
    opportunities = selectors.risk_matrix(risks, RiskKind.OPPORTUNITY)
    if opportunities.total:
        matrices.append(opportunities)
    shown = risks if show_all else [risk for risk in risks if not risk.is_closed]
    return render(
        request,
        "projects/risk_list.html",
        {
            "initiative": initiative,
            "risks": shown,
            "closed_count": sum(1 for risk in risks if risk.is_closed),
            "show_all": show_all,
            "matrices": matrices,
            "can_edit": can_edit_initiative(request.membership, initiative),
        },
    )


def _risk_fields(form: RiskForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        name: data[name]
        for name in (
            "kind",
            "title",
            "description",
            "probability",
            "consequence",
            "owner",
            "measures",
            "status",
        )
    }


@member_required(Capability.REGISTER_INITIATIVE)
@require_http_methods(["GET", "POST"])
def risk_create(request: MemberRequest, pk: int) -> HttpResponse:
    membership = request.membership
    initiative = get_rw_initiative_for_user(membership, pk)
    form = RiskForm(
        request.POST if request.method == "POST" else None,
        municipality=membership.municipality,
        initial={"kind": request.GET.get("kind", RiskKind.RISK)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.risk_create(actor=request.user, initiative=initiative, **_risk_fields(form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("It was added to the risk register."))
            return redirect("projects:risk_list", initiative.pk)
    return _form_page(request, "projects/risk_form.html", form, {"initiative": initiative})


def _risk_initial(risk: Risk) -> dict[str, Any]:
    return {
        "kind": risk.kind,
        "title": risk.title,
        "description": risk.description,
        "probability": risk.probability,
        "consequence": risk.consequence,
        "owner": risk.owner_id,
        "measures": risk.measures,
        "status": risk.status,
    }


@member_required(Capability.REGISTER_INITIATIVE)
@require_http_methods(["GET", "POST"])
def risk_edit(request: MemberRequest, pk: int) -> HttpResponse:
    membership = request.membership
    risk = get_rw_risk_for_user(membership, pk)
    form = RiskForm(
        request.POST if request.method == "POST" else None,
        municipality=membership.municipality,
        initial=_risk_initial(risk),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.risk_update(actor=request.user, risk=risk, **_risk_fields(form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("projects:risk_list", risk.initiative_id)
    return _form_page(
        request, "projects/risk_form.html", form, {"initiative": risk.initiative, "risk": risk}
    )


def _history(
    request: MemberRequest, obj: Risk | LogEntry, back: str, initiative: Initiative
) -> HttpResponse:
    return render(
        request,
        "core/history.html",
        {
            "object": obj,
            "entries": history_entries(obj),
            "back_url": reverse(back, args=[initiative.pk]),
        },
    )


@member_required(Capability.VIEW_HISTORY)
def risk_history(request: MemberRequest, pk: int) -> HttpResponse:
    risk = get_risk_for_user(request.membership, pk)
    return _history(request, risk, "projects:risk_list", risk.initiative)


# --- Project log ---------------------------------------------------------------------------------


@member_required(Capability.VIEW_PORTFOLIO)
def log_list(request: MemberRequest, pk: int) -> HttpResponse:
    """The project log, newest first; ``?kind=`` one kind, ``?lessons=1`` only the lessons."""
    initiative = get_initiative_for_user(request.membership, pk)
    kind = request.GET.get("kind", "")
    if kind not in LogKind.values:
        kind = ""
    lessons_only = request.GET.get("lessons") in {"1", "true", "on"}
    return render(
        request,
        "projects/log_list.html",
        {
            "initiative": initiative,
            "entries": list(selectors.log_of(initiative, kind=kind, lessons_only=lessons_only)),
            "kinds": LogKind.choices,
            "kind": kind,
            "lessons_only": lessons_only,
            "filtered": bool(kind or lessons_only),
            "can_edit": can_edit_initiative(request.membership, initiative),
        },
    )


def _log_fields(form: LogEntryForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        name: data[name]
        for name in ("kind", "occurred_on", "title", "description", "consequence", "status")
    }


@member_required(Capability.REGISTER_INITIATIVE)
@require_http_methods(["GET", "POST"])
def log_entry_create(request: MemberRequest, pk: int) -> HttpResponse:
    initiative = get_rw_initiative_for_user(request.membership, pk)
    kind = request.GET.get("kind", LogKind.EVENT)
    form = LogEntryForm(
        request.POST if request.method == "POST" else None,
        initial={"kind": kind if kind in LogKind.values else LogKind.EVENT},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.log_entry_create(
                actor=request.user, initiative=initiative, **_log_fields(form)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The entry was written in the project log."))
            return redirect("projects:log_list", initiative.pk)
    return _form_page(request, "projects/log_entry_form.html", form, {"initiative": initiative})


@member_required(Capability.REGISTER_INITIATIVE)
@require_http_methods(["GET", "POST"])
def log_entry_edit(request: MemberRequest, pk: int) -> HttpResponse:
    entry = get_rw_log_entry_for_user(request.membership, pk)
    form = LogEntryForm(
        request.POST if request.method == "POST" else None,
        initial={
            "kind": entry.kind,
            "occurred_on": entry.occurred_on,
            "title": entry.title,
            "description": entry.description,
            "consequence": entry.consequence,
            "status": entry.status,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.log_entry_update(actor=request.user, entry=entry, **_log_fields(form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("projects:log_list", entry.initiative_id)
    return _form_page(
        request,
        "projects/log_entry_form.html",
        form,
        {"initiative": entry.initiative, "entry": entry},
    )


@member_required(Capability.REGISTER_INITIATIVE)
@require_http_methods(["GET", "POST"])
def log_entry_lesson(request: MemberRequest, pk: int) -> HttpResponse:
    """Mark a log entry as a lesson for the municipality's lessons register, or change the
    lesson."""
    entry = get_rw_log_entry_for_user(request.membership, pk)
    form = LessonForm(
        request.POST if request.method == "POST" else None, initial={"lesson": entry.lesson}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.log_entry_mark_lesson(
                actor=request.user, entry=entry, lesson=form.cleaned_data["lesson"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The entry is marked as a lesson."))
            return redirect("projects:log_list", entry.initiative_id)
    return _form_page(
        request,
        "projects/lesson_form.html",
        form,
        {"initiative": entry.initiative, "entry": entry},
    )


@member_required(Capability.REGISTER_INITIATIVE)
@require_http_methods(["GET", "POST"])
def log_entry_lesson_remove(request: MemberRequest, pk: int) -> HttpResponse:
    entry = get_rw_log_entry_for_user(request.membership, pk)
    if request.method == "POST":
        services.log_entry_unmark_lesson(actor=request.user, entry=entry)
        messages.success(request, _("The entry is no longer marked as a lesson."))
        return redirect("projects:log_list", entry.initiative_id)
    return render(
        request, "projects/lesson_remove.html", {"initiative": entry.initiative, "entry": entry}
    )


@member_required(Capability.VIEW_HISTORY)
def log_entry_history(request: MemberRequest, pk: int) -> HttpResponse:
    entry = get_log_entry_for_user(request.membership, pk)
    return _history(request, entry, "projects:log_list", entry.initiative)
