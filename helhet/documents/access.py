"""Access helpers: the only way a request reaches a project document or one of its versions.
Everyone who may see the portfolio reads a municipality's documents; those who may change the
initiative (see ``can_edit_initiative``) write them. Another municipality's is 404."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from helhet.accounts.models import Membership
from helhet.accounts.roles import Capability
from helhet.documents.models import DocumentVersion, ProjectDocument
from helhet.portfolio.access import can_edit_initiative


def get_document_for_user(membership: Membership, pk: int) -> ProjectDocument:
    """The document, if it belongs to the member's municipality and the member may see the
    portfolio; 404 for another municipality's."""
    if not membership.can(Capability.VIEW_PORTFOLIO):
        raise PermissionDenied
    return get_object_or_404(
        ProjectDocument.objects.select_related("initiative", "requirement__phase"),
        pk=pk,
        municipality=membership.municipality,
    )


def get_rw_document_for_user(membership: Membership, pk: int) -> ProjectDocument:
    """As ``get_document_for_user``, and 403 unless the member may change the initiative."""
    document = get_document_for_user(membership, pk)
    if not can_edit_initiative(membership, document.initiative):
        raise PermissionDenied
    return document


def get_version_for_user(membership: Membership, pk: int) -> DocumentVersion:
    """The version, if it belongs to the member's municipality and the member may see the
    portfolio; 404 for another municipality's."""
    if not membership.can(Capability.VIEW_PORTFOLIO):
        raise PermissionDenied
    return get_object_or_404(
        DocumentVersion.objects.select_related(
            "document__initiative", "document__requirement__phase", "created_by"
        ),
        pk=pk,
        municipality=membership.municipality,
    )
