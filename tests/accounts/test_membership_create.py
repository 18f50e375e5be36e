"""membership_create: an existing person joins another municipality, once."""

import pytest
from django.core.exceptions import ValidationError

from helhet.accounts.models import User
from helhet.accounts.roles import Role
from helhet.accounts.services import membership_create
from helhet.organization.models import Municipality
from tests.conftest import database_state, unit_named


def test_an_existing_person_joins_another_municipality_and_the_actor_is_recorded(
    stavanger: Municipality, bergen: Municipality
) -> None:
    eli = User.objects.get(username="bergen-admin")
    siri = User.objects.get(username="admin")

    membership = membership_create(
        actor=eli,
        municipality=bergen,
        user=siri,
        role=Role.READER,
        unit=unit_named(bergen, "Digitaliseringsavdelingen"),
    )

    assert set(siri.memberships.values_list("municipality__slug", flat=True)) == {
        "stavanger",
        "bergen",
    }
    record = membership.history.get()
    assert (record.history_type, record.history_user) == ("+", eli)


def test_a_person_is_a_member_of_a_municipality_only_once(stavanger: Municipality) -> None:
    before = database_state()

    with pytest.raises(ValidationError):
        membership_create(
            actor=None,
            municipality=stavanger,
            user=User.objects.get(username="leser"),
            role=Role.LEADER,
        )

    assert database_state() == before


def test_refuses_a_unit_in_another_municipality(
    stavanger: Municipality, bergen: Municipality
) -> None:
    before = database_state()

    with pytest.raises(ValidationError) as error:
        membership_create(
            actor=None,
            municipality=bergen,
            user=User.objects.get(username="admin"),
            role=Role.READER,
            unit=unit_named(stavanger, "Smartby"),
        )

    assert "unit" in error.value.message_dict
    assert database_state() == before
