"""The municipality's unit tree as the portfolio's reads need it: every unit by pk, and the
directorate or department a unit lies in."""

from __future__ import annotations

from helhet.organization.models import Municipality, OrgUnit


def units_by_pk(municipality: Municipality) -> dict[int, OrgUnit]:
    """Every unit of the municipality by pk (one query), to walk the tree upwards in memory."""
    return {unit.pk: unit for unit in OrgUnit.objects.for_municipality(municipality)}


def ancestor_of_kind(unit: OrgUnit, kind: str, units: dict[int, OrgUnit]) -> OrgUnit | None:
    """The unit itself or the nearest unit above it of ``kind`` (e.g. its directorate), if any."""
    current: OrgUnit | None = unit
    while current is not None:
        if current.kind == kind:
            return current
        current = units.get(current.parent_id) if current.parent_id else None
    return None
