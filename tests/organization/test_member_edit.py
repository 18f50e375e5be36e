"""The page that changes a person's role, unit and title."""

from collections.abc import Callable

import pytest
from django.test import Client

from helhet.accounts.roles import Role
from helhet.organization.models import Municipality
from tests.conftest import database_state, membership_of, unit_named


def test_a_new_role_is_saved_and_leads_to_the_list(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    leser = membership_of("leser")
    smartby = unit_named(stavanger, "Smartby")

    response = login("admin").post(
        f"/personer/{leser.pk}/endre/",
        {"role": Role.PROJECT_LEADER, "unit": str(smartby.pk), "title": "Prosjektleder"},
    )

    assert (response.status_code, response["Location"]) == (302, "/personer/")
    stored = membership_of("leser")
    assert (stored.role, stored.unit, stored.title) == (
        Role.PROJECT_LEADER,
        smartby,
        "Prosjektleder",
    )


@pytest.mark.parametrize(
    "form",
    [
        pytest.param({}, id="empty"),
        pytest.param({"role": "owner"}, id="unknown-role"),
        pytest.param({"role": Role.READER, "unit": "999999"}, id="unknown-unit"),
        pytest.param({"role": Role.READER, "title": "x" * 151}, id="title-too-long"),
    ],
)
def test_an_invalid_form_is_shown_again_with_400_and_nothing_changes(
    form: dict[str, str], login: Callable[[str], Client]
) -> None:
    client = login("admin")
    before = database_state()

    response = client.post(f"/personer/{membership_of('leser').pk}/endre/", form)

    assert response.status_code == 400
    assert 'id="error-summary"' in response.content.decode()
    assert database_state() == before


def test_the_last_administrator_cannot_demote_themself(
    login: Callable[[str], Client],
) -> None:
    client = login("admin")
    before = database_state()

    response = client.post(
        f"/personer/{membership_of('admin').pk}/endre/", {"role": Role.READER, "title": "Ny"}
    )

    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    assert database_state() == before


def test_an_unknown_person_is_not_found(login: Callable[[str], Client]) -> None:
    assert login("admin").get("/personer/999999/endre/").status_code == 404
