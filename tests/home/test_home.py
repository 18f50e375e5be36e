"""The start page: who you are, where, what your role lets you do; the same queries whatever the
size of the organisation."""

from collections.abc import Callable

import pytest
from django.test import Client

from helhet.accounts.models import User
from helhet.accounts.roles import Capability, Role
from helhet.demo.municipalities import STAVANGER_USERS, DemoUser
from helhet.organization.models import Municipality
from tests.benefits.helpers import benefit
from tests.conftest import add_members, add_units, count_queries


@pytest.mark.parametrize("user", STAVANGER_USERS, ids=lambda user: user.username)
def test_the_start_page_greets_the_person_with_their_role(
    user: DemoUser, login: Callable[[str], Client]
) -> None:
    response = login(user.username).get("/")

    assert user.first_name in response.content.decode()
    assert response.context["role"] == user.role


def test_the_start_page_counts_the_units_of_each_kind(login: Callable[[str], Client]) -> None:
    counts = login("leser").get("/").context["counts"]
    assert counts == {"service_area": 6, "department": 17, "section": 4, "unit": 4}


def test_the_start_page_offers_people_management_only_to_those_who_may(
    login: Callable[[str], Client],
) -> None:
    assert login("admin").get("/").context["member_can"][Capability.MANAGE_MEMBERS.value]
    assert not login("leser").get("/").context["member_can"][Capability.VIEW_MEMBERS.value]


def test_the_start_page_uses_as_many_queries_for_a_large_organisation_as_for_a_small_one(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    client = login("admin")
    client.get("/")  # the first request of a session does one-off work
    small = count_queries(client, "/")

    add_units(stavanger, 60)
    add_members(stavanger, 50)

    assert count_queries(client, "/") == small
    assert "Ekstra enhet 056" in client.get("/").content.decode()  # a new service area


def test_bergen_starts_in_bergen(login: Callable[[str], Client]) -> None:
    response = login("bergen-admin").get("/")
    assert (response.context["municipality"].name, response.context["role"]) == (
        "Bergen kommune",
        Role.ADMIN,
    )


def test_a_readers_start_page_offers_no_measurements_even_for_a_benefit_they_were_made_owner_of(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    owned = benefit(stavanger)
    owned.owners.add(User.objects.get(username="leser"))  # from before the rule
    response = login("leser").get("/")
    body = response.content.decode()
    assert response.context["my_benefits"] is None
    assert 'id="home-my-benefits"' not in body
    assert "maalinger/ny" not in body
    # The benefits owner is still offered theirs.
    assert 'id="home-my-benefits"' in login("gevinsteier").get("/").content.decode()
