"""The login lock-out's two limits (django-axes): wrong passwords for one username from one
address, and wrong passwords for any usernames from one address (password spraying)."""

from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import QuerySet, Sum
from django.http import HttpRequest

from helhet.core import addresses
from helhet.core.security_log import security_event


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

    def user_login_failed(
        self,
        sender: Any,
        credentials: dict[str, Any],
        request: HttpRequest | None = None,
        **kwargs: Any,
    ) -> None:
        """Counts the failure (axes), then records it in the security log, and the lock-out when
        this failure is the one that locks (not each refused try while locked)."""
        if request is None:
            super().user_login_failed(sender, credentials, request, **kwargs)
            return
        # Axes counts a refused try while locked as a failure too (and locks again): only the
        # failure that finds the login not yet locked and leaves it locked is the lock-out.
        already_locked = self.is_locked(request, credentials)
        super().user_login_failed(sender, credentials, request, **kwargs)
        username = str(
            credentials.get(getattr(settings, "AXES_USERNAME_FORM_FIELD", "username")) or ""
        )[:150]
        locked = bool(getattr(request, "axes_locked_out", False))
        security_event("login.failed", request=request, username=username, locked=locked)
        if locked and not already_locked:
            security_event(
                "login.locked_out",
                request=request,
                username=username,
                failures=getattr(request, "axes_failures_since_start", None),
                whole_address=address_locked(request),
            )

    def user_logged_in(self, sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
        """Every login, whichever way (password, single sign-on, the admin)."""
        super().user_logged_in(sender, request, user, **kwargs)
        security_event(
            "login.ok",
            request=request,
            user_id=user.pk,
            username=user.get_username(),
            backend=getattr(user, "backend", ""),
        )

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
    """The address the lock-out counts (``AXES_CLIENT_IP_CALLABLE``): see
    ``helhet.core.addresses.client_address``, which the security log uses too."""
    return addresses.client_address(request)
