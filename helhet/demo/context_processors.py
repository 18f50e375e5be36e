"""The demo logins on the login page, while the demo data is loaded and only in development."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from helhet.demo.municipalities import DEMO_PASSWORD, demo_logins

LOGIN_VIEW = "accounts:login"


def demo_login_list(request: HttpRequest) -> dict[str, Any]:
    """``demo_logins`` and ``demo_password`` for the login page (never in production, where the
    demo's known password must not be advertised); nothing for any other page."""
    match = request.resolver_match
    if not settings.DEBUG or match is None or match.view_name != LOGIN_VIEW:
        return {}
    return {"demo_logins": demo_logins(), "demo_password": DEMO_PASSWORD}
