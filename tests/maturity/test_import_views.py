"""The import page: upload a .csv with the date and source, see what would happen (or every
problem, and the answers that cannot be classified), confirm, and the assessments are saved."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from helhet.maturity.models import Answer, Assessment, Service
from helhet.organization.models import Municipality
from tests.conftest import database_state
from tests.maturity.matrix_catalogue import catalogue_area, catalogue_service
from tests.portfolio.exchange_files import csv_file, html, problem, t

Login = Callable[[str], Client]
DATA = Path(__file__).resolve().parents[2] / "helhet/demo/data/service-maturity-stavanger-2021.csv"
AREAS = ("Oppvekst og utdanning", "Helse og velferd", "Plan, bygg og geodata")


@pytest.fixture
def areas(stavanger: Municipality) -> None:
    for name in AREAS:
        catalogue_area(stavanger, name)


def _upload(client: Client, data: bytes, name: str = "tabell2.csv", **fields: str) -> Any:
    return client.post(
        "/tjenester/import/",
        {
            "file": SimpleUploadedFile(name, data, content_type="text/csv"),
            "assessed_on": "2021-06-30",
            "source": "Forvaltningsrevisjon 2021",
            **fields,
        },
    )


def test_the_preview_says_what_will_happen_and_writes_nothing(
    stavanger: Municipality, areas: None, login: Login
) -> None:
    client = login("portefolje")
    before = database_state()

    response = _upload(client, DATA.read_bytes())

    assert response.status_code == 200
    preview = response.context["preview"]
    assert (len(preview.rows), preview.new_services) == (24, 24)
    assert len(preview.unclassified) == 9
    assert html("Registreres manuelt.") in response.content.decode()
    assert database_state() == before


def test_confirming_imports_the_assessments(
    stavanger: Municipality, areas: None, login: Login
) -> None:
    client = login("portefolje")
    token = _upload(client, DATA.read_bytes()).context["token"]

    response = client.post(
        "/tjenester/import/bekreft/",
        {"token": token, "assessed_on": "2021-06-30", "source": "Forvaltningsrevisjon 2021"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/tjenester/"
    assessments = Assessment.objects.filter(municipality=stavanger)
    assert assessments.count() == 24
    assert assessments.filter(application=Answer.YES).count() == 11
    assert set(assessments.values_list("source", flat=True)) == {"Forvaltningsrevisjon 2021"}
    assert {a.recorded_by.username for a in assessments if a.recorded_by} == {"portefolje"}


def test_a_bad_file_shows_every_problem_and_nothing_to_confirm(
    stavanger: Municipality, areas: None, login: Login
) -> None:
    client = login("portefolje")
    header = [
        "service_area",
        "service",
        "electronic_application",
        "electronic_transfer",
        "electronic_answer",
    ]
    data = csv_file([header, ["Kultur", "Kulturkort", "Ja", "", "Ja"]])
    before = database_state()

    response = _upload(client, data)

    body = response.content.decode()
    assert response.status_code == 400
    assert (
        html(
            problem(
                2,
                "service_area",
                "There is no service area “%(name)s”. Create it under Service areas, or correct "
                "the name.",
                name="Kultur",
            )
        )
        in body
    )
    assert (
        html(
            problem(
                2,
                "electronic_transfer",
                "The answer is empty. Write Ja, Nei, Usikker or Delvis, or a comment.",
            )
        )
        in body
    )
    assert 'id="import-confirm"' not in body
    assert database_state() == before


def test_a_file_that_cannot_be_read_is_refused_with_a_message(
    stavanger: Municipality, areas: None, login: Login
) -> None:
    client = login("portefolje")

    response = _upload(client, "Bostøtte".encode("mac_roman") + b"\x81")

    assert response.status_code == 400
    assert (
        html(
            t(
                "The characters in the file could not be read. Save it as “CSV UTF-8” in Excel and "
                "import it again."
            )
        )
        in response.content.decode()
    )


def test_a_date_in_the_future_is_refused_on_the_form(
    stavanger: Municipality, areas: None, login: Login
) -> None:
    client = login("portefolje")
    before = database_state()

    response = _upload(client, DATA.read_bytes(), assessed_on="2999-01-01")

    assert response.status_code == 400
    assert t("The date cannot be in the future.") in response.content.decode()
    assert database_state() == before


def test_a_token_of_someone_else_imports_nothing(
    stavanger: Municipality, areas: None, login: Login
) -> None:
    token = _upload(login("portefolje"), DATA.read_bytes()).context["token"]
    client = login("admin")
    before = database_state()

    response = client.post(
        "/tjenester/import/bekreft/", {"token": token, "assessed_on": "2021-06-30", "source": ""}
    )

    assert response.status_code == 400
    assert t("The file to import was not found. Upload it again and check it.") in (
        response.content.decode()
    )
    assert not Service.objects.exists()
    assert database_state() == before


def test_the_upload_page_explains_the_format(login: Login) -> None:
    body = login("portefolje").get("/tjenester/import/").content.decode()

    assert "electronic_application" in body
    assert 'type="file"' in body


def test_one_new_service_among_several_is_said_in_the_singular(
    stavanger: Municipality, areas: None, login: Login
) -> None:
    catalogue_service(stavanger, "Barnehageplass", area=AREAS[0])
    header = [
        "service_area",
        "service",
        "electronic_application",
        "electronic_transfer",
        "electronic_answer",
    ]
    data = csv_file(
        [
            header,
            [AREAS[0], "Barnehageplass", "Ja", "Ja", "Ja"],
            [AREAS[0], "Skoleskyss", "Ja", "Ja", "Nei"],
        ]
    )
    client = login("portefolje")

    preview = _upload(client, data)
    token = preview.context["token"]
    confirmed = client.post(
        "/tjenester/import/bekreft/",
        {"token": token, "assessed_on": "2021-06-30", "source": "Forvaltningsrevisjon 2021"},
        follow=True,
    )

    for body in (preview.content.decode(), confirmed.content.decode()):
        assert "1 av dem er ny i katalogen" in body
        assert "1 nye" not in body
        assert "1 av dem nye" not in body
