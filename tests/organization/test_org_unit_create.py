"""org_unit_create: a unit is created only where it fits in the tree; the creator is recorded."""

import pytest
from django.core.exceptions import ValidationError

from helhet.accounts.models import User
from helhet.organization.models import Municipality, OrgUnit, UnitKind
from helhet.organization.services import org_unit_create
from tests.conftest import database_state, unit_named


@pytest.fixture
def admin(demo: dict[str, Municipality]) -> User:
    return User.objects.get(username="admin")


def test_creates_a_section_in_a_department_and_records_who_created_it(
    stavanger: Municipality, admin: User
) -> None:
    it = unit_named(stavanger, "IT-avdelingen")

    unit = org_unit_create(
        actor=admin,
        municipality=stavanger,
        name="Informasjonssikkerhet",
        kind=UnitKind.SECTION,
        parent=it,
    )

    assert list(it.children.values_list("name", flat=True)).count("Informasjonssikkerhet") == 1
    record = unit.history.get()
    assert (record.history_type, record.history_user) == ("+", admin)


def test_a_service_area_stands_at_the_top(stavanger: Municipality, admin: User) -> None:
    unit = org_unit_create(
        actor=admin, municipality=stavanger, name="Økonomi", kind=UnitKind.SERVICE_AREA
    )
    assert unit.parent is None


@pytest.mark.parametrize(
    ("kind", "parent_name"),
    [
        pytest.param(UnitKind.DEPARTMENT, None, id="department-at-the-top"),
        pytest.param(UnitKind.SERVICE_AREA, "Helse og velferd", id="service-area-in-service-area"),
        pytest.param(UnitKind.SECTION, "Systemforvaltning", id="section-in-section"),
        pytest.param(UnitKind.DEPARTMENT, "Systemforvaltning", id="department-in-section"),
        pytest.param(UnitKind.SECTION, "Hundvåg hjemmebaserte tjenester", id="section-in-unit"),
    ],
)
def test_refuses_a_unit_at_the_wrong_level(
    kind: UnitKind, parent_name: str | None, stavanger: Municipality, admin: User
) -> None:
    parent = unit_named(stavanger, parent_name) if parent_name else None
    before = database_state()

    with pytest.raises(ValidationError) as error:
        org_unit_create(actor=admin, municipality=stavanger, name="Ny", kind=kind, parent=parent)

    assert "parent" in error.value.message_dict
    assert database_state() == before


def test_refuses_an_unknown_kind(stavanger: Municipality, admin: User) -> None:
    before = database_state()

    with pytest.raises(ValidationError) as error:
        org_unit_create(
            actor=admin,
            municipality=stavanger,
            name="Ny",
            kind="directorate",
            parent=unit_named(stavanger, "Helse og velferd"),
        )

    assert "kind" in error.value.message_dict
    assert database_state() == before


def test_refuses_a_parent_in_another_municipality(
    stavanger: Municipality, bergen: Municipality, admin: User
) -> None:
    before = database_state()

    with pytest.raises(ValidationError) as error:
        org_unit_create(
            actor=admin,
            municipality=stavanger,
            name="Ny",
            kind=UnitKind.DEPARTMENT,
            parent=unit_named(bergen, "Finans"),
        )

    assert "parent" in error.value.message_dict
    assert database_state() == before


def test_refuses_a_second_service_area_with_the_same_name(
    stavanger: Municipality, admin: User
) -> None:
    before = database_state()

    with pytest.raises(ValidationError) as error:
        org_unit_create(
            actor=admin,
            municipality=stavanger,
            name="Helse og velferd",
            kind=UnitKind.SERVICE_AREA,
        )

    assert "name" in error.value.message_dict
    assert database_state() == before


def test_refuses_a_second_unit_with_the_same_name_under_one_parent(
    stavanger: Municipality, admin: User
) -> None:
    before = database_state()

    with pytest.raises(ValidationError) as error:
        org_unit_create(
            actor=admin,
            municipality=stavanger,
            name="Drift og forvaltning",
            kind=UnitKind.SECTION,
            parent=unit_named(stavanger, "IT-avdelingen"),
        )

    assert "name" in error.value.message_dict
    assert database_state() == before


def test_the_same_name_is_allowed_under_another_parent(
    stavanger: Municipality, admin: User
) -> None:
    unit = org_unit_create(
        actor=admin,
        municipality=stavanger,
        name="Drift og forvaltning",
        kind=UnitKind.SECTION,
        parent=unit_named(stavanger, "E-helse og velferdsteknologi"),
    )
    assert OrgUnit.objects.filter(municipality=stavanger, name=unit.name).count() == 2


def test_the_same_name_is_allowed_in_another_municipality(
    bergen: Municipality, admin: User
) -> None:
    unit = org_unit_create(
        actor=admin, municipality=bergen, name="Helse og velferd", kind=UnitKind.SERVICE_AREA
    )
    assert unit.municipality == bergen
