"""Reads of a project's board and its history."""

from __future__ import annotations

from typing import Any

from helhet.portfolio.models import Initiative
from helhet.projects.models import BOARD_ROLE_ORDER, BoardMember


def project_board(initiative: Initiative) -> list[BoardMember]:
    """The initiative's board, in the order of the roles (owner first), then by name."""
    members = BoardMember.objects.filter(initiative=initiative).select_related("person")
    return sorted(
        members,
        key=lambda member: (
            BOARD_ROLE_ORDER.get(member.role, len(BOARD_ROLE_ORDER)),
            str(member.person).casefold(),
        ),
    )


def project_board_history(initiative: Initiative, limit: int = 500) -> list[Any]:
    """Every change to the initiative's board, newest first: who was added, changed or taken
    out, by whom and when, including people no longer on it."""
    return list(
        BoardMember.history.filter(initiative_id=initiative.pk)
        .select_related("person", "history_user")
        .order_by("-history_date", "-history_id")[:limit]
    )
