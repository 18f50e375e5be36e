"""Access helpers: the only way a request reaches a service area, a municipal service, its
assessments and planned steps, or a municipality's public maturity page. Another municipality's
object is 404; a role that may not change it gets 403."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from helhet.accounts.models import Membership
from helhet.accounts.roles import Capability
from helhet.maturity.models import MaturitySettings, PlannedStep, Service, ServiceArea
from helhet.organization.models import Municipality


def get_area_for_user(membership: Membership, pk: int) -> ServiceArea:
    """The service area, if it belongs to the member's municipality (404 otherwise)."""
    if not membership.can(Capability.VIEW_PORTFOLIO):
        raise PermissionDenied
    return get_object_or_404(
        ServiceArea.objects.select_related("org_unit"),
        pk=pk,
        municipality=membership.municipality,
    )


def get_rw_area_for_user(membership: Membership, pk: int) -> ServiceArea:
    """As ``get_area_for_user``, and 403 unless the member keeps the service catalogue."""
    area = get_area_for_user(membership, pk)
    if not membership.can(Capability.MANAGE_SERVICES):
        raise PermissionDenied
    return area


def get_service_for_user(membership: Membership, pk: int) -> Service:
    """The service, if it belongs to the member's municipality (404 otherwise)."""
    if not membership.can(Capability.VIEW_PORTFOLIO):
        raise PermissionDenied
    return get_object_or_404(
        Service.objects.select_related("area", "responsible_unit"),
        pk=pk,
        municipality=membership.municipality,
    )


def get_rw_service_for_user(membership: Membership, pk: int) -> Service:
    """As ``get_service_for_user``, and 403 unless the member keeps the service catalogue (and
    so may change it, assess it and plan its steps)."""
    service = get_service_for_user(membership, pk)
    if not membership.can(Capability.MANAGE_SERVICES):
        raise PermissionDenied
    return service


# --- Planned steps


def get_step_for_user(membership: Membership, pk: int) -> PlannedStep:
    """The planned step, if it belongs to the member's municipality (404 otherwise)."""
    if not membership.can(Capability.VIEW_PORTFOLIO):
        raise PermissionDenied
    return get_object_or_404(
        PlannedStep.objects.select_related("service", "service__area", "initiative", "responsible"),
        pk=pk,
        municipality=membership.municipality,
    )


def get_rw_step_for_user(membership: Membership, pk: int) -> PlannedStep:
    """As ``get_step_for_user``, and 403 unless the member keeps the service catalogue and its
    plan."""
    step = get_step_for_user(membership, pk)
    if not membership.can(Capability.MANAGE_SERVICES):
        raise PermissionDenied
    return step


# --- The public page


def get_municipality_with_public_page(slug: str) -> Municipality:
    """The municipality, if it has switched its public maturity page on; 404 otherwise, the same
    as for a municipality that does not exist (no login needed)."""
    municipality = get_object_or_404(Municipality, slug=slug)
    if not MaturitySettings.objects.filter(municipality=municipality, public_page=True).exists():
        raise Http404
    return municipality
