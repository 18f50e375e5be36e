"""A password an administrator sets (a new person's first password, the first administrator's)
must be changed at the next login before the person does anything else."""

from collections.abc import Callable
from io import StringIO

from django.core.management import call_command
from django.test import Client

from helhet.accounts.models import User
from helhet.accounts.roles import Role
from helhet.accounts.services import member_create
from helhet.organization.models import Municipality
from tests.conftest import membership_of

FIRST_PASSWORD = "Første-passord-Lervig-7"
OWN_PASSWORD = "Eget-passord-Hundvåg-42"


def _new_person(stavanger: Municipality) -> User:
    return member_create(
        actor=membership_of("admin").user,
        municipality=stavanger,
        username="kari.nord",
        password=FIRST_PASSWORD,
        role=Role.READER,
    ).user


def _logged_in_as(username: str, password: str) -> Client:
    client = Client()
    assert (
        client.post("/logg-inn/", {"username": username, "password": password}).status_code == 302
    )
    return client


def test_a_new_persons_first_password_must_be_changed(stavanger: Municipality) -> None:
    assert _new_person(stavanger).must_change_password


def test_until_then_every_page_leads_to_the_password_change(stavanger: Municipality) -> None:
    _new_person(stavanger)
    client = _logged_in_as("kari.nord", FIRST_PASSWORD)

    for path in ("/", "/organisasjon/", "/portefolje/"):
        response = client.get(path)
        assert (response.status_code, response["Location"]) == (302, "/konto/passord/"), path
    page = client.get("/konto/passord/").content.decode()
    assert "Administratoren har satt passordet ditt" in page


def test_after_the_change_the_person_works_as_usual(stavanger: Municipality) -> None:
    _new_person(stavanger)
    client = _logged_in_as("kari.nord", FIRST_PASSWORD)

    client.post(
        "/konto/passord/",
        {
            "old_password": FIRST_PASSWORD,
            "new_password1": OWN_PASSWORD,
            "new_password2": OWN_PASSWORD,
        },
    )

    assert not User.objects.get(username="kari.nord").must_change_password
    assert client.get("/organisasjon/").status_code == 200


def test_the_person_may_still_log_out(stavanger: Municipality) -> None:
    _new_person(stavanger)
    client = _logged_in_as("kari.nord", FIRST_PASSWORD)

    response = client.post("/logg-ut/")

    assert (response.status_code, response["Location"]) == (302, "/logg-inn/")


def test_the_demo_users_are_not_forced(login: Callable[[str], Client]) -> None:
    assert login("leser").get("/").status_code == 200


def test_the_first_administrator_of_a_new_municipality_must_change_the_password(
    db: None,
) -> None:
    User.objects.create_user(username="drift", password="Driftspassord-42")

    call_command(
        "create_municipality",
        "Sandnes kommune",
        "sandnes",
        "964965137",
        "--admin",
        "drift",
        stdout=StringIO(),
    )

    assert User.objects.get(username="drift").must_change_password
