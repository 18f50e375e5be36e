"""Access helpers: the only way a request reaches a method."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from helhet.accounts.models import Membership
from helhet.accounts.roles import Capability
from helhet.methodology.models import Method


def get_method_for_user(membership: Membership, pk: int) -> Method:
    """The method, if it belongs to the member's municipality and the member may see the
    portfolio; 404 for another municipality's."""
    if not membership.can(Capability.VIEW_PORTFOLIO):
        raise PermissionDenied
    return get_object_or_404(Method, pk=pk, municipality=membership.municipality)
