"""Backup and restore of a whole Helhet instance: the database and every kept file, in one archive
with a manifest that says what it holds, so a restore can be checked against it.

The archive is a tar file:

- ``database.pgdump`` (PostgreSQL: ``pg_dump --format=custom``) or ``database.sqlite3``
  (SQLite: its online backup API, a consistent copy while the server runs);
- ``files/<storage>/<name>``: every file in the storages Helhet keeps (``KEPT_STORAGES``:
  uploads, imports waiting to be confirmed);
- ``manifest.json``: each table's row count and content checksum, each file's size and SHA-256,
  and the migration state (each app's latest applied migration): a restore refuses code that
  lacks one of them, since that code is older than the backup's database.

On PostgreSQL the counts and checksums are read in the same snapshot ``pg_dump`` dumps
(``pg_export_snapshot``), so the manifest describes exactly the dump even while people work. Files
are copied after the database's snapshot is taken: a file uploaded meanwhile may be in the archive
without its row (harmless), never a row without its file unless the file was deleted meanwhile."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from django.core.files import File
from django.db import DatabaseError, connection
from django.utils.translation import gettext as _

from helhet.core.storage import KEPT_STORAGES, kept_storage, stored_names

FORMAT = 1
MANIFEST = "manifest.json"
PG_DUMP = "database.pgdump"
SQLITE_COPY = "database.sqlite3"
# Tables `migrate` fills by itself: rows there do not make a database "not empty".
FILLED_BY_MIGRATE = {"django_migrations", "django_content_type", "auth_permission"}
_MOD = 2**256


class BackupError(Exception):
    """Backup or restore cannot go on; the message says why, for the operator."""


Tables = dict[str, dict[str, Any]]
Files = dict[str, dict[str, dict[str, Any]]]


@dataclass(frozen=True)
class Report:
    """What a backup or restore did, for the command to print."""

    path: Path
    tables: int
    rows: int
    files: int
    size: int


# --- Checksums ---------------------------------------------------------------------------------


def _canonical(value: Any) -> str:
    """One value as text, the same for the same stored value whichever connection read it."""
    if value is None:
        return "\x00"
    if isinstance(value, memoryview | bytes | bytearray):
        return "b" + bytes(value).hex()
    if isinstance(value, datetime) and value.tzinfo is not None:
        return "t" + value.astimezone(UTC).isoformat()
    if isinstance(value, dict | list):
        return "j" + json.dumps(value, sort_keys=True, default=str)
    return repr(value)


def table_checksums(cursor: Any, tables: Iterable[str], quote: Callable[[str], str]) -> Tables:
    """Each table's row count and a checksum of its content: the sum (modulo 2^256) of each
    row's SHA-256, so the order the database returns the rows in does not matter and a row
    changed, added or removed changes it."""
    found: Tables = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608 - names from the database
        rows = 0
        total = 0
        while batch := cursor.fetchmany(2000):
            for row in batch:
                text = "\x1f".join(_canonical(value) for value in row)
                total = (total + int.from_bytes(hashlib.sha256(text.encode()).digest())) % _MOD
                rows += 1
        found[table] = {"rows": rows, "checksum": f"{total:064x}"}
    return found


def _sqlite_tables(db: sqlite3.Connection) -> list[str]:
    rows = db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return [name for (name,) in rows]


def sqlite_file_checksums(path: str) -> Tables:
    """Each table's rows and checksum in the SQLite file at ``path``, read with a plain connection
    (no Django converters) so a backup's copy and a restored database are read alike."""
    db = sqlite3.connect(path)
    try:
        cursor = db.cursor()
        return table_checksums(cursor, _sqlite_tables(db), connection.ops.quote_name)
    finally:
        db.close()


def _pg_checksums() -> Tables:
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        return table_checksums(cursor, tables, connection.ops.quote_name)


def _sqlite_path() -> str:
    name = str(connection.settings_dict["NAME"])
    if name == ":memory:" or name.startswith("file:"):
        raise BackupError(_("An in-memory SQLite database cannot be backed up or restored."))
    return name


def database_checksums() -> Tables:
    """Row counts and checksums of every table in the database as it is now."""
    if connection.vendor == "sqlite":
        return sqlite_file_checksums(_sqlite_path())
    if connection.vendor == "postgresql":
        return _pg_checksums()
    raise BackupError(
        _("Backup supports PostgreSQL and SQLite, not %(vendor)s.") % {"vendor": connection.vendor}
    )


def _sha256(handle: IO[bytes]) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    while chunk := handle.read(1024 * 1024):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def file_checksums() -> Files:
    """Each kept file's size and SHA-256, per storage."""
    found: Files = {}
    for alias in KEPT_STORAGES:
        storage = kept_storage(alias)
        found[alias] = {}
        for name in stored_names(storage):
            with storage.open(name, "rb") as handle:
                sha256, size = _sha256(handle)
            found[alias][name] = {"size": size, "sha256": sha256}
    return found


def current_manifest() -> dict[str, Any]:
    """The database's tables and the kept files as they are now, shaped as a manifest's."""
    return {"tables": database_checksums(), "files": file_checksums()}


# --- PostgreSQL's programs -------------------------------------------------------------------


def pg_program(name: str) -> str:
    """Where ``pg_dump`` or ``pg_restore`` is: in HELHET_PG_BIN, else the newest
    /usr/lib/postgresql/<version>/bin (as scripts/with-postgres.sh finds them), else on PATH.
    Use the server's major version or newer."""
    folders = [os.environ.get("HELHET_PG_BIN", "")]
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda path: int(path.parent.name) if path.parent.name.isdigit() else 0,
    )
    folders += [str(path) for path in reversed(versions)]
    for folder in folders:
        if folder and (Path(folder) / name).is_file():
            return str(Path(folder) / name)
    found = shutil.which(name)
    if found:
        return found
    raise BackupError(
        _("Could not find %(program)s. Set HELHET_PG_BIN to the folder with PostgreSQL's programs.")
        % {"program": name}
    )


def _pg_command(program: str, parameters: Sequence[str]) -> tuple[list[str], dict[str, str]]:
    """The program's command line for this database (a libpq connection string from the same
    parameters Django connects with; the password in the environment, not on the line)."""
    from psycopg.conninfo import make_conninfo

    params = {
        key: str(value)
        for key, value in connection.get_connection_params().items()
        if isinstance(value, str | int) and key not in {"password", "options"}
    }
    env = dict(os.environ)
    password = connection.get_connection_params().get("password")
    if password:
        env["PGPASSWORD"] = str(password)
    return [pg_program(program), *parameters, "--dbname", make_conninfo("", **params)], env


def _run(args: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(
            _("%(program)s failed: %(error)s")
            % {"program": Path(args[0]).name, "error": done.stderr.strip()[-2000:]}
        )


# --- Backup ------------------------------------------------------------------------------------


def latest_migrations(cursor: Any) -> dict[str, str]:
    """Each app's latest applied migration, from ``django_migrations`` (a migration's name starts
    with its number, so the greatest name is the latest); empty when the table is not there."""
    try:
        cursor.execute("SELECT app, name FROM django_migrations")
        rows = cursor.fetchall()
    except (sqlite3.Error, DatabaseError):
        return {}
    latest: dict[str, str] = {}
    for app, name in rows:
        latest[app] = max(name, latest.get(app, name))
    return dict(sorted(latest.items()))


def _sqlite_migrations(path: Path) -> dict[str, str]:
    db = sqlite3.connect(path)
    try:
        return latest_migrations(db.cursor())
    finally:
        db.close()


def _database_into(folder: Path) -> tuple[str, Tables, dict[str, str]]:
    """The database copied into ``folder``: the file's name, the tables' checksums and the
    migration state, all of one consistent moment."""
    if connection.vendor == "sqlite":
        target = folder / SQLITE_COPY
        source = sqlite3.connect(_sqlite_path())
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
        return SQLITE_COPY, sqlite_file_checksums(str(target)), _sqlite_migrations(target)
    if connection.vendor != "postgresql":
        database_checksums()  # says which databases are supported
    target = folder / PG_DUMP
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            args, env = _pg_command(
                "pg_dump",
                ["--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}"],
            )
            _run([*args, "--file", str(target)], env)
            names = connection.introspection.table_names(cursor)
            tables = table_checksums(cursor, names, connection.ops.quote_name)
            migrations = latest_migrations(cursor) if "django_migrations" in names else {}
        finally:
            cursor.execute("ROLLBACK")
    return PG_DUMP, tables, migrations


def _add(archive: tarfile.TarFile, name: str, handle: IO[bytes], size: int) -> None:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = int(datetime.now(tz=UTC).timestamp())
    info.mode = 0o600
    archive.addfile(info, handle)


def backup_write(*, path: Path) -> Report:
    """Write one archive at ``path`` (not overwriting a file there) holding the database, every
    kept file and the manifest; return what it holds."""
    if connection.in_atomic_block:
        raise BackupError("A backup cannot run inside a transaction.")
    with tempfile.TemporaryDirectory(prefix="helhet-backup-") as work:
        database_name, tables, migrations = _database_into(Path(work))
        files: Files = {alias: {} for alias in KEPT_STORAGES}
        # Only its owner may read it: it holds personal data and password hashes.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as out, tarfile.open(fileobj=out, mode="w") as archive:
            database = Path(work) / database_name
            with database.open("rb") as handle:
                database_sha, _size = _sha256(handle)
                handle.seek(0)
                _add(archive, database_name, handle, database.stat().st_size)
            for alias in KEPT_STORAGES:
                storage = kept_storage(alias)
                for name in stored_names(storage):
                    with storage.open(name, "rb") as handle:
                        sha256, size = _sha256(handle)
                        handle.seek(0)
                        _add(archive, f"files/{alias}/{name}", handle, size)
                    files[alias][name] = {"size": size, "sha256": sha256}
            manifest = {
                "format": FORMAT,
                "created": datetime.now(tz=UTC).isoformat(),
                "database": {
                    "vendor": connection.vendor,
                    "file": database_name,
                    "sha256": database_sha,
                },
                "tables": tables,
                "files": files,
                "migrations": migrations,
            }
            data = json.dumps(manifest, indent=1, sort_keys=True).encode()
            _add(archive, MANIFEST, io.BytesIO(data), len(data))
    return Report(
        path=path,
        tables=len(tables),
        rows=sum(table["rows"] for table in tables.values()),
        files=sum(len(names) for names in files.values()),
        size=path.stat().st_size,
    )


# --- Restore -----------------------------------------------------------------------------------


def read_manifest(archive: tarfile.TarFile) -> dict[str, Any]:
    """The archive's manifest, or BackupError if it is not a Helhet backup of this format."""
    try:
        member = archive.extractfile(MANIFEST)
        manifest = json.loads(member.read()) if member else None
    except (KeyError, ValueError) as error:
        raise BackupError(_("This is not a Helhet backup (no manifest).")) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(_("This is not a Helhet backup of a format this version reads."))
    return manifest


def migrations_missing_here(manifest: dict[str, Any]) -> list[str]:
    """The backup's latest applied migrations that this code does not have ("app name"): the
    backup was taken by a newer version of Helhet. Empty for a backup from before the manifest
    recorded them."""
    from django.db.migrations.loader import MigrationLoader

    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    return [
        f"{app} {name}"
        for app, name in sorted(manifest.get("migrations", {}).items())
        if (app, name) not in known
    ]


def refuse_newer_backup(manifest: dict[str, Any]) -> None:
    """BackupError when the backup's database is newer than this code's migrations."""
    missing = migrations_missing_here(manifest)
    if missing:
        raise BackupError(
            _(
                "The backup was made by a newer version of Helhet: its database has migrations "
                "this code does not have (%(migrations)s). Install that version or a newer one, "
                "then restore."
            )
            % {"migrations": ", ".join(missing[:5]) + (", …" if len(missing) > 5 else "")}
        )


def what_is_there() -> list[str]:
    """What makes the database or the storages not empty: tables with rows (besides what
    `migrate` fills) and storages with files; nothing for an empty instance."""
    found = []
    if connection.vendor == "sqlite" and not Path(_sqlite_path()).exists():
        tables: Tables = {}
    else:
        with connection.cursor() as cursor:
            names = connection.introspection.table_names(cursor)
            tables = {}
            for name in names:
                if name in FILLED_BY_MIGRATE:
                    continue
                quoted = connection.ops.quote_name(name)
                cursor.execute(f"SELECT COUNT(*) FROM {quoted}")  # noqa: S608
                tables[name] = {"rows": cursor.fetchone()[0]}
    found += [
        _("table %(table)s has %(rows)s rows") % {"table": name, "rows": table["rows"]}
        for name, table in sorted(tables.items())
        if table["rows"]
    ]
    for alias in KEPT_STORAGES:
        count = sum(1 for _name in stored_names(kept_storage(alias)))
        if count:
            found.append(
                _("the storage %(storage)s has %(count)s files")
                % {"storage": alias, "count": count}
            )
    return found


def _restore_database(archive: tarfile.TarFile, manifest: dict[str, Any], work: Path) -> None:
    database = manifest["database"]
    if database["vendor"] != connection.vendor:
        raise BackupError(
            _("The backup is of a %(backup)s database; this instance uses %(here)s.")
            % {"backup": database["vendor"], "here": connection.vendor}
        )
    archive.extract(database["file"], work, filter="data")
    copy = work / database["file"]
    with copy.open("rb") as handle:
        if _sha256(handle)[0] != database["sha256"]:
            raise BackupError(_("The database in the backup is damaged (its checksum differs)."))
    connection.close()
    if connection.vendor == "sqlite":
        source = sqlite3.connect(copy)
        target = sqlite3.connect(_sqlite_path())
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        return
    args, env = _pg_command(
        "pg_restore",
        [
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
        ],
    )
    _run([*args, str(copy)], env)
    # Tables the backup does not have (made by a newer version's migrations) go too, so the
    # database is the backup's; `migrate` makes them again, as the restored django_migrations says.
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table not in manifest["tables"]:
                cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)} CASCADE")


def _restore_files(archive: tarfile.TarFile, manifest: dict[str, Any]) -> None:
    for alias in KEPT_STORAGES:
        storage = kept_storage(alias)
        wanted = manifest["files"].get(alias, {})
        for name in list(stored_names(storage)):
            if name not in wanted:
                storage.delete(name)
        for name in sorted(wanted):
            member = archive.extractfile(f"files/{alias}/{name}")
            if member is None:
                raise BackupError(_("The backup lacks the file %(name)s.") % {"name": name})
            storage.delete(name)
            saved = storage.save(name, File(member, name=name))
            if saved != name:
                raise BackupError(_("The storage renamed %(name)s.") % {"name": name})


def differences(expected: dict[str, Any], found: dict[str, Any]) -> list[str]:
    """Where the instance differs from a manifest: each table and file that is missing, extra,
    or has other rows or content."""
    lines = []
    tables_expected, tables_found = expected["tables"], found["tables"]
    for name in sorted(set(tables_expected) | set(tables_found)):
        if tables_expected.get(name) != tables_found.get(name):
            lines.append(
                _("table %(table)s: %(expected)s in the backup, %(found)s here")
                % {
                    "table": name,
                    "expected": tables_expected.get(name, "-"),
                    "found": tables_found.get(name, "-"),
                }
            )
    for alias in KEPT_STORAGES:
        want, have = expected["files"].get(alias, {}), found["files"].get(alias, {})
        for name in sorted(set(want) | set(have)):
            if want.get(name) != have.get(name):
                lines.append(
                    _("file %(storage)s/%(name)s differs from the backup")
                    % {"storage": alias, "name": name}
                )
    return lines


def restore_from(*, path: Path, replace: bool) -> Report:
    """Restore the database and the kept files from the archive at ``path``, then check them
    against its manifest. Refuses (BackupError) a backup made by a newer version (migrations this
    code lacks), and an instance that holds data unless ``replace``;
    raises BackupError listing the differences when the check fails."""
    with opened(path) as archive, tempfile.TemporaryDirectory(prefix="helhet-restore-") as work:
        manifest = read_manifest(archive)
        refuse_newer_backup(manifest)
        there = what_is_there()
        if there and not replace:
            raise BackupError(
                _(
                    "This instance is not empty (%(what)s). Restore into an empty database and "
                    "storage, or give --replace to overwrite everything in it."
                )
                % {"what": "; ".join(there[:5]) + ("; …" if len(there) > 5 else "")}
            )
        _restore_database(archive, manifest, Path(work))
        _restore_files(archive, manifest)
    rows = backup_check(manifest)
    return Report(
        path=path,
        tables=len(manifest["tables"]),
        rows=rows,
        files=sum(len(names) for names in manifest["files"].values()),
        size=path.stat().st_size,
    )


def backup_check(manifest: dict[str, Any]) -> int:
    """Check the instance against a manifest; the rows counted, or BackupError naming every
    difference."""
    found = current_manifest()
    wrong = differences(manifest, found)
    if wrong:
        raise BackupError(_("The instance differs from the backup:") + "\n" + "\n".join(wrong[:50]))
    return sum(table["rows"] for table in found["tables"].values())


@contextlib.contextmanager
def opened(path: Path) -> Iterator[tarfile.TarFile]:
    """The archive at ``path``, open for reading (BackupError when it cannot be read)."""
    try:
        archive = tarfile.open(path, mode="r")  # noqa: SIM115 - closed below
    except (OSError, tarfile.TarError) as error:
        raise BackupError(
            _("Could not read %(file)s: %(error)s") % {"file": path, "error": error}
        ) from error
    with archive:
        yield archive


def default_name() -> str:
    """``helhet-backup-<UTC time>.tar``."""
    return f"helhet-backup-{datetime.now(tz=UTC):%Y%m%d-%H%M%S}.tar"


_NAMED = re.compile(r"^helhet-backup-\d{8}-\d{6}\.tar$")


def backups_prune(*, folder: Path, keep: int) -> list[Path]:
    """Delete all but the ``keep`` newest archives named as ``default_name`` names them in
    ``folder`` (the time in the name orders them); other files are left alone. Returns the
    deleted ones."""
    named = sorted(path for path in folder.iterdir() if _NAMED.match(path.name))
    old = named[: max(len(named) - max(keep, 1), 0)]
    for path in old:
        path.unlink()
    return old


def backup_into_folder(*, folder: Path, keep: int) -> tuple[Report, list[Path]]:
    """A new archive in ``folder`` (made, readable by its owner only, if it is not there), then
    the ``keep`` newest archives kept: what the nightly job does. The new one is written whole
    before any old one is deleted."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    report = backup_write(path=folder / default_name())
    return report, backups_prune(folder=folder, keep=keep)


__all__ = [
    "BackupError",
    "Report",
    "backup_check",
    "backup_into_folder",
    "backup_write",
    "backups_prune",
    "current_manifest",
    "default_name",
    "migrations_missing_here",
    "opened",
    "read_manifest",
    "restore_from",
    "what_is_there",
]
