"""The login lock-out's two limits (django-axes): wrong passwords for one username from one
address, and wrong passwords for any usernames from one address (password spraying)."""

from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import QuerySet, Sum
from django.http import HttpRequest


def _failures(attempts: QuerySet[AccessAttempt]) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class LoginLockoutHandler(AxesDatabaseHandler):
    """Axes compares one count with one limit (``AXES_FAILURE_LIMIT``, per username and address).
    Helhet adds a second, larger limit per address (``HELHET_LOGIN_ADDRESS_FAILURE_LIMIT``): once
    an address reaches it, every username from that address counts as locked."""

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        per_login, per_address = self.get_user_attempts(request, credentials)
        failures = _failures(per_login)
        if _failures(per_address) >= settings.HELHET_LOGIN_ADDRESS_FAILURE_LIMIT:
            return max(failures, settings.AXES_FAILURE_LIMIT)
        return failures

    def reset_user_attempts(
        self, request: HttpRequest, credentials: dict[str, Any] | None = None
    ) -> int:
        """A successful login clears that username's failures from that address only: one valid
        login must not wipe the address's count of wrong passwords for other usernames."""
        per_login = self.filter_user_attempts(request, credentials)[0]
        count, _deleted = per_login.delete()
        return count


def address_locked(request: HttpRequest) -> bool:
    """Whether the request's address has reached the per-address limit within the cool-off time
    (for the lock-out page's message)."""
    address = getattr(request, "axes_ip_address", None)
    attempts = AccessAttempt.objects.filter(
        ip_address=address, attempt_time__gte=get_cool_off_threshold(request)
    )
    return _failures(attempts) >= settings.HELHET_LOGIN_ADDRESS_FAILURE_LIMIT


def client_address(request: HttpRequest) -> str | None:
    """The address the lock-out counts (``AXES_CLIENT_IP_CALLABLE``). Behind reverse proxies
    (``HELHET_PROXY_COUNT``) it is the one the outermost trusted proxy put in X-Forwarded-For;
    a client can add entries before it but not after, so only the last ones are trusted."""
    proxies = settings.HELHET_PROXY_COUNT
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if len(forwarded) >= proxies and forwarded[-proxies]:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")
