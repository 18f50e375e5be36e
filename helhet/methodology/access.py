"""Access helpers: the only way a request reaches a method."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from helhet.accounts.models import Membership
from helhet.accounts.roles import Capability
from helhet.methodology.models import Method
from helhet.portfolio.access import get_initiative_for_user
from helhet.portfolio.models import Initiative


def get_method_for_user(membership: Membership, pk: int) -> Method:
    """The method, if it belongs to the member's municipality and the member may see the
    portfolio; 404 for another municipality's."""
    if not membership.can(Capability.VIEW_PORTFOLIO):
        raise PermissionDenied
    return get_object_or_404(Method, pk=pk, municipality=membership.municipality)


def get_initiative_to_decide(membership: Membership, pk: int) -> Initiative:
    """The initiative, if it belongs to the member's municipality (404 otherwise) and the member
    is its project owner, the one who decides its decision points (403 otherwise)."""
    initiative = get_initiative_for_user(membership, pk)
    if initiative.project_owner_id != membership.user_id:
        raise PermissionDenied
    return initiative
