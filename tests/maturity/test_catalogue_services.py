"""service_area_create/update and service_create/update: names unique in the municipality
whatever the case (æ, ø and å too), units and areas of the municipality only, history kept."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from helhet.accounts.models import User
from helhet.maturity.models import Service, ServiceArea
from helhet.maturity.services.catalogue import (
    service_area_create,
    service_area_update,
    service_create,
    service_update,
)
from helhet.organization.models import Municipality
from tests.conftest import database_state, unit_named
from tests.maturity.matrix_catalogue import catalogue_area, catalogue_service
from tests.portfolio.exchange_files import t


def _messages(error: pytest.ExceptionInfo[ValidationError], field: str) -> list[str]:
    return error.value.message_dict[field]


def test_a_service_area_is_created_tied_to_a_unit(stavanger: Municipality) -> None:
    admin = User.objects.get(username="admin")
    unit = unit_named(stavanger, "Helse og velferd")

    area = service_area_create(
        actor=admin, municipality=stavanger, name=" Helse og velferd ", org_unit=unit, position=2
    )

    assert (area.name, area.org_unit, area.position) == ("Helse og velferd", unit, 2)
    assert area.history.get().history_user == admin


def test_a_service_area_name_is_unique_whatever_the_case(stavanger: Municipality) -> None:
    catalogue_area(stavanger, "Bolig og øvrige tjenester")

    with pytest.raises(ValidationError) as raised:
        service_area_create(actor=None, municipality=stavanger, name="BOLIG OG ØVRIGE TJENESTER")

    assert _messages(raised, "name") == [t("There is already a service area with this name.")]


def test_the_same_area_name_is_free_in_another_municipality(
    stavanger: Municipality, bergen: Municipality
) -> None:
    catalogue_area(stavanger, "Helse og velferd")

    area = service_area_create(actor=None, municipality=bergen, name="Helse og velferd")

    assert area.municipality == bergen


def test_a_service_area_cannot_be_tied_to_another_municipalitys_unit(
    stavanger: Municipality, bergen: Municipality
) -> None:
    before = database_state()

    with pytest.raises(ValidationError) as raised:
        service_area_create(
            actor=None,
            municipality=bergen,
            name="Helse",
            org_unit=unit_named(stavanger, "Helse og velferd"),
        )

    assert _messages(raised, "org_unit") == [t("Choose a unit in your municipality.")]
    assert database_state() == before


def test_a_service_area_is_renamed_and_the_history_says_so(stavanger: Municipality) -> None:
    area = catalogue_area(stavanger, "Oppvekst")

    service_area_update(actor=None, area=area, name="Oppvekst og utdanning", org_unit=None)

    assert ServiceArea.objects.get(pk=area.pk).name == "Oppvekst og utdanning"
    assert area.history.count() == 2


def test_a_service_is_created_with_its_facts(stavanger: Municipality) -> None:
    area = catalogue_area(stavanger)
    unit = unit_named(stavanger, "Barnehage")

    service = service_create(
        actor=None,
        municipality=stavanger,
        name="Barnehageplass",
        area=area,
        responsible_unit=unit,
        case_system="Public 360",
        national_solution="",
        yearly_volume=2400,
    )

    assert Service.objects.get(pk=service.pk).yearly_volume == 2400
    assert service.responsible_unit == unit


def test_a_service_name_is_unique_whatever_the_case_also_for_aeoeaa(
    stavanger: Municipality,
) -> None:
    catalogue_service(stavanger, "Byggesøknad")
    before = database_state()

    with pytest.raises(ValidationError) as raised:
        service_create(
            actor=None, municipality=stavanger, name="BYGGESØKNAD", area=catalogue_area(stavanger)
        )

    assert _messages(raised, "name") == [t("There is already a service with this name.")]
    assert database_state() == before


def test_a_service_keeps_its_own_name_when_changed(stavanger: Municipality) -> None:
    service = catalogue_service(stavanger, "Byggesøknad")

    service_update(
        actor=None,
        service=service,
        name="Byggesøknad",
        area=service.area,
        responsible_unit=None,
        case_system="Public 360",
    )

    assert Service.objects.get(pk=service.pk).case_system == "Public 360"


def test_a_service_cannot_be_renamed_to_anothers_name(stavanger: Municipality) -> None:
    catalogue_service(stavanger, "Hjemmehjelp")
    other = catalogue_service(stavanger, "Hjemmesykepleie")

    with pytest.raises(ValidationError) as raised:
        service_update(
            actor=None, service=other, name="hjemmehjelp", area=other.area, responsible_unit=None
        )

    assert _messages(raised, "name") == [t("There is already a service with this name.")]
    assert Service.objects.get(pk=other.pk).name == "Hjemmesykepleie"


def test_a_service_cannot_be_placed_in_another_municipalitys_area(
    stavanger: Municipality, bergen: Municipality
) -> None:
    area = catalogue_area(stavanger)
    before = database_state()

    with pytest.raises(ValidationError) as raised:
        service_create(actor=None, municipality=bergen, name="Startlån", area=area)

    assert _messages(raised, "area") == [t("Choose a service area of your municipality.")]
    assert database_state() == before


def test_a_service_needs_a_name(stavanger: Municipality) -> None:
    with pytest.raises(ValidationError) as raised:
        service_create(
            actor=None, municipality=stavanger, name="  ", area=catalogue_area(stavanger)
        )

    assert "name" in raised.value.message_dict
