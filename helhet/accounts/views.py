from typing import Any

from axes.helpers import get_cool_off
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from helhet.accounts.forms import LoginForm
from helhet.accounts.http import HelhetRequest
from helhet.accounts.lockout import address_locked
from helhet.accounts.middleware import SESSION_KEY
from helhet.accounts.models import Membership


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_invalid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_invalid(form)
        response.status_code = 400
        return response


logout_view = auth_views.LogoutView.as_view()


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
