"""The new-unit page."""

from collections.abc import Callable

import pytest
from django.test import Client

from helhet.organization.models import Municipality, OrgUnit, UnitKind
from tests.conftest import database_state, unit_named


def test_a_new_unit_is_created_and_shown(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    it = unit_named(stavanger, "IT-avdelingen")

    response = login("admin").post(
        "/organisasjon/enheter/ny/",
        {"name": "Informasjonssikkerhet", "kind": UnitKind.SECTION, "parent": str(it.pk)},
        follow=True,
    )

    assert response.status_code == 200
    assert response.context["unit"] == OrgUnit.objects.get(name="Informasjonssikkerhet")
    assert "IT-avdelingen" in response.content.decode()


def test_the_parent_named_in_the_address_is_preselected(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    it = unit_named(stavanger, "IT-avdelingen")
    response = login("admin").get(f"/organisasjon/enheter/ny/?parent={it.pk}")
    assert f'<option value="{it.pk}" selected>' in response.content.decode()


@pytest.mark.parametrize("parent", ["", "abc", "-1", "²", "1.5"])
def test_a_parent_in_the_address_that_is_not_an_id_is_ignored(
    parent: str, login: Callable[[str], Client]
) -> None:
    response = login("admin").get("/organisasjon/enheter/ny/", {"parent": parent})
    assert response.status_code == 200


@pytest.mark.parametrize("parent", ["999999", str(10**30)])
def test_an_unknown_parent_in_the_address_is_not_found(
    parent: str, login: Callable[[str], Client]
) -> None:
    response = login("admin").get("/organisasjon/enheter/ny/", {"parent": parent})
    assert response.status_code == 404


@pytest.mark.parametrize(
    "form",
    [
        pytest.param({}, id="empty"),
        pytest.param({"name": "Informasjonssikkerhet", "kind": UnitKind.SECTION}, id="at-the-top"),
        pytest.param({"name": "Ny", "kind": "directorate"}, id="unknown-kind"),
        pytest.param(
            {"name": "Helse og velferd", "kind": UnitKind.SERVICE_AREA}, id="duplicate-top-level"
        ),
    ],
)
def test_an_invalid_unit_is_shown_again_with_400_and_nothing_is_created(
    form: dict[str, str], login: Callable[[str], Client]
) -> None:
    client = login("admin")
    before = database_state()

    response = client.post("/organisasjon/enheter/ny/", form)

    assert response.status_code == 400
    assert 'id="error-summary"' in response.content.decode()
    assert database_state() == before
