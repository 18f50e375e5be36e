"""The catalogue page, a service's page, and the forms that keep services."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.test import Client
from django.utils.html import escape

from helhet.maturity.models import Answer, Service
from helhet.maturity.services.assessments import assessment_record
from helhet.maturity.services.catalogue import service_create
from helhet.organization.models import Municipality
from tests.conftest import count_queries, database_state, unit_named
from tests.maturity.matrix_catalogue import catalogue_area, catalogue_service
from tests.maturity.plan_helpers import import_audit
from tests.portfolio.exchange_files import t

Login = Callable[[str], Client]


def _add_services(municipality: Municipality, count: int, prefix: str = "Tjeneste") -> None:
    area = catalogue_area(municipality, f"{prefix} område")
    for index in range(count):
        service = service_create(
            actor=None,
            municipality=municipality,
            name=f"{prefix} {index:03d}",
            area=area,
            responsible_unit=unit_named(municipality, "Skole"),
        )
        for year in (2021, 2022):
            assessment_record(
                actor=None,
                service=service,
                assessed_on=date(year, 6, 30),
                application=Answer.YES,
                application_comment="",
                transfer=Answer.NO,
                transfer_comment="Registreres manuelt.",
                answer=Answer.YES,
                answer_comment="",
            )


# --- The catalogue ------------------------------------------------------------------------------


def test_the_catalogue_groups_the_services_by_area(stavanger: Municipality, login: Login) -> None:
    import_audit(stavanger)

    response = login("leser").get("/tjenester/")

    assert response.status_code == 200
    groups = response.context["groups"]
    assert [g.area.name for g in groups] == [
        "Oppvekst og utdanning",
        "Helse og velferd",
        "Plan, bygg og geodata",
    ]
    assert [len(g.entries) for g in groups] == [9, 10, 5]


def test_the_catalogue_shows_the_answers_in_words_and_where_a_service_stops(
    stavanger: Municipality, login: Login
) -> None:
    import_audit(stavanger)

    body = login("leser").get("/tjenester/").content.decode()

    # The transfer of Byggesøknad was not classified; its text shows with the tag.
    assert str(escape("Kommer inn i P360 og behandles derfra.")) in body
    assert t("Not classified") in body
    assert t("Full digital first choice") in body
    assert t("Electronic transfer to the case system") in body  # where most services stop


def test_the_catalogue_shows_the_newest_assessment(stavanger: Municipality, login: Login) -> None:
    service = catalogue_service(stavanger)  # yes, yes, yes in 2021
    assessment_record(
        actor=None,
        service=service,
        assessed_on=date(2024, 6, 30),
        application=Answer.YES,
        application_comment="",
        transfer=Answer.UNSURE,
        transfer_comment="Ny søknadsløsning fra høsten.",
        answer=Answer.YES,
        answer_comment="",
    )

    entry = login("leser").get("/tjenester/").context["groups"][0].entries[0]

    assert entry.newest.assessed_on == date(2024, 6, 30)
    assert entry.newest.transfer == Answer.UNSURE


def test_a_service_not_yet_assessed_says_so(stavanger: Municipality, login: Login) -> None:
    service_create(
        actor=None, municipality=stavanger, name="Startlån", area=catalogue_area(stavanger)
    )

    body = login("leser").get("/tjenester/").content.decode()

    assert "Startlån" in body
    assert t("Not assessed yet") in body


def test_the_catalogue_makes_the_same_number_of_queries_for_more_services(
    stavanger: Municipality, login: Login
) -> None:
    client = login("leser")
    _add_services(stavanger, 2)
    few = count_queries(client, "/tjenester/")
    import_audit(stavanger)
    _add_services(stavanger, 30, prefix="Flere")

    assert count_queries(client, "/tjenester/") == few


def test_the_catalogue_shows_only_the_own_municipality(
    stavanger: Municipality, login: Login
) -> None:
    catalogue_service(stavanger)

    body = login("bergen-admin").get("/tjenester/").content.decode()

    assert "Barnehageplass" not in body


def test_the_menu_leads_to_the_catalogue(login: Login) -> None:
    nav = login("leser").get("/").context["nav_items"]

    assert "/tjenester/" in [item["url"] for item in nav]


def test_a_reader_sees_no_buttons_to_change_the_catalogue(
    stavanger: Municipality, login: Login
) -> None:
    catalogue_service(stavanger)

    body = login("leser").get("/tjenester/").content.decode()

    assert 'href="/tjenester/ny/"' not in body
    assert 'href="/tjenester/import/"' not in body


# --- A service's page ---------------------------------------------------------------------------


def test_the_service_page_shows_the_facts_and_the_assessments_newest_first(
    stavanger: Municipality, login: Login
) -> None:
    service = catalogue_service(
        stavanger, case_system="Public 360", yearly_volume=2400, national_solution="ID-porten"
    )
    assessment_record(
        actor=None,
        service=service,
        assessed_on=date(2023, 6, 30),
        application=Answer.YES,
        application_comment="",
        transfer=Answer.PARTLY,
        transfer_comment="Bare søknader om plass.",
        answer=Answer.YES,
        answer_comment="",
    )

    response = login("leser").get(f"/tjenester/{service.pk}/")
    body = response.content.decode()

    assert "Public 360" in body and "ID-porten" in body and "2400" in body
    assert [row["assessment"].assessed_on for row in response.context["assessments"]] == [
        date(2023, 6, 30),
        date(2021, 6, 30),
    ]
    assert "Bare søknader om plass." in body
    assert body.index("30.06.2023") < body.index("30.06.2021")


def test_the_service_page_links_the_portfolio_office_to_record_an_assessment(
    stavanger: Municipality, login: Login
) -> None:
    service = catalogue_service(stavanger)
    link = f'href="/tjenester/{service.pk}/vurdering/"'

    assert link in login("portefolje").get(f"/tjenester/{service.pk}/").content.decode()
    assert link not in login("leser").get(f"/tjenester/{service.pk}/").content.decode()


def test_an_unclassified_answer_offers_to_classify_it(
    stavanger: Municipality, login: Login
) -> None:
    import_audit(stavanger)
    service = Service.objects.get(name="Byggesøknad")

    body = login("portefolje").get(f"/tjenester/{service.pk}/").content.decode()

    assert f'href="/tjenester/{service.pk}/vurdering/?date=2021-06-30"' in body
    assert t("Classify") in body


# --- Keeping services ---------------------------------------------------------------------------


def test_the_portfolio_office_adds_a_service(stavanger: Municipality, login: Login) -> None:
    area = catalogue_area(stavanger)

    response = login("portefolje").post(
        "/tjenester/ny/",
        {
            "name": "Skoleskyss",
            "area": str(area.pk),
            "responsible_unit": str(unit_named(stavanger, "Skole").pk),
            "case_system": "Public 360",
            "yearly_volume": "1200",
        },
    )

    service = Service.objects.get(name="Skoleskyss")
    assert response.status_code == 302
    assert response["Location"] == f"/tjenester/{service.pk}/"
    assert (service.area, service.yearly_volume) == (area, 1200)


def test_a_service_with_a_taken_name_is_refused_with_a_message(
    stavanger: Municipality, login: Login
) -> None:
    catalogue_service(stavanger)
    client = login("portefolje")
    before = database_state()

    response = client.post(
        "/tjenester/ny/", {"name": "barnehageplass", "area": str(catalogue_area(stavanger).pk)}
    )

    assert response.status_code == 400
    assert t("There is already a service with this name.") in response.content.decode()
    assert database_state() == before


def test_a_service_cannot_be_put_in_another_municipalitys_area(
    stavanger: Municipality, bergen: Municipality, login: Login
) -> None:
    area = catalogue_area(stavanger)
    client = login("bergen-admin")
    before = database_state()

    response = client.post("/tjenester/ny/", {"name": "Startlån", "area": str(area.pk)})

    assert response.status_code == 400
    assert database_state() == before


def test_the_portfolio_office_changes_a_service(stavanger: Municipality, login: Login) -> None:
    service = catalogue_service(stavanger)

    response = login("portefolje").post(
        f"/tjenester/{service.pk}/endre/",
        {"name": "Barnehageplass", "area": str(service.area_id), "national_solution": "Visma Flyt"},
    )

    assert response.status_code == 302
    assert Service.objects.get(pk=service.pk).national_solution == "Visma Flyt"


def test_the_new_service_form_says_when_there_is_no_service_area(
    stavanger: Municipality, login: Login
) -> None:
    body = login("portefolje").get("/tjenester/ny/").content.decode()

    assert t("A service belongs to a service area, and there is none yet.") in body
