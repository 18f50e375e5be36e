"""The municipality details page."""

from collections.abc import Callable

import pytest
from django.test import Client

from helhet.organization.models import Municipality
from tests.conftest import database_state


def test_a_new_organisation_number_is_saved(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    response = login("admin").post(
        "/organisasjon/kommune/endre/", {"name": "Stavanger kommune", "org_number": "964965782"}
    )

    assert (response.status_code, response["Location"]) == (302, "/organisasjon/")
    assert Municipality.objects.get(pk=stavanger.pk).org_number == "964965782"


@pytest.mark.parametrize(
    "form",
    [
        pytest.param({}, id="empty"),
        pytest.param({"name": "Stavanger kommune", "org_number": "12345"}, id="short-number"),
        pytest.param({"name": "Stavanger kommune", "org_number": "96496578X"}, id="letter"),
        pytest.param({"name": "Stavanger kommune", "org_number": "9649657811"}, id="long-number"),
        pytest.param({"name": "", "org_number": "964965781"}, id="no-name"),
        pytest.param({"name": "Bergen kommune", "org_number": "964965781"}, id="taken-name"),
        pytest.param({"name": "Stavanger kommune", "org_number": "964338531"}, id="taken-number"),
    ],
)
def test_invalid_details_are_shown_again_with_400_and_nothing_changes(
    form: dict[str, str], stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    client = login("admin")
    before = database_state()

    response = client.post("/organisasjon/kommune/endre/", form)

    assert response.status_code == 400
    assert 'id="error-summary"' in response.content.decode()
    assert database_state() == before
