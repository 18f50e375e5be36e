"""The overview's lists: the first rows and how many there are in all."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db.models import (
    QuerySet,
)

# How many rows each of the overview's lists shows; the count is always complete.
LIST_LIMIT = 50
# What a listed benefit shows (its initiative's name and responsible line manager included).
LISTED_BENEFIT_FIELDS = (
    "title",
    "kind",
    "status",
    "due_date",
    "initiative_id",
    "initiative__name",
    "responsible__username",
    "responsible__first_name",
    "responsible__last_name",
)


T = TypeVar("T")


@dataclass(frozen=True)
class Listing(Generic[T]):
    """The first LIST_LIMIT rows of a list, and how many there are in all."""

    total: int
    rows: list[T]

    @property
    def more(self) -> int:
        return self.total - len(self.rows)


def first_of(queryset: QuerySet[Any]) -> list[Any]:
    """The first LIST_LIMIT rows of ``queryset``."""
    return list(queryset[:LIST_LIMIT])


def first_rows(queryset: QuerySet[Any]) -> Listing[Any]:
    """The first rows and the full count, in two queries: the count reads only the indexes it
    needs, and the rows stop at the limit when the order follows an index."""
    return Listing(queryset.count(), first_of(queryset))
