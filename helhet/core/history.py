"""The 'historikk' of a record: who changed what, when, read from django-simple-history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

CHANGE_TYPES = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}


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


def _display(record: Any, field: models.Field[Any, Any], value: Any) -> str:
    if value is None or value == "":
        return "–"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ForeignKey):
        related = field.related_model._default_manager.filter(pk=value).first()  # type: ignore[union-attr]
        return str(related) if related is not None else f"#{value}"
    return str(value)


def history_entries(instance: models.Model, limit: int = 200) -> list[HistoryEntry]:
    """The record's changes, newest first, each with the fields that changed (old -> new)."""
    records = list(
        instance.history.select_related("history_user").order_by("-history_date", "-history_id")[  # type: ignore[attr-defined]
            : limit + 1
        ]
    )
    model = type(instance)
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            for change in delta.changes:
                field = model._meta.get_field(change.field)
                assert isinstance(field, models.Field)
                changes.append(
                    FieldChange(
                        field=str(field.verbose_name).capitalize(),
                        old=_display(record, field, change.old),
                        new=_display(record, field, change.new),
                    )
                )
        who = str(record.history_user) if record.history_user else str(_("System"))
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=who,
                what=str(CHANGE_TYPES.get(record.history_type, record.history_type)),
                changes=changes,
            )
        )
    return entries
