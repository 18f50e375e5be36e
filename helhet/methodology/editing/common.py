"""What the editing services share: the draft rule, the checks of levels and deciders, and
keeping the rows of a version numbered 1, 2, 3, ..."""

from __future__ import annotations

from typing import Any, Literal, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Max
from django.utils.translation import gettext as _

from helhet.accounts.duties import refusal_to_choose
from helhet.accounts.models import User
from helhet.accounts.roles import Capability
from helhet.core.history import attribute_changes, save_with_history
from helhet.methodology.models import (
    ChecklistItem,
    Criterion,
    Decider,
    DocumentRequirement,
    Level,
    MethodVersion,
    Phase,
)
from helhet.organization.models import Municipality

Direction = Literal["up", "down"]
Ordered = TypeVar("Ordered", Level, Phase, Criterion)


def save_checked(obj: models.Model, actor: User | None) -> None:
    """Save after checking the model's rules; the history names ``actor``."""
    obj.full_clean()
    save_with_history(obj, actor=actor)


def levels_set(
    obj: ChecklistItem | DocumentRequirement, levels: list[Level], actor: User | None
) -> None:
    """Set the levels after the row is saved, so the history records them (``m2m_fields``)."""
    current = {level.pk for level in obj.levels.all()}
    if current != {level.pk for level in levels}:
        attribute_changes(obj, actor=actor)
        obj.levels.set(levels)


def require_draft(version: MethodVersion) -> None:
    """Refuse to change a published version."""
    if version.published_at is not None:
        raise ValidationError(
            _(
                "Version %(number)s is published and cannot be changed. Make a new draft of the "
                "method to change it."
            )
            % {"number": version.number}
        )


def check_levels(version: MethodVersion, levels: list[Level]) -> None:
    if any(level.version_id != version.pk for level in levels):
        raise ValidationError({"levels": _("Choose levels of this version.")})


def check_decider(municipality: Municipality, decider: str, person: User | None) -> None:
    if decider == Decider.PERSON and person is None:
        raise ValidationError({"decider_person": _("Name the person who decides.")})
    if person is not None and not person.memberships.filter(municipality=municipality).exists():
        raise ValidationError(
            {"decider_person": _("The person who decides must be a member of the municipality.")}
        )
    # Segregation of duties: only a role that decides at gates may be named (not a reader).
    refusal = refusal_to_choose(
        person, municipality_id=municipality.pk, capability=Capability.DECIDE_GATES
    )
    if refusal is not None:
        raise ValidationError({"decider_person": refusal})


def next_position(queryset: models.QuerySet[Any]) -> int:
    return int(queryset.aggregate(top=Max("position"))["top"] or 0) + 1


def close_gap(queryset: models.QuerySet[Ordered], actor: User | None) -> None:
    """Number the rows 1, 2, 3, ... in their order, after one was taken out."""
    for position, obj in enumerate(queryset.order_by("position"), start=1):
        if obj.position != position:
            obj.position = position
            save_checked(obj, actor)


def move(
    obj: Ordered, siblings: models.QuerySet[Ordered], direction: Direction, actor: User | None
) -> None:
    """Swap ``obj`` with its neighbour above or below; nothing happens at either end."""
    if direction == "up":
        neighbour = siblings.filter(position__lt=obj.position).order_by("-position").first()
    else:
        neighbour = siblings.filter(position__gt=obj.position).order_by("position").first()
    if neighbour is None:
        return
    mine, theirs = obj.position, neighbour.position
    # Positions are unique per version: park one row at 0 while the other takes its place.
    obj.position = 0
    save_checked(obj, actor)
    neighbour.position = mine
    save_checked(neighbour, actor)
    obj.position = theirs
    save_checked(obj, actor)
