"""Recording an assessment on a service's page: the three answers with comments and the date
(today unless changed), a date again replaces that assessment, a bad form changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from django.test import Client
from django.utils import timezone

from helhet.maturity.imports import import_service_maturity
from helhet.maturity.models import Answer, Service
from helhet.organization.models import Municipality
from tests.conftest import database_state
from tests.maturity.matrix_catalogue import catalogue_area, catalogue_service
from tests.portfolio.exchange_files import csv_file, t

Login = Callable[[str], Client]

FORM = {
    "assessed_on": "2024-06-30",
    "application": Answer.YES,
    "application_comment": "",
    "transfer": Answer.PARTLY,
    "transfer_comment": "Søknader fra foresatte uten fødselsnummer registreres manuelt.",
    "answer": Answer.YES,
    "answer_comment": "",
    "source": "Egenvurdering 2024",
}


def test_the_form_starts_today_with_the_previous_answers(
    stavanger: Municipality, login: Login
) -> None:
    service = catalogue_service(stavanger)  # yes, yes, yes in 2021

    form = login("portefolje").get(f"/tjenester/{service.pk}/vurdering/").context["form"]

    assert form.initial["assessed_on"] == timezone.localdate()
    assert (form.initial["application"], form.initial["transfer"]) == (Answer.YES, Answer.YES)
    assert "source" not in form.initial  # the 2021 audit is not the source of a new one


def test_the_form_offers_no_not_classified_answer(stavanger: Municipality, login: Login) -> None:
    service = catalogue_service(stavanger)

    form = login("portefolje").get(f"/tjenester/{service.pk}/vurdering/").context["form"]

    assert Answer.UNCLASSIFIED not in [value for value, _label in form.fields["transfer"].choices]


def test_the_portfolio_office_records_an_assessment(stavanger: Municipality, login: Login) -> None:
    service = catalogue_service(stavanger)

    response = login("portefolje").post(f"/tjenester/{service.pk}/vurdering/", FORM)

    assert response.status_code == 302
    assert response["Location"] == f"/tjenester/{service.pk}/"
    assessment = service.assessments.get(assessed_on=date(2024, 6, 30))
    assert assessment.transfer == Answer.PARTLY
    assert assessment.transfer_comment == FORM["transfer_comment"]
    assert assessment.recorded_by is not None and assessment.recorded_by.username == "portefolje"
    assert service.assessments.count() == 2


def test_an_answer_left_out_is_refused_and_nothing_changes(
    stavanger: Municipality, login: Login
) -> None:
    service = catalogue_service(stavanger)
    client = login("portefolje")
    before = database_state()

    response = client.post(f"/tjenester/{service.pk}/vurdering/", {**FORM, "answer": ""})

    assert response.status_code == 400
    assert t("Choose yes, no, unsure or partly.") in response.content.decode()
    assert database_state() == before


def test_a_date_in_the_future_is_refused(stavanger: Municipality, login: Login) -> None:
    service = catalogue_service(stavanger)
    client = login("portefolje")
    before = database_state()
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()

    response = client.post(f"/tjenester/{service.pk}/vurdering/", {**FORM, "assessed_on": tomorrow})

    assert response.status_code == 400
    assert t("The date cannot be in the future.") in response.content.decode()
    assert database_state() == before


def test_an_unclassified_answer_is_classified_by_recording_its_date_again(
    stavanger: Municipality, login: Login
) -> None:
    catalogue_area(stavanger, "Plan, bygg og geodata")
    header = [
        "service_area",
        "service",
        "electronic_application",
        "electronic_transfer",
        "electronic_answer",
    ]
    import_service_maturity(
        municipality=stavanger,
        data=csv_file(
            [header, ["Plan, bygg og geodata", "Rørleggermelding", "Nei", "Kommer pr. post.", "Ja"]]
        ),
        assessed_on=date(2021, 6, 30),
    )
    service = Service.objects.get(name="Rørleggermelding")
    client = login("portefolje")

    form = client.get(f"/tjenester/{service.pk}/vurdering/?date=2021-06-30").context["form"]
    assert form.initial["assessed_on"] == date(2021, 6, 30)
    assert "transfer" not in form.initial  # the person chooses
    assert form.initial["transfer_comment"] == "Kommer pr. post."

    client.post(
        f"/tjenester/{service.pk}/vurdering/",
        {
            **FORM,
            "assessed_on": "2021-06-30",
            "application": "no",
            "transfer": "no",
            "transfer_comment": "Kommer pr. post.",
        },
    )

    assessment = service.assessments.get()
    assert (assessment.transfer, assessment.transfer_comment) == (Answer.NO, "Kommer pr. post.")
    assert assessment.history.count() == 2
