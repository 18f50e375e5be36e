"""The measurements that are due: who should measure what (the reminders)."""

from __future__ import annotations

import operator
from dataclasses import dataclass
from datetime import date
from functools import reduce

from django.db.models import Max, Q, QuerySet
from django.db.models.functions import Coalesce

from helhet.accounts.models import User
from helhet.benefits import figures
from helhet.benefits.figures import MeasurementState
from helhet.benefits.models import (
    Benefit,
    Frequency,
    Indicator,
)
from helhet.organization.models import Municipality


@dataclass(frozen=True)
class DueIndicator:
    """An indicator whose measurement is due or overdue, with its benefit and initiative."""

    indicator: Indicator
    state: MeasurementState
    last_measured: date | None
    next_due: date


@dataclass(frozen=True)
class OwnerReminder:
    """One person to remind, and the indicators they should measure, earliest due first."""

    owner: User
    indicators: tuple[DueIndicator, ...]


def _indicators_maybe_due(today: date, municipality: Municipality | None) -> QuerySet[Indicator]:
    """The indicators on benefits still followed up whose newest measurement (or baseline) is
    older than their frequency's due cutoff, with their benefit, its initiative and people."""
    due_before = reduce(
        operator.or_,
        (
            Q(frequency=frequency, last_or_baseline__lt=figures.due_cutoff(frequency, today))
            for frequency in Frequency
        ),
    )
    indicators = (
        Indicator.objects.filter(benefit__status__in=figures.FOLLOWED_STATUSES)
        .annotate(last_measured=Max("measurements__measured_on"))
        .annotate(last_or_baseline=Coalesce("last_measured", "baseline_date"))
        .filter(due_before)
        .select_related("benefit__initiative", "benefit__responsible")
        .prefetch_related("benefit__owners")
        .order_by("pk")
    )
    if municipality is not None:
        indicators = indicators.filter(municipality=municipality)
    return indicators


def _due(indicator: Indicator, today: date) -> DueIndicator | None:
    """The indicator as due or overdue by ``figures.measurement_state``; None when it is not."""
    last_measured: date | None = indicator.last_measured  # type: ignore[attr-defined]
    state = figures.measurement_state(
        frequency=indicator.frequency,
        last_measured=last_measured,
        baseline_date=indicator.baseline_date,
        benefit_status=indicator.benefit.status,
        today=today,
    )
    if state not in (MeasurementState.DUE, MeasurementState.OVERDUE):
        return None
    return DueIndicator(
        indicator=indicator,
        state=state,
        last_measured=last_measured,
        next_due=figures.next_due(indicator.frequency, last_measured, indicator.baseline_date),
    )


def _people_to_remind(benefit: Benefit) -> list[User]:
    """The benefit's active owners, or its responsible line manager when it has no owner."""
    people = list(benefit.owners.all()) or (
        [benefit.responsible] if benefit.responsible is not None else []
    )
    return [person for person in people if person.is_active]


def _reminder(person: User, items: list[DueIndicator]) -> OwnerReminder:
    """The person's reminder, earliest due first."""
    return OwnerReminder(
        owner=person,
        indicators=tuple(
            sorted(
                items,
                key=lambda item: (
                    item.next_due,
                    item.indicator.benefit.initiative.name,
                    item.indicator.benefit.title,
                    item.indicator.name,
                ),
            )
        ),
    )


def owners_with_due_measurements(
    *, today: date, municipality: Municipality | None = None
) -> list[OwnerReminder]:
    """Everyone who should measure something: for each indicator due or overdue (by
    ``figures.measurement_state``) on a benefit still followed up (``figures.FOLLOWED_STATUSES``,
    whatever its project's status), the benefit's owners, or its responsible line manager when
    it has no owner. Active people only, those without an e-mail address included (the caller
    says they cannot be e-mailed). Two queries, however many indicators and people."""
    by_owner: dict[int, tuple[User, list[DueIndicator]]] = {}
    for indicator in _indicators_maybe_due(today, municipality):
        due = _due(indicator, today)
        if due is None:
            continue
        for person in _people_to_remind(indicator.benefit):
            by_owner.setdefault(person.pk, (person, []))[1].append(due)
    reminders = [_reminder(person, items) for person, items in by_owner.values()]
    reminders.sort(
        key=lambda reminder: (
            reminder.owner.last_name,
            reminder.owner.first_name,
            reminder.owner.username,
        )
    )
    return reminders
