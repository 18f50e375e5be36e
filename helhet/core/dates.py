"""Month arithmetic, each function named for the one thing it does."""

from __future__ import annotations

import calendar
from datetime import date


def same_day_months_later(day: date, months: int) -> date:
    """The same day ``months`` later (earlier when negative), on the month's last day when the
    month is shorter: 31 January plus one month is 28 or 29 February."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def first_of_month_later(day: date, months: int) -> date:
    """The first day of the month ``months`` after ``day``'s month (before, when negative)."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, 1)


def calendar_months_between(first: date, last: date) -> int:
    """How many month boundaries lie between the two dates' months (days ignored)."""
    return (last.year - first.year) * 12 + last.month - first.month


def months_begun(start: date | None, end: date | None) -> int | None:
    """Whole months from ``start`` to ``end``, a month begun counting as one; None unless both
    are known."""
    if start is None or end is None:
        return None
    months = calendar_months_between(start, end)
    if end.day > start.day:
        months += 1
    return max(months, 0)
