from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from helhet.accounts import services
from helhet.accounts.access import get_membership_for_user, get_rw_membership_for_user
from helhet.accounts.forms import LoginForm, MemberCreateForm, MembershipForm
from helhet.accounts.middleware import SESSION_KEY
from helhet.accounts.models import Membership
from helhet.accounts.roles import Capability
from helhet.core.demo import DEMO_PASSWORD, demo_logins
from helhet.core.forms import add_service_errors
from helhet.core.history import history_entries
from helhet.core.http import HelhetRequest, MemberRequest
from helhet.core.permissions import member_required


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if settings.DEBUG:
            context["demo_logins"] = demo_logins()
            context["demo_password"] = DEMO_PASSWORD
        return context

    def form_invalid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_invalid(form)
        response.status_code = 400
        return response


logout_view = auth_views.LogoutView.as_view()


@require_POST
def switch_municipality(request: HelhetRequest) -> HttpResponse:
    """Work in another of the person's municipalities. Only their own memberships count."""
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    municipality_id = request.POST.get("municipality", "")
    # isdecimal() is what int() accepts (isdigit() also takes '²'); municipality__pk, unlike
    # municipality_id, finds nothing for an id too large for the database instead of crashing.
    membership = (
        Membership.objects.filter(user=request.user, municipality__pk=int(municipality_id)).first()
        if municipality_id.isdecimal()
        else None
    )
    if membership is None:
        return render(request, "404.html", status=404)
    request.session[SESSION_KEY] = membership.municipality_id
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("core:home")
    return redirect(next_url)


@member_required(Capability.VIEW_MEMBERS)
def member_list(request: MemberRequest) -> HttpResponse:
    members = Membership.objects.for_municipality(request.membership.municipality).select_related(
        "user", "unit"
    )
    return render(request, "accounts/member_list.html", {"members": members})


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
            return redirect("accounts:member_list")
    status = 400 if form.is_bound else 200
    return render(request, "accounts/member_create.html", {"form": form}, status=status)


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
            return redirect("accounts:member_list")
    status = 400 if form.is_bound else 200
    return render(
        request,
        "accounts/member_edit.html",
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
            return redirect("accounts:member_list")
    return render(
        request,
        "accounts/member_delete.html",
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
            "back_url": reverse("accounts:member_list"),
        },
    )
