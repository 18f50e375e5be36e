"""Counts imported from a spreadsheet: a preview first, then all or nothing; an unknown
solution or unit, a count the unit may not record and a bad count are refused by row, and
nothing is written."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from helhet.adoption.models import AdoptionCount
from helhet.organization.models import Municipality
from tests.adoption.helpers import dispensers
from tests.conftest import database_state
from tests.portfolio.exchange_files import csv_file, xlsx_file

HEAD = ["Løsning", "Enhet", "Dato", "I bruk", "Grunnlag"]
NAME = "Medisindispensere (test)"


def _upload(client: Client, name: str, content: bytes) -> str:
    response = client.post(reverse("adoption:import"), {"file": SimpleUploadedFile(name, content)})
    return str(response.status_code) + response.content.decode()


def test_a_good_file_is_previewed_then_imported(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    _solution, hundvag, hinna = dispensers(stavanger)
    rows = [
        HEAD,
        [NAME, "Hundvåg hjemmebaserte tjenester", date(2024, 1, 31), 50, 120],
        [NAME, "hinna hjemmebaserte tjenester", "29.02.2024", "20", ""],
    ]
    office = login("portefolje")
    page = _upload(office, "tellinger.xlsx", xlsx_file(rows, sheet="Tellinger"))
    assert page.startswith("200") and "2 tellinger blir registrert" in page
    assert not AdoptionCount.objects.exists()
    token = page.split('name="token" value="')[1].split('"')[0]
    response = office.post(reverse("adoption:import_confirm"), {"token": token})
    assert response.status_code == 302
    counts = AdoptionCount.objects.order_by("counted_on")
    assert [(c.solution_unit_id, c.value, c.eligible, c.source) for c in counts] == [
        (hundvag.pk, 50, 120, "imported"),
        (hinna.pk, 20, 80, "imported"),
    ]
    # The same file again: the days are counted already, and nothing is written.
    again = _upload(office, "tellinger.xlsx", xlsx_file(rows, sheet="Tellinger"))
    assert again.startswith("400") and "allerede en telling" in again


def test_a_bad_file_is_refused_row_by_row_and_nothing_is_written(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    dispensers(stavanger)
    rows = [
        HEAD,
        ["Trygghetsalarmer", "Hundvåg hjemmebaserte tjenester", "31.01.2024", "5", ""],
        [NAME, "Madla hjemmebaserte tjenester", "31.01.2024", "5", ""],
        [NAME, "Hundvåg hjemmebaserte tjenester", "31.01.2024", "-3", ""],
        [NAME, "Hundvåg hjemmebaserte tjenester", "31.01.2030", "3", ""],
        [NAME, "Hinna hjemmebaserte tjenester", "31.01.2024", "90", ""],
        [NAME, "Hundvåg hjemmebaserte tjenester", "28.02.2024", "5", ""],
    ]
    # Hundvåg's leader counts for Hundvåg, not for Hinna.
    leader = login("gevinsteier")
    before = database_state()
    page = _upload(leader, "tellinger.csv", csv_file(rows))
    assert page.startswith("400")
    for told in (
        "Rad 2: Det finnes ingen løsning «Trygghetsalarmer»",
        "Rad 3: Det finnes ingen enhet «Madla hjemmebaserte tjenester»",
        "Rad 4, kolonne «I bruk»: En telling kan ikke være negativ",
        "Rad 5, kolonne «Dato»: En telling kan ikke dateres i fremtiden",
        "Rad 6: Bare de som jobber i Hinna hjemmebaserte tjenester",
    ):
        assert told in page.replace("&laquo;", "«").replace("&raquo;", "»"), told
    assert "Rad 7" not in page
    assert database_state() == before
