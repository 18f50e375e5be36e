"""How long projects take at each decision point of their methods."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import groupby
from statistics import median
from typing import Any

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
        .values(*_COLUMNS)
    )
    tally = _Tally()
    for _initiative, stretch in groupby(requests, key=lambda row: row["initiative_id"]):
        tally.add_project(list(stretch), now)
    return sorted(tally.summed(), key=_slowest_first)


# What gate_times reads of each request: its point, its decision, and its project's state.
_COLUMNS = (
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
PointKey = tuple[int, str, str]


@dataclass
class _Tally:
    """The gates' figures as the requests are read, project by project."""

    points: dict[PointKey, GateTime] = field(default_factory=dict)
    passages: dict[PointKey, list[float]] = field(default_factory=dict)
    waits: dict[PointKey, list[float]] = field(default_factory=dict)

    def add_project(self, rows: list[dict[str, Any]], now: datetime) -> None:
        """One project's requests, oldest first: each approval ends a stretch at its gate."""
        first_ask: datetime | None = None
        for row in rows:
            key = self._point(row)
            if first_ask is None:
                first_ask = row["requested_at"]
            outcome = row["decision__outcome"]
            if outcome in APPROVING_OUTCOMES:
                elapsed = _days(row["decision__decided_at"] - first_ask)
                self.passages.setdefault(key, []).append(elapsed)
                first_ask = None
            elif outcome == DecisionOutcome.SENT_BACK:
                self.points[key].sent_back += 1
            elif outcome == DecisionOutcome.STOPPED:
                first_ask = None
        last = rows[-1]
        still_there = last["initiative__method_run__completed_at"] is None and last[
            "initiative__status"
        ] not in (InitiativeStatus.STOPPED, InitiativeStatus.COMPLETED)
        if first_ask is not None and still_there:
            self.waits.setdefault(key, []).append(_days(now - first_ask))

    def _point(self, row: dict[str, Any]) -> PointKey:
        key = (
            row["decision_point__phase__version__method_id"],
            row["decision_point__code"],
            row["decision_point__name"],
        )
        if key not in self.points:
            method_name = row["decision_point__phase__version__method__name"]
            self.points[key] = GateTime(key[0], method_name, *key[1:])
        return key

    def summed(self) -> list[GateTime]:
        for key, point in self.points.items():
            times, waiting = self.passages.get(key, []), self.waits.get(key, [])
            point.passed = len(times)
            point.median_days = median(times) if times else None
            point.longest_days = max(times) if times else None
            point.waiting = len(waiting)
            point.longest_wait_days = max(waiting) if waiting else None
        return list(self.points.values())


def _slowest_first(point: GateTime) -> tuple[bool, float, str, str, str]:
    """By median, longest first; those never passed last."""
    return (
        point.median_days is None,
        -(point.median_days or 0),
        point.method_name,
        point.code,
        point.name,
    )
