"""The maturity overview: per service area and in total, how many municipal services answer yes at
each level, how many offer the full digital first choice and where the others stop, at a date."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from helhet.maturity.models import Answer, Assessment, MaturityLevel, ServiceArea
from helhet.maturity.selectors.service_maturity import (
    LEVEL_KEYS,
    LEVELS,
    ServiceMaturity,
    service_maturities,
)
from helhet.organization.models import Municipality


@dataclass
class Counts:
    """How many services there are, how many answer yes at each level, how many offer the full
    digital first choice, and where the others stop."""

    services: int = 0
    electronic_application: int = 0
    electronic_transfer: int = 0
    electronic_answer: int = 0
    full_digital_first_choice: int = 0
    not_assessed: int = 0
    stops_at: dict[int, int] = field(default_factory=lambda: dict.fromkeys(LEVELS, 0))

    def add(self, row: ServiceMaturity) -> None:
        self.services += 1
        if not row.assessed:
            self.not_assessed += 1
            return
        for level, key in LEVEL_KEYS.items():
            if row.reaches(level):
                setattr(self, key, getattr(self, key) + 1)
        if row.is_full_digital_first_choice:
            self.full_digital_first_choice += 1
        stop = row.stops_at
        if stop is not None:
            self.stops_at[stop] += 1

    def at(self, level: int) -> int:
        return int(getattr(self, LEVEL_KEYS[MaturityLevel(level)]))

    @property
    def levels(self) -> list[tuple[MaturityLevel, int]]:
        return [(level, self.at(level)) for level in LEVELS]

    @property
    def stops(self) -> list[tuple[MaturityLevel, int]]:
        return [(level, self.stops_at[level]) for level in LEVELS]

    def as_dict(self) -> dict[str, int]:
        return {
            "services": self.services,
            **{key: self.at(level) for level, key in LEVEL_KEYS.items()},
            "full_digital_first_choice": self.full_digital_first_choice,
        }


@dataclass
class AreaSummary:
    area: ServiceArea
    counts: Counts = field(default_factory=Counts)
    services: list[ServiceMaturity] = field(default_factory=list)

    @property
    def full_digital_first_choice(self) -> list[ServiceMaturity]:
        return [row for row in self.services if row.is_full_digital_first_choice]


@dataclass
class MaturitySummary:
    on: date
    areas: list[AreaSummary]
    total: Counts

    @property
    def services(self) -> list[ServiceMaturity]:
        return [row for area in self.areas for row in area.services]

    @property
    def full_digital_first_choice(self) -> list[ServiceMaturity]:
        return [row for row in self.services if row.is_full_digital_first_choice]

    @property
    def has_unclassified(self) -> bool:
        """Some service's answer was imported as text nobody has classified yet."""
        return any(
            answer.answer == Answer.UNCLASSIFIED for row in self.services for answer in row.answers
        )

    @property
    def latest_assessed_on(self) -> date | None:
        dates = [row.assessment.assessed_on for row in self.services if row.assessment]
        return max(dates) if dates else None


def maturity_summary(municipality: Municipality, on: date) -> MaturitySummary:
    """Per service area (every area, in the catalogue's order, empty ones too) and in total: the
    number of services, how many answer yes at each level, how many offer the full digital first
    choice, and where each service stops, as at ``on``. A service never assessed by then counts
    as a service that reaches no level ("not assessed"). Three queries."""
    areas = {
        area.pk: AreaSummary(area)
        for area in ServiceArea.objects.filter(municipality=municipality).order_by(
            "position", "name"
        )
    }
    total = Counts()
    for row in service_maturities(municipality, on):
        summary = areas[row.service.area_id]
        summary.services.append(row)
        summary.counts.add(row)
        total.add(row)
    return MaturitySummary(on=on, areas=list(areas.values()), total=total)


def assessment_dates(municipality: Municipality) -> list[date]:
    """The dates the municipality's services were assessed on, newest first."""
    return list(
        Assessment.objects.filter(municipality=municipality)
        .order_by("-assessed_on")
        .values_list("assessed_on", flat=True)
        .distinct()
    )
