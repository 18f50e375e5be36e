"""Planning, changing and removing a step in the browser's pages, the steps on the service page,
and the services an initiative is to lift on the initiative's page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.test import Client

from helhet.maturity.models import PlannedStep, StepStatus
from helhet.maturity.services.catalogue import service_create
from helhet.organization.models import Municipality
from tests.conftest import count_queries, database_state
from tests.maturity.plan_helpers import areas, import_audit, initiative, service, step, user


def _create_url(municipality: Municipality, name: str = "Byggesøknad") -> str:
    return f"/tjenester/{service(municipality, name).pk}/steg/ny/"


def _form(**fields: object) -> dict[str, object]:
    return {
        "level": "2",
        "description": "Koble eByggeSak til Public 360",
        "initiative": "",
        "responsible": "",
        "due_date": "2025-06-30",
        "status": StepStatus.PLANNED,
        **fields,
    }


def test_step_form_starts_at_the_level_asked_for(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    import_audit(stavanger)

    html = login("portefolje").get(_create_url(stavanger), {"level": "2"}).content.decode()

    assert '<option value="2" selected>' in html


def test_step_form_offers_only_the_own_municipalitys_initiatives(
    stavanger: Municipality, bergen: Municipality, login: Callable[[str], Client]
) -> None:
    import_audit(stavanger)
    initiative(stavanger, "Byggesak i eByggeSak")
    initiative(bergen, "Bergens byggesak")

    html = login("portefolje").get(_create_url(stavanger)).content.decode()

    assert "Byggesak i eByggeSak" in html
    assert "Bergens byggesak" not in html


def test_planning_a_step_saves_it_and_returns_to_the_service(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    import_audit(stavanger)
    carrier = initiative(stavanger, "Byggesak i eByggeSak")
    target = service(stavanger, "Byggesøknad")

    response = login("portefolje").post(
        _create_url(stavanger),
        _form(initiative=str(carrier.pk), responsible=str(user("prosjektleder").pk)),
    )

    assert response.status_code == 302
    assert response["Location"] == f"/tjenester/{target.pk}/#planned-steps"
    created = PlannedStep.objects.get(service=target)
    assert (created.level, created.initiative, created.responsible, created.due_date) == (
        2,
        carrier,
        user("prosjektleder"),
        date(2025, 6, 30),
    )


def test_planning_a_step_from_the_plan_returns_to_the_plan(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    import_audit(stavanger)
    target = service(stavanger, "Byggesøknad")

    response = login("portefolje").post(
        _create_url(stavanger), _form(needs_initiative="on", next="plan")
    )

    assert response["Location"] == f"/tjenester/plan/#service-{target.pk}"


def test_a_step_with_both_an_initiative_and_needs_initiative_answers_400_and_saves_nothing(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    import_audit(stavanger)
    carrier = initiative(stavanger, "Byggesak i eByggeSak")
    client = login("portefolje")
    before = database_state()

    response = client.post(
        _create_url(stavanger), _form(initiative=str(carrier.pk), needs_initiative="on")
    )

    assert response.status_code == 400
    assert 'id="error-summary"' in response.content.decode()
    assert database_state() == before


def test_a_step_without_a_description_answers_400(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    import_audit(stavanger)
    client = login("portefolje")
    before = database_state()

    response = client.post(_create_url(stavanger), _form(description=""))

    assert response.status_code == 400
    assert database_state() == before


def test_a_step_with_another_municipalitys_initiative_answers_400(
    stavanger: Municipality, bergen: Municipality, login: Callable[[str], Client]
) -> None:
    import_audit(stavanger)
    foreign = initiative(bergen, "Bergens byggesak")
    client = login("portefolje")
    before = database_state()

    response = client.post(_create_url(stavanger), _form(initiative=str(foreign.pk)))

    assert response.status_code == 400
    assert database_state() == before


def test_a_step_with_a_responsible_from_another_municipality_answers_400(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    import_audit(stavanger)
    client = login("portefolje")
    before = database_state()

    response = client.post(_create_url(stavanger), _form(responsible=str(user("bergen-admin").pk)))

    assert response.status_code == 400
    assert database_state() == before


def test_changing_a_step_saves_the_change(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    import_audit(stavanger)
    planned = step(service(stavanger, "Byggesøknad"), 2, needs_initiative=True)

    response = login("admin").post(
        f"/tjenester/steg/{planned.pk}/endre/",
        _form(needs_initiative="on", status=StepStatus.IN_PROGRESS),
    )

    assert response.status_code == 302
    planned.refresh_from_db()
    assert (planned.status, planned.description) == (
        StepStatus.IN_PROGRESS,
        "Koble eByggeSak til Public 360",
    )


def test_removing_a_step_asks_first_then_removes_it(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    import_audit(stavanger)
    planned = step(service(stavanger, "Byggesøknad"), 2, "Lag et e-skjema", needs_initiative=True)
    client = login("portefolje")
    url = f"/tjenester/steg/{planned.pk}/fjern/"

    assert "Lag et e-skjema" in client.get(url).content.decode()
    assert PlannedStep.objects.filter(pk=planned.pk).exists()
    response = client.post(url)

    assert response.status_code == 302
    assert not PlannedStep.objects.filter(pk=planned.pk).exists()


def test_a_reader_may_not_plan_a_step(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    import_audit(stavanger)
    client = login("leser")
    before = database_state()

    response = client.post(_create_url(stavanger), _form(needs_initiative="on"))

    assert response.status_code == 403
    assert database_state() == before


# --- The service page and the initiative page ----------------------------------------------------


def test_service_page_shows_its_steps_and_the_gaps_without_one(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    import_audit(stavanger)
    target = service(stavanger, "Parkeringsbevis for forflytningshemmede")
    step(target, 1, "Lag et e-skjema i selvbetjeningsportalen", needs_initiative=True)

    html = login("portefolje").get(f"/tjenester/{target.pk}/").content.decode()

    section = html.split('id="planned-steps"', 1)[1].split("</section>", 1)[0]
    assert "Lag et e-skjema i selvbetjeningsportalen" in section
    assert f"/tjenester/{target.pk}/steg/ny/?level=2" in section
    assert f"/tjenester/{target.pk}/steg/ny/?level=3" not in section


def test_service_page_shows_no_planning_links_to_a_reader(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    import_audit(stavanger)
    target = service(stavanger, "Parkeringsbevis for forflytningshemmede")
    planned = step(target, 1, needs_initiative=True)

    html = login("leser").get(f"/tjenester/{target.pk}/").content.decode()

    assert "/steg/ny/" not in html
    assert f"/tjenester/steg/{planned.pk}/endre/" not in html


def test_initiative_page_shows_the_services_and_levels_it_is_to_lift(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    import_audit(stavanger)
    carrier = initiative(stavanger, "Byggesak i eByggeSak")
    step(service(stavanger, "Byggesøknad"), 2, "Koble eByggeSak til Public 360", initiative=carrier)
    step(service(stavanger, "Rørleggermelding"), 1, "Lag et e-skjema", initiative=carrier)

    html = login("leser").get(f"/portefolje/tiltak/{carrier.pk}/").content.decode()

    section = html.split('id="initiative-services"', 1)[1].split("</section>", 1)[0]
    assert "Byggesøknad" in section
    assert "Rørleggermelding" in section
    assert "Koble eByggeSak til Public 360" in section


def test_initiative_page_takes_the_same_queries_for_few_and_many_services(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    (area,) = areas(stavanger, ("Kultur",))
    carrier = initiative(stavanger, "Kulturtiltak")
    client = login("leser")
    url = f"/portefolje/tiltak/{carrier.pk}/"
    first = service_create(actor=None, municipality=stavanger, name="Tjeneste 0", area=area)
    step(first, 1, initiative=carrier)
    few = count_queries(client, url)
    for index in range(1, 20):
        more = service_create(
            actor=None, municipality=stavanger, name=f"Tjeneste {index}", area=area
        )
        step(more, 1, initiative=carrier)
        step(more, 2, initiative=carrier)

    assert count_queries(client, url) == few
