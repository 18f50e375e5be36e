"""Reads of the organisation tree."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from helhet.organization.models import Municipality, OrgUnit, UnitKind


@dataclass
class TreeNode:
    unit: OrgUnit
    member_count: int
    children: list[TreeNode] = field(default_factory=list)


def organization_tree(*, municipality: Municipality) -> list[TreeNode]:
    """The municipality's whole tree, roots first, children sorted by name, in one query
    whatever its size."""
    units = list(
        OrgUnit.objects.for_municipality(municipality)
        .annotate(member_count=Count("members"))
        .order_by("name")
    )
    nodes = {unit.pk: TreeNode(unit=unit, member_count=unit.member_count) for unit in units}  # type: ignore[attr-defined]
    roots: list[TreeNode] = []
    for unit in units:
        node = nodes[unit.pk]
        if unit.parent_id is None:
            roots.append(node)
        else:
            nodes[unit.parent_id].children.append(node)
    return roots


def organization_counts(*, municipality: Municipality) -> dict[str, int]:
    """How many units of each kind the municipality has, keyed by kind value."""
    counts: dict[str, int] = defaultdict(int)
    rows = (
        OrgUnit.objects.for_municipality(municipality)
        .values("kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        counts[row["kind"]] = row["n"]
    return {kind.value: counts[kind.value] for kind in UnitKind}


def unit_path(unit: OrgUnit) -> list[OrgUnit]:
    """The unit's ancestors from the top down to the unit itself. At most four levels."""
    path = [unit]
    current = unit
    while current.parent_id is not None:
        current = OrgUnit.objects.get(pk=current.parent_id)
        path.append(current)
    return list(reversed(path))
