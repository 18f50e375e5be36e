"""import_service_maturity from an .xlsx: the same table, headers in Norwegian or English, the
same checks, limits and all-or-nothing as a CSV; and the templates to fill in."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from helhet.maturity.imports import COLUMN_HEADERS, import_service_maturity
from helhet.maturity.models import Answer, Assessment, Service
from helhet.organization.models import Municipality
from tests.conftest import database_state
from tests.maturity.matrix_catalogue import catalogue_area
from tests.portfolio.exchange_files import read_xlsx, xlsx_file

DATA = Path(__file__).resolve().parents[2] / "helhet/demo/data/service-maturity-stavanger-2021.csv"
ON = date(2021, 6, 30)
AREAS = ("Oppvekst og utdanning", "Helse og velferd", "Plan, bygg og geodata")
NORWEGIAN = [
    "Tjenesteområde",
    "Tjeneste",
    "Elektronisk søknad",
    "Elektronisk overføring",
    "Elektronisk svar",
]


@pytest.fixture
def areas(stavanger: Municipality) -> None:
    for name in AREAS:
        catalogue_area(stavanger, name)


def _audit_rows() -> list[list[str]]:
    """The audit's table with the Norwegian column names."""
    records = list(csv.reader(io.StringIO(DATA.read_text(encoding="utf-8-sig"))))
    return [NORWEGIAN, *records[1:]]


def test_an_xlsx_with_norwegian_headers_imports_like_the_csv(
    stavanger: Municipality, areas: None
) -> None:
    result = import_service_maturity(
        municipality=stavanger, data=xlsx_file(_audit_rows()), assessed_on=ON, name="tabell.xlsx"
    )

    assert (result.services_created, result.assessments) == (24, 24)
    yes = Assessment.objects.filter(municipality=stavanger, assessed_on=ON)
    assert yes.filter(application=Answer.YES).count() == 11
    assert yes.filter(transfer=Answer.YES).count() == 2
    assert yes.filter(answer=Answer.YES).count() == 16
    assert yes.get(service__name="Byggesøknad").application_comment == "Ja - nasjonal løsning"


def test_a_bad_row_in_an_xlsx_writes_nothing(stavanger: Municipality, areas: None) -> None:
    rows = [*_audit_rows(), ["Kultur", "Bibliotekkort", "Ja", "Ja", "Ja"]]
    before = database_state()

    with pytest.raises(ValidationError) as refused:
        import_service_maturity(
            municipality=stavanger, data=xlsx_file(rows), assessed_on=ON, name="tabell.xlsx"
        )

    assert database_state() == before
    assert len(refused.value.messages) == 1
    assert "Tjenesteområde" in refused.value.messages[0]
    assert not Service.objects.filter(municipality=stavanger).exists()


@pytest.mark.parametrize(
    "data", [b"%PDF-1.4 not a workbook", b"PK\x03\x04 not a zip at all", b"a;b\n1;2\n"]
)
def test_a_file_named_xlsx_that_is_not_a_workbook_is_refused(
    stavanger: Municipality, areas: None, data: bytes
) -> None:
    with pytest.raises(ValidationError) as refused:
        import_service_maturity(
            municipality=stavanger, data=data, assessed_on=ON, name="tabell.xlsx"
        )
    assert "regneark" in refused.value.messages[0] or "spreadsheet" in refused.value.messages[0]


def test_the_column_headers_are_norwegian() -> None:
    assert list(COLUMN_HEADERS.values()) == NORWEGIAN


@pytest.mark.parametrize("extension", ["xlsx", "csv"])
def test_the_template_has_the_norwegian_headers_and_one_example_row(
    stavanger: Municipality, login: Callable[[str], Client], extension: str
) -> None:
    response = login("portefolje").get(f"/tjenester/import/mal.{extension}")

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    if extension == "xlsx":
        rows = read_xlsx(response.content)
    else:
        text = response.content.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == NORWEGIAN
    assert len(rows) == 2 and all(rows[1])


def test_the_upload_page_names_the_columns_and_offers_the_templates(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    html = login("portefolje").get("/tjenester/import/").content.decode()

    for header in NORWEGIAN:
        assert header in html
    assert 'href="/tjenester/import/mal.xlsx"' in html
    assert 'href="/tjenester/import/mal.csv"' in html
    (file_input,) = re.findall(r'<input[^>]*id="id_file"[^>]*>', html)
    assert 'accept=".xlsx,.csv' in file_input


def test_the_upload_page_takes_an_xlsx(
    stavanger: Municipality, areas: None, login: Callable[[str], Client]
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = login("portefolje").post(
        "/tjenester/import/",
        {
            "file": SimpleUploadedFile("tabell.xlsx", xlsx_file(_audit_rows())),
            "assessed_on": "2021-06-30",
            "source": "",
        },
    )

    assert response.status_code == 200
    assert len(response.context["preview"].rows) == 24
