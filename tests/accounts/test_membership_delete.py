"""membership_delete: a person leaves the municipality, keeps the login, and the municipality
keeps an administrator."""

import pytest
from django.core.exceptions import ValidationError

from helhet.accounts.models import Membership, User
from helhet.accounts.roles import Role
from helhet.accounts.services import membership_delete
from helhet.organization.models import Municipality
from tests.conftest import database_state, membership_of


@pytest.fixture
def admin(demo: dict[str, Municipality]) -> User:
    return User.objects.get(username="admin")


def test_removes_the_membership_and_records_who(stavanger: Municipality, admin: User) -> None:
    membership = membership_of("leser")
    pk = membership.pk

    membership_delete(actor=admin, membership=membership)

    assert not Membership.objects.filter(pk=pk).exists()
    record = Membership.history.filter(id=pk).first()
    assert (record.history_type, record.history_user) == ("-", admin)


def test_the_login_remains_for_other_municipalities(
    stavanger: Municipality, bergen: Municipality, admin: User
) -> None:
    leser = User.objects.get(username="leser")
    Membership.objects.create(municipality=bergen, user=leser, role=Role.READER)

    membership_delete(
        actor=admin, membership=Membership.objects.get(user=leser, municipality=stavanger)
    )

    assert list(leser.memberships.values_list("municipality__slug", flat=True)) == ["bergen"]


def test_the_last_administrator_cannot_be_removed(stavanger: Municipality, admin: User) -> None:
    before = database_state()

    with pytest.raises(ValidationError) as error:
        membership_delete(actor=admin, membership=membership_of("admin"))

    assert error.value.code == "last_admin"
    assert database_state() == before


def test_an_administrator_can_be_removed_when_another_remains(
    stavanger: Municipality, admin: User
) -> None:
    direktor = membership_of("direktor")
    direktor.role = Role.ADMIN
    direktor.save()

    membership_delete(actor=admin, membership=membership_of("admin"))

    assert not Membership.objects.filter(user=admin).exists()
