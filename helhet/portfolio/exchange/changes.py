"""What a row changes in an existing initiative: the values saved now compared with the row's,
each change written as the file writes its values, so the preview shows "Behov: old → new"."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from helhet.portfolio.exchange.columns import (
    CHOICES,
    COLUMN_BY_KEY,
    COLUMNS,
    LIST_SEPARATOR,
    NO,
    YES,
    Column,
)
from helhet.portfolio.exchange.values import Lookup
from helhet.portfolio.models import Initiative
from helhet.portfolio.services import INITIATIVE_FIELDS

# The columns that are the initiative's own fields, and its relations.
PLAIN_KEYS = tuple(column.key for column in COLUMNS if column.key in INITIATIVE_FIELDS)
RELATION_KEYS = ("participating_units", "goals")


@dataclass(frozen=True)
class Change:
    """A value a row changes: the column, the value saved now and the file's, as the file
    writes them."""

    column: str
    old: str
    new: str


@dataclass
class RowChanges:
    """What a row changes, as initiative_update takes it (only what changes), and as shown."""

    shown: list[Change] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=dict)
    m2m: dict[str, Any] = field(default_factory=dict)
    tags: list[str] | None = None


def current_values(initiative: Initiative) -> dict[str, Any]:
    """The initiative's own fields as a row's cleaned values hold them (no queries: the lookup
    read the related units and people with it)."""
    return {key: getattr(initiative, key) for key in PLAIN_KEYS}


def current_value(initiative: Initiative, key: str) -> Any:
    """The value of a column's field as the row's cleaned values hold it (relations as lists)."""
    if key in RELATION_KEYS:
        return list(getattr(initiative, key).all())  # prefetched by the lookup
    if key == "tags":
        return [tag.name for tag in initiative.tags.all()]
    return getattr(initiative, key)


def _same(column: Column, old: Any, new: Any) -> bool:
    if column.kind == "text":
        return (old or "").strip() == (new or "")
    if column.kind in ("units", "goals"):
        return {item.pk for item in old} == {item.pk for item in new}
    if column.kind == "tags":
        return {name.strip() for name in old} == set(new)
    return bool(old == new)


def row_changes(initiative: Initiative, cleaned: dict[str, Any], lookup: Lookup) -> RowChanges:
    """What the row's cleaned values change in ``initiative``. Columns the file does not have
    are left as they are; an empty cell empties the value."""
    found = RowChanges()
    for key, new in cleaned.items():
        if key in ("id", "version"):
            continue
        column = COLUMN_BY_KEY[key]
        old = current_value(initiative, key)
        if _same(column, old, new):
            continue
        found.shown.append(
            Change(
                column.header, shown_value(column, old, lookup), shown_value(column, new, lookup)
            )
        )
        if key in RELATION_KEYS:
            found.m2m[key] = new
        elif key == "tags":
            found.tags = list(new)
        else:
            found.fields[key] = new
    return found


def shown_value(column: Column, value: Any, lookup: Lookup) -> str:
    """A value as the export writes it (a date as 31.03.2024, an amount as 1 234 567,50)."""
    if value is None or value == "" or value == []:
        return ""
    if column.kind == "choice":
        return CHOICES[column.key].get(value, str(value))
    if column.kind == "bool":
        return YES if value else NO
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, Decimal):
        return f"{value:,.2f}".replace(",", "\xa0").replace(".", ",")
    if column.kind == "unit":
        return str(value.name)
    if column.kind == "user":
        return lookup.person_text(value)
    if column.kind in ("units", "goals"):
        return f"{LIST_SEPARATOR} ".join(sorted(item.name for item in value))
    if column.kind == "tags":
        return f"{LIST_SEPARATOR} ".join(sorted(value))
    return str(value)
