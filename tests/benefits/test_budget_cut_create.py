"""budget_cut_create: a benefit taken out as a cut in a unit's budget frame from a budget year."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.benefits.models import BudgetCut
from helhet.benefits.services.budget_cuts import budget_cut_create
from helhet.organization.models import Municipality
from tests.benefits.cuts_calculator_helpers import cut
from tests.benefits.helpers import benefit
from tests.conftest import database_state, unit_named

pytestmark = pytest.mark.django_db


def _refused(stavanger: Municipality, **fields: object) -> dict[str, list[str]]:
    found = benefit(stavanger)
    before = database_state()
    with pytest.raises(ValidationError) as refused:
        cut(found, **fields)
    assert database_state() == before
    return refused.value.message_dict


def test_a_cut_keeps_its_unit_amount_and_year(stavanger: Municipality) -> None:
    created = cut(benefit(stavanger))

    created.refresh_from_db()
    assert created.unit.name == "Hjemmebaserte tjenester"
    assert created.amount == Decimal(806882)
    assert isinstance(created.amount, Decimal)
    assert created.budget_year == 2026
    assert created.municipality == stavanger


def test_the_history_records_who_made_the_cut(stavanger: Municipality) -> None:
    leader = User.objects.get(username="prosjektleder")
    created = budget_cut_create(
        actor=leader,
        benefit=benefit(stavanger),
        unit=unit_named(stavanger, "Hjemmebaserte tjenester"),
        amount=Decimal(1000),
        budget_year=2027,
    )

    assert created.history.get().history_user == leader


def test_a_unit_of_another_municipality_is_refused(
    stavanger: Municipality, bergen: Municipality
) -> None:
    errors = _refused(stavanger, unit=unit_named(bergen, "Finans"))

    assert list(errors) == ["unit"]


@pytest.mark.parametrize("amount", [Decimal(0), Decimal(-100)])
def test_an_amount_of_zero_or_less_is_refused(stavanger: Municipality, amount: Decimal) -> None:
    errors = _refused(stavanger, amount=amount)

    with translation.override("nb"):
        assert errors == {"amount": [_("The amount of a budget cut must be more than 0 kroner.")]}


@pytest.mark.parametrize("year", [1999, 2101])
def test_a_budget_year_outside_2000_to_2100_is_refused(stavanger: Municipality, year: int) -> None:
    errors = _refused(stavanger, budget_year=year)

    assert list(errors) == ["budget_year"]


def test_a_qualitative_benefit_cannot_be_cut_and_says_why(stavanger: Municipality) -> None:
    benefit(stavanger, kind="qualitative", planned_amount=None)

    errors = _refused(stavanger)

    with translation.override("nb"):
        assert errors["benefit"] == [
            _(
                "A qualitative benefit is not counted in kroner, so it cannot be taken out as a "
                "budget cut. Change the benefit to direct or indirect first."
            )
        ]


def test_an_indirect_benefit_may_be_cut(stavanger: Municipality) -> None:
    created = cut(benefit(stavanger, kind="indirect", planned_amount=Decimal(600)))

    assert BudgetCut.objects.filter(pk=created.pk).exists()


def test_a_benefit_may_have_cuts_in_several_units_and_years(stavanger: Municipality) -> None:
    found = benefit(stavanger)

    for name, year in [
        ("Hundvåg hjemmebaserte tjenester", 2026),
        ("Hinna hjemmebaserte tjenester", 2027),
    ]:
        budget_cut_create(
            actor=None,
            benefit=found,
            unit=unit_named(stavanger, name),
            amount=Decimal(100000),
            budget_year=year,
        )

    assert found.budget_cuts.count() == 2
