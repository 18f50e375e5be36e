"""Who a person signing in through a municipality's provider is in Helhet: the person linked to
the provider's subject id, or, the first time, the one member of the municipality with the
verified e-mail address the provider gives. Nobody else: there is no sign-up."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from allauth.socialaccount.models import SocialAccount

from helhet.accounts.models import Membership, SsoProvider, User
from helhet.accounts.roles import Role


class SsoRefused(Exception):
    """A sign-in the provider accepted and Helhet does not; ``reason`` goes to the security log."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _true(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def verified_email(claims: dict[str, Any]) -> str:
    """The e-mail address the provider vouches for, or "". Standard providers say so with
    ``email_verified``; Microsoft Entra ID does not send it, and says the domain's owner verified
    the address with the optional claim ``xms_edov`` (docs/deployment.md)."""
    email = claims.get("email")
    if not isinstance(email, str) or "@" not in email:
        return ""
    if _true(claims.get("email_verified")) or _true(claims.get("xms_edov")):
        return email.strip()
    return ""


@dataclass(frozen=True)
class Match:
    membership: Membership
    first_time: bool


def sso_match(*, provider: SsoProvider, linked_user: User | None, claims: dict[str, Any]) -> Match:
    """The membership in the provider's municipality of the person signing in: the linked
    person's, or the one member's whose verified e-mail the provider gives (``first_time``: the
    caller links them). Raises ``SsoRefused`` for anyone else, a deactivated login, and a person
    already linked under another subject of this provider."""
    if linked_user is not None:
        user, first_time = linked_user, False
    else:
        email = verified_email(claims)
        if not email:
            raise SsoRefused("no_verified_email")
        members = list(
            Membership.objects.filter(
                municipality=provider.municipality, user__email__iexact=email
            ).select_related("user")
        )
        if len(members) != 1:
            raise SsoRefused("unknown_person" if not members else "ambiguous_email")
        user, first_time = members[0].user, True
        if SocialAccount.objects.filter(user=user, provider=provider.provider_id).exists():
            raise SsoRefused("linked_to_another_subject")
    if not user.is_active:
        raise SsoRefused("inactive")
    membership = (
        Membership.objects.filter(user=user, municipality=provider.municipality)
        .select_related("municipality", "user")
        .first()
    )
    if membership is None:
        raise SsoRefused("no_membership")
    return Match(membership=membership, first_time=first_time)


def group_roles(text: str) -> list[tuple[str, str]]:
    """The mapping's lines ``group = role`` (role by its code, e.g. ``project_leader``), in
    order: the first line whose group the person is in gives the role."""
    pairs = []
    for line in text.splitlines():
        group, sep, role = line.partition("=")
        if sep and group.strip() and role.strip():
            pairs.append((group.strip(), role.strip()))
    return pairs


def invalid_roles(text: str) -> list[str]:
    return [role for _group, role in group_roles(text) if role not in Role.values]


def mapped_role(*, provider: SsoProvider, claims: dict[str, Any]) -> str | None:
    """The role the provider's groups give, None when the mapping is off (empty). Raises
    ``SsoRefused`` when it is on and no group of the person's names a role: nobody gets a role
    the mapping does not name."""
    pairs = group_roles(provider.group_roles)
    if not pairs:
        return None
    groups = claims.get(provider.group_claim) or []
    if isinstance(groups, str):
        groups = [groups]
    names = {str(group) for group in groups}
    for group, role in pairs:
        if group in names and role in Role.values:
            return role
    raise SsoRefused("no_mapped_group")
