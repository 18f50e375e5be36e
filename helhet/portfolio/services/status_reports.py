"""Status reports on an initiative."""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from helhet.accounts.models import User
from helhet.core.history import save_with_history
from helhet.portfolio.models import Initiative, StatusReport


@transaction.atomic
def status_report_create(
    *,
    actor: User | None,
    initiative: Initiative,
    ratings: dict[str, str],
    comments: dict[str, str],
    summary: str,
    period_start: date | None,
    period_end: date | None,
    reported_at: datetime | None = None,
) -> StatusReport:
    """Record a status report on the period from ``period_start`` to ``period_end``: a rating
    (green/yellow/red) with a comment for progress, economy, quality, risk and benefits, and an
    overall summary. Refused when a red aspect has no comment saying why, or the period is
    missing an end, ends before it begins or begins after the report. Earlier reports are kept."""
    report = StatusReport(
        municipality_id=initiative.municipality_id,
        initiative=initiative,
        author=actor,
        reported_at=reported_at or timezone.now(),
        summary=summary,
        period_start=period_start,
        period_end=period_end,
        **{
            aspect: ratings.get(aspect, "")
            for aspect in ("progress", "economy", "quality", "risk", "benefits")
        },
        **{
            f"{aspect}_comment": comments.get(aspect, "")
            for aspect in ("progress", "economy", "quality", "risk", "benefits")
        },
    )
    report.full_clean()
    save_with_history(report, actor=actor)
    return report
