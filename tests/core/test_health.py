"""The health checks a load balancer and a monitor ask: ``/helse/`` (liveness: the process
answers, no database) and ``/helse/klar/`` (readiness: database, migrations, static files, job
queue, one JSON entry each; 503 when one fails). Neither needs a login or redirects to HTTPS."""

from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import DatabaseError
from django.test import Client
from django_tasks_db.models import DBTaskResult
from pytest_django.fixtures import Settings

from helhet.core import health
from helhet.core.tasks import clear_expired_sessions


def _checks(response: object) -> dict[str, dict[str, object]]:
    return {check["name"]: check for check in response.json()["checks"]}  # type: ignore[attr-defined]


def test_liveness_answers_without_the_database() -> None:
    # No database fixture: any query would raise.
    response = Client().get("/helse/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_both_checks_answer_over_plain_http_when_pages_redirect_to_https(
    settings: Settings, db: None
) -> None:
    settings.SECURE_SSL_REDIRECT = True
    client = Client()

    assert client.get("/logg-inn/").status_code == 301
    assert client.get("/helse/").status_code == 200
    assert client.get("/helse/klar/").status_code == 200


def test_readiness_passes_and_counts_the_jobs_waiting(
    db: None, django_capture_on_commit_callbacks: Callable[..., object]
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        clear_expired_sessions.enqueue()
        clear_expired_sessions.enqueue()

    response = Client().get("/helse/klar/")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    checks = _checks(response)
    assert list(checks) == ["database", "migrations", "static", "job_queue"]
    assert all(check["ok"] for check in checks.values())
    assert checks["job_queue"]["figures"]["waiting"] == 2  # type: ignore[index]
    assert checks["job_queue"]["figures"]["oldest_waiting_seconds"] >= 0  # type: ignore[index]
    assert django_settings.SECRET_KEY not in response.content.decode()


def _failing_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    class Down:
        def cursor(self) -> object:
            raise DatabaseError("connection refused")

    monkeypatch.setattr(health, "connection", Down())


def _pending_migration(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(health, "_migrations_applied", False)
    monkeypatch.setattr(
        health.MigrationExecutor, "migration_plan", lambda self, targets: [("migration", False)]
    )


def _no_manifest(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(health.settings, "DEBUG", False)
    monkeypatch.setattr(health, "missing_static_manifest", lambda: "static/staticfiles.json")


def _queue_table_gone(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def gone(self: object) -> object:
        raise DatabaseError('relation "django_tasks_database_dbtaskresult" does not exist')

    monkeypatch.setattr(type(DBTaskResult.objects.all()), "ready", gone)


@pytest.mark.parametrize(
    ("failing", "breaks"),
    [
        ("database", _failing_database),
        ("migrations", _pending_migration),
        ("static", _no_manifest),
        ("job_queue", _queue_table_gone),
    ],
)
def test_readiness_answers_503_naming_the_check_that_fails(
    failing: str,
    breaks: Callable[[pytest.MonkeyPatch, Path], None],
    db: None,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    breaks(monkeypatch, tmp_path)

    response = Client().get("/helse/klar/")

    assert response.status_code == 503
    assert response.json()["status"] == "failing"
    checks = _checks(response)
    failed = [name for name, check in checks.items() if not check["ok"]]
    # With the database down the migrations cannot be read either (unless already found applied).
    assert failed in ([failing], ["database", "migrations"])
    assert "connection refused" not in response.content.decode()
    assert "does not exist" not in response.content.decode()


def test_the_static_check_reads_collectstatics_manifest(settings: Settings, tmp_path: Path) -> None:
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    missing = health.check_static_manifest()
    (tmp_path / "staticfiles.json").write_text('{"paths": {}, "version": "1.1"}')
    present = health.check_static_manifest()

    assert (missing.ok, present.ok) == (False, True)
    assert "collectstatic" in missing.detail
