"""The delete-unit page."""

from collections.abc import Callable

from django.test import Client

from helhet.organization.models import Municipality, OrgUnit
from tests.conftest import database_state, unit_named


def test_a_unit_with_nothing_below_is_deleted(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    unit = unit_named(stavanger, "Systemforvaltning")

    response = login("admin").post(f"/organisasjon/enheter/{unit.pk}/slett/")

    assert (response.status_code, response["Location"]) == (302, "/organisasjon/")
    assert not OrgUnit.objects.filter(pk=unit.pk).exists()


def test_a_unit_with_units_below_is_kept_and_the_page_says_why(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    unit = unit_named(stavanger, "IT-avdelingen")
    client = login("admin")
    before = database_state()

    response = client.post(f"/organisasjon/enheter/{unit.pk}/slett/")

    assert response.status_code == 400
    assert response.context["error"]
    assert database_state() == before


def test_an_unknown_unit_is_not_found(login: Callable[[str], Client]) -> None:
    assert login("admin").post("/organisasjon/enheter/999999/slett/").status_code == 404
