"""Every change to single sign-on: the providers, a municipality's login policy, and the link
between a person and their subject at a provider."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from allauth.socialaccount.models import SocialAccount
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from helhet.accounts.models import LoginPolicy, Membership, SsoProvider, User
from helhet.accounts.roles import Role
from helhet.accounts.sessions import password_sessions_end
from helhet.accounts.sso.matching import invalid_roles
from helhet.accounts.sso.secrets import secret_encrypt
from helhet.accounts.sso.selectors import sso_links
from helhet.core.history import save_with_history
from helhet.core.security_log import security_event

if TYPE_CHECKING:
    from helhet.organization.models import Municipality


def _check_secret(provider: SsoProvider) -> None:
    if not provider.secret_variable and not provider.secret_encrypted:
        raise ValidationError(
            {"secret": _("Give the client secret, or the environment variable that holds it.")}
        )


def _check_roles(group_roles: str) -> None:
    wrong = invalid_roles(group_roles)
    if wrong:
        raise ValidationError(
            {
                "group_roles": _("Unknown roles: %(roles)s. Use one of: %(known)s.")
                % {"roles": ", ".join(wrong), "known": ", ".join(Role.values)}
            }
        )


@transaction.atomic
def sso_provider_create(
    *,
    actor: User | None,
    municipality: Municipality,
    name: str,
    issuer: str,
    client_id: str,
    secret: str = "",
    secret_variable: str = "",
    group_claim: str = "groups",
    group_roles: str = "",
) -> SsoProvider:
    """Add a provider the municipality's people can log in with. The secret is stored encrypted
    (or only the environment variable's name is); refused without either, and with a role the
    group mapping does not know."""
    provider = SsoProvider(
        municipality=municipality,
        name=name.strip(),
        issuer=issuer.strip(),
        client_id=client_id.strip(),
        secret_variable=secret_variable.strip(),
        secret_encrypted=secret_encrypt(secret) if secret and not secret_variable else "",
        group_claim=group_claim.strip() or "groups",
        group_roles=group_roles.strip(),
    )
    _check_secret(provider)
    _check_roles(provider.group_roles)
    provider.full_clean()
    save_with_history(provider, actor=actor)
    return provider


@transaction.atomic
def sso_provider_update(
    *, actor: User | None, provider: SsoProvider, secret: str = "", **fields: Any
) -> SsoProvider:
    """Change a provider's name, client id, secret (kept unless a new one is given), group
    mapping, or take it out of use. The issuer stays: another issuer's people are other people."""
    for name in ("name", "client_id", "secret_variable", "group_claim", "group_roles", "enabled"):
        if name in fields:
            value = fields[name]
            setattr(provider, name, value.strip() if isinstance(value, str) else value)
    if provider.secret_variable:
        provider.secret_encrypted = ""
    elif secret:
        provider.secret_encrypted = secret_encrypt(secret)
    _check_secret(provider)
    _check_roles(provider.group_roles)
    provider.full_clean()
    save_with_history(provider, actor=actor)
    return provider


@transaction.atomic
def sso_account_link(
    *, user: User, provider: SsoProvider, subject: str, claims: dict[str, Any]
) -> SocialAccount:
    """Link the person to their subject at the provider: from now on that subject, and only it,
    signs them in through this provider."""
    return SocialAccount.objects.create(
        user=user, provider=provider.provider_id, uid=subject, extra_data=claims
    )


@transaction.atomic
def sso_account_unlink(*, membership: Membership) -> int:
    """Remove the person's links to the municipality's login services (say, one was matched
    wrongly): their next sign-in is matched by verified e-mail again. Links to other
    municipalities' services stay. Returns how many were removed."""
    ids = [account.pk for _provider, account in sso_links(membership)]
    SocialAccount.objects.filter(pk__in=ids).delete()
    return len(ids)


@transaction.atomic
def login_policy_set(
    *,
    actor: User | None,
    municipality: Municipality,
    local_passwords: bool,
    break_glass: User | None,
    require_mfa: bool,
) -> LoginPolicy:
    """Set how the municipality's people log in. Switching local passwords off needs a provider
    in use and a break-glass administrator (a member with the administrator role), who keeps
    their password for the day the provider fails; everyone else's logins made with a password
    end (``password_sessions_end``), their single sign-on logins stay."""
    if not local_passwords:
        if not SsoProvider.objects.filter(municipality=municipality, enabled=True).exists():
            raise ValidationError(
                _("Add a single sign-on provider before switching local passwords off.")
            )
        is_admin = (
            break_glass is not None
            and Membership.objects.filter(
                municipality=municipality, user=break_glass, role=Role.ADMIN
            ).exists()
        )
        if not is_admin:
            raise ValidationError(
                {
                    "break_glass": _(
                        "Choose an administrator who keeps a local password in case single "
                        "sign-on fails."
                    )
                }
            )
    policy = LoginPolicy.objects.filter(municipality=municipality).first() or LoginPolicy(
        municipality=municipality
    )
    policy.local_passwords = local_passwords
    policy.break_glass = break_glass if not local_passwords else None
    policy.require_mfa = require_mfa
    save_with_history(policy, actor=actor)
    if not local_passwords:
        _end_closed_password_sessions(policy)
    return policy


def _end_closed_password_sessions(policy: LoginPolicy) -> None:
    """With local passwords off, a login made with a password before ends now (everyone's but
    the break-glass administrator's): the person logs in again through the login service."""
    members = Membership.objects.filter(municipality_id=policy.municipality_id)
    user_ids = set(members.values_list("user_id", flat=True)) - {policy.break_glass_id}
    ended = password_sessions_end(user_ids=[pk for pk in user_ids if pk is not None])
    municipality_id = policy.municipality_id
    transaction.on_commit(
        lambda: security_event(
            "login.sessions_ended", municipality_id=municipality_id, sessions=ended
        )
    )
