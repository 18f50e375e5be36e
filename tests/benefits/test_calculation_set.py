"""calculation_set and calculation_delete: a benefit's before/after calculation, kept as the
source gives it (its disagreements included), within the rules of the inputs."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.benefits.models import Calculation
from helhet.benefits.services.calculations import calculation_delete, calculation_set
from helhet.organization.models import Municipality
from tests.benefits.cuts_calculator_helpers import TABLE_4, saved_table_4
from tests.benefits.helpers import benefit
from tests.conftest import database_state

pytestmark = pytest.mark.django_db


def _refused(stavanger: Municipality, **fields: object) -> dict[str, list[str]]:
    found = benefit(stavanger)
    before = database_state()
    with pytest.raises(ValidationError) as refused:
        saved_table_4(found, **fields)
    assert database_state() == before
    return refused.value.message_dict


def test_table_4_is_kept_as_the_source_gives_it(stavanger: Municipality) -> None:
    saved = saved_table_4(benefit(stavanger))

    saved.refresh_from_db()
    assert saved.users == 33
    assert saved.after_quantity == Decimal("31.5")
    assert saved.stated_after_yearly == Decimal(1471399)  # though the inputs give 1 471 680
    assert saved.municipality == stavanger


def test_setting_it_again_replaces_the_calculation(stavanger: Municipality) -> None:
    found = benefit(stavanger)
    first = saved_table_4(found)

    second = saved_table_4(found, users=30)

    assert second.pk == first.pk
    assert Calculation.objects.get(benefit=found).users == 30


def test_the_history_records_who_set_it(stavanger: Municipality) -> None:
    leader = User.objects.get(username="prosjektleder")

    saved = calculation_set(actor=leader, benefit=benefit(stavanger), **TABLE_4)

    assert saved.history.get().history_user == leader


@pytest.mark.parametrize(
    "field",
    [
        "before_quantity",
        "after_quantity",
        "before_unit_cost",
        "after_unit_cost",
        "stated_after_yearly",
        "stated_before_per_user",
    ],
)
def test_a_negative_number_is_refused(stavanger: Municipality, field: str) -> None:
    errors = _refused(stavanger, **{field: Decimal(-1)})

    assert list(errors) == [field]


@pytest.mark.parametrize("days", [0, 367])
def test_a_year_has_between_1_and_366_days(stavanger: Municipality, days: int) -> None:
    errors = _refused(stavanger, days_per_year=days)

    with translation.override("nb"):
        assert errors == {"days_per_year": [_("A year has between 1 and 366 days.")]}


def test_zero_users_is_refused(stavanger: Municipality) -> None:
    errors = _refused(stavanger, users=0)

    assert list(errors) == ["users"]


def test_the_number_of_users_may_be_left_out(stavanger: Municipality) -> None:
    saved = saved_table_4(
        benefit(stavanger), users=None, stated_before_per_user=None, stated_after_per_user=None
    )

    assert saved.users is None


def test_an_unknown_period_is_refused(stavanger: Municipality) -> None:
    errors = _refused(stavanger, period="week")

    assert list(errors) == ["period"]


def test_a_qualitative_benefit_has_no_calculation_and_says_why(stavanger: Municipality) -> None:
    benefit(stavanger, kind="qualitative", planned_amount=None)

    errors = _refused(stavanger)

    with translation.override("nb"):
        assert errors == {
            "benefit": [
                _(
                    "A qualitative benefit is not counted in kroner, so it has no before/after "
                    "calculation. Change the benefit to direct or indirect first."
                )
            ]
        }


def test_deleting_the_calculation_keeps_the_benefit(stavanger: Municipality) -> None:
    found = benefit(stavanger)
    saved = saved_table_4(found)

    calculation_delete(actor=None, calculation=saved)

    assert not Calculation.objects.filter(benefit=found).exists()
    found.refresh_from_db()
    assert found.title == "Færre hjemmebesøk"
