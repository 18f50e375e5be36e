"""Personer og roller: who works in Helhet in this municipality, with which role and where."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from helhet.accounts import services
from helhet.accounts.access import get_membership_for_user, get_rw_membership_for_user
from helhet.accounts.http import MemberRequest
from helhet.accounts.mfa import has_totp
from helhet.accounts.models import Membership
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.accounts.sso.selectors import sso_links
from helhet.core.forms import add_service_errors
from helhet.core.history import history_entries
from helhet.organization.forms import MemberCreateForm, MemberPasswordForm, MembershipForm


@member_required(Capability.VIEW_MEMBERS)
def member_list(request: MemberRequest) -> HttpResponse:
    members = Membership.objects.for_municipality(request.membership.municipality).select_related(
        "user", "unit"
    )
    return render(request, "organization/member_list.html", {"members": members})


@member_required(Capability.MANAGE_MEMBERS)
@require_http_methods(["GET", "POST"])
def member_create(request: MemberRequest) -> HttpResponse:
    municipality = request.membership.municipality
    form = MemberCreateForm(
        request.POST if request.method == "POST" else None, municipality=municipality
    )
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.member_create(
                actor=request.user, municipality=municipality, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(name)s can now log in.") % {"name": membership.user})
            return redirect("people:member_list")
    status = 400 if form.is_bound else 200
    return render(request, "organization/member_create.html", {"form": form}, status=status)


@member_required(Capability.MANAGE_MEMBERS)
@require_http_methods(["GET", "POST"])
def member_edit(request: MemberRequest, pk: int) -> HttpResponse:
    membership = get_rw_membership_for_user(request.membership, pk)
    form = MembershipForm(
        request.POST if request.method == "POST" else None,
        initial={"role": membership.role, "unit": membership.unit, "title": membership.title},
        municipality=membership.municipality,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_update(
                actor=request.user, membership=membership, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
            membership.refresh_from_db()
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("people:member_list")
    status = 400 if form.is_bound else 200
    return render(
        request,
        "organization/member_edit.html",
        {
            "form": form,
            "member": membership,
            "sso_links": sso_links(membership),
            "has_totp": has_totp(membership.user),
        },
        status=status,
    )


@member_required(Capability.MANAGE_MEMBERS)
@require_http_methods(["GET", "POST"])
def member_password(request: MemberRequest, pk: int) -> HttpResponse:
    """Set a new password for a member, which they must change at their next login."""
    membership = get_rw_membership_for_user(request.membership, pk)
    form = MemberPasswordForm(membership.user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_password_set(
                actor=request.user,
                membership=membership,
                password=form.cleaned_data["new_password1"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s has a new password and must change it at the next login.")
                % {"name": membership.user},
            )
            return redirect("people:member_list")
    status = 400 if form.is_bound else 200
    return render(
        request,
        "organization/member_password.html",
        {"form": form, "member": membership},
        status=status,
    )


@member_required(Capability.MANAGE_MEMBERS)
@require_http_methods(["GET", "POST"])
def member_delete(request: MemberRequest, pk: int) -> HttpResponse:
    membership = get_rw_membership_for_user(request.membership, pk)
    error = None
    if request.method == "POST":
        try:
            services.membership_delete(actor=request.user, membership=membership)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(
                request,
                _("%(name)s is no longer a member of %(municipality)s.")
                % {"name": membership.user, "municipality": membership.municipality},
            )
            return redirect("people:member_list")
    return render(
        request,
        "organization/member_delete.html",
        {"member": membership, "error": error},
        status=400 if error else 200,
    )


@member_required(Capability.VIEW_HISTORY)
def member_history(request: MemberRequest, pk: int) -> HttpResponse:
    membership = get_membership_for_user(request.membership, pk)
    return render(
        request,
        "core/history.html",
        {
            "object": membership.user,
            "entries": history_entries(membership),
            "back_url": reverse("people:member_list"),
        },
    )
