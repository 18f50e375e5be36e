"""org_unit_delete: only a unit with nothing below it goes; its people stay, and who deleted it
is recorded."""

import pytest
from django.core.exceptions import ValidationError

from helhet.accounts.models import User
from helhet.organization.models import Municipality, OrgUnit
from helhet.organization.services import org_unit_delete
from tests.conftest import database_state, membership_of, unit_named


@pytest.fixture
def admin(demo: dict[str, Municipality]) -> User:
    return User.objects.get(username="admin")


def test_deletes_a_unit_with_nothing_below_and_records_who(
    stavanger: Municipality, admin: User
) -> None:
    unit = unit_named(stavanger, "Systemforvaltning")
    pk = unit.pk

    org_unit_delete(actor=admin, unit=unit)

    assert not OrgUnit.objects.filter(pk=pk).exists()
    record = OrgUnit.history.filter(id=pk).first()
    assert (record.history_type, record.history_user) == ("-", admin)


def test_refuses_a_unit_with_units_below(stavanger: Municipality, admin: User) -> None:
    before = database_state()

    with pytest.raises(ValidationError) as error:
        org_unit_delete(actor=admin, unit=unit_named(stavanger, "IT-avdelingen"))

    assert error.value.code == "has_children"
    assert database_state() == before


def test_people_who_worked_there_stay_members_without_a_unit(
    stavanger: Municipality, admin: User
) -> None:
    org_unit_delete(actor=admin, unit=unit_named(stavanger, "Hundvåg hjemmebaserte tjenester"))

    membership = membership_of("gevinsteier")
    assert (membership.municipality, membership.unit) == (stavanger, None)
