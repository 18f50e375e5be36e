"""The unit edit page: a valid change is saved; anything else is shown again and nothing changes."""

from collections.abc import Callable

import pytest
from django.test import Client

from helhet.organization.models import Municipality, OrgUnit, UnitKind
from tests.conftest import database_state, unit_named


def _form(unit: OrgUnit, **changes: str) -> dict[str, str]:
    return {
        "name": unit.name,
        "kind": unit.kind,
        "parent": str(unit.parent_id or ""),
        "description": unit.description,
        **changes,
    }


def test_the_form_shows_the_unit_as_it_is(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    unit = unit_named(stavanger, "Systemforvaltning")
    body = login("admin").get(f"/organisasjon/enheter/{unit.pk}/endre/").content.decode()
    assert 'value="Systemforvaltning"' in body
    assert "Forvalter om lag 300 applikasjoner." in body


def test_a_valid_change_is_saved_and_leads_to_the_unit(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    unit = unit_named(stavanger, "Systemforvaltning")

    response = login("admin").post(
        f"/organisasjon/enheter/{unit.pk}/endre/", _form(unit, name="Systemforvaltning og data")
    )

    assert (response.status_code, response["Location"]) == (
        302,
        f"/organisasjon/enheter/{unit.pk}/",
    )
    assert OrgUnit.objects.get(pk=unit.pk).name == "Systemforvaltning og data"


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"name": ""}, id="no-name"),
        pytest.param({"name": "x" * 151}, id="name-too-long"),
        pytest.param({"kind": "directorate"}, id="unknown-kind"),
        pytest.param({"parent": "999999"}, id="unknown-parent"),
        pytest.param({"parent": "abc"}, id="parent-not-a-number"),
        pytest.param({"parent": ""}, id="section-at-the-top"),
        pytest.param({"kind": UnitKind.SERVICE_AREA}, id="service-area-below-the-top"),
        pytest.param({"name": "Drift og forvaltning"}, id="name-of-a-sibling"),
    ],
)
def test_an_invalid_change_is_shown_again_with_400_and_nothing_changes(
    changes: dict[str, str], stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    unit = unit_named(stavanger, "Systemforvaltning")
    client = login("admin")
    before = database_state()

    response = client.post(f"/organisasjon/enheter/{unit.pk}/endre/", _form(unit, **changes))

    assert response.status_code == 400
    assert 'id="error-summary"' in response.content.decode()
    assert database_state() == before


def test_an_empty_form_is_shown_again_with_400_and_nothing_changes(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    unit = unit_named(stavanger, "Systemforvaltning")
    client = login("admin")
    before = database_state()

    response = client.post(f"/organisasjon/enheter/{unit.pk}/endre/", {})

    assert response.status_code == 400
    assert database_state() == before


def test_a_refused_change_shows_the_unit_under_its_stored_name(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    """After the service refuses, the page is about the unit as stored, not the rejected edit."""
    unit = unit_named(stavanger, "Systemforvaltning")

    response = login("admin").post(
        f"/organisasjon/enheter/{unit.pk}/endre/", _form(unit, name="Drift og forvaltning")
    )

    assert response.context["unit"].name == "Systemforvaltning"


@pytest.mark.parametrize("pk", [999999, 2**63, 10**30])
def test_an_unknown_unit_is_not_found(pk: int, login: Callable[[str], Client]) -> None:
    client = login("admin")
    assert client.get(f"/organisasjon/enheter/{pk}/endre/").status_code == 404
    assert client.post(f"/organisasjon/enheter/{pk}/endre/", {"name": "x"}).status_code == 404
