"""Finds the municipality the signed-in person is working in for this request."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from helhet.accounts.models import Membership

SESSION_KEY = "helhet_municipality_id"


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
