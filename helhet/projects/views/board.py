"""A project's board: read by everyone who sees the portfolio, kept by those who may change the
initiative."""

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
from helhet.core.forms import add_service_errors
from helhet.portfolio.access import (
    can_edit_initiative,
    get_initiative_for_user,
    get_rw_initiative_for_user,
)
from helhet.projects.access import get_rw_board_member_for_user
from helhet.projects.forms.board import BoardMemberEditForm, BoardMemberForm
from helhet.projects.selectors.board import project_board, project_board_history
from helhet.projects.services import board as board_services
from helhet.projects.views.pages import form_page


@member_required(Capability.VIEW_PORTFOLIO)
def board(request: MemberRequest, pk: int) -> HttpResponse:
    """The project organisation: the initiative's owner and leader, then the board by role."""
    initiative = get_initiative_for_user(request.membership, pk)
    return render(
        request,
        "projects/board.html",
        {
            "initiative": initiative,
            "members": project_board(initiative),
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
            member = board_services.board_member_add(
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
    return form_page(request, "projects/board_member_form.html", form, {"initiative": initiative})


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
            board_services.board_member_update(
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
    return form_page(
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
        board_services.board_member_remove(actor=request.user, member=member)
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
        {"initiative": initiative, "records": project_board_history(initiative)},
    )
