"""Registering many initiatives at once (the spreadsheet import), all or nothing."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.core.history import attribute_changes
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.models import Initiative
from helhet.portfolio.services.initiative_parts import (
    M2M_FIELDS,
    check_same_municipality,
    tags_by_name,
)
from helhet.portfolio.services.initiatives import INITIATIVE_FIELDS


@dataclass(frozen=True)
class NewInitiative:
    """One initiative for initiative_bulk_create: what initiative_create takes, as data."""

    name: str
    kind: str
    owning_unit: OrgUnit
    fields: dict[str, Any] = dataclasses.field(default_factory=dict)
    m2m: dict[str, Sequence[Any]] = dataclasses.field(default_factory=dict)
    tags: Sequence[str] = ()


class BulkCreateError(ValidationError):
    """Initiative number ``index`` (from 0) of a bulk registration was refused; nothing was
    written."""

    def __init__(self, index: int, error: ValidationError) -> None:
        super().__init__(error.error_dict if hasattr(error, "error_dict") else error.error_list)
        self.index = index


# Checked by the model's clean() (same municipality) instead of one query per object.
_RELATED_FIELDS = ["municipality", "owning_unit", "programme", "project_owner", "project_leader"]


@transaction.atomic
def initiative_bulk_create(
    *,
    actor: User | None,
    municipality: Municipality,
    initiatives: Sequence[NewInitiative],
    batch_size: int = 500,
) -> list[Initiative]:
    """Register many initiatives at once (the spreadsheet import). Each gets the checks
    initiative_create makes (its fields, the model's rules, a name unique in the municipality and
    in the batch, everything chosen in the same municipality) and one history record naming
    ``actor``, with its relations. Writes in a fixed number of queries per batch instead of dozens
    per initiative. All or nothing: BulkCreateError says which initiative was refused."""
    objects = _checked_initiatives(actor, municipality, initiatives)
    Initiative.objects.bulk_create(objects, batch_size=batch_size)
    history = Initiative.history.bulk_history_create(
        objects, batch_size=batch_size, default_user=actor
    )
    tags = {
        tag.name: tag
        for tag in tags_by_name(municipality, (t for n in initiatives for t in n.tags))
    }
    for name in (*M2M_FIELDS, "tags"):
        chosen = [
            [tags[tag.strip()] for tag in new.tags if tag.strip()]
            if name == "tags"
            else new.m2m.get(name, ())
            for new in initiatives
        ]
        _bulk_relate(name, objects, history, chosen, batch_size)
    return objects


def _checked_initiatives(
    actor: User | None, municipality: Municipality, initiatives: Sequence[NewInitiative]
) -> list[Initiative]:
    """The initiatives, not saved yet, each checked as initiative_create checks it; TypeError
    for a field no initiative has, BulkCreateError for the first one refused."""
    taken = {
        name.casefold()
        for name in Initiative.objects.filter(municipality=municipality).values_list(
            "name", flat=True
        )
    }
    objects: list[Initiative] = []
    for index, new in enumerate(initiatives):
        unknown = (set(new.fields) - set(INITIATIVE_FIELDS)) | (set(new.m2m) - set(M2M_FIELDS))
        if unknown:
            raise TypeError(f"Unknown initiative fields: {sorted(unknown)}")
        initiative = Initiative(
            municipality=municipality,
            name=new.name.strip(),
            kind=new.kind,
            owning_unit=new.owning_unit,
            **new.fields,
        )
        try:
            _check_new(initiative, new, municipality, taken)
        except ValidationError as error:
            raise BulkCreateError(index, error) from error
        taken.add(initiative.name.casefold())
        attribute_changes(initiative, actor=actor)
        objects.append(initiative)
    return objects


def _check_new(
    initiative: Initiative, new: NewInitiative, municipality: Municipality, taken: set[str]
) -> None:
    """ValidationError if the initiative breaks a rule, its name is ``taken`` (casefolded), it
    chooses anything in another municipality, or a tag is too long."""
    # The check constraints repeat clean()'s rules; the database enforces them too.
    initiative.full_clean(
        exclude=_RELATED_FIELDS, validate_unique=False, validate_constraints=False
    )
    if initiative.name.casefold() in taken:
        raise ValidationError({"name": _("There is already an initiative with this name.")})
    for name, values in new.m2m.items():
        if name != "contacts":
            check_same_municipality(municipality, values, name)
    if any(len(tag.strip()) > 60 for tag in new.tags):
        raise ValidationError({"tags": _("A tag can be at most 60 characters long.")})


def _bulk_relate(
    name: str,
    objects: list[Initiative],
    history: Sequence[Any],
    chosen: list[Sequence[Any]],
    batch_size: int,
) -> None:
    """Write the many-to-many relation ``name`` of each initiative (``chosen`` for each, in the
    same order as ``objects`` and their ``history`` records), and its history as simple_history
    keeps it when a relation is set one by one."""
    relation = getattr(Initiative, name)  # the many-to-many descriptor
    through = relation.through
    source, target = relation.field.m2m_field_name(), relation.field.m2m_reverse_field_name()
    rows = []
    records = []
    for initiative, record, values in zip(objects, history, chosen, strict=True):
        for pk in dict.fromkeys(value.pk for value in values):
            rows.append(through(**{f"{source}_id": initiative.pk, f"{target}_id": pk}))
            records.append(record)
    if not rows:
        return
    through.objects.bulk_create(rows, batch_size=batch_size)
    m2m_history = getattr(Initiative.history.model, name).model
    m2m_history.objects.bulk_create(
        [
            m2m_history(
                id=row.pk,
                history_id=record.pk,
                **{
                    f"{source}_id": getattr(row, f"{source}_id"),
                    f"{target}_id": getattr(row, f"{target}_id"),
                },
            )
            for row, record in zip(rows, records, strict=True)
        ],
        batch_size=batch_size,
    )
