"""Access helpers: the only way a request reaches a notification. A person reaches only their
own, in the municipality they work in: anyone else's, or another municipality's, is 404."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from helhet.accounts.models import Membership
from helhet.notifications.models import Notification


def get_notification_for_user(membership: Membership, pk: int) -> Notification:
    """The member's own notification in their municipality (404 otherwise, also for another
    person's: nobody learns that it exists)."""
    return get_object_or_404(
        Notification.objects.for_member(membership.user, membership.municipality), pk=pk
    )
