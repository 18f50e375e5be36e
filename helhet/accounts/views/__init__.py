from typing import Any

from axes.helpers import get_cool_off
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from helhet.accounts.forms import LoginForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm
from helhet.accounts.http import HelhetRequest
from helhet.accounts.lockout import address_locked
from helhet.accounts.mfa import PENDING_KEY, SETUP_KEY, has_totp, mfa_required
from helhet.accounts.middleware import LOGIN_METHOD_KEY, SESSION_KEY
from helhet.accounts.models import Membership, SsoProvider
from helhet.accounts.sso.policy import password_change_refusal


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_invalid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def form_valid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        """A person with an authenticator app gives its code before being logged in; one whose
        municipality requires a code and who has none sets it up first (``SETUP_KEY``)."""
        user = form.get_user()
        if has_totp(user):
            self.request.session[PENDING_KEY] = {
                "user": user.pk,
                "backend": getattr(user, "backend", ""),  # set by authenticate()
                "next": self.get_success_url(),
            }
            return redirect("accounts:login_code")
        response = super().form_valid(form)
        self.request.session[LOGIN_METHOD_KEY] = "password"
        if mfa_required(user):
            self.request.session[SETUP_KEY] = True
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["sso_providers"] = SsoProvider.objects.filter(enabled=True)
        return context


logout_view = auth_views.LogoutView.as_view()


class _InvalidIs400:
    """A form sent back with errors answers 400, as every form in Helhet does."""

    def form_invalid(self, form: Any) -> HttpResponse:
        response: HttpResponse = super().form_invalid(form)  # type: ignore[misc]
        response.status_code = 400
        return response


@method_decorator(login_required, name="dispatch")
class PasswordChangeView(_InvalidIs400, auth_views.PasswordChangeView):
    """Change one's own password; the person stays logged in (Django updates the session)."""

    template_name = "accounts/password_change.html"
    form_class = PasswordChangeForm
    success_url = reverse_lazy("home:home")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        """Refused (403, with the reason) to a person with no password here to change: one who
        logs in only through their municipality's login service."""
        refusal = password_change_refusal(request.user)  # type: ignore[arg-type]
        if refusal is not None:
            context = {"reason": refusal}
            return render(request, "accounts/password_change_refused.html", context, status=403)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("Your password has been changed."))
        return response


class PasswordResetView(_InvalidIs400, auth_views.PasswordResetView):
    """Ask for a reset link by e-mail. The answer is the same whether the address is known or not,
    so the page cannot be used to find out who has a login."""

    template_name = "accounts/password_reset.html"
    form_class = PasswordResetForm
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(_InvalidIs400, auth_views.PasswordResetConfirmView):
    """The link from the e-mail: choose a new password (once; the link then stops working)."""

    template_name = "accounts/password_reset_confirm.html"
    form_class = SetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """The page django-axes shows a locked login (``AXES_LOCKOUT_CALLABLE``): says whether the
    username or the whole address is locked, and for how long."""
    cool_off = get_cool_off(request)
    minutes = round(cool_off.total_seconds() / 60) if cool_off else 0
    context = {"by_address": address_locked(request), "minutes": minutes}
    return render(request, "accounts/locked_out.html", context, status=429)


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
        next_url = reverse("home:home")
    return redirect(next_url)
