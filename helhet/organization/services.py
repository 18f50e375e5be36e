"""Every change to the organisation goes through here: validated, atomic, recorded in history."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.core.history import delete_with_history, save_with_history
from helhet.organization.models import Municipality, OrgUnit


@transaction.atomic
def org_unit_create(
    *,
    actor: User | None,
    municipality: Municipality,
    name: str,
    kind: str,
    parent: OrgUnit | None = None,
    description: str = "",
    offers_help: bool = False,
) -> OrgUnit:
    """Create a unit in the tree. Raises ValidationError (nothing written) when the unit would
    break the tree: wrong level, another municipality's parent, a duplicate name."""
    unit = OrgUnit(
        municipality=municipality,
        name=name,
        kind=kind,
        parent=parent,
        description=description,
        offers_help=offers_help,
    )
    unit.full_clean()
    save_with_history(unit, actor=actor)
    return unit


@transaction.atomic
def org_unit_update(
    *,
    actor: User | None,
    unit: OrgUnit,
    name: str,
    kind: str,
    parent: OrgUnit | None,
    description: str = "",
    offers_help: bool = False,
) -> OrgUnit:
    """Change a unit. A unit cannot move below itself or one of its own descendants, and its
    children must still fit below it."""
    if parent is not None:
        ancestor: OrgUnit | None = parent
        while ancestor is not None:
            if ancestor.pk == unit.pk:
                raise ValidationError({"parent": _("A unit cannot be placed under itself.")})
            ancestor = ancestor.parent
    unit.name, unit.kind, unit.parent, unit.description = name, kind, parent, description
    unit.offers_help = offers_help
    unit.full_clean()
    for child in unit.children.all():
        child.parent = unit
        child.clean()
    save_with_history(unit, actor=actor)
    return unit


@transaction.atomic
def org_unit_delete(*, actor: User | None, unit: OrgUnit) -> None:
    """Delete a unit that has no units below it. People who worked there keep their membership
    without a unit."""
    if unit.children.exists():
        raise ValidationError(
            _("The unit has units below it. Move or delete them first."), code="has_children"
        )
    delete_with_history(unit, actor=actor)


@transaction.atomic
def municipality_update(
    *, actor: User | None, municipality: Municipality, name: str, org_number: str
) -> Municipality:
    """Change the municipality's name and organisation number (the slug stays, so addresses and
    API clients keep working)."""
    municipality.name, municipality.org_number = name, org_number
    municipality.full_clean()
    save_with_history(municipality, actor=actor)
    return municipality


@transaction.atomic
def municipality_create(
    *, actor: User | None, name: str, slug: str, org_number: str
) -> Municipality:
    """Create a municipality (a new tenant) with an empty organisation."""
    municipality = Municipality(name=name, slug=slug, org_number=org_number)
    municipality.full_clean()
    save_with_history(municipality, actor=actor)
    return municipality
