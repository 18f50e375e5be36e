"""Security events (login ok or failed, lock-out, role change, API token made or revoked, single
sign-on linked, export of a list with personal data), one JSON object a line on the logger
``helhet.security``; settings.LOGGING decides where the lines go (stdout, or the file
``HELHET_SECURITY_LOG``). Every app records its events through ``security_event``, never by
logging them itself. docs/deployment.md lists the events and their fields."""

from __future__ import annotations

import datetime
import json
import logging
from typing import Any

from django.http import HttpRequest

from helhet.core.addresses import client_address

logger = logging.getLogger("helhet.security")


def security_event(event: str, *, request: HttpRequest | None = None, **detail: Any) -> None:
    """Record one security event, e.g. ``security_event("login.failed", request=request,
    username=name)``: what happened, with the request's user and address when there is one.
    Never pass a secret (a password, a token's key): the line is kept for months."""
    fields: dict[str, Any] = {"event": event, **detail}
    if request is not None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "user_id" not in fields:
            fields["user_id"] = user.pk
        fields.setdefault("address", client_address(request) or "")
    logger.info(event, extra={"security": fields})


class JsonLineFormatter(logging.Formatter):
    """One JSON object a line: the time (UTC, ISO 8601), the level and the event's fields. A
    record logged without ``security`` fields (a library's message) keeps its text as
    ``message``, so the file stays one JSON object per line."""

    def format(self, record: logging.LogRecord) -> str:
        moment = datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC)
        line: dict[str, Any] = {
            "time": moment.isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
        }
        fields = getattr(record, "security", None)
        if isinstance(fields, dict):
            line.update(fields)
        else:
            line["message"] = record.getMessage()
        return json.dumps(line, ensure_ascii=False, default=str, sort_keys=False)
