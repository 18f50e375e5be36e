"""Access helpers: the only way a request reaches a method."""

from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from helhet.accounts.models import Membership
from helhet.accounts.roles import Capability
from helhet.methodology.models import (
    ChecklistItem,
    Criterion,
    DocumentRequirement,
    Level,
    Method,
    MethodVersion,
    Phase,
)


def get_method_for_user(membership: Membership, pk: int) -> Method:
    """The method, if it belongs to the member's municipality and the member may see the
    portfolio; 404 for another municipality's."""
    if not membership.can(Capability.VIEW_PORTFOLIO):
        raise PermissionDenied
    return get_object_or_404(Method, pk=pk, municipality=membership.municipality)


# --- Editing methods (see helhet/methodology/editing/) ---------------------------------------


def get_rw_method_for_user(membership: Membership, pk: int) -> Method:
    """The method, to change, if it belongs to the member's municipality (404 otherwise) and the
    member may manage methods (403 otherwise)."""
    if not membership.can(Capability.MANAGE_METHODS):
        raise PermissionDenied
    return get_object_or_404(Method, pk=pk, municipality=membership.municipality)


def get_version_for_user(membership: Membership, pk: int) -> MethodVersion:
    """A version of one of the municipality's methods, to read: a published one for anyone who
    sees the portfolio, a draft only for those who manage methods (404 for others, as for
    another municipality's)."""
    if not membership.can(Capability.VIEW_PORTFOLIO):
        raise PermissionDenied
    versions = MethodVersion.objects.select_related("method").filter(
        municipality=membership.municipality
    )
    if not membership.can(Capability.MANAGE_METHODS):
        versions = versions.filter(published_at__isnull=False)
    return get_object_or_404(versions, pk=pk)


def get_draft_for_user(membership: Membership, pk: int) -> MethodVersion:
    """A draft version, to change: the member must manage methods (403), the draft must be the
    municipality's and still a draft (404: a published version has nothing to edit)."""
    if not membership.can(Capability.MANAGE_METHODS):
        raise PermissionDenied
    return get_object_or_404(
        MethodVersion.objects.select_related("method"),
        pk=pk,
        municipality=membership.municipality,
        published_at__isnull=True,
    )


DraftPart = TypeVar("DraftPart", Level, Phase, Criterion, ChecklistItem, DocumentRequirement)

# How each part of a version reaches its version.
_VERSION_OF = {
    Level: "version",
    Phase: "version",
    Criterion: "version",
    ChecklistItem: "decision_point__phase__version",
    DocumentRequirement: "phase__version",
}


def get_draft_part_for_user(membership: Membership, model: type[DraftPart], pk: int) -> DraftPart:
    """A level, phase, criterion, checklist item or document requirement of a draft, to change:
    the member must manage methods (403); the part must be the municipality's and in a draft
    (404 otherwise)."""
    if not membership.can(Capability.MANAGE_METHODS):
        raise PermissionDenied
    path = _VERSION_OF[model]
    return get_object_or_404(
        model.objects.select_related(f"{path}__method"),
        pk=pk,
        municipality=membership.municipality,
        **{f"{path}__published_at__isnull": True},
    )
