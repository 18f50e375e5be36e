"""Access helpers: the only way a request reaches a board member, a risk or a log entry (everyone
who may see the portfolio reads them; those who may change the initiative change them), and a
project whose decision the member is to make."""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from helhet.accounts.models import Membership
from helhet.accounts.roles import Capability
from helhet.methodology.models import DecisionRequest, DecisionRequestStatus
from helhet.portfolio.access import can_edit_initiative, get_initiative_for_user
from helhet.portfolio.models import Initiative
from helhet.projects.models import BoardMember, LogEntry, Risk
from helhet.projects.rules import may_decide

M = TypeVar("M", BoardMember, Risk, LogEntry)


def _get(membership: Membership, model: type[M], pk: int) -> M:
    if not membership.can(Capability.VIEW_PORTFOLIO):
        raise PermissionDenied
    return get_object_or_404(
        model._default_manager.select_related("initiative"),
        pk=pk,
        municipality=membership.municipality,
    )


def _rw(membership: Membership, found: M) -> M:
    if not can_edit_initiative(membership, found.initiative):
        raise PermissionDenied
    return found


def get_rw_board_member_for_user(membership: Membership, pk: int) -> BoardMember:
    """The board member, if in the member's municipality (404 otherwise) and the member may
    change the initiative (403 otherwise)."""
    return _rw(membership, _get(membership, BoardMember, pk))


def get_risk_for_user(membership: Membership, pk: int) -> Risk:
    """The risk, if in the member's municipality and the member may see the portfolio."""
    return _get(membership, Risk, pk)


def get_rw_risk_for_user(membership: Membership, pk: int) -> Risk:
    """As ``get_risk_for_user``, and 403 unless the member may change the initiative."""
    return _rw(membership, get_risk_for_user(membership, pk))


def get_log_entry_for_user(membership: Membership, pk: int) -> LogEntry:
    """The log entry, if in the member's municipality and the member may see the portfolio."""
    return _get(membership, LogEntry, pk)


def get_rw_log_entry_for_user(membership: Membership, pk: int) -> LogEntry:
    """As ``get_log_entry_for_user``, and 403 unless the member may change the initiative."""
    return _rw(membership, get_log_entry_for_user(membership, pk))


def get_initiative_to_decide(membership: Membership, pk: int) -> Initiative:
    """The initiative, if it belongs to the member's municipality (404 otherwise) and the member
    makes the decision waiting for it, or, when none waits, is its project owner (403
    otherwise)."""
    initiative = get_initiative_for_user(membership, pk)
    pending = (
        DecisionRequest.objects.filter(initiative=initiative, status=DecisionRequestStatus.PENDING)
        .select_related("decision_point", "initiative")
        .first()
    )
    if pending is not None:
        if not may_decide(membership.user, pending):
            raise PermissionDenied
    elif initiative.project_owner_id != membership.user_id:
        raise PermissionDenied
    return initiative


def get_decision_request_for_user(membership: Membership, pk: int) -> DecisionRequest:
    """The decision request, if it belongs to the member's municipality (404 otherwise, never
    confirming another municipality's); 403 unless the member may see the portfolio."""
    if not membership.can(Capability.VIEW_PORTFOLIO):
        raise PermissionDenied
    return get_object_or_404(
        DecisionRequest.objects.select_related(
            "initiative", "decision_point__decider_person", "requested_by"
        ),
        pk=pk,
        municipality=membership.municipality,
    )
