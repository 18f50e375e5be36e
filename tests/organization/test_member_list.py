"""The list of people and roles."""

from collections.abc import Callable

from django.test import Client

from helhet.organization.models import Municipality
from tests.conftest import add_members, count_queries


def test_the_list_shows_every_member_with_role_unit_and_title(
    login: Callable[[str], Client],
) -> None:
    body = login("direktor").get("/personer/").content.decode()

    for shown in [
        "Siri Haugen",
        "Øyvind Tjelta",
        "Gunn Bø",
        "IT-administrasjon",
        "Hundvåg hjemmebaserte tjenester",
        "Medlem av kontrollutvalget",
    ]:
        assert shown in body


def test_the_list_uses_as_many_queries_for_sixty_people_as_for_seven(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    client = login("admin")
    client.get("/personer/")  # the first request of a session does one-off work
    seven = count_queries(client, "/personer/")

    add_members(stavanger, 53)

    assert count_queries(client, "/personer/") == seven
    assert "Ekstra Person 052" in client.get("/personer/").content.decode()
