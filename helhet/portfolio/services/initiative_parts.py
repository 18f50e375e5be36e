"""What an initiative is set with besides its own fields: participating units, goals and
contacts (all in its municipality), tags (created as needed) and funding lines."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.core.history import delete_with_history, save_with_history
from helhet.organization.models import Municipality
from helhet.portfolio.models import FundingSource, Initiative, Tag

# The many-to-many relations an initiative form or import may set (tags are separate).
M2M_FIELDS = ("participating_units", "goals", "contacts")


@dataclass(frozen=True)
class FundingLine:
    source: str
    amount: Decimal
    note: str = ""


def check_same_municipality(municipality: Municipality, objects: Iterable[Any], field: str) -> None:
    """ValidationError on ``field`` if any of the objects belongs to another municipality."""
    for obj in objects:
        if getattr(obj, "municipality_id", municipality.pk) != municipality.pk:
            raise ValidationError(
                {field: _("Everything you choose must be in the same municipality.")}
            )


def tags_by_name(municipality: Municipality, names: Iterable[str]) -> list[Tag]:
    """The municipality's tags with these names, by name; the missing ones are created."""
    cleaned = sorted({name.strip() for name in names if name.strip()})
    existing = {
        tag.name: tag for tag in Tag.objects.filter(municipality=municipality, name__in=cleaned)
    }
    for name in cleaned:
        if name not in existing:
            if len(name) > 60:
                raise ValidationError({"tags": _("A tag can be at most 60 characters long.")})
            existing[name] = Tag.objects.create(municipality=municipality, name=name)
    return [existing[name] for name in cleaned]


def set_relations(
    initiative: Initiative, m2m: dict[str, Sequence[Any]], tags: Iterable[str] | None
) -> None:
    """Set the many-to-many relations given in ``m2m`` (others are left as they are), and the
    tags unless ``tags`` is None."""
    municipality = initiative.municipality
    for field in M2M_FIELDS:
        if field in m2m:
            values = list(m2m[field])
            if field != "contacts":
                check_same_municipality(municipality, values, field)
            getattr(initiative, field).set(values)
    if tags is not None:
        initiative.tags.set(tags_by_name(municipality, tags))


def set_funding(actor: User | None, initiative: Initiative, lines: Sequence[FundingLine]) -> None:
    """Make the initiative's funding lines ``lines``: a line already there (same source, amount
    and note) is kept, the others are deleted or created, each naming ``actor``, so the history
    shows only what changed."""
    wanted = list(lines)
    for source in initiative.funding_sources.all():
        line = FundingLine(source.source, source.amount, source.note)
        if line in wanted:
            wanted.remove(line)
        else:
            delete_with_history(source, actor=actor)
    for line in wanted:
        source = FundingSource(
            municipality=initiative.municipality,
            initiative=initiative,
            source=line.source,
            amount=line.amount,
            note=line.note,
        )
        source.full_clean(exclude=["initiative"])
        save_with_history(source, actor=actor)
