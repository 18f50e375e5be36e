"""How long projects take at each decision point of their methods."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import groupby
from statistics import median

from django.utils import timezone

from helhet.methodology.models import APPROVING_OUTCOMES, DecisionOutcome, DecisionRequest
from helhet.organization.models import Municipality
from helhet.portfolio.models import InitiativeStatus


@dataclass
class GateTime:
    """How long one decision point (a method's code and name, over all its versions) takes."""

    method_id: int
    method_name: str
    code: str
    name: str
    passed: int = 0
    median_days: float | None = None
    longest_days: float | None = None
    sent_back: int = 0
    waiting: int = 0
    longest_wait_days: float | None = None


def _days(duration: timedelta) -> float:
    return duration.total_seconds() / 86400


def gate_times(municipality: Municipality, *, now: datetime | None = None) -> list[GateTime]:
    """Per decision point, over all versions of its method: how many times it was passed
    (approved, with or without conditions), the median and longest days from the first request
    to the approving decision, how many times it sent a project back, and how many projects wait
    there now with the longest wait so far. A stretch at a gate starts with the first request
    since the project entered the phase, so a request sent back and asked again still counts
    from the first; a project waits while it has asked and not passed, unless it has completed
    its method or the initiative is stopped or completed (as the portfolio's "blocked at a gate"
    filter counts). Points no project has asked for are left out. Sorted by median, longest
    first; those never passed last. One query."""
    now = now or timezone.now()
    requests = (
        DecisionRequest.objects.filter(municipality=municipality)
        .order_by("initiative_id", "requested_at", "pk")
        .values(
            "initiative_id",
            "requested_at",
            "decision_point__code",
            "decision_point__name",
            "decision_point__phase__version__method_id",
            "decision_point__phase__version__method__name",
            "decision__outcome",
            "decision__decided_at",
            "initiative__status",
            "initiative__method_run__completed_at",
        )
    )
    points: dict[tuple[int, str, str], GateTime] = {}
    passages: dict[tuple[int, str, str], list[float]] = {}
    waits: dict[tuple[int, str, str], list[float]] = {}
    for _initiative, stretch in groupby(requests, key=lambda row: row["initiative_id"]):
        rows = list(stretch)
        first_ask: datetime | None = None
        for row in rows:
            key = (
                row["decision_point__phase__version__method_id"],
                row["decision_point__code"],
                row["decision_point__name"],
            )
            point = points.setdefault(
                key,
                GateTime(key[0], row["decision_point__phase__version__method__name"], *key[1:]),
            )
            if first_ask is None:
                first_ask = row["requested_at"]
            outcome = row["decision__outcome"]
            if outcome in APPROVING_OUTCOMES:
                passages.setdefault(key, []).append(_days(row["decision__decided_at"] - first_ask))
                first_ask = None
            elif outcome == DecisionOutcome.SENT_BACK:
                point.sent_back += 1
            elif outcome == DecisionOutcome.STOPPED:
                first_ask = None
        last = rows[-1]
        still_there = last["initiative__method_run__completed_at"] is None and last[
            "initiative__status"
        ] not in (InitiativeStatus.STOPPED, InitiativeStatus.COMPLETED)
        if first_ask is not None and still_there:
            waits.setdefault(key, []).append(_days(now - first_ask))
    for key, point in points.items():
        times, waiting = passages.get(key, []), waits.get(key, [])
        point.passed = len(times)
        point.median_days = median(times) if times else None
        point.longest_days = max(times) if times else None
        point.waiting = len(waiting)
        point.longest_wait_days = max(waiting) if waiting else None
    return sorted(
        points.values(),
        key=lambda point: (
            point.median_days is None,
            -(point.median_days or 0),
            point.method_name,
            point.code,
            point.name,
        ),
    )
