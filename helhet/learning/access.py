"""Access helpers: the only way a request reaches a lesson. Everyone in the municipality reads
the register; the one who wrote a lesson, or the portfolio office, changes it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from helhet.accounts.models import Membership
from helhet.accounts.roles import Capability
from helhet.learning.models import Lesson
from helhet.learning.rules import may_edit_lesson


def get_lesson_for_user(membership: Membership, pk: int) -> Lesson:
    """The lesson, if it belongs to the member's municipality (404 otherwise)."""
    if not membership.can(Capability.VIEW_LESSONS):
        raise PermissionDenied
    return get_object_or_404(
        Lesson.objects.select_related(
            "initiative", "unit", "author", "log_entry", "decision", "solution"
        ).defer("search_text", "search_vector"),
        pk=pk,
        municipality=membership.municipality,
    )


def get_rw_lesson_for_user(membership: Membership, pk: int) -> Lesson:
    """As ``get_lesson_for_user``, and 403 unless the member wrote it or is in the portfolio
    office (``rules.may_edit_lesson``)."""
    lesson = get_lesson_for_user(membership, pk)
    if not membership.can(Capability.WRITE_LESSONS) or not may_edit_lesson(membership.user, lesson):
        raise PermissionDenied
    return lesson
