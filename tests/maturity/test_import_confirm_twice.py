"""Confirming a maturity import twice (a double click, two windows; the parallel case is in
tests/portfolio/test_import_confirm_race.py, through the same claim): the second confirmation is
told the file is already imported, in Norwegian, and nothing is saved twice."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from helhet.maturity.models import Assessment
from helhet.organization.models import Municipality
from tests.maturity.matrix_catalogue import catalogue_area
from tests.maturity.test_import_views import AREAS, DATA, _upload

CONFIRM = "/tjenester/import/bekreft/"
FIELDS = {"assessed_on": "2021-06-30", "source": "Forvaltningsrevisjon 2021"}


def test_a_second_confirmation_is_told_the_file_is_already_imported(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    for name in AREAS:
        catalogue_area(stavanger, name)
    client = login("portefolje")
    token = _upload(client, DATA.read_bytes()).context["token"]
    assert client.post(CONFIRM, {"token": token, **FIELDS}).status_code == 302

    again = client.post(CONFIRM, {"token": token, **FIELDS})

    assert again.status_code == 409
    assert (
        "Denne filen er allerede importert, eller den importeres nå fra et annet vindu. Se "
        "tjenestene før du laster den opp på nytt." in again.content.decode()
    )
    assert Assessment.objects.filter(municipality=stavanger).count() == 24
