"""A project's log: read by everyone who sees the portfolio, kept by those who may change the
initiative. An entry's lesson is the lessons register's (its pages are in helhet.learning,
reached from the log through the ``learning_tags`` template tags)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.core.forms import add_service_errors
from helhet.portfolio.access import (
    can_edit_initiative,
    get_initiative_for_user,
    get_rw_initiative_for_user,
)
from helhet.projects.access import get_log_entry_for_user, get_rw_log_entry_for_user
from helhet.projects.forms.log import LogEntryForm
from helhet.projects.models import LogKind
from helhet.projects.selectors.log import project_log
from helhet.projects.services import log as log_services
from helhet.projects.views.pages import form_page, history_page


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
            "entries": list(project_log(initiative, kind=kind, lessons_only=lessons_only)),
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
            log_services.log_entry_create(
                actor=request.user, initiative=initiative, **_log_fields(form)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The entry was written in the project log."))
            return redirect("projects:log_list", initiative.pk)
    return form_page(request, "projects/log_entry_form.html", form, {"initiative": initiative})


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
            log_services.log_entry_update(actor=request.user, entry=entry, **_log_fields(form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("projects:log_list", entry.initiative_id)
    return form_page(
        request,
        "projects/log_entry_form.html",
        form,
        {"initiative": entry.initiative, "entry": entry},
    )


@member_required(Capability.VIEW_HISTORY)
def log_entry_history(request: MemberRequest, pk: int) -> HttpResponse:
    entry = get_log_entry_for_user(request.membership, pk)
    return history_page(request, entry, "projects:log_list", entry.initiative)
