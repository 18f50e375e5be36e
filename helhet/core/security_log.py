"""Security events (login ok or failed, lock-out, role change, API token made or revoked, single
sign-on linked, export of a list with personal data), one JSON object a line on the logger
``helhet.security``; settings.LOGGING decides where the lines go. Every app records its events
through ``security_event``, never by logging them itself."""

from __future__ import annotations

import logging
from typing import Any

from django.http import HttpRequest

logger = logging.getLogger("helhet.security")


def security_event(event: str, *, request: HttpRequest | None = None, **detail: Any) -> None:
    """Record one security event, e.g. ``security_event("login.failed", request=request,
    username=name)``: what happened, with the request's user and address when there is one."""
    fields: dict[str, Any] = {"event": event, **detail}
    if request is not None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "user_id" not in fields:
            fields["user_id"] = user.pk
        fields.setdefault("address", request.META.get("REMOTE_ADDR", ""))
    logger.info(event, extra={"security": fields})
