"""The timeline: initiatives as bars over months, grouped by department or directorate."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Case, Count, IntegerField, Max, Min, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, Lower

from helhet.core.dates import calendar_months_between, first_of_month_later
from helhet.organization.models import Municipality, OrgUnit, UnitKind
from helhet.portfolio.models import Initiative
from helhet.portfolio.selectors.units import ancestor_of_kind, units_by_pk

TIMELINE_MAX_MONTHS = 120  # timeline.css has column classes for this many months
TIMELINE_MIN_MONTHS = 12
GROUP_BY_DEPARTMENT = "department"
GROUP_BY_DIRECTORATE = "directorate"


def _with_timeline_dates(initiatives: QuerySet[Initiative]) -> QuerySet[Any]:
    """``tl_start``/``tl_end``: the actual date when set, else the planned one. (Typed loosely:
    django-stubs cannot follow the annotations.)"""
    return initiatives.annotate(
        tl_start=Coalesce("actual_start", "planned_start"),
        tl_end=Coalesce("actual_end", "planned_end"),
    )


def timeline_default_window(initiatives: QuerySet[Initiative], *, today: date) -> tuple[date, int]:
    """The first month and the number of months that show the initiatives: from the earliest
    start to the latest end, at least TIMELINE_MIN_MONTHS and, when the initiatives span more
    than TIMELINE_MAX_MONTHS, that many months from three years before this year (one query)."""
    span = (
        _with_timeline_dates(initiatives.order_by())
        .filter(tl_start__isnull=False)
        .aggregate(first=Min("tl_start"), last=Max(Coalesce("tl_end", "tl_start")))
    )
    if span["first"] is None:
        return date(today.year, 1, 1), TIMELINE_MIN_MONTHS
    first = span["first"].replace(day=1)
    last = max(span["last"], span["first"]).replace(day=1)
    months = calendar_months_between(first, last) + 1
    if months > TIMELINE_MAX_MONTHS:
        latest_first = first_of_month_later(last, 1 - TIMELINE_MAX_MONTHS)
        first = min(max(first, date(today.year - 3, 1, 1)), latest_first)
        return first, TIMELINE_MAX_MONTHS
    return first, max(months, TIMELINE_MIN_MONTHS)


def _timeline_groups(units: dict[int, OrgUnit], group_by: str) -> dict[int, int]:
    """{unit pk: pk of the unit its initiatives are grouped under}: the department (or, grouping
    by directorate, the directorate) the unit is or lies in, else the directorate, else itself."""
    kinds = (
        [UnitKind.SERVICE_AREA]
        if group_by == GROUP_BY_DIRECTORATE
        else [UnitKind.DEPARTMENT, UnitKind.SERVICE_AREA]
    )
    group_of = {}
    for unit in units.values():
        owners = [ancestor_of_kind(unit, kind, units) for kind in kinds]
        group_of[unit.pk] = next((owner.pk for owner in owners if owner is not None), unit.pk)
    return group_of


@dataclass
class TimelineBar:
    """One initiative on the timeline: its dates (actual when set, else planned) and where its
    bar lies in the window (1-based month column and number of months)."""

    initiative: Initiative
    start: date
    end: date | None
    column: int
    span: int
    before: bool  # began before the window
    after: bool  # ends after the window, or has no end date


@dataclass
class TimelineGroup:
    unit: OrgUnit
    parent: OrgUnit | None  # the directorate, when grouped by department
    bars: list[TimelineBar]


@dataclass
class TimelineYear:
    year: int
    column: int
    span: int


@dataclass
class TimelineCounts:
    dated: int  # in the window
    undated: int  # no start date
    outside: int  # dated, but wholly outside the window


@dataclass
class Timeline:
    first: date
    months: int
    month_days: list[date]
    years: list[TimelineYear]
    group_by: str
    units: dict[int, OrgUnit]
    group_of: dict[int, int]
    # The dated initiatives in the window, in timeline order (group, start, name); not loaded.
    dated: QuerySet[Any]
    # The initiatives without a start date, by name; not loaded.
    undated: QuerySet[Any]
    counts: TimelineCounts

    @property
    def last_day(self) -> date:
        return first_of_month_later(self.first, self.months) - timedelta(days=1)

    def groups(self, initiatives: Iterable[Initiative]) -> list[TimelineGroup]:
        """Bars for (a page of) ``dated``, grouped as they come."""
        groups: list[TimelineGroup] = []
        last_month = first_of_month_later(self.first, self.months - 1)
        for initiative in initiatives:
            start: date = initiative.tl_start  # type: ignore[attr-defined]
            end: date | None = initiative.tl_end  # type: ignore[attr-defined]
            shown_start = max(start.replace(day=1), self.first)
            shown_end = min((end or self.last_day).replace(day=1), last_month)
            bar = TimelineBar(
                initiative=initiative,
                start=start,
                end=end,
                column=calendar_months_between(self.first, shown_start) + 1,
                span=max(1, calendar_months_between(shown_start, shown_end) + 1),
                before=start < self.first,
                after=end is None or end > self.last_day,
            )
            group_pk = self.group_of.get(initiative.owning_unit_id, initiative.owning_unit_id)
            if not groups or groups[-1].unit.pk != group_pk:
                unit = self.units[group_pk]
                parent = None
                if self.group_by == GROUP_BY_DEPARTMENT and unit.kind != UnitKind.SERVICE_AREA:
                    parent = ancestor_of_kind(unit, UnitKind.SERVICE_AREA, self.units)
                groups.append(TimelineGroup(unit=unit, parent=parent, bars=[]))
            groups[-1].bars.append(bar)
        return groups


def timeline(
    *,
    municipality: Municipality,
    initiatives: QuerySet[Initiative],
    first: date,
    months: int,
    group_by: str = GROUP_BY_DEPARTMENT,
) -> Timeline:
    """The (filtered) initiatives on a timeline of ``months`` months from ``first``: those with
    a start date that overlap the window, ordered by department (or directorate), start and
    name, and those without a start date. Two queries here (units, counts); the querysets are
    left for the caller to page through."""
    first = first.replace(day=1)
    months = max(1, min(months, TIMELINE_MAX_MONTHS))
    last_day = first_of_month_later(first, months) - timedelta(days=1)
    units = units_by_pk(municipality)
    group_of = _timeline_groups(units, group_by)
    base = _with_timeline_dates(initiatives.order_by())
    overlaps = Q(tl_start__lte=last_day) & (Q(tl_end__isnull=True) | Q(tl_end__gte=first))
    counts = base.aggregate(
        dated=Count("pk", filter=Q(tl_start__isnull=False) & overlaps),
        undated=Count("pk", filter=Q(tl_start__isnull=True)),
        outside=Count("pk", filter=Q(tl_start__isnull=False) & ~overlaps),
    )
    dated = (
        base.filter(tl_start__isnull=False)
        .filter(overlaps)
        .annotate(tl_group=_group_rank(units, group_of))
        .order_by("tl_group", "tl_start", Lower("name"), "pk")
    )
    undated = base.filter(tl_start__isnull=True).order_by(Lower("name"), "pk")
    month_days = [first_of_month_later(first, index) for index in range(months)]
    return Timeline(
        first=first,
        months=months,
        month_days=month_days,
        years=_years(month_days),
        group_by=group_by,
        units=units,
        group_of=group_of,
        dated=dated,
        undated=undated,
        counts=TimelineCounts(**counts),
    )


def _group_rank(units: dict[int, OrgUnit], group_of: dict[int, int]) -> Case:
    """A database expression giving each initiative's group's place on the timeline: by
    directorate name, the directorate itself before its departments, then by department name."""
    keys = sorted(
        set(group_of.values()),
        key=lambda pk: (
            (ancestor_of_kind(units[pk], UnitKind.SERVICE_AREA, units) or units[pk]).name.lower()
            + "\x00"
            + ("" if units[pk].kind == UnitKind.SERVICE_AREA else units[pk].name.lower())
        ),
    )
    members: dict[int, list[int]] = {}
    for unit_pk, group_pk in group_of.items():
        members.setdefault(group_pk, []).append(unit_pk)
    return Case(
        *[
            When(owning_unit_id__in=members[pk], then=Value(position))
            for position, pk in enumerate(keys)
        ],
        default=Value(len(keys)),
        output_field=IntegerField(),
    )


def _years(month_days: list[date]) -> list[TimelineYear]:
    """The years above the months: where each starts (1-based column) and how many months."""
    years: list[TimelineYear] = []
    for index, day in enumerate(month_days):
        if not years or years[-1].year != day.year:
            years.append(TimelineYear(day.year, index + 1, 0))
        years[-1].span += 1
    return years
