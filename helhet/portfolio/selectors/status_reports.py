"""What a new status report is suggested to cover."""

from __future__ import annotations

from datetime import date, timedelta

from helhet.portfolio.models import Initiative, StatusReport


def report_period_suggested(initiative: Initiative, *, today: date) -> dict[str, date]:
    """The period a new report on ``initiative`` is suggested to cover: from the day after the
    period of its newest report (or the first of the month when it has none, or when that day
    is after ``today``) to ``today``. One query."""
    newest = (
        StatusReport.objects.filter(initiative=initiative, period_end__isnull=False)
        .order_by("-period_end")
        .values_list("period_end", flat=True)
        .first()
    )
    start = today.replace(day=1) if newest is None else newest + timedelta(days=1)
    if start > today:
        start = today.replace(day=1)
    return {"period_start": start, "period_end": today}
