"""Confirming one import several times at once (a double click, two windows): exactly one
confirmation imports the file, the others are told it is already imported, in Norwegian, and
nothing is written twice. Also when a confirmation comes after the import has finished.

Threads on a database that commits (a SQLite file or PostgreSQL), as in
tests/api/test_parallel_writes.py."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from helhet.accounts.models import User
from helhet.demo.municipalities import build_demo
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative
from tests.api.test_parallel_writes import _in_parallel
from tests.portfolio.exchange_files import HEADERS, xlsx_file

pytestmark = pytest.mark.django_db(transaction=True)

UPLOAD = reverse("portfolio:import_upload")
CONFIRM = reverse("portfolio:import_confirm")
ROWS = [
    HEADERS,
    ["RPA", "prosjekt", "IT-avdelingen"],
    ["Datasjø", "program", "Innovasjon og digitalisering"],
]
ALREADY = (
    "Denne filen er allerede importert, eller den importeres nå fra et annet vindu. Se "
    "porteføljeoversikten før du laster den opp på nytt."
)


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def stavanger() -> Municipality:
    if not Municipality.objects.filter(slug="stavanger").exists():
        build_demo()
    return Municipality.objects.get(slug="stavanger")


def _client() -> Client:
    client = Client()
    client.force_login(User.objects.get(username="portefolje"))
    return client


def _uploaded_token(client: Client) -> str:
    upload = SimpleUploadedFile("tiltak.xlsx", xlsx_file(ROWS), "application/octet-stream")
    response = client.post(UPLOAD, {"file": upload})
    assert response.status_code == 200, response.content.decode()
    match = re.search(r'name="token" value="([0-9a-f]{32})"', response.content.decode())
    assert match
    return match.group(1)


def _told_already_imported(response: Any) -> bool:
    return response.status_code == 409 and ALREADY in response.content.decode()


def test_three_parallel_confirmations_import_once_and_tell_the_others(
    stavanger: Municipality,
) -> None:
    clients = [_client() for _ in range(3)]
    token = _uploaded_token(clients[0])

    results = _in_parallel(3, lambda index: clients[index].post(CONFIRM, {"token": token}))

    assert not [r for r in results if isinstance(r, Exception)], results
    assert sorted(r.status_code for r in results) == [302, 409, 409]
    assert all(_told_already_imported(r) for r in results if r.status_code != 302)
    names = Initiative.objects.filter(municipality=stavanger).values_list("name", flat=True)
    assert sorted(names) == ["Datasjø", "RPA"]


def test_confirming_again_after_the_import_tells_it_is_already_imported(
    stavanger: Municipality,
) -> None:
    client = _client()
    token = _uploaded_token(client)
    assert client.post(CONFIRM, {"token": token}).status_code == 302

    again = client.post(CONFIRM, {"token": token})

    assert _told_already_imported(again)
    assert Initiative.objects.filter(municipality=stavanger).count() == 2
