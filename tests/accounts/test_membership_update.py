"""membership_update: role, unit and title change; a municipality never loses its last
administrator."""

import pytest
from django.core.exceptions import ValidationError

from helhet.accounts.models import Membership, User
from helhet.accounts.roles import Role
from helhet.accounts.services import membership_update
from helhet.organization.models import Municipality
from tests.conftest import database_state, membership_of, unit_named


@pytest.fixture
def admin(demo: dict[str, Municipality]) -> User:
    return User.objects.get(username="admin")


def test_changes_role_unit_and_title_and_records_who(stavanger: Municipality, admin: User) -> None:
    smartby = unit_named(stavanger, "Smartby")
    membership = membership_of("leser")

    membership_update(
        actor=admin,
        membership=membership,
        role=Role.PROJECT_LEADER,
        unit=smartby,
        title="Prosjektleder",
    )

    stored = Membership.objects.get(pk=membership.pk)
    assert (stored.role, stored.unit, stored.title) == (
        Role.PROJECT_LEADER,
        smartby,
        "Prosjektleder",
    )
    latest = membership.history.first()
    assert (latest.history_user, latest.prev_record.role) == (admin, Role.READER)


def test_the_last_administrator_keeps_the_role(stavanger: Municipality, admin: User) -> None:
    before = database_state()

    with pytest.raises(ValidationError) as error:
        membership_update(
            actor=admin, membership=membership_of("admin"), role=Role.READER, unit=None, title=""
        )

    assert error.value.code == "last_admin"
    assert database_state() == before


def test_an_administrator_may_step_down_when_another_remains(
    stavanger: Municipality, admin: User
) -> None:
    membership_update(
        actor=admin, membership=membership_of("portefolje"), role=Role.ADMIN, unit=None, title=""
    )

    membership_update(
        actor=admin, membership=membership_of("admin"), role=Role.READER, unit=None, title=""
    )

    assert membership_of("admin").role == Role.READER


def test_another_municipalitys_administrator_does_not_count(
    stavanger: Municipality, admin: User
) -> None:
    """Bergen has an administrator too; Stavanger's last one still may not step down."""
    with pytest.raises(ValidationError):
        membership_update(
            actor=admin, membership=membership_of("admin"), role=Role.LEADER, unit=None, title=""
        )


def test_refuses_a_unit_in_another_municipality(bergen: Municipality, admin: User) -> None:
    before = database_state()

    with pytest.raises(ValidationError) as error:
        membership_update(
            actor=admin,
            membership=membership_of("leser"),
            role=Role.READER,
            unit=unit_named(bergen, "Finans"),
            title="",
        )

    assert "unit" in error.value.message_dict
    assert database_state() == before


def test_refuses_an_unknown_role(stavanger: Municipality, admin: User) -> None:
    before = database_state()

    with pytest.raises(ValidationError) as error:
        membership_update(
            actor=admin, membership=membership_of("leser"), role="owner", unit=None, title=""
        )

    assert "role" in error.value.message_dict
    assert database_state() == before
