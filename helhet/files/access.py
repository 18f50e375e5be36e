"""Access helpers: the only way a request reaches a prepared file. Only the person who asked
for it, in the municipality they asked in, reaches it: anyone else's, another municipality's,
or an expired one is 404 (nobody learns that it exists)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from helhet.accounts.models import Membership
from helhet.files.models import PreparedFile, Status


def get_ready_file_for_user(membership: Membership, pk: int) -> PreparedFile:
    """The member's own file, made and not expired (404 otherwise)."""
    return get_object_or_404(
        PreparedFile.objects.for_member(membership.user, membership.municipality)
        .current()
        .filter(status=Status.READY),
        pk=pk,
    )
