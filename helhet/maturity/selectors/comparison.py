"""The maturity at two assessment dates side by side: the counts then and now, and the municipal
services whose answers changed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from helhet.maturity.models import MaturityLevel, Service
from helhet.maturity.selectors.overview import Counts, MaturitySummary, maturity_summary
from helhet.maturity.selectors.service_maturity import LEVEL_KEYS
from helhet.organization.models import Municipality


@dataclass(frozen=True)
class CountChange:
    key: str  # a LEVEL_KEYS value, "full_digital_first_choice" or "services"
    level: MaturityLevel | None
    first: int
    second: int

    @property
    def change(self) -> int:
        return self.second - self.first


@dataclass(frozen=True)
class ServiceChange:
    """A service whose answer at some level differs between the two dates."""

    service: Service
    levels: list[tuple[MaturityLevel, str, str]]  # level, answer label then, answer label now


@dataclass
class MaturityComparison:
    """The two dates' summaries; the counts and the changed services of the services assessed
    at both dates (``counted``), and how many were assessed at only one (``left_out``)."""

    first: MaturitySummary
    second: MaturitySummary
    totals: list[CountChange]
    services: list[ServiceChange]
    counted: int = 0
    left_out: int = 0


def _changes(first: Counts, second: Counts) -> list[CountChange]:
    rows = [CountChange("services", None, first.services, second.services)]
    rows += [
        CountChange(key, level, first.at(level), second.at(level))
        for level, key in LEVEL_KEYS.items()
    ]
    rows.append(
        CountChange(
            "full_digital_first_choice",
            None,
            first.full_digital_first_choice,
            second.full_digital_first_choice,
        )
    )
    return rows


def maturity_comparison(
    municipality: Municipality, first: date, second: date
) -> MaturityComparison:
    """The maturity at two dates side by side: per level (and for the full digital first choice)
    how many services answered yes then and now, and the services whose answers changed. Only
    services assessed at both dates (an assessment on or before each) are counted, so a service
    added to the catalogue, or assessed for the first time, in between does not show as a
    change; how many were left out is said. Six queries."""
    before = maturity_summary(municipality, first)
    after = maturity_summary(municipality, second)
    assessed_then = {row.service.pk for row in before.services if row.assessed}
    assessed_now = {row.service.pk for row in after.services if row.assessed}
    both = assessed_then & assessed_now
    then = {row.service.pk: row for row in before.services if row.service.pk in both}
    first_counts, second_counts = Counts(), Counts()
    for row in then.values():
        first_counts.add(row)
    changed = []
    for row in after.services:
        old = then.get(row.service.pk)
        if old is None:
            continue
        second_counts.add(row)
        levels = [
            (now.level, was.answer_label, now.answer_label)
            for was, now in zip(old.answers, row.answers, strict=True)
            if was.answer != now.answer
        ]
        if levels:
            changed.append(ServiceChange(row.service, levels))
    return MaturityComparison(
        before,
        after,
        _changes(first_counts, second_counts),
        changed,
        counted=len(both),
        left_out=len(assessed_then ^ assessed_now),
    )
