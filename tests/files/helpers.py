"""Helpers for tests of exports made on the job queue: ask for a file as the button does, let
the worker make it, and fetch it from Mine filer as its owner."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import FileResponse
from django.test import Client

from helhet.files.models import PreparedFile, Status
from tests.notifications.helpers import run_waiting_jobs


def ask_for(client: Client, url: str, query: dict[str, Any] | None = None) -> PreparedFile:
    """POST the export's button (with the page's filters in the query string), as the page
    does; the person lands on Mine filer and the file waits for the worker."""
    target = f"{url}?{urlencode(query, doseq=True)}" if query else url
    response = client.post(target)
    assert response.status_code == 302, response.status_code
    assert response["Location"] == "/filer/"
    prepared = PreparedFile.objects.order_by("-pk").first()
    assert prepared is not None
    return prepared


def fetch(client: Client, prepared: PreparedFile) -> FileResponse:
    """Download the owner's ready file from Mine filer."""
    response = client.get(f"/filer/{prepared.pk}/")
    assert response.status_code == 200, response.status_code
    assert isinstance(response, FileResponse)
    return response


def exported(client: Client, url: str, query: dict[str, Any] | None = None) -> FileResponse:
    """Ask for the export, run the job as the worker would, and fetch the file."""
    prepared = ask_for(client, url, query)
    run_waiting_jobs()
    prepared.refresh_from_db()
    assert prepared.status == Status.READY, prepared.reason
    return fetch(client, prepared)
