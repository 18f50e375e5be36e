"""``manage.py create_municipality``: a production installation's first municipality and its
administrator, all or nothing."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from helhet.accounts.models import Membership, User
from helhet.accounts.roles import Role
from helhet.ideas.models import CriteriaSet
from helhet.organization.models import Municipality
from tests.conftest import database_state


def _create(*args: str) -> str:
    out = StringIO()
    call_command("create_municipality", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def operator(db: None) -> User:
    return User.objects.create_user(username="drift", password="Driftspassord-42")


def test_the_municipality_gets_the_user_as_its_administrator(operator: User) -> None:
    _create("Sandnes kommune", "sandnes", "964965137", "--admin", "drift")

    membership = Membership.objects.get(user=operator)
    assert (membership.municipality.name, membership.role) == ("Sandnes kommune", Role.ADMIN)


def test_the_administrator_can_log_in_and_work_in_it(operator: User) -> None:
    _create("Sandnes kommune", "sandnes", "964965137", "--admin", "drift")

    client = Client()
    client.post("/logg-inn/", {"username": "drift", "password": "Driftspassord-42"})
    # Whoever ran the command may know the password: the administrator first chooses their own.
    assert client.get("/organisasjon/")["Location"] == "/konto/passord/"
    client.post(
        "/konto/passord/",
        {
            "old_password": "Driftspassord-42",
            "new_password1": "Eget-passord-Sandnes-7",
            "new_password2": "Eget-passord-Sandnes-7",
        },
    )
    assert client.get("/organisasjon/").context["current_membership"].municipality.slug == "sandnes"


def test_an_unknown_administrator_is_an_error_and_nothing_is_created(db: None) -> None:
    with pytest.raises(CommandError, match="ingen"):
        _create("Sandnes kommune", "sandnes", "964965137", "--admin", "ingen")
    assert not Municipality.objects.exists()


def test_an_invalid_organisation_number_is_an_error_and_nothing_is_created(
    operator: User,
) -> None:
    before = database_state()

    with pytest.raises(CommandError):
        _create("Sandnes kommune", "sandnes", "12345", "--admin", "drift")

    assert database_state() == before


def test_the_municipality_starts_with_the_default_screening_criteria(operator: User) -> None:
    _create("Sandnes kommune", "sandnes", "964965137", "--admin", "drift")

    default = CriteriaSet.objects.get(municipality__slug="sandnes", unit=None)
    assert list(default.criteria.values_list("name", "weight")) == [
        ("Nytte for innbyggerne", 3),
        ("Nytte for de ansatte", 2),
        ("Strategisk forankring", 2),
        ("Gjennomførbarhet", 2),
        ("Hvor haster det", 1),
    ]
