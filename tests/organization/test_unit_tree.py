"""The organisation page: the whole tree, the same few queries whatever its size."""

from collections.abc import Callable

from django.test import Client

from helhet.organization.models import Municipality
from tests.conftest import add_members, add_units, count_queries


def test_the_tree_shows_every_level_of_the_organisation(login: Callable[[str], Client]) -> None:
    body = login("leser").get("/organisasjon/").content.decode()

    for name in [
        "Innovasjon og støttetjenester",
        "IT-avdelingen",
        "Arkitektur og utvikling",
        "Hjemmebaserte tjenester",
        "Hinna hjemmebaserte tjenester",
        "964965781",
    ]:
        assert name in body


def test_the_tree_nests_sections_under_their_department(login: Callable[[str], Client]) -> None:
    tree = login("leser").get("/organisasjon/").context["tree"]

    area = next(node for node in tree if node.unit.name == "Innovasjon og støttetjenester")
    it = next(node for node in area.children if node.unit.name == "IT-avdelingen")
    assert [node.unit.name for node in it.children] == [
        "Arkitektur og utvikling",
        "Drift og forvaltning",
        "IT-administrasjon",
        "Systemforvaltning",
    ]


def test_the_tree_uses_as_many_queries_for_a_large_organisation_as_for_a_small_one(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    client = login("admin")
    client.get("/organisasjon/")  # the first request of a session does one-off work
    small = count_queries(client, "/organisasjon/")

    add_units(stavanger, 60)
    add_members(stavanger, 50)

    assert count_queries(client, "/organisasjon/") == small
    assert "Ekstra enhet 059" in client.get("/organisasjon/").content.decode()
