"""The 'historikk' of a record: who changed what, when (django-simple-history).

Services save and delete domain records through ``save_with_history`` and ``delete_with_history``
so that every history row names the person who made the change; this module is the only place
that knows how simple-history is told who that is."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from helhet.core.text import check_text_lengths

# Where simple-history looks for the person behind the change it is about to record.
_HISTORY_USER = "_history_user"

CHANGE_TYPES = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}
PART_CHANGE_TYPES = {
    "+": _("%(part)s added"),
    "~": _("%(part)s changed"),
    "-": _("%(part)s removed"),
}

# The attribute a decimal field that is not an amount in NOK carries with its unit ("%", or ""
# for a plain number), for the history to show it so.
HISTORY_UNIT = "history_unit"

# Bookkeeping nobody changes by hand: the counter that guards against overwriting another's
# save, and the times a row was made and last saved (the history has its own times).
HIDDEN_FIELDS = frozenset({"version", "created_at", "updated_at"})


def attribute_changes(obj: models.Model, *, actor: AbstractBaseUser | None) -> None:
    """Let the next history rows written for ``obj`` (a save, a delete, or a change to one of
    its many-to-many relations) name ``actor``; None means the system."""
    setattr(obj, _HISTORY_USER, actor)


def save_with_history(
    obj: models.Model,
    *,
    actor: AbstractBaseUser | None,
    update_fields: list[str] | None = None,
) -> None:
    """Save ``obj``; its history row names ``actor``. A ValidationError, and nothing saved, if a
    text is longer than its field allows (the limits in ``core/text.py``), even when the service
    did not run ``full_clean``."""
    check_text_lengths(obj, update_fields)
    attribute_changes(obj, actor=actor)
    obj.save(update_fields=update_fields)


def delete_with_history(obj: models.Model, *, actor: AbstractBaseUser | None) -> None:
    """Delete ``obj``; the history row of the deletion names ``actor``."""
    attribute_changes(obj, actor=actor)
    obj.delete()


@dataclass
class FieldChange:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    what: str
    changes: list[FieldChange]


def _related_pks(field: models.Field[Any, Any], value: Any) -> set[Any]:
    """The primary keys a foreign-key or many-to-many value points to."""
    if isinstance(field, models.ManyToManyField):
        key = field.related_model._meta.model_name  # type: ignore[union-attr]
        return {row.get(key) for row in value or []} - {None}
    if isinstance(field, models.ForeignKey):
        return {value} - {None, ""}
    return set()


def _display(field: models.Field[Any, Any], value: Any, names: dict[Any, dict[Any, str]]) -> str:
    if isinstance(field, models.ManyToManyField):
        related = names.get(field.related_model, {})
        shown = sorted(related.get(pk, f"#{pk}") for pk in _related_pks(field, value))
        return ", ".join(shown) or "–"
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, datetime):
        moment = timezone.localtime(value) if timezone.is_aware(value) else value
        return formats.date_format(moment, "DATETIME_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "DATE_FORMAT")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.DecimalField):
        # A decimal in Helhet is an amount in NOK, unless its field names another unit (a
        # count has none, a target is in per cent: see ``HISTORY_UNIT``).
        places = 0 if Decimal(value) == Decimal(value).to_integral_value() else 2
        number = formats.number_format(Decimal(value), places, force_grouping=True)
        return f"{number} {getattr(field, HISTORY_UNIT, 'kr')}".rstrip()
    if isinstance(field, models.ForeignKey):
        name = names.get(field.related_model, {}).get(value)
        return name if name is not None else f"#{value}"
    return str(value)


def _names(related_pks: dict[Any, set[Any]]) -> dict[Any, dict[Any, str]]:
    return {
        related: {obj.pk: str(obj) for obj in related._default_manager.filter(pk__in=pks)}
        for related, pks in related_pks.items()
        if pks
    }


def describe_value(field: Any, value: Any) -> str:
    """A field's value as a person reads it (labels, names of related objects, Ja/Nei)."""
    if not isinstance(field, models.Field):
        return str(value)
    pks = _related_pks(field, value)
    return _display(field, value, _names({field.related_model: pks} if pks else {}))


@dataclass(frozen=True)
class HistoryPart:
    """Rows that belong to a record and are read in its history, such as an initiative's funding
    sources: their historical records, and the field that points to the record (not shown)."""

    records: models.QuerySet[Any]
    parent_field: str


# (record, its model, the fields shown as (field, old, new), what happened)
_Delta = tuple[Any, type[models.Model], list[tuple["models.Field[Any, Any]", Any, Any]], str]


def _shown(field: models.Field[Any, Any], hidden: frozenset[str]) -> bool:
    return not (field.primary_key or field.name in hidden or field.name in HIDDEN_FIELDS)


def _own_deltas(instance: models.Model, limit: int) -> list[_Delta]:
    """The record's own history rows, newest first, each with the fields that changed; a change
    that touched only hidden fields is left out."""
    records = list(
        instance.history.select_related("history_user").order_by("-history_date", "-history_id")[  # type: ignore[attr-defined]
            : limit + 1
        ]
    )
    model = type(instance)
    deltas: list[_Delta] = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        fields = []
        if previous is not None and record.history_type == "~":
            for change in record.diff_against(previous, excluded_fields=HIDDEN_FIELDS).changes:
                field = model._meta.get_field(change.field)
                assert isinstance(field, models.Field)
                fields.append((field, change.old, change.new))
            if not fields:
                continue
        what = str(CHANGE_TYPES.get(record.history_type, record.history_type))
        deltas.append((record, model, fields, what))
    return deltas


def _part_deltas(part: HistoryPart, limit: int) -> list[_Delta]:
    """A part's history rows, newest first: what it was created or deleted with, or what
    changed since its previous row."""
    records = list(
        part.records.select_related("history_user").order_by("history_date", "history_id")
    )[-limit:]
    model = part.records.model.instance_type
    hidden = frozenset({part.parent_field, "municipality"})
    # Derived fields the history leaves out (``excluded_fields``) are not on the records.
    shown = [
        field
        for field in model._meta.concrete_fields
        if _shown(field, hidden) and hasattr(part.records.model, field.attname)
    ]
    name = capfirst(str(model._meta.verbose_name))
    previous_of: dict[Any, Any] = {}
    deltas: list[_Delta] = []
    for record in records:
        key = getattr(record, model._meta.pk.attname)
        previous = previous_of.get(key)
        previous_of[key] = record
        fields = []
        for field in shown:
            value = getattr(record, field.attname)
            if record.history_type == "-":
                old, new = value, None
            elif record.history_type == "~" and previous is not None:
                old, new = getattr(previous, field.attname), value
            else:
                old, new = None, value
            if old != new:
                fields.append((field, old, new))
        if record.history_type == "~" and not fields:
            continue
        what = str(PART_CHANGE_TYPES.get(record.history_type, CHANGE_TYPES["~"])) % {"part": name}
        deltas.append((record, model, fields, capfirst(what)))
    return deltas[::-1]


def history_entries(
    instance: models.Model, limit: int = 200, *, parts: Sequence[HistoryPart] = ()
) -> list[HistoryEntry]:
    """The record's changes, and those of its ``parts``, newest first, each with the fields
    that changed (old -> new). Bookkeeping fields (``HIDDEN_FIELDS``) are not shown."""
    deltas = _own_deltas(instance, limit)
    for part in parts:
        deltas.extend(_part_deltas(part, limit))
    deltas.sort(key=lambda delta: (delta[0].history_date, delta[0].history_id), reverse=True)
    deltas = deltas[:limit]
    # First the changed fields of every record, then the names of the related objects they point
    # to, one query per related model: a long history costs no more queries than a short one.
    related_pks: dict[Any, set[Any]] = defaultdict(set)
    for _record, _model, fields, _what in deltas:
        for field, old, new in fields:
            related = _related_pks(field, old) | _related_pks(field, new)
            if related:
                related_pks[field.related_model].update(related)
    names = _names(related_pks)
    entries = []
    for record, _model, fields, what in deltas:
        changes = [
            FieldChange(
                field=capfirst(str(field.verbose_name)),
                old=_display(field, old, names),
                new=_display(field, new, names),
            )
            for field, old, new in fields
        ]
        who = str(record.history_user) if record.history_user else str(_("System"))
        entries.append(HistoryEntry(when=record.history_date, who=who, what=what, changes=changes))
    return entries
