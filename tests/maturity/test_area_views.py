"""The service areas: the list and the form that keeps them."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from helhet.maturity.models import ServiceArea
from helhet.organization.models import Municipality
from tests.conftest import count_queries, database_state, unit_named
from tests.maturity.matrix_catalogue import catalogue_area
from tests.maturity.plan_helpers import import_audit
from tests.portfolio.exchange_files import t

Login = Callable[[str], Client]


def test_the_service_areas_are_listed_with_their_number_of_services(
    stavanger: Municipality, login: Login
) -> None:
    import_audit(stavanger)

    areas = login("leser").get("/tjenester/omrader/").context["areas"]

    assert [(a.name, a.service_count) for a in areas] == [
        ("Oppvekst og utdanning", 9),
        ("Helse og velferd", 10),
        ("Plan, bygg og geodata", 5),
    ]


def test_the_service_area_list_makes_the_same_number_of_queries_for_more_areas(
    stavanger: Municipality, login: Login
) -> None:
    client = login("leser")
    catalogue_area(stavanger, "Ett område")
    few = count_queries(client, "/tjenester/omrader/")
    for index in range(20):
        catalogue_area(stavanger, f"Område {index}")
    import_audit(stavanger)

    assert count_queries(client, "/tjenester/omrader/") == few


def test_the_portfolio_office_adds_a_service_area_tied_to_a_unit(
    stavanger: Municipality, login: Login
) -> None:
    unit = unit_named(stavanger, "Kultur")

    response = login("portefolje").post(
        "/tjenester/omrader/ny/",
        {"name": "Kultur og idrett", "org_unit": str(unit.pk), "position": "4"},
    )

    assert response.status_code == 302
    assert ServiceArea.objects.get(name="Kultur og idrett").org_unit == unit


def test_a_service_area_with_a_taken_name_is_refused(stavanger: Municipality, login: Login) -> None:
    catalogue_area(stavanger, "Helse og velferd")
    client = login("portefolje")
    before = database_state()

    response = client.post(
        "/tjenester/omrader/ny/", {"name": "HELSE OG VELFERD", "org_unit": "", "position": "0"}
    )

    assert response.status_code == 400
    assert t("There is already a service area with this name.") in response.content.decode()
    assert database_state() == before
