"""org_unit_update: a unit changes only into something that still fits the tree; who changed what
is recorded."""

import pytest
from django.core.exceptions import ValidationError

from helhet.accounts.models import User
from helhet.organization.models import Municipality, OrgUnit, UnitKind
from helhet.organization.services import org_unit_update
from tests.conftest import database_state, unit_named


@pytest.fixture
def admin(demo: dict[str, Municipality]) -> User:
    return User.objects.get(username="admin")


def _update(unit: OrgUnit, actor: User, **changes: object) -> OrgUnit:
    fields: dict[str, object] = {
        "name": unit.name,
        "kind": unit.kind,
        "parent": unit.parent,
        "description": unit.description,
    }
    fields.update(changes)
    return org_unit_update(actor=actor, unit=unit, **fields)  # type: ignore[arg-type]


def test_a_rename_is_recorded_with_who_and_the_old_name(
    stavanger: Municipality, admin: User
) -> None:
    unit = unit_named(stavanger, "Systemforvaltning")

    _update(unit, admin, name="Systemforvaltning og integrasjon")

    latest = unit.history.first()
    assert (latest.history_type, latest.history_user) == ("~", admin)
    assert (latest.prev_record.name, latest.name) == (
        "Systemforvaltning",
        "Systemforvaltning og integrasjon",
    )


def test_a_department_moves_to_another_service_area_with_its_sections(
    stavanger: Municipality, admin: User
) -> None:
    it = unit_named(stavanger, "IT-avdelingen")
    target = unit_named(stavanger, "Innbygger- og samfunnskontakt")

    _update(it, admin, parent=target)

    assert OrgUnit.objects.get(pk=it.pk).parent == target
    assert it.children.count() == 4


def test_refuses_to_place_a_unit_under_itself(stavanger: Municipality, admin: User) -> None:
    it = unit_named(stavanger, "IT-avdelingen")
    before = database_state()

    with pytest.raises(ValidationError) as error:
        _update(it, admin, parent=it)

    assert "parent" in error.value.message_dict
    assert database_state() == before


def test_refuses_to_place_a_unit_under_its_own_descendant(
    stavanger: Municipality, admin: User
) -> None:
    area = unit_named(stavanger, "Innovasjon og støttetjenester")
    before = database_state()

    with pytest.raises(ValidationError) as error:
        _update(area, admin, kind=UnitKind.UNIT, parent=unit_named(stavanger, "IT-administrasjon"))

    assert "parent" in error.value.message_dict
    assert database_state() == before


def test_refuses_a_kind_its_children_no_longer_fit_under(
    stavanger: Municipality, admin: User
) -> None:
    it = unit_named(stavanger, "IT-avdelingen")  # a department with four sections
    before = database_state()

    with pytest.raises(ValidationError):
        _update(it, admin, kind=UnitKind.SECTION)

    assert database_state() == before


def test_refuses_a_service_area_below_the_top(stavanger: Municipality, admin: User) -> None:
    area = unit_named(stavanger, "Oppvekst og utdanning")
    before = database_state()

    with pytest.raises(ValidationError) as error:
        _update(area, admin, parent=unit_named(stavanger, "Helse og velferd"))

    assert "parent" in error.value.message_dict
    assert database_state() == before


def test_refuses_a_department_at_the_top(stavanger: Municipality, admin: User) -> None:
    before = database_state()

    with pytest.raises(ValidationError) as error:
        _update(unit_named(stavanger, "Smartby"), admin, parent=None)

    assert "parent" in error.value.message_dict
    assert database_state() == before


def test_refuses_a_parent_in_another_municipality(
    stavanger: Municipality, bergen: Municipality, admin: User
) -> None:
    before = database_state()

    with pytest.raises(ValidationError) as error:
        _update(unit_named(stavanger, "Smartby"), admin, parent=unit_named(bergen, "Finans"))

    assert "parent" in error.value.message_dict
    assert database_state() == before


def test_refuses_the_name_of_a_sibling(stavanger: Municipality, admin: User) -> None:
    before = database_state()

    with pytest.raises(ValidationError) as error:
        _update(unit_named(stavanger, "Systemforvaltning"), admin, name="Drift og forvaltning")

    assert "name" in error.value.message_dict
    assert database_state() == before


def test_refuses_the_name_of_another_service_area(stavanger: Municipality, admin: User) -> None:
    before = database_state()

    with pytest.raises(ValidationError) as error:
        _update(unit_named(stavanger, "Helse og velferd"), admin, name="Oppvekst og utdanning")

    assert "name" in error.value.message_dict
    assert database_state() == before


def test_refuses_a_move_next_to_a_unit_with_the_same_name(
    stavanger: Municipality, admin: User
) -> None:
    e_health = unit_named(stavanger, "E-helse og velferdsteknologi")
    twin = OrgUnit.objects.create(
        municipality=stavanger, parent=e_health, kind=UnitKind.SECTION, name="Systemforvaltning"
    )
    before = database_state()

    with pytest.raises(ValidationError) as error:
        _update(twin, admin, parent=unit_named(stavanger, "IT-avdelingen"))

    assert "name" in error.value.message_dict
    assert database_state() == before
