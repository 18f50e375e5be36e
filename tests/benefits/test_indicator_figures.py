"""indicator_figures: achievement, trend and whether a measurement is due, by the shared rules,
on the medicine dispenser case (visits a day from 69 towards 31.5), and what the pages show."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.utils.html import escape
from django.utils.translation import gettext as _

from helhet.benefits.figures import MeasurementState, Trend
from helhet.benefits.models import Benefit, BenefitStatus, Indicator
from helhet.benefits.selectors.follow_up import indicator_figures
from helhet.benefits.selectors.plan import benefits_plan
from helhet.organization.models import Municipality
from tests.benefits.follow_up import indicator_on, owned_benefit, record
from tests.benefits.helpers import dispensers, indicator

pytestmark = pytest.mark.django_db

MARCH = date(2026, 3, 1)
JUNE = date(2026, 6, 1)
SEPTEMBER = date(2026, 9, 1)


def _fresh(found: Indicator) -> Indicator:
    return Indicator.objects.select_related("benefit").get(pk=found.pk)


def test_achievement_of_50_visits_is_just_over_half_way(stavanger: Municipality) -> None:
    found = indicator(stavanger)
    record(found, MARCH, "50")

    figures = indicator_figures(_fresh(found), today=JUNE)

    assert figures.achievement is not None
    assert figures.achievement.quantize(Decimal("0.0001")) == Decimal("0.5067")
    assert figures.achievement_percent_text == "51\u00a0%"


def test_without_a_measurement_there_is_no_achievement_yet(stavanger: Municipality) -> None:
    figures = indicator_figures(_fresh(indicator(stavanger)), today=JUNE)

    assert (figures.latest, figures.achievement, figures.trend) == (None, None, None)
    assert figures.achievement_percent_text == ""


def test_a_target_equal_to_the_baseline_gives_no_achievement_and_says_why(
    stavanger: Municipality,
) -> None:
    found = indicator(stavanger, target_value=Decimal(69))
    record(found, MARCH, "50")

    figures = indicator_figures(_fresh(found), today=JUNE)

    assert figures.achievement is None
    assert figures.trend is None
    assert figures.achievement_percent_text == _(
        "Target equals baseline: achievement cannot be computed"
    )


def test_the_page_says_achievement_cannot_be_computed_when_target_equals_baseline(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    record(indicator(stavanger, target_value=Decimal(69)), MARCH, "50")

    page = login("gevinsteier").get("/gevinster/mine/").content.decode()

    assert escape(_("Target equals baseline: achievement cannot be computed")) in page


def test_fewer_visits_than_last_time_is_improving(stavanger: Municipality) -> None:
    found = indicator(stavanger)
    record(found, MARCH, "60")
    record(found, JUNE, "50")

    figures = indicator_figures(_fresh(found), today=JUNE)

    assert figures.trend == Trend.IMPROVING
    assert figures.previous is not None and figures.previous.value == Decimal(60)


def test_more_visits_than_last_time_is_worsening(stavanger: Municipality) -> None:
    found = indicator(stavanger)
    record(found, MARCH, "50")
    record(found, JUNE, "55")

    assert indicator_figures(_fresh(found), today=JUNE).trend == Trend.WORSENING


def test_the_first_measurement_is_compared_with_the_baseline(stavanger: Municipality) -> None:
    found = indicator(stavanger)
    record(found, MARCH, "72")

    assert indicator_figures(_fresh(found), today=JUNE).trend == Trend.WORSENING


def test_the_trend_shows_as_words_and_a_symbol_not_colour_alone(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    found = indicator(stavanger)
    record(found, MARCH, "60")
    record(found, JUNE, "50")

    page = login("leser").get(f"/gevinster/tiltak/{dispensers(stavanger).pk}/").content.decode()

    assert f'<span aria-hidden="true">↗&nbsp;</span>{_("Improving")}' in page


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (date(2026, 3, 10), MeasurementState.NOT_DUE),
        (date(2026, 3, 20), MeasurementState.DUE),
        (date(2026, 4, 2), MeasurementState.OVERDUE),
    ],
)
def test_a_quarterly_indicator_falls_due_three_months_after_its_baseline(
    stavanger: Municipality, today: date, state: MeasurementState
) -> None:
    figures = indicator_figures(_fresh(indicator(stavanger)), today=today)

    assert figures.state == state
    assert figures.next_due == date(2026, 4, 1)


@pytest.mark.parametrize(
    ("frequency", "next_due"),
    [
        ("monthly", date(2026, 4, 1)),
        ("quarterly", date(2026, 6, 1)),
        ("half_yearly", date(2026, 9, 1)),
        ("yearly", date(2027, 3, 1)),
    ],
)
def test_the_next_measurement_falls_due_one_interval_after_the_latest(
    stavanger: Municipality, frequency: str, next_due: date
) -> None:
    found = indicator_on(owned_benefit(stavanger, "Tryggere brukere"), frequency=frequency)
    record(found, MARCH, "65")

    assert indicator_figures(_fresh(found), today=MARCH).next_due == next_due


def test_a_monthly_indicator_not_measured_for_two_months_is_overdue(
    stavanger: Municipality,
) -> None:
    found = indicator_on(owned_benefit(stavanger, "Tryggere brukere"), frequency="monthly")
    record(found, MARCH, "65")

    assert indicator_figures(_fresh(found), today=date(2026, 5, 2)).state == (
        MeasurementState.OVERDUE
    )


def test_a_realised_benefit_is_no_longer_due(stavanger: Municipality) -> None:
    found = indicator(stavanger)
    Benefit.objects.filter(pk=found.benefit_id).update(status=BenefitStatus.REALISED)

    figures = indicator_figures(_fresh(found), today=SEPTEMBER)

    assert figures.state == MeasurementState.ENDED
    assert figures.next_due is None


def test_figures_of_a_prefetched_plan_take_no_query(
    stavanger: Municipality, django_assert_num_queries: Callable[..., object]
) -> None:
    found = indicator(stavanger)
    record(found, MARCH, "60")
    record(found, JUNE, "50")
    benefits = list(benefits_plan(dispensers(stavanger)))

    with django_assert_num_queries(0):  # type: ignore[attr-defined]
        figures = [
            indicator_figures(each, today=SEPTEMBER)
            for benefit in benefits
            for each in benefit.indicators.all()
        ]

    assert figures[0].latest is not None and figures[0].latest.value == Decimal(50)
