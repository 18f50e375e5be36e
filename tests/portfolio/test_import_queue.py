"""A large import (more rows to write than HELHET_IMPORT_QUEUE_ROWS) is written by the worker after
the confirmation, with the same checks as in the request, and the person is told when it is done
(or that nothing was written, and why)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from helhet.accounts.models import User
from helhet.notifications.models import Kind, Notification
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative
from tests.notifications.helpers import run_waiting_jobs
from tests.portfolio.conftest import MakeInitiative
from tests.portfolio.exchange_files import HEADERS, xlsx_file

UPLOAD = reverse("portfolio:import_upload")
CONFIRM = reverse("portfolio:import_confirm")
ROWS = [
    [*HEADERS, "Status"],
    ["RPA", "prosjekt", "IT-avdelingen", "aktiv"],
    ["Datasjø", "program", "Innovasjon og digitalisering", ""],
]


@pytest.fixture(autouse=True)
def _small_threshold(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path
    settings.HELHET_IMPORT_QUEUE_ROWS = 1  # two rows to write: the queue's


def _confirmed(client: Client) -> str:
    """Upload the file, confirm its preview; returns the pending file's token."""
    preview = client.post(UPLOAD, {"file": SimpleUploadedFile("tiltak.xlsx", xlsx_file(ROWS))})
    match = re.search(r'name="token" value="([0-9a-f]{32})"', preview.content.decode())
    assert match, "no confirm form"
    response = client.post(CONFIRM, {"token": match.group(1)})
    assert (response.status_code, response["Location"]) == (302, reverse("portfolio:overview"))
    return match.group(1)


def test_a_large_import_is_written_by_the_worker_and_told_when_done(
    login: Callable[[str], Client], stavanger: Municipality, tmp_path: Path
) -> None:
    client = login("portefolje")
    token = _confirmed(client)
    page = client.get(reverse("portfolio:overview")).content.decode()
    assert "tiltak.xlsx importeres nå: 2 nye tiltak, 0 endres, 0 uendret." in page
    assert not Initiative.objects.filter(municipality=stavanger).exists()
    # A second confirmation (a double click) is told the file is being imported.
    assert client.post(CONFIRM, {"token": token}).status_code == 409

    assert run_waiting_jobs() == ["helhet.portfolio.tasks.import_confirmed_file"]

    initiatives = Initiative.objects.filter(municipality=stavanger).order_by("name")
    assert [i.name for i in initiatives] == ["Datasjø", "RPA"]
    importer = User.objects.get(username="portefolje")
    assert {h.history_user for i in initiatives for h in i.history.all()} == {importer}
    (told,) = Notification.objects.filter(kind=Kind.IMPORT_DONE)
    assert (told.recipient, told.link) == (importer, "/portefolje/")
    assert told.text == "Importen av tiltak.xlsx er ferdig: 2 nye tiltak, 0 endret."
    assert not (tmp_path / "imports" / token).exists()


def test_a_large_import_writes_nothing_if_the_portfolio_changed_since_the_preview(
    login: Callable[[str], Client], stavanger: Municipality, make_initiative: MakeInitiative
) -> None:
    client = login("portefolje")
    token = _confirmed(client)
    make_initiative("Datasjø")  # registered by someone else meanwhile

    run_waiting_jobs()

    assert [i.name for i in Initiative.objects.filter(municipality=stavanger)] == ["Datasjø"]
    (told,) = Notification.objects.filter(kind=Kind.IMPORT_DONE)
    assert told.text == (
        "Porteføljen ble endret etter forhåndsvisningen av tiltak.xlsx: ingenting ble "
        "importert. Se den nye forhåndsvisningen."
    )
    assert told.link == f"{CONFIRM}?token={token}"
    # The link shows the file's preview as it is now, to confirm again or correct.
    assert client.get(told.link).status_code in (200, 400)
