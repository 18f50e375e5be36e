"""Access helpers: the only way a request reaches an organisation unit."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from helhet.accounts.models import Membership
from helhet.accounts.roles import Capability
from helhet.organization.models import OrgUnit


def get_org_unit_for_user(membership: Membership, pk: int) -> OrgUnit:
    """The unit, if it belongs to the member's municipality; 404 otherwise (never 403, so that
    another municipality's units cannot even be confirmed to exist)."""
    return get_object_or_404(
        OrgUnit.objects.select_related("parent"), pk=pk, municipality=membership.municipality
    )


def get_rw_org_unit_for_user(membership: Membership, pk: int) -> OrgUnit:
    """As ``get_org_unit_for_user``, and 403 unless the member may maintain the organisation."""
    unit = get_org_unit_for_user(membership, pk)
    if not membership.can(Capability.MANAGE_ORGANIZATION):
        raise PermissionDenied
    return unit
