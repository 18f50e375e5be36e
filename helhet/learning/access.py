"""Access helpers: the only way a request reaches a lesson, a request for help, or an initiative
to compare. Everyone in the municipality reads the register and the requests; the one who wrote
a lesson, or the portfolio office, changes it; the asked department answers a request."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from helhet.accounts.duties import refusal_to_answer_help_request
from helhet.accounts.models import Membership
from helhet.accounts.roles import Capability
from helhet.learning.helping import in_asked_department
from helhet.learning.models import HelpRequest, Lesson
from helhet.learning.rules import may_edit_lesson
from helhet.methodology.models import Decision
from helhet.portfolio.models import Initiative


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


def get_help_request_for_user(membership: Membership, pk: int) -> HelpRequest:
    """A request for help in the member's municipality (404 otherwise); everyone reads them."""
    if not membership.can(Capability.VIEW_LESSONS):
        raise PermissionDenied
    return get_object_or_404(
        HelpRequest.objects.select_related(
            "from_unit", "to_unit", "asked_by", "answered_by", "initiative"
        ),
        pk=pk,
        municipality=membership.municipality,
    )


def get_help_request_to_answer(membership: Membership, pk: int) -> HelpRequest:
    """As ``get_help_request_for_user``, and 403 unless the member answers it: the asked
    department's people, not the one who asked (``refusal_to_answer_help_request``)."""
    request = get_help_request_for_user(membership, pk)
    refusal = refusal_to_answer_help_request(
        membership.user,
        municipality_id=membership.municipality_id,
        asked_by_id=request.asked_by_id,
        in_asked_department=in_asked_department(membership.user, request),
    )
    if refusal is not None:
        raise PermissionDenied(refusal)
    return request


def get_initiative_to_compare(membership: Membership, pk: int) -> Initiative:
    """An initiative of the member's municipality, to show the work like it (404 otherwise)."""
    if not membership.can(Capability.VIEW_LESSONS):
        raise PermissionDenied
    return get_object_or_404(
        Initiative.objects.select_related("owning_unit"),
        pk=pk,
        municipality=membership.municipality,
    )


def get_closing_decision_for_user(membership: Membership, pk: int) -> Decision:
    """A decision that completed an initiative's method (the closing gate), in the member's
    municipality (404 otherwise, and for any other decision); 403 unless the member writes
    lessons."""
    if not membership.can(Capability.WRITE_LESSONS):
        raise PermissionDenied
    return get_object_or_404(
        Decision.objects.select_related(
            "request__initiative", "request__decision_point", "from_phase"
        ),
        pk=pk,
        municipality=membership.municipality,
        completes_method=True,
    )
