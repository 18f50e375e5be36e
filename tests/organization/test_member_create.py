"""member_create (service and view): a person gets a login and a membership, or nothing is
written at all."""

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from helhet.accounts.models import Membership, User
from helhet.accounts.roles import Role
from helhet.accounts.services import member_create
from helhet.organization.models import Municipality
from tests.conftest import database_state, unit_named

STRONG_PASSWORD = "Vindmølle-Hundvåg-42"


@pytest.fixture
def admin(demo: dict[str, Municipality]) -> User:
    return User.objects.get(username="admin")


def test_the_new_person_can_log_in_and_works_where_they_were_placed(
    stavanger: Municipality, admin: User
) -> None:
    smartby = unit_named(stavanger, "Smartby")

    member_create(
        actor=admin,
        municipality=stavanger,
        username="kari.nord",
        password=STRONG_PASSWORD,
        role=Role.PROJECT_LEADER,
        first_name="Kari",
        last_name="Nordmann",
        unit=smartby,
        title="Prosjektleder",
    )

    response = Client().post("/logg-inn/", {"username": "kari.nord", "password": STRONG_PASSWORD})
    assert (response.status_code, response["Location"]) == (302, "/")
    membership = Membership.objects.get(user__username="kari.nord")
    assert (membership.municipality, membership.role, membership.unit) == (
        stavanger,
        Role.PROJECT_LEADER,
        smartby,
    )


def test_the_new_membership_records_who_added_the_person(
    stavanger: Municipality, admin: User
) -> None:
    membership = member_create(
        actor=admin,
        municipality=stavanger,
        username="kari.nord",
        password=STRONG_PASSWORD,
        role=Role.READER,
    )

    record = membership.history.get()
    assert (record.history_type, record.history_user) == ("+", admin)


@pytest.mark.parametrize("username", ["leser", "LESER", "bergen-admin"])
def test_refuses_a_username_in_use_in_any_municipality(
    username: str, stavanger: Municipality, admin: User
) -> None:
    before = database_state()

    with pytest.raises(ValidationError) as error:
        member_create(
            actor=admin,
            municipality=stavanger,
            username=username,
            password=STRONG_PASSWORD,
            role=Role.READER,
        )

    assert "username" in error.value.message_dict
    assert database_state() == before


@pytest.mark.parametrize("password", ["demo", "12345678901", "password", "kari.nord"])
def test_refuses_a_weak_password(password: str, stavanger: Municipality, admin: User) -> None:
    before = database_state()

    with pytest.raises(ValidationError):
        member_create(
            actor=admin,
            municipality=stavanger,
            username="kari.nord",
            password=password,
            role=Role.READER,
        )

    assert database_state() == before


def test_refuses_a_unit_in_another_municipality(
    stavanger: Municipality, bergen: Municipality, admin: User
) -> None:
    before = database_state()

    with pytest.raises(ValidationError) as error:
        member_create(
            actor=admin,
            municipality=stavanger,
            username="kari.nord",
            password=STRONG_PASSWORD,
            role=Role.READER,
            unit=unit_named(bergen, "Digitaliseringsavdelingen"),
        )

    assert "unit" in error.value.message_dict
    assert database_state() == before


def test_refuses_an_unknown_role_without_leaving_a_login_behind(
    stavanger: Municipality, admin: User
) -> None:
    before = database_state()

    with pytest.raises(ValidationError) as error:
        member_create(
            actor=admin,
            municipality=stavanger,
            username="kari.nord",
            password=STRONG_PASSWORD,
            role="superuser",
        )

    assert "role" in error.value.message_dict
    assert database_state() == before


def test_the_form_adds_the_person_and_returns_to_the_list(
    login: Callable[[str], Client],
) -> None:
    response = login("admin").post(
        "/personer/ny/",
        {"username": "kari.nord", "password": STRONG_PASSWORD, "role": Role.READER},
    )

    assert (response.status_code, response["Location"]) == (302, "/personer/")
    assert Membership.objects.filter(user__username="kari.nord").exists()


@pytest.mark.parametrize(
    "form",
    [
        pytest.param({}, id="only-a-first-name"),
        pytest.param({"username": "", "password": STRONG_PASSWORD, "role": "reader"}, id="no-name"),
        pytest.param({"username": "kari.nord", "password": "", "role": "reader"}, id="no-password"),
        pytest.param({"username": "kari.nord", "password": "demo", "role": "reader"}, id="weak"),
        pytest.param(
            {"username": "leser", "password": STRONG_PASSWORD, "role": "reader"}, id="taken"
        ),
        pytest.param(
            {"username": "kari.nord", "password": STRONG_PASSWORD, "role": "god"}, id="role"
        ),
        pytest.param(
            {"username": "kari nord!", "password": STRONG_PASSWORD, "role": "reader"}, id="chars"
        ),
        pytest.param(
            {"username": "kari.nord", "password": STRONG_PASSWORD, "role": "reader", "unit": "x"},
            id="unit",
        ),
    ],
)
def test_an_invalid_form_is_shown_again_with_400_and_nothing_is_written(
    form: dict[str, str], login: Callable[[str], Client]
) -> None:
    client = login("admin")
    before = database_state()

    response = client.post("/personer/ny/", {"first_name": "Kari", **form})

    assert response.status_code == 400
    assert 'value="Kari"' in response.content.decode()  # what was typed is kept
    assert STRONG_PASSWORD not in response.content.decode()  # but never the password
    assert database_state() == before


def test_a_weak_password_is_reported_on_the_password_field(
    stavanger: Municipality, admin: User
) -> None:
    with pytest.raises(ValidationError) as error:
        member_create(
            actor=admin,
            municipality=stavanger,
            username="kari.nord",
            password="12345678901",
            role=Role.READER,
        )

    assert list(error.value.message_dict) == ["password"]


# Usernames are one login across Helhet (a person may work in several municipalities), so a
# username taken anywhere cannot be given again. The form says only that: the same words for a
# username taken here, in another municipality or by a login with no municipality, never where
# or by whom, so that an administrator learns nothing about another municipality's people.
TAKEN = "Brukernavnet er allerede i bruk. Velg et annet."


@pytest.mark.parametrize(
    "username",
    [
        pytest.param("bergen-admin", id="here"),
        pytest.param("leser", id="in-another-municipality"),
        pytest.param("LESER", id="other-case"),
        pytest.param("driftsbruker", id="without-municipality"),
    ],
)
def test_a_taken_username_gets_the_same_answer_wherever_it_is_taken(
    username: str, login: Callable[[str], Client]
) -> None:
    User.objects.create_user(username="driftsbruker", first_name="Ola", last_name="Drift")
    client = login("bergen-admin")

    response = client.post(
        "/personer/ny/",
        {"username": username, "password": STRONG_PASSWORD, "role": Role.READER},
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {"username": [TAKEN]}
    body = response.content.decode()
    for revealing in ("Stavanger", "Gunn", "Bø", "Ola", "Drift"):
        assert revealing not in body
