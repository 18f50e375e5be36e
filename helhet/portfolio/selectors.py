"""Reads of the portfolio that span models: the overview's counts and sums."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Max,
    Min,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, DenseRank, Lower, RowNumber

from helhet.accounts.models import Membership, User
from helhet.core.dates import calendar_months_between, first_of_month_later
from helhet.organization.models import Municipality, OrgUnit, UnitKind
from helhet.portfolio.filters import stale_only
from helhet.portfolio.models import (
    AssessmentStatus,
    FundingSource,
    FundingSourceKind,
    Initiative,
    InitiativeKind,
    InitiativeStatus,
    StrategicGoal,
)


@dataclass
class Bucket:
    key: str
    label: str
    count: int
    # NOK: the estimated cost of the initiatives in the bucket, or for funding the amount.
    amount: Decimal = Decimal(0)
    pk: int | None = None


@dataclass
class PortfolioSummary:
    total: int
    estimated_cost: Decimal
    actual_cost: Decimal
    by_kind: list[Bucket]
    by_status: list[Bucket]
    by_service_area: list[Bucket]
    by_department: list[Bucket]
    by_goal: list[Bucket]
    funding: list[Bucket]
    funded_total: Decimal
    stale: int
    without_ros: int
    # How many of the initiatives have a cost at all: a sum over a few is not the portfolio's.
    with_estimate: int = 0
    with_actual: int = 0
    extra: dict[str, int] = field(default_factory=dict)


def _units_upwards(municipality: Municipality) -> dict[int, OrgUnit]:
    return {unit.pk: unit for unit in OrgUnit.objects.for_municipality(municipality)}


def ancestor_of_kind(unit: OrgUnit, kind: str, units: dict[int, OrgUnit]) -> OrgUnit | None:
    current: OrgUnit | None = unit
    while current is not None:
        if current.kind == kind:
            return current
        current = units.get(current.parent_id) if current.parent_id else None
    return None


def portfolio_summary(
    *, municipality: Municipality, initiatives: QuerySet[Initiative]
) -> PortfolioSummary:
    """Counts and sums for the given (filtered) initiatives, all computed by the database in a
    fixed number of queries whatever the number of initiatives: by kind, status, directorate,
    department and strategic goal, total estimated and actual cost, funding by source, how many
    have no status report for over a month, and how many process personal data without a
    finished risk assessment."""
    base = initiatives.order_by()
    ids = base.values("pk")
    totals = base.aggregate(
        total=Count("pk"),
        estimated=Sum("estimated_cost"),
        with_estimate=Count("pk", filter=Q(estimated_cost__isnull=False)),
        with_actual=Count("pk", filter=Q(actual_cost__isnull=False)),
        actual=Sum("actual_cost"),
        without_ros=Count(
            "pk",
            filter=Q(processes_personal_data=True) & ~Q(ros_status=AssessmentStatus.DONE),
        ),
    )
    kind_rows = {
        row["kind"]: row
        for row in base.values("kind").annotate(n=Count("pk"), cost=Sum("estimated_cost"))
    }
    status_rows = {
        row["status"]: row
        for row in base.values("status").annotate(n=Count("pk"), cost=Sum("estimated_cost"))
    }
    by_kind = [
        Bucket(
            kind.value,
            str(kind.label),
            kind_rows.get(kind.value, {}).get("n", 0),
            kind_rows.get(kind.value, {}).get("cost") or Decimal(0),
        )
        for kind in InitiativeKind
    ]
    by_status = [
        Bucket(
            status.value,
            str(status.label),
            status_rows.get(status.value, {}).get("n", 0),
            status_rows.get(status.value, {}).get("cost") or Decimal(0),
        )
        for status in InitiativeStatus
    ]

    # Counted per owning unit in the database, then rolled up the (small) organisation tree.
    units = _units_upwards(municipality)
    areas: dict[int, Bucket] = {}
    departments: dict[int, Bucket] = {}
    for row in base.values("owning_unit_id").annotate(n=Count("pk"), cost=Sum("estimated_cost")):
        unit = units.get(row["owning_unit_id"])
        if unit is None:
            continue
        for kind, buckets in ((UnitKind.SERVICE_AREA, areas), (UnitKind.DEPARTMENT, departments)):
            owner = ancestor_of_kind(unit, kind, units)
            if owner is None:
                continue
            bucket = buckets.setdefault(owner.pk, Bucket(str(owner.pk), owner.name, 0, pk=owner.pk))
            bucket.count += row["n"]
            bucket.amount += row["cost"] or Decimal(0)

    goal_rows = (
        StrategicGoal.objects.filter(municipality=municipality)
        .annotate(n=Count("initiatives", filter=Q(initiatives__in=ids)))
        .filter(n__gt=0)
        .order_by("-n", "position", "name")
    )
    by_goal = [Bucket(str(goal.pk), goal.name, goal.n, pk=goal.pk) for goal in goal_rows]

    funding_rows = {
        row["source"]: row["total"]
        for row in FundingSource.objects.filter(initiative__in=ids)
        .values("source")
        .annotate(total=Sum("amount"))
        .order_by()
    }
    funding = [
        Bucket(source.value, str(source.label), 0, funding_rows[source.value])
        for source in FundingSourceKind
        if source.value in funding_rows
    ]
    return PortfolioSummary(
        total=totals["total"],
        estimated_cost=totals["estimated"] or Decimal(0),
        actual_cost=totals["actual"] or Decimal(0),
        by_kind=by_kind,
        by_status=by_status,
        by_service_area=sorted(areas.values(), key=lambda b: (-b.count, b.label)),
        by_department=sorted(departments.values(), key=lambda b: (-b.count, b.label)),
        by_goal=by_goal,
        funding=funding,
        funded_total=sum((b.amount for b in funding), Decimal(0)),
        stale=stale_only(initiatives.order_by()).count(),
        without_ros=totals["without_ros"],
        with_estimate=totals["with_estimate"],
        with_actual=totals["with_actual"],
    )


# --- Across departments: who owns what, who takes part where, and people's load ---------------

# How many initiative names a cell of the cross-department view or a person's row lists; the
# count is always complete, and the overview (filtered by unit) lists the rest.
NAMES_SHOWN = 10


@dataclass
class InitiativeRef:
    pk: int
    name: str


@dataclass
class UnitLoad:
    """What a directorate or department owns (its own unit or any below it) and the initiatives
    owned elsewhere that it takes part in. ``*_names`` hold at most NAMES_SHOWN, by name."""

    unit: OrgUnit
    owned: int = 0
    owned_names: list[InitiativeRef] = field(default_factory=list)
    participates: int = 0
    participates_names: list[InitiativeRef] = field(default_factory=list)
    departments: list[UnitLoad] = field(default_factory=list)

    @property
    def owned_more(self) -> int:
        return self.owned - len(self.owned_names)

    @property
    def participates_more(self) -> int:
        return self.participates - len(self.participates_names)


@dataclass
class PersonLoad:
    user: User
    unit: OrgUnit | None
    count: int
    initiatives: list[InitiativeRef]

    @property
    def more(self) -> int:
        return self.count - len(self.initiatives)


@dataclass
class CrossDepartment:
    directorates: list[UnitLoad]
    # Departments (and directorates without departments) that neither own nor take part in any
    # of the initiatives: worth seeing too.
    idle: list[OrgUnit]
    people: list[PersonLoad]
    threshold: int


def _groups_of_kind(units: dict[int, OrgUnit], kind: str) -> dict[int, list[int]]:
    """{pk of a unit of ``kind``: pks of it and every unit below it}."""
    groups: dict[int, list[int]] = {}
    for unit in units.values():
        owner = ancestor_of_kind(unit, kind, units)
        if owner is not None:
            groups.setdefault(owner.pk, []).append(unit.pk)
    return groups


def _group_case(field_name: str, groups: dict[int, list[int]]) -> Case:
    """A database expression giving the group (e.g. the department) that ``field_name``'s unit
    belongs to, or 0 when it belongs to none."""
    return Case(
        *[
            When(**{f"{field_name}__in": members}, then=Value(key))
            for key, members in groups.items()
        ],
        default=Value(0),
        output_field=IntegerField(),
    )


def _first_names(refs: Iterable[InitiativeRef]) -> list[InitiativeRef]:
    unique = {ref.pk: ref for ref in refs}
    return sorted(unique.values(), key=lambda ref: (ref.name.lower(), ref.pk))[:NAMES_SHOWN]


def _participation(
    ids: QuerySet[Any], groups: dict[int, list[int]]
) -> tuple[dict[int, int], dict[int, list[InitiativeRef]]]:
    """Per group: how many initiatives owned outside the group a unit in it takes part in, and
    the first of them by name. One query: DENSE_RANK by name both ways numbers the distinct
    initiatives of a group (an initiative two of its units take part in ranks once), and the
    two ranks of any row add up to their count plus one."""
    # Typed loosely: django-stubs does not see annotations on an auto-created through model.
    through: QuerySet[Any] = Initiative.participating_units.through.objects.filter(
        initiative_id__in=ids
    )
    rows = (
        through.annotate(
            group=_group_case("orgunit_id", groups),
            owner_group=_group_case("initiative__owning_unit_id", groups),
        )
        .filter(group__gt=0)
        .exclude(group=F("owner_group"))
    )
    ranked = (
        rows.annotate(
            rank=Window(
                DenseRank(),
                partition_by=[F("group")],
                order_by=[Lower("initiative__name").asc(), F("initiative_id").asc()],
            ),
            rank_down=Window(
                DenseRank(),
                partition_by=[F("group")],
                order_by=[Lower("initiative__name").desc(), F("initiative_id").desc()],
            ),
        )
        .filter(rank__lte=NAMES_SHOWN)
        .values_list("group", "initiative_id", "initiative__name", "rank", "rank_down")
    )
    counts: dict[int, int] = {}
    names: dict[int, list[InitiativeRef]] = {}
    for group, pk, name, rank, rank_down in ranked:
        counts[group] = rank + rank_down - 1
        names.setdefault(group, []).append(InitiativeRef(pk, name))
    return counts, {group: _first_names(refs) for group, refs in names.items()}


def _people_load(
    initiatives: QuerySet[Initiative], ids: QuerySet[Any], threshold: int
) -> dict[int, int]:
    """{user pk: number of initiatives they take part in} for those above ``threshold``. A
    person counts once per initiative whether project owner, project leader or contact: the
    three counts below are of disjoint (person, initiative) pairs, each made by the database."""
    base = initiatives.order_by()
    totals: dict[int, int] = {}
    for user_id, n in (
        base.filter(project_owner_id__isnull=False)
        .values_list("project_owner_id")
        .annotate(n=Count("pk"))
    ):
        totals[user_id] = totals.get(user_id, 0) + n
    leaders = base.filter(project_leader_id__isnull=False).filter(
        Q(project_owner_id__isnull=True) | ~Q(project_owner_id=F("project_leader_id"))
    )
    for user_id, n in leaders.values_list("project_leader_id").annotate(n=Count("pk")):
        totals[user_id] = totals.get(user_id, 0) + n
    contacts = (
        Initiative.contacts.through.objects.filter(initiative_id__in=ids)
        .filter(
            Q(initiative__project_owner_id__isnull=True)
            | ~Q(initiative__project_owner_id=F("user_id"))
        )
        .filter(
            Q(initiative__project_leader_id__isnull=True)
            | ~Q(initiative__project_leader_id=F("user_id"))
        )
    )
    for user_id, n in contacts.order_by().values_list("user_id").annotate(n=Count("pk")):
        totals[user_id] = totals.get(user_id, 0) + n
    return {user_id: n for user_id, n in totals.items() if n > threshold}


def _people_names(
    initiatives: QuerySet[Initiative], ids: QuerySet[Any], people: Iterable[int]
) -> dict[int, list[InitiativeRef]]:
    """The first initiatives by name that each of ``people`` takes part in (three queries)."""
    found: dict[int, list[InitiativeRef]] = {}
    order = [Lower("name").asc(), F("pk").asc()]
    # Ranked over the bare initiatives: the filtered queryset's joins and annotations would be
    # computed for every row before the ranks are filtered.
    plain = Initiative.objects.filter(pk__in=ids)
    for role in ("project_owner_id", "project_leader_id"):
        ranked = (
            plain.filter(**{f"{role}__in": people})
            .annotate(rank=Window(RowNumber(), partition_by=[F(role)], order_by=order))
            .filter(rank__lte=NAMES_SHOWN)
            .values_list(role, "pk", "name")
        )
        for user_id, pk, name in ranked:
            found.setdefault(user_id, []).append(InitiativeRef(pk, name))
    through: QuerySet[Any] = Initiative.contacts.through.objects.filter(
        initiative_id__in=ids, user_id__in=people
    )
    contacts = (
        through.annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("user_id")],
                order_by=[Lower("initiative__name").asc(), F("initiative_id").asc()],
            )
        )
        .filter(rank__lte=NAMES_SHOWN)
        .values_list("user_id", "initiative_id", "initiative__name")
    )
    for user_id, pk, name in contacts:
        found.setdefault(user_id, []).append(InitiativeRef(pk, name))
    return {user_id: _first_names(refs) for user_id, refs in found.items()}


def cross_department(
    *, municipality: Municipality, initiatives: QuerySet[Initiative], threshold: int = 3
) -> CrossDepartment:
    """For the given (filtered) initiatives: per directorate and per department, how many it
    owns (owning unit is it or a unit below it) and how many owned elsewhere it takes part in
    (a unit of it is a participating unit), each with the first NAMES_SHOWN names; and the people
    who take part in more than ``threshold`` of them as project owner, project leader or contact
    (counted once per initiative). A fixed number of queries whatever the number of
    initiatives: counting and ranking happen in the database."""
    base = initiatives.order_by()
    ids = base.values("pk")
    units = _units_upwards(municipality)
    areas = _groups_of_kind(units, UnitKind.SERVICE_AREA)
    departments = _groups_of_kind(units, UnitKind.DEPARTMENT)
    area_of = {pk: area for area, members in areas.items() for pk in members}
    department_of = {pk: dep for dep, members in departments.items() for pk in members}

    loads: dict[int, UnitLoad] = {pk: UnitLoad(units[pk]) for pk in (*areas, *departments)}
    for unit_id, n in base.values_list("owning_unit_id").annotate(n=Count("pk")):
        for owner in (area_of.get(unit_id), department_of.get(unit_id)):
            if owner is not None:
                loads[owner].owned += n
    owned_names: dict[int, list[InitiativeRef]] = {}
    ranked = (
        Initiative.objects.filter(pk__in=ids)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("owning_unit_id")],
                order_by=[Lower("name").asc(), F("pk").asc()],
            )
        )
        .filter(rank__lte=NAMES_SHOWN)
        .values_list("owning_unit_id", "pk", "name")
    )
    for unit_id, pk, name in ranked:
        for owner in (area_of.get(unit_id), department_of.get(unit_id)):
            if owner is not None:
                owned_names.setdefault(owner, []).append(InitiativeRef(pk, name))
    for groups in (areas, departments):
        counts, names = _participation(ids, groups)
        for pk in groups:
            loads[pk].participates = counts.get(pk, 0)
            loads[pk].participates_names = names.get(pk, [])
            loads[pk].owned_names = _first_names(owned_names.get(pk, []))

    directorates: list[UnitLoad] = []
    idle: list[OrgUnit] = []
    # Every department stands under a directorate (only directorates sit at the top).
    for pk in sorted(areas, key=lambda pk: units[pk].name.lower()):
        load = loads[pk]
        load.departments = [
            loads[dep]
            for dep in sorted(departments, key=lambda dep: units[dep].name.lower())
            if area_of.get(dep) == pk
        ]
        busy = [dep for dep in load.departments if dep.owned or dep.participates]
        idle.extend(dep.unit for dep in load.departments if not (dep.owned or dep.participates))
        load.departments = busy
        if load.owned or load.participates:
            directorates.append(load)
        elif not busy:
            idle.append(load.unit)

    heavy = _people_load(initiatives, ids, threshold)
    people: list[PersonLoad] = []
    if heavy:
        names = _people_names(initiatives, ids, list(heavy))
        memberships = {
            m.user_id: m
            for m in Membership.objects.filter(
                municipality=municipality, user_id__in=heavy
            ).select_related("unit")
        }
        for user in User.objects.filter(pk__in=heavy):
            membership = memberships.get(user.pk)
            people.append(
                PersonLoad(
                    user=user,
                    unit=membership.unit if membership else None,
                    count=heavy[user.pk],
                    initiatives=names.get(user.pk, []),
                )
            )
        people.sort(key=lambda p: (-p.count, (p.user.get_full_name() or p.user.username).lower()))
    return CrossDepartment(
        directorates=directorates,
        idle=sorted(idle, key=lambda unit: unit.name.lower()),
        people=people,
        threshold=threshold,
    )


# --- The timeline: initiatives as bars over months, grouped by department or directorate -------

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
    units = _units_upwards(municipality)
    group_of = _timeline_groups(units, group_by)
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
    rank = Case(
        *[
            When(owning_unit_id__in=members[pk], then=Value(position))
            for position, pk in enumerate(keys)
        ],
        default=Value(len(keys)),
        output_field=IntegerField(),
    )
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
        .annotate(tl_group=rank)
        .order_by("tl_group", "tl_start", Lower("name"), "pk")
    )
    undated = base.filter(tl_start__isnull=True).order_by(Lower("name"), "pk")
    month_days = [first_of_month_later(first, index) for index in range(months)]
    years: list[TimelineYear] = []
    for index, day in enumerate(month_days):
        if not years or years[-1].year != day.year:
            years.append(TimelineYear(day.year, index + 1, 0))
        years[-1].span += 1
    return Timeline(
        first=first,
        months=months,
        month_days=month_days,
        years=years,
        group_by=group_by,
        units=units,
        group_of=group_of,
        dated=dated,
        undated=undated,
        counts=TimelineCounts(**counts),
    )


def initiatives_of_person(*, membership: Membership, limit: int = 10) -> list[Initiative]:
    """The initiatives in the member's municipality that they own, lead or are contact for,
    by name (for the start page's "my initiatives")."""
    user_id = membership.user_id
    mine = Initiative.objects.for_municipality(membership.municipality).filter(
        Q(project_owner_id=user_id) | Q(project_leader_id=user_id) | Q(contacts=user_id)
    )
    return list(mine.distinct().select_related("owning_unit").order_by("name")[:limit])
