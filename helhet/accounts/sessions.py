"""Open logins (Django's database sessions) and how each logged in."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.sessions.models import Session
from django.utils import timezone

from helhet.accounts.middleware import LOGIN_METHOD_KEY


def password_sessions_end(*, user_ids: Iterable[int]) -> int:
    """Log these people out wherever they logged in with a password (every open session not made
    by single sign-on; one from before the login method was recorded counts as a password one).
    Returns how many sessions were ended. Reads every open session once: the user is inside the
    session's signed data, which the database cannot filter on."""
    wanted = {str(pk) for pk in user_ids}
    if not wanted:
        return 0
    ended = []
    sessions = Session.objects.filter(expire_date__gt=timezone.now()).only(
        "session_key", "session_data"
    )
    for session in sessions.iterator(chunk_size=1000):
        data = session.get_decoded()
        if data.get("_auth_user_id") in wanted and data.get(LOGIN_METHOD_KEY) != "sso":
            ended.append(session.session_key)
    Session.objects.filter(session_key__in=ended).delete()
    return len(ended)
