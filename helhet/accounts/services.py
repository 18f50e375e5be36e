"""Every change to people, memberships and API tokens goes through here."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helhet.accounts.models import ApiToken, Membership, SsoProvider, User
from helhet.accounts.roles import Role
from helhet.core.history import delete_with_history, save_with_history
from helhet.core.security_log import security_event

if TYPE_CHECKING:
    from helhet.organization.models import Municipality, OrgUnit


def _check_unit(municipality: Municipality, unit: OrgUnit | None) -> None:
    if unit is not None and unit.municipality_id != municipality.pk:
        raise ValidationError({"unit": _("The unit must be in the same municipality.")})


def _check_an_admin_remains(membership: Membership) -> None:
    others = (
        Membership.objects.for_municipality(membership.municipality)
        .filter(role=Role.ADMIN)
        .exclude(pk=membership.pk)
    )
    if not others.exists():
        raise ValidationError(
            _("The municipality must have at least one administrator."), code="last_admin"
        )


def _role_changed(
    *, actor: User | None, membership: Membership, old_role: str | None, new_role: str | None
) -> None:
    """The security log's line for a role given, changed or taken away (a membership made,
    changed or deleted), written once the change is committed."""
    fields: dict[str, Any] = {
        "actor_id": actor.pk if actor is not None else None,
        "member_user_id": membership.user_id,
        "member_username": membership.user.get_username(),
        "municipality_id": membership.municipality_id,
        "old_role": old_role,
        "new_role": new_role,
    }
    transaction.on_commit(lambda: security_event("role.changed", **fields))


def _check_single_sign_on_only(municipality: Municipality, email: str) -> None:
    """A person without a password logs in through the municipality's login service, which
    finds them by e-mail the first time."""
    if not SsoProvider.objects.filter(municipality=municipality, enabled=True).exists():
        raise ValidationError({"password": _("Give a first password.")})
    if not email:
        raise ValidationError(
            {
                "email": _(
                    "Give the person's work e-mail address: the login service finds them by it "
                    "the first time."
                )
            }
        )


@transaction.atomic
def member_create(
    *,
    actor: User | None,
    municipality: Municipality,
    username: str,
    password: str,
    role: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    unit: OrgUnit | None = None,
    title: str = "",
) -> Membership:
    """Create a person with a login and make them a member of the municipality. The password is
    the administrator's choice, so the person must change it at their first login; without one
    (a municipality with a login service in use, and an e-mail address given) they log in only
    through single sign-on. Nothing is
    written if the username is taken, the password is weak or the unit is another
    municipality's."""
    # A username is one login across Helhet, so one taken anywhere is refused; the answer is the
    # same wherever it is taken and never says where or by whom (nothing about another
    # municipality's people is given away).
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("This username is already in use. Choose another.")})
    _check_unit(municipality, unit)
    user = User(username=username, first_name=first_name, last_name=last_name, email=email)
    if password:
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise ValidationError({"password": error.messages}) from error
        user.set_password(password)
        # The administrator chose this password and knows it: the person replaces it at first
        # login.
        user.must_change_password = True
    else:
        _check_single_sign_on_only(municipality, email)
        user.set_unusable_password()
    user.full_clean()
    user.save()
    membership = Membership(municipality=municipality, user=user, role=role, unit=unit, title=title)
    membership.full_clean()
    save_with_history(membership, actor=actor)
    _role_changed(actor=actor, membership=membership, old_role=None, new_role=role)
    return membership


@transaction.atomic
def user_require_password_change(*, user: User) -> None:
    """Make the person choose a new password at their next login (someone else knows this one)."""
    user.must_change_password = True
    user.save(update_fields=["must_change_password"])


@transaction.atomic
def member_password_set(*, actor: User | None, membership: Membership, password: str) -> None:
    """The administrator gives a member a new password (say, forgotten, with no e-mail to reset
    it by); the person must choose their own at their next login. Refused for a person who is
    also a member of another municipality: this municipality's administrator does not govern
    that login. The password has passed the validators in the form that asked for it."""
    user = membership.user
    if Membership.objects.filter(user=user).exclude(municipality=membership.municipality).exists():
        raise ValidationError(
            _(
                "%(name)s also works in another municipality, so only they can change the "
                "password: they can use “Forgotten your password?” on the login page."
            )
            % {"name": user}
        )
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])


@transaction.atomic
def user_password_set(*, user: User, password: str) -> None:
    """Give the person the password they chose themselves (changed or reset), which ends any
    forced change. The password has passed the validators in the form that asked for it."""
    user.set_password(password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])


@transaction.atomic
def membership_update(
    *, actor: User | None, membership: Membership, role: str, unit: OrgUnit | None, title: str
) -> Membership:
    """Change a member's role, unit or title. The last administrator keeps the role."""
    _check_unit(membership.municipality, unit)
    if membership.role == Role.ADMIN and role != Role.ADMIN:
        _check_an_admin_remains(membership)
    old_role = membership.role
    membership.role, membership.unit, membership.title = role, unit, title
    membership.full_clean()
    save_with_history(membership, actor=actor)
    if role != old_role:
        _role_changed(actor=actor, membership=membership, old_role=old_role, new_role=role)
    return membership


@transaction.atomic
def membership_delete(*, actor: User | None, membership: Membership) -> None:
    """Take a person out of the municipality. Their login remains for other municipalities."""
    if membership.role == Role.ADMIN:
        _check_an_admin_remains(membership)
    _role_changed(actor=actor, membership=membership, old_role=membership.role, new_role=None)
    delete_with_history(membership, actor=actor)


API_TOKEN_DAYS = 90  # how long a token lasts unless the person chooses
API_TOKEN_MAX_DAYS = 365


def api_token_default_expiry() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=API_TOKEN_DAYS)


def _check_api_token_expiry(expires_on: datetime.date) -> None:
    today = timezone.localdate()
    if expires_on <= today:
        raise ValidationError({"expires_on": _("Choose a day after today.")})
    if expires_on > today + datetime.timedelta(days=API_TOKEN_MAX_DAYS):
        raise ValidationError(
            {"expires_on": _("A token can last at most a year: choose a day at most a year ahead.")}
        )


@transaction.atomic
def api_token_create(
    *,
    membership: Membership,
    name: str,
    scope: str = ApiToken.Scope.READ_WRITE,
    expires_on: datetime.date | None = None,
    actor: User | None = None,
) -> tuple[ApiToken, str]:
    """Make a named bearer token that acts as the member in their municipality, reading only or
    reading and writing (``scope``), through its last day ``expires_on`` (90 days from today
    unless chosen; after today and at most a year ahead). Returns the stored token and the
    secret, which exists only in this return value: only its hash is stored."""
    expires_on = expires_on or api_token_default_expiry()
    _check_api_token_expiry(expires_on)
    key = ApiToken.new_key()
    token = ApiToken(
        municipality=membership.municipality,
        user=membership.user,
        name=name.strip(),
        scope=scope,
        expires_on=expires_on,
        key_hash=ApiToken.hash_key(key),
    )
    token.full_clean(exclude=["key_hash"])
    save_with_history(token, actor=actor)
    fields: dict[str, Any] = {
        "actor_id": actor.pk if actor is not None else None,
        "token_id": token.pk,
        "token_user_id": token.user_id,
        "municipality_id": token.municipality_id,
        "scope": token.scope,
        "expires_on": token.expires_on.isoformat(),
    }
    transaction.on_commit(lambda: security_event("api_token.created", **fields))
    return token, key


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor: User | None = None) -> None:
    """Stop the token working at once. Revoking a revoked token changes nothing."""
    if token.revoked_at is not None:
        return
    token.revoked_at = timezone.now()
    save_with_history(token, actor=actor, update_fields=["revoked_at"])
    fields: dict[str, Any] = {
        "actor_id": actor.pk if actor is not None else None,
        "token_id": token.pk,
        "token_user_id": token.user_id,
        "municipality_id": token.municipality_id,
    }
    transaction.on_commit(lambda: security_event("api_token.revoked", **fields))


@transaction.atomic
def membership_create(
    *,
    actor: User | None,
    municipality: Municipality,
    user: User,
    role: str,
    unit: OrgUnit | None = None,
    title: str = "",
) -> Membership:
    """Make an existing person a member of a municipality (one membership per municipality)."""
    _check_unit(municipality, unit)
    if Membership.objects.filter(user=user, municipality=municipality).exists():
        raise ValidationError(_("The person is already a member of this municipality."))
    membership = Membership(municipality=municipality, user=user, role=role, unit=unit, title=title)
    membership.full_clean()
    save_with_history(membership, actor=actor)
    _role_changed(actor=actor, membership=membership, old_role=None, new_role=role)
    return membership
