"""What a municipality's login policy means for a person's local password: logging in with it,
and changing it."""

from __future__ import annotations

from django.utils.translation import gettext as _

from helhet.accounts.models import LoginPolicy, Membership, User


def _closing_policy(user: User) -> LoginPolicy | None:
    """A policy of one of the person's municipalities that has switched local passwords off and
    does not keep the person as its break-glass administrator."""
    municipalities = Membership.objects.filter(user=user).values("municipality_id")
    return (
        LoginPolicy.objects.filter(municipality__in=municipalities, local_passwords=False)
        .exclude(break_glass=user)
        .select_related("municipality")
        .first()
    )


def password_login_refusal(user: User) -> str | None:
    """Why the person may not log in with a password, or None: one of their municipalities has
    switched local passwords off, and they are not its break-glass administrator."""
    closed = _closing_policy(user)
    if closed is None:
        return None
    return _(
        "%(municipality)s logs in with its own login service, not with a password here: use "
        "the button “Log in with …” on this page."
    ) % {"municipality": closed.municipality.name}


def password_change_refusal(user: User) -> str | None:
    """Why the person has no password here to change, or None: they were added without one (they
    log in through the login service), or their municipality has switched local passwords off
    and they are not its break-glass administrator."""
    if not user.has_usable_password():
        return _(
            "You have no password in Helhet: you log in through your municipality's login "
            "service, and change your password there."
        )
    closed = _closing_policy(user)
    if closed is None:
        return None
    return _(
        "%(municipality)s logs in with its own login service, so your password in Helhet is not "
        "used: change your password at the login service."
    ) % {"municipality": closed.municipality.name}
