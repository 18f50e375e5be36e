"""Finds the municipality the signed-in person is working in for this request."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from helhet.accounts.mfa import SETUP_KEY
from helhet.accounts.models import Membership

SESSION_KEY = "helhet_municipality_id"
# How the session logged in: "password" (a local password, with its code if any) or "sso" (the
# municipality's login service, no password used). A session from before this key was recorded
# logged in with a password.
LOGIN_METHOD_KEY = "helhet_login_method"


def current_membership(request: HttpRequest) -> Membership | None:
    """The membership the person works under: the one chosen in the session, else their first.
    None for anonymous people and for people who belong to no municipality."""
    user = request.user
    if not user.is_authenticated:
        return None
    memberships = Membership.objects.filter(user=user).select_related("municipality", "unit")
    chosen = request.session.get(SESSION_KEY)
    if chosen is not None:
        membership = memberships.filter(municipality_id=chosen).first()
        if membership is not None:
            return membership
    return memberships.order_by("municipality__name").first()


class MunicipalityMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.membership = current_membership(request)  # type: ignore[attr-defined]
        return self.get_response(request)


# What a person who must change their password may still reach: the change itself, logging out,
# the language, the health check; and the API, which is opened by tokens, not by this login.
_ALLOWED_BEFORE_CHANGE = {
    "accounts:password_change",
    "accounts:logout",
    "set_language",
    "core:health",
}


class PasswordChangeRequiredMiddleware:
    """Sends a person whose password someone else chose (``User.must_change_password``) to the
    password change page from every page until they have chosen their own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: object, view_args: object, view_kwargs: object
    ) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or not getattr(user, "must_change_password", False):
            return None
        if request.session.get(LOGIN_METHOD_KEY) == "sso":
            return None  # logged in without the password, which they may never use
        match = request.resolver_match
        if match is None or match.view_name in _ALLOWED_BEFORE_CHANGE:
            return None
        if match.namespace == "api-v1":
            return None
        return redirect("accounts:password_change")


_ALLOWED_BEFORE_MFA_SETUP = {
    "accounts:mfa_setup",
    "accounts:password_change",
    "accounts:logout",
    "set_language",
    "core:health",
}


class MfaSetupRequiredMiddleware:
    """Sends a person who logged in with a password, in a municipality that requires a code
    with it, to set up their authenticator app before anything else (the flag is set at login,
    so this reads only the session)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: object, view_args: object, view_kwargs: object
    ) -> HttpResponse | None:
        if not request.user.is_authenticated or not request.session.get(SETUP_KEY):
            return None
        match = request.resolver_match
        if match is None or match.view_name in _ALLOWED_BEFORE_MFA_SETUP:
            return None
        if match.namespace == "api-v1":
            return None
        return redirect("accounts:mfa_setup")
