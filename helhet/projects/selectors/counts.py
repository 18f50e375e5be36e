"""The counts the project work menu shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from helhet.portfolio.models import Initiative
from helhet.projects.models import BoardMember, LogEntry, Risk, RiskStatus


@dataclass(frozen=True)
class ProjectWorkCounts:
    board: int
    open_risks: int
    log: int


def _count(queryset: QuerySet[Any]) -> Coalesce:
    counted = (
        queryset.filter(initiative=OuterRef("pk"))
        .order_by()
        .values("initiative")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def project_work_counts(initiative: Initiative) -> ProjectWorkCounts:
    """How many are on the board, how many risks and opportunities are not closed, and how many
    entries the log has, in one query."""
    row = (
        Initiative.objects.filter(pk=initiative.pk)
        .annotate(
            board_count=_count(BoardMember.objects.all()),
            open_risk_count=_count(Risk.objects.exclude(status=RiskStatus.CLOSED)),
            log_count=_count(LogEntry.objects.all()),
        )
        .values("board_count", "open_risk_count", "log_count")
        .first()
    ) or {"board_count": 0, "open_risk_count": 0, "log_count": 0}
    return ProjectWorkCounts(
        board=row["board_count"], open_risks=row["open_risk_count"], log=row["log_count"]
    )
