"""Mine filer: an export asked for in the page, made by the worker, told to the one who asked
and fetched by them alone; a file that could not be made says why; expired files are gone."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook  # type: ignore[import-untyped]

from helhet.accounts.models import Membership, User
from helhet.files.models import PreparedFile, Status
from helhet.files.services import MadeFile, file_storage, prepared_file_make, prepared_file_request
from helhet.files.tasks import delete_expired_files
from helhet.notifications.models import Notification
from helhet.organization.models import Municipality
from helhet.portfolio.tasks import make_portfolio_export, portfolio_export_file
from tests.api.portfolio_helpers import make_initiative
from tests.notifications.helpers import run_waiting_jobs

Events = Callable[[], list[dict[str, Any]]]


def test_an_export_is_made_by_the_worker_told_and_fetched_by_the_one_who_asked_alone(
    stavanger: Municipality, login: Callable[[str], Client], security_log: Events
) -> None:
    make_initiative(stavanger, "Digital trygghetsalarm")
    make_initiative(stavanger, "Aktiv kommune", kind="activity")
    reader = login("leser")

    # The overview's button posts with the page's filters and lands on Mine filer.
    response = reader.post("/portefolje/eksport/xlsx/?kind=project")
    assert (response.status_code, response["Location"]) == (302, "/filer/")
    assert reader.post("/portefolje/eksport/xlsx/?kind=project").status_code == 302
    prepared = PreparedFile.objects.get()  # asking twice while it is made: one file, one job
    assert DBTaskResult.objects.count() == 1
    page = reader.get("/filer/").content.decode()
    assert "Porteføljen som regneark (.xlsx)" in page
    assert "Lages …" in page
    assert 'id="files-refresh"' in page  # looking again works without JavaScript
    assert f"/filer/{prepared.pk}/" not in page

    assert run_waiting_jobs() == ["helhet.portfolio.tasks.make_portfolio_export"]
    prepared.refresh_from_db()
    today = timezone.localdate().isoformat()
    assert prepared.status == Status.READY
    assert prepared.filename == f"helhet-portefolje-stavanger-{today}.xlsx"
    (told,) = Notification.objects.all()
    assert told.recipient.username == "leser"
    assert (told.text, told.link) == (f"Filen din er klar: {prepared.filename}", "/filer/")

    page = reader.get("/filer/").content.decode()
    assert f'href="/filer/{prepared.pk}/"' in page
    assert "Lages …" not in page and 'id="files-refresh"' not in page
    download = reader.get(f"/filer/{prepared.pk}/")
    assert download["Content-Disposition"] == f'attachment; filename="{prepared.filename}"'
    assert download["Cache-Control"] == "private, no-store"
    sheet = load_workbook(io.BytesIO(download.getvalue())).worksheets[0]
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        "Digital trygghetsalarm"
    ]
    reader_id = User.objects.get(username="leser").pk
    exports = [e for e in security_log() if e["event"] == "export.personal_data"]
    assert [(e["via"], e["user_id"], e["export"]) for e in exports] == [
        ("job", reader_id, "portfolio.xlsx"),
        ("download", reader_id, "portfolio.xlsx"),
    ]

    # Nobody else reaches it: another person here, another municipality.
    for other in ("admin", "bergen-admin"):
        client = login(other)
        assert client.get(f"/filer/{prepared.pk}/").status_code == 404
        assert prepared.filename not in client.get("/filer/").content.decode()

    # Expired: gone for its owner too, before the daily job has deleted it.
    PreparedFile.objects.filter(pk=prepared.pk).update(expires_at=timezone.now())
    assert reader.get(f"/filer/{prepared.pk}/").status_code == 404
    assert prepared.filename not in reader.get("/filer/").content.decode()


def _asked(username: str = "leser") -> PreparedFile:
    membership = Membership.objects.get(user__username=username, municipality__slug="stavanger")
    return prepared_file_request(
        membership=membership,
        kind="portfolio.csv",
        title="Porteføljen som CSV",
        parameters={"format": "csv", "query": ""},
        personal_data=True,
        job=make_portfolio_export,
    )


def test_a_file_that_could_not_be_made_shows_why_and_is_not_fetched(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    def refused(prepared: PreparedFile, membership: Membership) -> MadeFile:
        raise ValidationError("Fondet <b>finnes</b> ikke lenger.")

    def broken(prepared: PreparedFile, membership: Membership) -> MadeFile:
        raise RuntimeError("disk full")

    first = _asked()
    assert prepared_file_make(file_id=first.pk, make=refused) == Status.FAILED
    # Made again (a job run twice): left alone.
    assert prepared_file_make(file_id=first.pk, make=refused) == ""
    second = PreparedFile.objects.get(pk=_asked().pk)
    with pytest.raises(RuntimeError):  # the job's own record keeps the error for the operator
        prepared_file_make(file_id=second.pk, make=broken)

    page = login("leser").get("/filer/").content.decode()
    assert "Mislyktes" in page
    assert "Fondet &lt;b&gt;finnes&lt;/b&gt; ikke lenger." in page
    assert "Noe gikk galt da filen ble laget. Prøv igjen senere." in page
    assert login("leser").get(f"/filer/{first.pk}/").status_code == 404
    assert [n.text for n in Notification.objects.order_by("pk")] == [
        "Filen din kunne ikke lages: Porteføljen som CSV"
    ] * 2


def test_the_daily_job_deletes_expired_files_and_their_bytes(
    stavanger: Municipality, django_capture_on_commit_callbacks: Any
) -> None:
    assert ("prepared_files_expired", "helhet.files.tasks.delete_expired_files", "03:30") in (
        settings.HELHET_SCHEDULE
    )
    old, new = _asked("leser"), _asked("admin")
    for prepared in (old, new):
        prepared_file_make(file_id=prepared.pk, make=portfolio_export_file)
    old.refresh_from_db()
    assert file_storage().exists(old.stored_name)
    PreparedFile.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    never_made = _asked("portefolje")  # no worker took it (or one stopped while making it)
    PreparedFile.objects.filter(pk=never_made.pk).update(
        requested_at=timezone.now() - timedelta(hours=3)
    )

    with django_capture_on_commit_callbacks(execute=True):  # the bytes go once it is committed
        assert delete_expired_files.call() == 1

    assert set(PreparedFile.objects.values_list("pk", flat=True)) == {new.pk, never_made.pk}
    assert not file_storage().exists(old.stored_name)
    never_made.refresh_from_db()
    assert never_made.status == Status.FAILED
    assert never_made.reason == "Filen ble ikke laget i tide. Be om den på nytt."
