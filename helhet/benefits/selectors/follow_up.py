"""Follow-up in the line: where an indicator stands, a benefit's follow-up, and the benefits
a member owns or answers for (Mine gevinster)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Q,
)
from django.utils.translation import gettext as _

from helhet.accounts.models import Membership
from helhet.benefits import figures
from helhet.benefits.figures import MeasurementState, Trend
from helhet.benefits.models import (
    Benefit,
    Indicator,
    Measurement,
    format_number,
)
from helhet.benefits.selectors.plan import with_measurements

TREND_SYMBOLS = {Trend.IMPROVING: "↗", Trend.WORSENING: "↘", Trend.UNCHANGED: "→"}
# The order the follow-up pages show benefits in: what needs doing first.
STATE_ORDER = (
    MeasurementState.OVERDUE,
    MeasurementState.DUE,
    MeasurementState.NOT_DUE,
    MeasurementState.ENDED,
)


def percent_text(fraction: Decimal) -> str:
    """A fraction as a whole percentage the way it is written in Norwegian: "51 %"."""
    whole = (fraction * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return f"{format_number(whole if whole else Decimal(0))}\u00a0%"


@dataclass(frozen=True)
class IndicatorFigures:
    """Where an indicator stands today: its measurements (oldest first), the latest that counts
    and the one before (a project leader's awaiting confirmation does not count); achievement
    as a fraction (1 = the target reached; ``None`` when the target equals the baseline or
    nothing is measured yet) and as text, the trend, whether a measurement is due, and when the
    next one falls due (``None`` once the benefit is no longer followed up)."""

    indicator: Indicator
    measurements: tuple[Measurement, ...]
    latest: Measurement | None
    previous: Measurement | None
    achievement: Decimal | None
    achievement_percent_text: str
    trend: Trend | None
    state: MeasurementState
    next_due: date | None

    @property
    def trend_symbol(self) -> str:
        return TREND_SYMBOLS[self.trend] if self.trend is not None else ""


def indicator_figures(indicator: Indicator, *, today: date) -> IndicatorFigures:
    """The indicator's figures by the shared rules of ``helhet.benefits.figures``, from
    ``indicator.measurements.all()`` and ``indicator.benefit``: no query when they are
    prefetched (``benefits_plan``, ``my_benefits``)."""
    measurements = tuple(
        sorted(indicator.measurements.all(), key=lambda found: (found.measured_on, found.pk))
    )
    # The project leader's measurements awaiting confirmation are shown, not counted.
    counted = [found for found in measurements if found.counts]
    latest = counted[-1] if counted else None
    previous = counted[-2] if len(counted) > 1 else None
    newest = measurements[-1] if measurements else None
    baseline, target = indicator.baseline_value, indicator.target_value
    achieved = None if latest is None else figures.achievement(baseline, target, latest.value)
    if indicator.target_equals_baseline:
        text = str(_("Target equals baseline: achievement cannot be computed"))
    else:
        text = "" if achieved is None else percent_text(achieved)
    state = figures.measurement_state(
        frequency=indicator.frequency,
        last_measured=newest.measured_on if newest else None,
        baseline_date=indicator.baseline_date,
        benefit_status=indicator.benefit.status,
        today=today,
    )
    trend = None
    if latest is not None:
        before = previous.value if previous is not None else None
        trend = figures.trend(baseline, target, before, latest.value)
    next_due = None
    if state != MeasurementState.ENDED:
        last = newest.measured_on if newest is not None else None
        next_due = figures.next_due(indicator.frequency, last, indicator.baseline_date)
    return IndicatorFigures(
        indicator=indicator,
        measurements=measurements,
        latest=latest,
        previous=previous,
        achievement=achieved,
        achievement_percent_text=text,
        trend=trend,
        state=state,
        next_due=next_due,
    )


@dataclass(frozen=True)
class BenefitFollowUp:
    """A benefit as its owner follows it up: its indicators' figures, the most pressing state
    among them, and the earliest date a measurement falls due."""

    benefit: Benefit
    indicators: tuple[IndicatorFigures, ...]
    state: MeasurementState
    next_due: date | None


def benefit_follow_up(benefit: Benefit, *, today: date) -> BenefitFollowUp:
    """The benefit's follow-up from its prefetched indicators and measurements. A benefit with
    no indicator cannot fall due: it is "not due" (and the page says it has no indicator)."""
    indicators = tuple(
        indicator_figures(indicator, today=today) for indicator in benefit.indicators.all()
    )
    if benefit.status not in figures.FOLLOWED_STATUSES:
        state = MeasurementState.ENDED
    else:
        states = {found.state for found in indicators}
        state = next(
            (candidate for candidate in STATE_ORDER if candidate in states),
            MeasurementState.NOT_DUE,
        )
    dues = [found.next_due for found in indicators if found.next_due is not None]
    return BenefitFollowUp(benefit, indicators, state, min(dues) if dues else None)


@dataclass(frozen=True)
class MyBenefits:
    """A member's benefits grouped by what needs doing: measurements overdue, due soon, not due,
    and the benefits whose follow-up has ended (realised or abandoned)."""

    overdue: tuple[BenefitFollowUp, ...]
    due: tuple[BenefitFollowUp, ...]
    not_due: tuple[BenefitFollowUp, ...]
    ended: tuple[BenefitFollowUp, ...]
    # The project leaders' measurements of these benefits that wait for this member to confirm
    # them (not those they recorded themselves).
    to_confirm: int = 0

    @property
    def count(self) -> int:
        return len(self.overdue) + len(self.due) + len(self.not_due) + len(self.ended)

    def groups(self) -> list[tuple[MeasurementState, tuple[BenefitFollowUp, ...]]]:
        return [
            (MeasurementState.OVERDUE, self.overdue),
            (MeasurementState.DUE, self.due),
            (MeasurementState.NOT_DUE, self.not_due),
            (MeasurementState.ENDED, self.ended),
        ]


def _followed_by_person(user_id: int) -> Q:
    owned = Benefit.owners.through.objects.filter(user_id=user_id).values("benefit_id")
    return Q(responsible_id=user_id) | Q(pk__in=owned)


def my_benefits(membership: Membership, *, today: date) -> MyBenefits:
    """The benefits in the member's municipality that the member owns (gevinsteier) or answers
    for (gevinstansvarlig), with initiative, owners, indicators and measurements, in a fixed
    number of queries. Whatever the initiative's status: a closed project's benefits stay until
    they are realised or abandoned, and then show among the ended ones. Within a group the
    earliest due comes first. Counts the project leaders' measurements waiting for the member
    to confirm them."""
    benefits = (
        with_measurements(
            Benefit.objects.filter(municipality_id=membership.municipality_id).filter(
                _followed_by_person(membership.user_id)
            )
        )
        .select_related("initiative")
        .order_by("due_date", "title", "pk")
    )
    grouped: dict[MeasurementState, list[BenefitFollowUp]] = {state: [] for state in STATE_ORDER}
    for benefit in benefits:
        follow_up = benefit_follow_up(benefit, today=today)
        grouped[follow_up.state].append(follow_up)
    for rows in grouped.values():
        rows.sort(key=lambda row: (row.next_due or date.max, row.benefit.title, row.benefit.pk))
    to_confirm = sum(
        1
        for rows in grouped.values()
        for row in rows
        for figures in row.indicators
        for measurement in figures.measurements
        if measurement.awaits_confirmation and measurement.recorded_by_id != membership.user_id
    )
    return MyBenefits(
        to_confirm=to_confirm,
        overdue=tuple(grouped[MeasurementState.OVERDUE]),
        due=tuple(grouped[MeasurementState.DUE]),
        not_due=tuple(grouped[MeasurementState.NOT_DUE]),
        ended=tuple(grouped[MeasurementState.ENDED]),
    )
