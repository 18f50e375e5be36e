"""Access helpers: the only way a request reaches a benefit or an indicator. Everyone who may see
the portfolio reads an initiative's benefits realisation plan; those who may change the
initiative (helhet.portfolio.access.can_edit_initiative) change its plan."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from helhet.accounts.models import Membership
from helhet.accounts.roles import Capability
from helhet.benefits.models import Benefit, Indicator
from helhet.portfolio.access import can_edit_initiative


def get_rw_benefit_for_user(membership: Membership, pk: int) -> Benefit:
    """The benefit, if it belongs to the member's municipality (404 otherwise) and the member may
    change its initiative (403 otherwise)."""
    if not membership.can(Capability.VIEW_PORTFOLIO):
        raise PermissionDenied
    benefit = get_object_or_404(
        Benefit.objects.select_related("initiative"),
        pk=pk,
        municipality=membership.municipality,
    )
    if not can_edit_initiative(membership, benefit.initiative):
        raise PermissionDenied
    return benefit


def get_rw_indicator_for_user(membership: Membership, pk: int) -> Indicator:
    """The indicator, if it belongs to the member's municipality (404 otherwise) and the member
    may change the initiative of its benefit (403 otherwise)."""
    if not membership.can(Capability.VIEW_PORTFOLIO):
        raise PermissionDenied
    indicator = get_object_or_404(
        Indicator.objects.select_related("benefit__initiative"),
        pk=pk,
        municipality=membership.municipality,
    )
    if not can_edit_initiative(membership, indicator.benefit.initiative):
        raise PermissionDenied
    return indicator
