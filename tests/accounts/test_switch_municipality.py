"""Switching municipality: a person who is a member of several chooses which one they work in."""

from collections.abc import Callable

import pytest
from django.test import Client

from helhet.accounts.models import Membership, User
from helhet.accounts.roles import Role
from helhet.organization.models import Municipality
from tests.conftest import unit_named


@pytest.fixture
def siri_in_both(stavanger: Municipality, bergen: Municipality) -> Client:
    """Siri Haugen, Stavanger's administrator, is also a reader in Bergen."""
    siri = User.objects.get(username="admin")
    Membership.objects.create(municipality=bergen, user=siri, role=Role.READER)
    client = Client()
    client.force_login(siri)
    return client


def test_a_person_in_two_municipalities_can_switch_to_the_other(
    siri_in_both: Client, bergen: Municipality
) -> None:
    response = siri_in_both.post("/bytt-kommune/", {"municipality": str(bergen.pk)})

    assert (response.status_code, response["Location"]) == (302, "/")
    home = siri_in_both.get("/")
    assert home.context["municipality"] == bergen
    assert home.context["role"] == Role.READER


def test_after_switching_the_organisation_is_the_other_municipalitys(
    siri_in_both: Client, stavanger: Municipality, bergen: Municipality
) -> None:
    siri_in_both.post("/bytt-kommune/", {"municipality": str(bergen.pk)})

    body = siri_in_both.get("/organisasjon/").content.decode()
    assert "Digitaliseringsavdelingen" in body
    assert "IT-avdelingen" not in body
    stavanger_unit = unit_named(stavanger, "IT-avdelingen")
    assert siri_in_both.get(f"/organisasjon/enheter/{stavanger_unit.pk}/").status_code == 404


def test_the_role_follows_the_municipality(
    siri_in_both: Client, stavanger: Municipality, bergen: Municipality
) -> None:
    """An administrator in Stavanger is only a reader in Bergen."""
    siri_in_both.post("/bytt-kommune/", {"municipality": str(stavanger.pk)})
    assert siri_in_both.get("/personer/").status_code == 200
    siri_in_both.post("/bytt-kommune/", {"municipality": str(bergen.pk)})
    assert siri_in_both.get("/personer/").status_code == 403


def test_the_header_offers_the_other_municipality(
    siri_in_both: Client, stavanger: Municipality, bergen: Municipality
) -> None:
    siri_in_both.post("/bytt-kommune/", {"municipality": str(stavanger.pk)})
    others = siri_in_both.get("/").context["other_memberships"]
    assert [membership.municipality for membership in others] == [bergen]


def test_switching_returns_to_the_page_named_in_next(
    siri_in_both: Client, bergen: Municipality
) -> None:
    response = siri_in_both.post(
        "/bytt-kommune/", {"municipality": str(bergen.pk), "next": "/organisasjon/"}
    )
    assert response["Location"] == "/organisasjon/"


def test_switching_never_sends_the_person_to_another_site(
    siri_in_both: Client, bergen: Municipality
) -> None:
    response = siri_in_both.post(
        "/bytt-kommune/", {"municipality": str(bergen.pk), "next": "https://angriper.example/"}
    )
    assert response["Location"] == "/"


def test_a_person_cannot_switch_to_a_municipality_they_are_not_a_member_of(
    login: Callable[[str], Client], bergen: Municipality
) -> None:
    client = login("admin")

    response = client.post("/bytt-kommune/", {"municipality": str(bergen.pk)})

    assert response.status_code == 404
    assert client.get("/").context["municipality"].slug == "stavanger"


def test_a_switch_to_a_municipality_that_does_not_exist_is_not_found(
    login: Callable[[str], Client],
) -> None:
    assert login("admin").post("/bytt-kommune/", {"municipality": "999999"}).status_code == 404


def test_a_removed_membership_no_longer_counts_after_switching(
    siri_in_both: Client, bergen: Municipality
) -> None:
    """The session remembers Bergen; once Siri leaves Bergen she works in Stavanger."""
    siri_in_both.post("/bytt-kommune/", {"municipality": str(bergen.pk)})
    Membership.objects.filter(user__username="admin", municipality=bergen).delete()

    assert siri_in_both.get("/").context["municipality"].slug == "stavanger"


def test_an_anonymous_visitor_is_sent_to_log_in(bergen: Municipality) -> None:
    response = Client().post("/bytt-kommune/", {"municipality": str(bergen.pk)})
    assert (response.status_code, response["Location"]) == (302, "/logg-inn/")
