"""The code with a local password: asked after the password when the person has an
authenticator app, and set up (with recovery codes) when their municipality requires one."""

from __future__ import annotations

import base64
from typing import Any

from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.totp.internal.auth import generate_totp_secret
from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from helhet.accounts.access import get_rw_membership_for_user
from helhet.accounts.http import MemberRequest
from helhet.accounts.mfa import (
    MAX_CODE_ATTEMPTS,
    PENDING_KEY,
    SETUP_KEY,
    authenticator_remove,
    code_accepted,
    totp_activate,
    totp_code_matches,
)
from helhet.accounts.middleware import LOGIN_METHOD_KEY
from helhet.accounts.models import User
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.accounts.sso.policy import password_login_refusal
from helhet.core.forms import StyledForm
from helhet.core.security_log import security_event

NEW_TOTP_KEY = "helhet_mfa_new_totp"  # the session key of the key being set up


class CodeForm(StyledForm):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text=gettext_lazy(
            "The six digits your authenticator app shows now, or one of your recovery codes."
        ),
    )


def _next(request: HttpRequest, url: str) -> str:
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return url
    return "/"


@require_http_methods(["GET", "POST"])
def login_code(request: HttpRequest) -> HttpResponse:
    """The second step of a password login for a person with an authenticator app."""
    pending: dict[str, Any] | None = request.session.get(PENDING_KEY)
    user = User.objects.filter(pk=pending["user"], is_active=True).first() if pending else None
    if pending is None or user is None:
        return redirect("accounts:login")
    refusal = password_login_refusal(user)  # local passwords switched off since the password
    if refusal is not None:
        del request.session[PENDING_KEY]
        messages.error(request, refusal)
        return redirect("accounts:login")
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if code_accepted(user, form.cleaned_data["code"]):
            del request.session[PENDING_KEY]
            login(request, user, backend=pending["backend"])
            request.session[LOGIN_METHOD_KEY] = "password"
            security_event("login.mfa.ok", request=request)
            return redirect(_next(request, pending.get("next", "")))
        pending["attempts"] = pending.get("attempts", 0) + 1
        security_event("login.mfa.failed", request=request, user_id=user.pk)
        if pending["attempts"] >= MAX_CODE_ATTEMPTS:
            del request.session[PENDING_KEY]
            messages.error(request, _("Too many wrong codes. Log in again."))
            return redirect("accounts:login")
        request.session[PENDING_KEY] = pending
        form.add_error("code", _("The code is wrong or used already. Try the newest code."))
    return render(
        request, "accounts/login_code.html", {"form": form}, status=400 if form.is_bound else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def mfa_setup(request: HttpRequest) -> HttpResponse:
    """Set up the authenticator app: scan the QR code (or type the key), confirm with a code.
    The recovery codes are shown once, on the answer."""
    user = request.user
    assert isinstance(user, User)
    secret = request.session.get(NEW_TOTP_KEY) or generate_totp_secret()
    request.session[NEW_TOTP_KEY] = secret
    form = CodeForm(request.POST if request.method == "POST" else None)
    form.fields["code"].help_text = _("The six digits the app shows after you have added Helhet.")
    if request.method == "POST" and form.is_valid():
        if totp_code_matches(secret, form.cleaned_data["code"]):
            codes = totp_activate(user=user, secret=secret)
            request.session.pop(NEW_TOTP_KEY, None)
            request.session.pop(SETUP_KEY, None)
            security_event("mfa.activated", request=request)
            response = render(request, "accounts/mfa_recovery_codes.html", {"codes": codes})
            add_never_cache_headers(response)
            return response
        form.add_error("code", _("The code does not match. Check the time on your phone."))
    adapter = get_mfa_adapter()
    svg = adapter.build_totp_svg(adapter.build_totp_url(user, secret))
    context = {
        "form": form,
        "secret": secret,
        "qr_data": base64.b64encode(svg.encode()).decode(),
        "required": bool(request.session.get(SETUP_KEY)),
    }
    response = render(
        request, "accounts/mfa_setup.html", context, status=400 if form.is_bound else 200
    )
    add_never_cache_headers(response)
    return response


@member_required(Capability.MANAGE_MEMBERS)
@require_http_methods(["GET", "POST"])
def mfa_remove(request: MemberRequest, pk: int) -> HttpResponse:
    """Remove a member's authenticator app (asked first)."""
    membership = get_rw_membership_for_user(request.membership, pk)
    error = None
    if request.method == "POST":
        try:
            authenticator_remove(membership=membership)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            security_event("mfa.removed", request=request, member_user_id=membership.user_id)
            messages.success(request, _("The authenticator app is removed."))
            return redirect("people:member_edit", pk=membership.pk)
    context = {"member": membership, "error": error}
    return render(request, "accounts/mfa_remove.html", context, status=400 if error else 200)
