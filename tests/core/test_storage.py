"""No state on a web node's own disk: uploads and pending imports go through Django's storage API
(helhet/core/storage.py), so with another storage configured (here Django's in-memory one, as an
object store would be) nothing is written to the upload folder or MEDIA_ROOT, and an uploaded
file comes back from the storage when downloaded."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from helhet.core.storage import KEPT_STORAGES, kept_storage, stored_names
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative, PendingImport
from tests.documents import files
from tests.documents.helpers import open_document, requirement_named
from tests.portfolio.exchange_files import HEADERS, xlsx_file
from tests.projects.matrix_projects import project


def test_uploads_and_imports_live_in_the_configured_storage_not_on_the_nodes_disk(
    stavanger: Municipality,
    login: Callable[[str], Client],
    settings: Settings,
    tmp_path: Path,
    upload_dir: Path,
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    memory = {"BACKEND": "django.core.files.storage.InMemoryStorage"}
    settings.STORAGES = {**settings.STORAGES, "default": memory, "uploads": memory}
    initiative = project(stavanger, "Trygghetsalarm")
    document = open_document(initiative, requirement_named(initiative, "Mandat for konseptfasen"))
    leader = login("prosjektleder")

    pdf = files.pdf()
    uploaded = leader.post(
        f"/dokumenter/{document.pk}/last-opp/", {"file": files.upload("mandat.pdf", pdf)}
    )
    assert uploaded.status_code == 302
    version = document.versions.get()
    assert list(stored_names(kept_storage("uploads"))) == [version.stored_name]
    download = leader.get(reverse("documents:version_download", args=[version.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == pdf  # type: ignore[attr-defined]

    office = login("portefolje")
    rows = [HEADERS, ["RPA", "prosjekt", "IT-avdelingen"]]
    upload = SimpleUploadedFile("tiltak.xlsx", xlsx_file(rows), "application/octet-stream")
    preview = office.post(reverse("portfolio:import_upload"), {"file": upload})
    token = re.search(r'name="token" value="([0-9a-f]{32})"', preview.content.decode())
    assert token, preview.content.decode()
    assert list(stored_names(kept_storage("default"))) == [f"imports/{token.group(1)}"]
    confirmed = office.post(reverse("portfolio:import_confirm"), {"token": token.group(1)})
    assert confirmed.status_code == 302
    assert Initiative.objects.filter(municipality=stavanger, name="RPA").exists()
    assert list(stored_names(kept_storage("default"))) == []
    assert PendingImport.objects.get(token=token.group(1)).claimed_at is not None

    assert not upload_dir.exists() and not (tmp_path / "media").exists()
    assert set(KEPT_STORAGES) == {"default", "uploads"}


def test_a_django_storages_backend_from_the_environment_holds_both_storages_under_prefixes() -> (
    None
):
    """HELHET_FILE_STORAGE and its JSON options (docs/deployment.md, "More than one machine"):
    both storages on that backend, as the prefixes uploads/ and media/ of one bucket. Django's
    in-memory storage stands in for S3Storage or AzureStorage (both take ``location``)."""
    code = (
        "import django; django.setup(); from django.core.files.storage import storages; "
        "print(type(storages['uploads']).__name__, storages['uploads'].base_location, "
        "storages['default'].base_location, storages['default'].base_url)"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "HELHET_FILE_STORAGE": "django.core.files.storage.InMemoryStorage",
        "HELHET_FILE_STORAGE_OPTIONS": '{"base_url": "/filer/"}',
    }
    shown = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert shown.stdout.split() == ["InMemoryStorage", "uploads", "media", "/filer/"]
