"""Count, planned and realised value of a set of benefits, in total and line by line."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import (
    Count,
    Sum,
)

from helhet.benefits import figures
from helhet.benefits.models import (
    DEFAULT_HOURS_PER_FTE,
    BenefitKind,
    BenefitSettings,
)
from helhet.benefits.selectors.realised import ZERO
from helhet.organization.models import Municipality


def hours_per_fte(municipality: Municipality) -> Decimal:
    """The hours in one full-time equivalent (årsverk) in the municipality: its setting, or
    1,695 when it has none."""
    found = (
        BenefitSettings.objects.filter(municipality=municipality)
        .values_list("hours_per_fte", flat=True)
        .first()
    )
    return DEFAULT_HOURS_PER_FTE if found is None else found


@dataclass(frozen=True)
class Figures:
    """Count, planned and realised value a year of a set of benefits: kroner for the direct
    ones, hours for the indirect ones (also as full-time equivalents). Qualitative benefits are
    counted, valued at nothing."""

    count: int = 0
    planned_nok: Decimal = ZERO
    realised_nok: Decimal = ZERO
    planned_hours: Decimal = ZERO
    realised_hours: Decimal = ZERO
    hours_per_fte: Decimal = DEFAULT_HOURS_PER_FTE

    @property
    def planned_fte(self) -> Decimal:
        return figures.hours_to_fte(self.planned_hours, self.hours_per_fte)

    @property
    def realised_fte(self) -> Decimal:
        return figures.hours_to_fte(self.realised_hours, self.hours_per_fte)

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            self.count + other.count,
            self.planned_nok + other.planned_nok,
            self.realised_nok + other.realised_nok,
            self.planned_hours + other.planned_hours,
            self.realised_hours + other.realised_hours,
            self.hours_per_fte,
        )


def figure_aggregates() -> dict[str, Any]:
    """Count and sums per group. Every grouping includes the kind, so kroner and hours are told
    apart in Python (``_figures``) and the realised expression is evaluated once per row."""
    return {"n": Count("pk"), "planned_sum": Sum("planned_amount"), "realised_sum": Sum("realised")}


class Tally:
    """Figures being summed from the database's rows (``figure_aggregates``), added to in place:
    an overview sums some hundreds of grouped rows into its lines, and a new ``Figures`` per
    addition cost more than the sums themselves."""

    __slots__ = ("count", "planned_hours", "planned_nok", "realised_hours", "realised_nok")

    def __init__(self) -> None:
        self.count = 0
        self.planned_nok = self.realised_nok = self.planned_hours = self.realised_hours = ZERO

    def add(self, row: dict[str, Any]) -> None:
        """Count a row's benefits; its sums are kroner for direct benefits, hours for indirect
        ones, and nothing for qualitative ones."""
        self.count += row["n"]
        if row["kind"] == BenefitKind.DIRECT:
            self.planned_nok += row["planned_sum"] or ZERO
            self.realised_nok += row["realised_sum"] or ZERO
        elif row["kind"] == BenefitKind.INDIRECT:
            self.planned_hours += row["planned_sum"] or ZERO
            self.realised_hours += row["realised_sum"] or ZERO

    def figures(self, hours: Decimal) -> Figures:
        return Figures(
            self.count,
            self.planned_nok,
            self.realised_nok,
            self.planned_hours,
            self.realised_hours,
            hours,
        )


@dataclass(frozen=True)
class Line:
    """One line of a breakdown. ``key`` is the filter value that shows just these benefits
    (``param`` names the filter); empty when no filter does (benefits without a date)."""

    key: str
    label: str
    figures: Figures
    param: str = ""


def choice_lines(
    rows: list[dict[str, Any]],
    field: str,
    choices: type[models.TextChoices],
    hours: Decimal,
) -> list[Line]:
    """Every choice of ``field`` in its own order, with zeros where no benefit has it."""
    tallies = {choice.value: Tally() for choice in choices}
    for row in rows:
        if (tally := tallies.get(row[field])) is not None:  # a value no longer offered: in totals
            tally.add(row)
    return [
        Line(choice.value, str(choice.label), tallies[choice.value].figures(hours), field)
        for choice in choices
    ]
