"""What a municipality's login policy means for a person logging in with a local password."""

from __future__ import annotations

from django.utils.translation import gettext as _

from helhet.accounts.models import LoginPolicy, Membership, User


def password_login_refusal(user: User) -> str | None:
    """Why the person may not log in with a password, or None: one of their municipalities has
    switched local passwords off, and they are not its break-glass administrator."""
    municipalities = Membership.objects.filter(user=user).values("municipality_id")
    closed = (
        LoginPolicy.objects.filter(municipality__in=municipalities, local_passwords=False)
        .exclude(break_glass=user)
        .select_related("municipality")
        .first()
    )
    if closed is None:
        return None
    return _(
        "%(municipality)s logs in with its own login service, not with a password here: use "
        "the button “Log in with …” on this page."
    ) % {"municipality": closed.municipality.name}
