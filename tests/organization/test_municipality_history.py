"""The municipality's history page."""

from collections.abc import Callable

from django.test import Client


def test_the_history_shows_who_changed_the_organisation_number(
    login: Callable[[str], Client],
) -> None:
    admin = login("admin")
    admin.post(
        "/organisasjon/kommune/endre/", {"name": "Stavanger kommune", "org_number": "964965782"}
    )

    body = login("direktor").get("/organisasjon/kommune/historikk/").content.decode()

    assert "Siri Haugen" in body
    assert body.index("964965781") < body.index("964965782")
