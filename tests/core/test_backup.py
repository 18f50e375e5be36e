"""`manage.py backup` and `manage.py restore` (helhet/core/backup.py) on the database the suite runs
on (SQLite, and PostgreSQL in the PostgreSQL pass): a populated instance (the whole demo, an
uploaded document, an import waiting to be confirmed) backed up into one archive and restored
into an empty database and storage by another process, as an operator would on a new machine,
has every table's row count and content checksum and every file's checksum; a restore refuses an
instance that holds data unless told --replace, and with it puts back what changed since. The
nightly job (opt-in) keeps the newest archives; a backup records the migration state, and a
restore refuses code older than it.

Costs 10-20 s of wall time (~6 CPU-seconds): the demo is built and committed (a transactional
test), a `manage.py restore` process starts, and the database is read three times."""

from __future__ import annotations

import copy
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from pytest_django.fixtures import Settings

from helhet.accounts.models import Membership
from helhet.core import backup
from helhet.core.backup import current_manifest, migrations_missing_here, opened, read_manifest
from helhet.core.storage import kept_storage
from helhet.core.tasks import nightly_backup
from helhet.demo.adoption import build_adoption_demo
from helhet.demo.benefits.build import build_benefits_demo
from helhet.demo.fund import build_fund_demo
from helhet.demo.ideas import build_ideas_demo
from helhet.demo.learning import build_learning_demo
from helhet.demo.lessons import build_lessons_demo
from helhet.demo.maturity import build_maturity_demo
from helhet.demo.municipalities import build_demo
from helhet.demo.portfolio import build_portfolio_demo
from helhet.demo.projects import build_projects_demo
from helhet.documents.services import document_version_upload
from helhet.organization.models import Municipality
from helhet.portfolio.exchange import pending_save
from tests.documents import files
from tests.documents.helpers import open_document, requirement_named
from tests.projects.matrix_projects import project

pytestmark = pytest.mark.django_db(transaction=True)


def _whole_demo() -> Municipality:
    """The demo as `load_demo` builds it (the committed test database has its municipalities)."""
    if not Municipality.objects.filter(slug="stavanger").exists():
        build_demo()
    stavanger = Municipality.objects.get(slug="stavanger")
    build_portfolio_demo(stavanger, Municipality.objects.get(slug="bergen"))
    for build in (
        build_projects_demo,
        build_maturity_demo,
        build_benefits_demo,
        build_fund_demo,
        build_ideas_demo,
        build_adoption_demo,
        build_lessons_demo,
        build_learning_demo,
    ):
        build(stavanger)
    return stavanger


@pytest.fixture
def empty_database(tmp_path: Path) -> Iterator[str]:
    """The DATABASE_URL of an empty database on the same server (a new SQLite file, or a new
    PostgreSQL database dropped afterwards)."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"helhet_restore_{os.getpid()}"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    url = urlsplit(os.environ["DATABASE_URL"])
    try:
        yield urlunsplit(url._replace(path=f"/{name}"))
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _tables_of(url: str) -> dict[str, Any]:
    """Each table's rows and checksum in the database at ``url``, read on a connection of its
    own."""
    if connection.vendor == "sqlite":
        return backup.sqlite_file_checksums(url.removeprefix("sqlite:///"))
    settings_dict = copy.deepcopy(connection.settings_dict)
    settings_dict["NAME"] = urlsplit(url).path.lstrip("/")
    other = type(connections["default"])(settings_dict, alias="restored")
    connections["restored"] = other
    try:
        with other.cursor() as cursor:
            tables = other.introspection.table_names(cursor)
            return backup.table_checksums(cursor, tables, other.ops.quote_name)
    finally:
        other.close()
        del connections["restored"]


def _files_in(var: Path) -> dict[str, dict[str, Any]]:
    """Each file's size and SHA-256 in the two storages' folders under ``var``."""
    found: dict[str, dict[str, Any]] = {}
    for alias, folder in (("default", var / "media"), ("uploads", var / "uploads")):
        found[alias] = {
            path.relative_to(folder).as_posix(): {
                "size": path.stat().st_size,
                "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            }
            for path in sorted(folder.rglob("*"))
            if path.is_file()
        }
    return found


def _manage(*args: str, database: str, var: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DATABASE_URL": database,
        "HELHET_UPLOAD_DIR": str(var / "uploads"),
        "HELHET_MEDIA_DIR": str(var / "media"),
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_backup_restores_into_an_empty_instance_with_every_row_and_file(
    settings: Settings, tmp_path: Path, empty_database: str
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    stavanger = _whole_demo()
    initiative = project(stavanger, "Trygghetsalarm")
    document = open_document(initiative, requirement_named(initiative, "Mandat for konseptfasen"))
    document_version_upload(
        actor=None, document=document, upload=files.upload("mandat.pdf", files.pdf())
    )
    office = Membership.objects.get(user__username="portefolje", municipality=stavanger)
    pending_save(membership=office, name="tiltak.xlsx", data=b"PK\x03\x04 a workbook")
    before = current_manifest()

    out = StringIO()
    call_command("backup", str(tmp_path), stdout=out)
    archive = next(tmp_path.glob("helhet-backup-*.tar"))
    assert str(archive) in out.getvalue()
    assert archive.stat().st_mode & 0o777 == 0o600  # personal data: for its owner only
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    database_file = "database.sqlite3" if connection.vendor == "sqlite" else "database.pgdump"
    assert {database_file, "manifest.json"} <= set(names)
    assert len([name for name in names if name.startswith("files/")]) == 2

    target = tmp_path / "restored"
    restored = _manage("restore", str(archive), database=empty_database, var=target)
    assert restored.returncode == 0, restored.stderr
    assert "Gjenopprettet" in restored.stdout
    after = {"tables": _tables_of(empty_database), "files": _files_in(target)}

    assert after["tables"] == before["tables"]
    assert after["files"] == before["files"]
    filled = {name for name, table in before["tables"].items() if table["rows"]}
    assert {"portfolio_initiative", "benefits_measurement", "documents_documentversion"} <= filled
    assert len(filled) > 80
    assert [len(names) for names in after["files"].values()] == [1, 1]

    # The instance that was backed up holds data: refused, nothing touched.
    with pytest.raises(CommandError, match="ikke tom"):
        call_command("restore", str(archive), stdout=StringIO())
    # Changed since the backup, then restored over with --replace: as it was, to the table.
    uploads = kept_storage("uploads")
    uploads.delete(next(iter(before["files"]["uploads"])))
    Municipality.objects.filter(slug="stavanger").update(name="Endret")
    with connection.cursor() as cursor:  # as a newer version's migration would have made it
        cursor.execute("CREATE TABLE helhet_newer_table (id integer)")
    call_command("restore", str(archive), "--replace", stdout=StringIO())
    assert current_manifest() == before


def _with_manifest(archive: Path, manifest: dict[str, Any], target: Path) -> Path:
    """A copy of ``archive`` whose manifest is ``manifest``."""
    with tarfile.open(archive) as source, tarfile.open(target, "w") as copied:
        for member in source.getmembers():
            if member.name == "manifest.json":
                data = json.dumps(manifest).encode()
                member.size = len(data)
                copied.addfile(member, io.BytesIO(data))
            else:
                copied.addfile(member, source.extractfile(member))
    return target


def test_the_nightly_backup_keeps_the_newest_and_a_newer_backup_is_not_restored(
    settings: Settings, tmp_path: Path
) -> None:
    assert "nightly_backup" in [name for name, _task, _at in settings.HELHET_SCHEDULE]
    assert nightly_backup.call() == "HELHET_BACKUP_DIR is not set: no backup."
    folder = tmp_path / "backups"
    folder.mkdir()
    for stamp in ("20261201-003000", "20261202-003000", "20261203-003000"):
        (folder / f"helhet-backup-{stamp}.tar").write_bytes(b"an older archive")
    (folder / "notes.txt").write_text("the operator's own file")
    settings.HELHET_BACKUP_DIR, settings.HELHET_BACKUP_KEEP = str(folder), 2
    settings.MIGRATION_MODULES = {}  # the code's real migrations (the suite runs without them)
    on_disk = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    accounts = sorted(name for app, name in on_disk if app == "accounts")
    recorder = MigrationRecorder(connection)
    for name in accounts[:2]:
        recorder.record_applied("accounts", name)
    try:
        nightly_backup.call()
    finally:
        recorder.migration_qs.filter(app="accounts").delete()

    kept = sorted(path.name for path in folder.iterdir())
    assert kept[0] == "helhet-backup-20261203-003000.tar"
    assert kept[2] == "notes.txt" and len(kept) == 3
    with opened(folder / kept[1]) as archive:
        manifest = read_manifest(archive)
    assert manifest["migrations"] == {"accounts": accounts[1]}
    assert migrations_missing_here(manifest) == []

    newer = {
        **manifest,
        "migrations": {"accounts": accounts[1], "portfolio": "9999_from_a_newer_version"},
    }
    changed = _with_manifest(folder / kept[1], newer, tmp_path / "newer.tar")
    with pytest.raises(CommandError, match=r"nyere versjon av Helhet.*portfolio 9999_from_a_newer"):
        call_command("restore", str(changed), "--replace", stdout=StringIO())
