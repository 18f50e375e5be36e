"""budget_cut_update and budget_cut_delete: a recorded cut changed or removed, its history kept."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from helhet.accounts.models import User
from helhet.benefits.models import BudgetCut
from helhet.benefits.services.budget_cuts import budget_cut_delete, budget_cut_update
from helhet.organization.models import Municipality
from tests.benefits.cuts_calculator_helpers import cut
from tests.benefits.helpers import benefit
from tests.conftest import database_state, unit_named

pytestmark = pytest.mark.django_db


def test_a_cut_is_moved_to_another_unit_and_year(stavanger: Municipality) -> None:
    found = cut(benefit(stavanger))

    budget_cut_update(
        actor=None,
        cut=found,
        unit=unit_named(stavanger, "Storhaug hjemmebaserte tjenester"),
        amount=Decimal("400000.50"),
        budget_year=2028,
        comment="Flyttet.",
    )

    found.refresh_from_db()
    assert (found.unit.name, found.amount, found.budget_year, found.comment) == (
        "Storhaug hjemmebaserte tjenester",
        Decimal("400000.50"),
        2028,
        "Flyttet.",
    )


def test_a_change_is_held_to_the_same_rules(stavanger: Municipality, bergen: Municipality) -> None:
    found = cut(benefit(stavanger))
    before = database_state()

    with pytest.raises(ValidationError) as refused:
        budget_cut_update(
            actor=None,
            cut=found,
            unit=unit_named(bergen, "Finans"),
            amount=Decimal(0),
            budget_year=1990,
        )

    assert set(refused.value.message_dict) == {"unit", "amount", "budget_year"}
    assert database_state() == before


def test_deleting_a_cut_keeps_the_benefit_and_the_history(stavanger: Municipality) -> None:
    found = cut(benefit(stavanger))
    pk = found.pk
    owner = User.objects.get(username="eier")

    budget_cut_delete(actor=owner, cut=found)

    assert not BudgetCut.objects.filter(pk=pk).exists()
    assert benefit(stavanger).pk == found.benefit_id
    deleted = BudgetCut.history.filter(id=pk).latest("history_date")
    assert deleted.history_type == "-"
    assert deleted.history_user == owner
