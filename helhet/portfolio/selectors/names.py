"""The initiative names a cell of the cross-department view or a person's row lists."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# How many initiative names a cell of the cross-department view or a person's row lists; the
# count is always complete, and the overview (filtered by unit) lists the rest.
NAMES_SHOWN = 10


@dataclass
class InitiativeRef:
    pk: int
    name: str


def first_names(refs: Iterable[InitiativeRef]) -> list[InitiativeRef]:
    """The first NAMES_SHOWN distinct initiatives by name."""
    unique = {ref.pk: ref for ref in refs}
    return sorted(unique.values(), key=lambda ref: (ref.name.lower(), ref.pk))[:NAMES_SHOWN]
