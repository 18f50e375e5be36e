"""Help across departments, read: whose department a request was sent to, and how long the open
requests wait per department (the audit: E-helse og velferdsteknologi asks for competence in
project method and implementation, which Innovasjon og digitalisering is to offer)."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from helhet.accounts.models import Membership, User
from helhet.learning.models import HelpRequest, HelpStatus
from helhet.organization.models import Municipality, OrgUnit

OPEN = (HelpStatus.ASKED, HelpStatus.ACCEPTED)


def helping_units(municipality: Municipality) -> QuerySet[OrgUnit]:
    """The municipality's departments that offer help across departments, by name. When it has
    marked none, a unit may ask any other."""
    return OrgUnit.objects.filter(municipality=municipality, offers_help=True).order_by("name")


def unit_and_above(unit_id: int | None, municipality_id: int) -> set[int]:
    """The unit and every unit above it (one query for the municipality's tree)."""
    if unit_id is None:
        return set()
    parents = dict(
        OrgUnit.objects.filter(municipality_id=municipality_id).values_list("pk", "parent_id")
    )
    found: set[int] = set()
    current: int | None = unit_id
    while current is not None and current not in found:
        found.add(current)
        current = parents.get(current)
    return found


def member_unit_id(user: User | None, municipality_id: int) -> int | None:
    if user is None or user.pk is None:
        return None
    return (
        Membership.objects.filter(user_id=user.pk, municipality_id=municipality_id)
        .values_list("unit_id", flat=True)
        .first()
    )


def in_asked_department(user: User | None, request: HelpRequest) -> bool:
    """Whether the person works in the asked department: their unit is the asked unit or one
    under it."""
    unit_id = member_unit_id(user, request.municipality_id)
    return request.to_unit_id in unit_and_above(unit_id, request.municipality_id)


def days_waiting(request: HelpRequest, today: date) -> int:
    """Days since it was asked, until it was answered (or until today while it waits)."""
    until = timezone.localdate(request.answered_at) if request.answered_at else today
    return (until - timezone.localdate(request.asked_at)).days


@dataclass
class DepartmentLoad:
    """The requests to one department: how many wait for an answer, how many are accepted and
    under way, and how long the waiting ones have waited (days)."""

    unit: OrgUnit
    waiting: int = 0
    under_way: int = 0
    waits: list[int] = field(default_factory=list)

    @property
    def median_wait(self) -> float | None:
        return statistics.median(self.waits) if self.waits else None

    @property
    def longest_wait(self) -> int | None:
        return max(self.waits) if self.waits else None


def help_requests_listed(
    municipality_id: int, *, to_unit_id: int | None = None, status: str = ""
) -> QuerySet[HelpRequest]:
    """The municipality's requests, newest first, filtered by the asked department and status
    (one query for the page)."""
    rows = HelpRequest.objects.filter(municipality_id=municipality_id).select_related(
        "from_unit", "to_unit", "asked_by", "initiative"
    )
    if to_unit_id is not None:
        rows = rows.filter(to_unit_id=to_unit_id)
    if status == "open":
        rows = rows.filter(status__in=OPEN)
    elif status:
        rows = rows.filter(status=status)
    return rows.order_by("-asked_at", "-pk")


def help_load_per_department(municipality_id: int, today: date) -> list[DepartmentLoad]:
    """Per asked department with open requests: waiting and under way, and the median and
    longest wait of those not yet answered; the department with the longest wait first. One
    query."""
    loads: dict[int, DepartmentLoad] = {}
    rows = HelpRequest.objects.filter(
        Q(status__in=OPEN), municipality_id=municipality_id
    ).select_related("to_unit")
    for row in rows:
        load = loads.setdefault(row.to_unit_id, DepartmentLoad(row.to_unit))
        if row.status == HelpStatus.ASKED:
            load.waiting += 1
            load.waits.append(days_waiting(row, today))
        else:
            load.under_way += 1
    return sorted(loads.values(), key=lambda load: (-(load.longest_wait or -1), load.unit.name))
