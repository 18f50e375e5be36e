"""Access helpers: the only way a request reaches a membership or an API token."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from helhet.accounts.models import ApiToken, Membership, SsoProvider
from helhet.accounts.roles import Capability


def get_membership_for_user(membership: Membership, pk: int) -> Membership:
    """Another membership in the member's own municipality; 404 for any other."""
    if not membership.can(Capability.VIEW_MEMBERS):
        raise PermissionDenied
    return get_object_or_404(
        Membership.objects.select_related("user", "unit", "municipality"),
        pk=pk,
        municipality=membership.municipality,
    )


def get_rw_membership_for_user(membership: Membership, pk: int) -> Membership:
    """As ``get_membership_for_user``, and 403 unless the member may manage people."""
    other = get_membership_for_user(membership, pk)
    if not membership.can(Capability.MANAGE_MEMBERS):
        raise PermissionDenied
    return other


def get_rw_api_token_for_user(membership: Membership, pk: int) -> ApiToken:
    """A token the member may revoke: their own in this municipality, or, for a role that
    manages API tokens, anyone's in it; 404 for any other (someone else's looks like none)."""
    tokens = ApiToken.objects.filter(municipality=membership.municipality)
    if not membership.can(Capability.MANAGE_API_TOKENS):
        tokens = tokens.filter(user=membership.user)
    return get_object_or_404(tokens.select_related("user"), pk=pk)


def get_rw_sso_provider_for_user(membership: Membership, pk: int) -> SsoProvider:
    """A single sign-on provider of the member's municipality, for its administrator; 404 for
    another municipality's, 403 without the right to manage people."""
    provider = get_object_or_404(SsoProvider, pk=pk, municipality=membership.municipality)
    if not membership.can(Capability.MANAGE_MEMBERS):
        raise PermissionDenied
    return provider
