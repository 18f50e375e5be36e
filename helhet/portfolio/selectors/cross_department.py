"""Across departments: per directorate and department, the initiatives it owns and those owned
elsewhere it takes part in; and the people who take part in many."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Count, F, IntegerField, QuerySet, Value, When, Window
from django.db.models.functions import DenseRank, Lower, RowNumber

from helhet.organization.models import Municipality, OrgUnit, UnitKind
from helhet.portfolio.models import Initiative
from helhet.portfolio.selectors.names import NAMES_SHOWN, InitiativeRef, first_names
from helhet.portfolio.selectors.people import PersonLoad, people_with_many_initiatives
from helhet.portfolio.selectors.units import ancestor_of_kind, units_by_pk


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
    return counts, {group: first_names(refs) for group, refs in names.items()}


def cross_department(
    *, municipality: Municipality, initiatives: QuerySet[Initiative], threshold: int = 3
) -> CrossDepartment:
    """For the given (filtered) initiatives: per directorate and per department, how many it
    owns (owning unit is it or a unit below it) and how many owned elsewhere it takes part in
    (a unit of it is a participating unit), each with the first NAMES_SHOWN names; and the people
    who take part in more than ``threshold`` of them as project owner, project leader or contact
    (counted once per initiative). A fixed number of queries whatever the number of
    initiatives: counting and ranking happen in the database."""
    ids = initiatives.order_by().values("pk")
    units = units_by_pk(municipality)
    areas = _groups_of_kind(units, UnitKind.SERVICE_AREA)
    departments = _groups_of_kind(units, UnitKind.DEPARTMENT)
    loads: dict[int, UnitLoad] = {pk: UnitLoad(units[pk]) for pk in (*areas, *departments)}
    _count_owned(loads, initiatives, areas, departments)
    for groups in (areas, departments):
        counts, names = _participation(ids, groups)
        for pk in groups:
            loads[pk].participates = counts.get(pk, 0)
            loads[pk].participates_names = names.get(pk, [])
    directorates, idle = _directorates_and_idle(loads, units, areas, departments)
    return CrossDepartment(
        directorates=directorates,
        idle=sorted(idle, key=lambda unit: unit.name.lower()),
        people=people_with_many_initiatives(
            municipality=municipality, initiatives=initiatives, threshold=threshold
        ),
        threshold=threshold,
    )


def _member_of(groups: dict[int, list[int]]) -> dict[int, int]:
    """{unit pk: the group it belongs to}."""
    return {pk: group for group, members in groups.items() for pk in members}


def _count_owned(
    loads: dict[int, UnitLoad],
    initiatives: QuerySet[Initiative],
    areas: dict[int, list[int]],
    departments: dict[int, list[int]],
) -> None:
    """Fill in how many initiatives each directorate and department owns, and the first
    NAMES_SHOWN of them by name (two queries: counts, and the first names per owning unit)."""
    base = initiatives.order_by()
    area_of, department_of = _member_of(areas), _member_of(departments)
    for unit_id, n in base.values_list("owning_unit_id").annotate(n=Count("pk")):
        for owner in (area_of.get(unit_id), department_of.get(unit_id)):
            if owner is not None:
                loads[owner].owned += n
    owned_names: dict[int, list[InitiativeRef]] = {}
    ranked = (
        Initiative.objects.filter(pk__in=base.values("pk"))
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
    for pk, load in loads.items():
        load.owned_names = first_names(owned_names.get(pk, []))


def _directorates_and_idle(
    loads: dict[int, UnitLoad],
    units: dict[int, OrgUnit],
    areas: dict[int, list[int]],
    departments: dict[int, list[int]],
) -> tuple[list[UnitLoad], list[OrgUnit]]:
    """The directorates that own or take part in any initiative, by name, each with its busy
    departments; and the departments (and directorates without busy departments) that do
    neither."""
    area_of = _member_of(areas)
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
    return directorates, idle
