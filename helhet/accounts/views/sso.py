"""Innlogging: the administrator's page for how the municipality's people log in (single
sign-on providers, local passwords, the code with them)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from helhet.accounts.access import get_rw_membership_for_user, get_rw_sso_provider_for_user
from helhet.accounts.http import MemberRequest
from helhet.accounts.models import LoginPolicy, SsoProvider
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.accounts.sso import services
from helhet.accounts.sso.forms import LoginPolicyForm, SsoProviderForm
from helhet.accounts.sso.selectors import sso_links
from helhet.core.forms import add_service_errors
from helhet.core.security_log import security_event


@member_required(Capability.MANAGE_MEMBERS)
@require_http_methods(["GET", "POST"])
def login_settings(request: MemberRequest) -> HttpResponse:
    """The providers, and the policy form (saved here)."""
    municipality = request.membership.municipality
    policy = LoginPolicy.objects.filter(municipality=municipality).first()
    initial = {
        "local_passwords": policy.local_passwords if policy else True,
        "break_glass": policy.break_glass_id if policy else None,
        "require_mfa": policy.require_mfa if policy else False,
    }
    form = LoginPolicyForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        municipality=municipality,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.login_policy_set(
                actor=request.user, municipality=municipality, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The login rules are saved."))
            if not form.cleaned_data["local_passwords"]:
                messages.info(
                    request,
                    _(
                        "Everyone logged in with a password, but the break-glass administrator, "
                        "is logged out and logs in again through the login service."
                    ),
                )
            return redirect("accounts:login_settings")
    providers = SsoProvider.objects.filter(municipality=municipality)
    context = {"form": form, "providers": providers}
    return render(
        request, "accounts/login_settings.html", context, status=400 if form.is_bound else 200
    )


@member_required(Capability.MANAGE_MEMBERS)
@require_http_methods(["GET", "POST"])
def sso_provider_create(request: MemberRequest) -> HttpResponse:
    form = SsoProviderForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.sso_provider_create(
                actor=request.user,
                municipality=request.membership.municipality,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The login service is added."))
            return redirect("accounts:login_settings")
    return render(
        request,
        "accounts/sso_provider_form.html",
        {"form": form, "provider": None},
        status=400 if form.is_bound else 200,
    )


@member_required(Capability.MANAGE_MEMBERS)
@require_http_methods(["GET", "POST"])
def sso_provider_edit(request: MemberRequest, pk: int) -> HttpResponse:
    provider = get_rw_sso_provider_for_user(request.membership, pk)
    initial = {
        name: getattr(provider, name)
        for name in ("name", "issuer", "client_id", "secret_variable", "group_claim")
    } | {"group_roles": provider.group_roles, "enabled": provider.enabled}
    form = SsoProviderForm(
        request.POST if request.method == "POST" else None, initial=initial, editing=True
    )
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "issuer"}
        try:
            services.sso_provider_update(actor=request.user, provider=provider, **fields)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The login service is saved."))
            return redirect("accounts:login_settings")
    callback = reverse("openid_connect_callback", kwargs={"provider_id": provider.provider_id})
    return render(
        request,
        "accounts/sso_provider_form.html",
        {"form": form, "provider": provider, "redirect_uri": request.build_absolute_uri(callback)},
        status=400 if form.is_bound else 200,
    )


@member_required(Capability.MANAGE_MEMBERS)
@require_http_methods(["GET", "POST"])
def sso_unlink(request: MemberRequest, pk: int) -> HttpResponse:
    """Remove a person's links to the municipality's login services (asked first)."""
    membership = get_rw_membership_for_user(request.membership, pk)
    if request.method == "POST":
        removed = services.sso_account_unlink(membership=membership)
        security_event(
            "sso.unlinked", request=request, member_user_id=membership.user_id, removed=removed
        )
        messages.success(request, _("The link to the login service is removed."))
        return redirect("people:member_edit", pk=membership.pk)
    links = sso_links(membership)
    return render(request, "accounts/sso_unlink.html", {"member": membership, "links": links})
