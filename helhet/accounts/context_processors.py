"""What the header needs to know about the person's own account."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

from helhet.accounts.middleware import LOGIN_METHOD_KEY
from helhet.accounts.sso.policy import password_login_refusal


def account(request: HttpRequest) -> dict[str, Callable[[], bool]]:
    """``offers_password_change``: whether the header offers *Endre passord*. Asked only when a
    page draws the header, and it reads the database only for a single sign-on session: a
    password session of a person whose municipality has switched passwords off is ended when
    the policy changes (``login_policy_set``), so every other session may keep its password.
    An error page drawn before the login is known (a 400 for an unknown host) offers nothing."""

    def offers_password_change() -> bool:
        user: Any = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.has_usable_password():
            return False
        if request.session.get(LOGIN_METHOD_KEY) != "sso":
            return True
        return password_login_refusal(user) is None

    return {"offers_password_change": offers_password_change}
