"""municipality_update: name and organisation number change, the number stays nine digits."""

import pytest
from django.core.exceptions import ValidationError

from helhet.accounts.models import User
from helhet.organization.models import Municipality
from helhet.organization.services import municipality_update
from tests.conftest import database_state


@pytest.fixture
def admin(demo: dict[str, Municipality]) -> User:
    return User.objects.get(username="admin")


def test_changes_name_and_number_and_records_who(stavanger: Municipality, admin: User) -> None:
    municipality_update(
        actor=admin, municipality=stavanger, name="Stavanger kommune", org_number="964965782"
    )

    stored = Municipality.objects.get(pk=stavanger.pk)
    assert (stored.org_number, stored.slug) == ("964965782", "stavanger")
    latest = stavanger.history.first()
    assert (latest.history_user, latest.prev_record.org_number) == (admin, "964965781")


@pytest.mark.parametrize(
    "org_number",
    [
        pytest.param("96496578", id="eight-digits"),
        pytest.param("9649657810", id="ten-digits"),
        pytest.param("96496578A", id="a-letter"),
        pytest.param("964 965 781", id="spaces"),
        pytest.param("", id="empty"),
        pytest.param("９６４９６５７８１", id="full-width-digits"),
        pytest.param("964965781\n", id="trailing-newline"),
    ],
)
def test_refuses_an_organisation_number_that_is_not_nine_digits(
    org_number: str, stavanger: Municipality, admin: User
) -> None:
    before = database_state()

    with pytest.raises(ValidationError) as error:
        municipality_update(
            actor=admin, municipality=stavanger, name=stavanger.name, org_number=org_number
        )

    assert "org_number" in error.value.message_dict
    assert database_state() == before


def test_refuses_the_name_of_another_municipality(stavanger: Municipality, admin: User) -> None:
    before = database_state()

    with pytest.raises(ValidationError) as error:
        municipality_update(
            actor=admin, municipality=stavanger, name="Bergen kommune", org_number="964965781"
        )

    assert "name" in error.value.message_dict
    assert database_state() == before
