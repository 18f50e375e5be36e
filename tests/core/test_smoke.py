from collections.abc import Callable

from django.test import Client


def test_start_page_names_the_municipality_and_role(login: Callable[[str], Client]) -> None:
    response = login("admin").get("/")
    assert response.status_code == 200
    assert "Stavanger kommune" in response.content.decode()
