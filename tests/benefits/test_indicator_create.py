"""indicator_create, indicator_update and indicator_delete: how a benefit is measured."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from helhet.accounts.models import User
from helhet.benefits.models import Indicator
from helhet.benefits.services.plan import indicator_delete, indicator_update
from helhet.organization.models import Municipality
from tests.benefits.helpers import benefit, indicator
from tests.conftest import database_state

pytestmark = pytest.mark.django_db


def _refused(stavanger: Municipality, **fields: object) -> dict[str, list[str]]:
    benefit(stavanger)
    before = database_state()
    with pytest.raises(ValidationError) as refused:
        indicator(stavanger, **fields)
    assert database_state() == before
    return refused.value.message_dict


def test_an_indicator_keeps_its_baseline_and_target_as_decimals(stavanger: Municipality) -> None:
    created = indicator(stavanger)

    created.refresh_from_db()
    assert created.baseline_value == Decimal(69)
    assert created.target_value == Decimal("31.5")
    assert isinstance(created.target_value, Decimal)
    assert created.municipality == stavanger


def test_a_target_date_before_the_baseline_date_is_refused(stavanger: Municipality) -> None:
    errors = _refused(stavanger, baseline_date=date(2026, 6, 1), target_date=date(2026, 5, 31))

    assert list(errors) == ["target_date"]


def test_a_percent_over_100_is_refused(stavanger: Municipality) -> None:
    errors = _refused(
        stavanger, unit="percent", baseline_value=Decimal(40), target_value=Decimal(120)
    )

    assert "target_value" in errors
    assert "baseline_value" not in errors


def test_a_percent_between_0_and_100_is_accepted(stavanger: Municipality) -> None:
    created = indicator(
        stavanger, unit="percent", baseline_value=Decimal(0), target_value=Decimal(100)
    )

    assert created.unit_display


def test_a_negative_count_is_refused(stavanger: Municipality) -> None:
    errors = _refused(stavanger, baseline_value=Decimal(-1))

    assert "baseline_value" in errors


def test_a_unit_of_ones_own_needs_a_name(stavanger: Municipality) -> None:
    errors = _refused(stavanger, unit="custom", unit_label="")

    assert "unit_label" in errors


def test_a_unit_of_ones_own_is_shown_by_its_name(stavanger: Municipality) -> None:
    created = indicator(stavanger, unit="custom", unit_label="besøk per dag")

    assert created.unit_display == "besøk per dag"


def test_a_unit_name_is_dropped_for_a_standard_unit(stavanger: Municipality) -> None:
    created = indicator(stavanger, unit="hours", unit_label="timer")

    assert created.unit_label == ""


def test_a_target_equal_to_the_baseline_is_kept_and_flagged(stavanger: Municipality) -> None:
    created = indicator(stavanger, target_value=Decimal(69))

    assert created.target_equals_baseline


def test_update_records_who_changed_the_indicator(stavanger: Municipality) -> None:
    created = indicator(stavanger)
    leader = User.objects.get(username="prosjektleder")

    indicator_update(
        actor=leader,
        indicator=created,
        name="Besøk per dag",
        unit="count",
        baseline_value=Decimal(69),
        baseline_date=date(2026, 1, 1),
        target_value=Decimal(30),
        target_date=date(2027, 12, 31),
        frequency="monthly",
    )

    assert created.history.latest().history_user == leader
    assert Indicator.objects.get(pk=created.pk).target_value == Decimal(30)


def test_delete_keeps_the_benefit_and_the_history(stavanger: Municipality) -> None:
    created = indicator(stavanger)
    owner = created.benefit

    indicator_delete(actor=None, indicator=created)

    assert not owner.indicators.exists()
    assert Indicator.history.filter(history_type="-").count() == 1


def test_the_database_refuses_a_percent_over_100(stavanger: Municipality) -> None:
    created = indicator(
        stavanger, unit="percent", baseline_value=Decimal(50), target_value=Decimal(90)
    )

    with pytest.raises(IntegrityError):
        Indicator.objects.filter(pk=created.pk).update(target_value=Decimal(101))
