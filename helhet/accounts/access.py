"""Access helpers: the only way a request reaches a membership."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from helhet.accounts.models import Membership
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
