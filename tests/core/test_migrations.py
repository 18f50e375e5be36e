"""The migrations build the database the tests run on.

Each test database is created straight from the models (``--nomigrations`` in pyproject.toml:
under a second instead of half a minute of migrating per pytest-xdist worker). This test keeps
that honest: the migrations, applied one by one to an empty database of the same kind (SQLite or
PostgreSQL, whichever the run uses), must give the same tables with the same columns, indexes
and constraints, so a migration that forgets or adds something is caught here, on both
databases, as it would be by migrating each test database."""

from __future__ import annotations

import copy
import os
import re
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings as django_settings
from django.db import connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper

# Django names the constraints SQLite declares inline (CHECK, UNIQUE, FOREIGN KEY) by their
# place in the CREATE TABLE, which differs between a table built at once and one rebuilt by
# migrations: such names are left out, the constraints themselves compared.
PLACE_NAMES = re.compile(r"__unnamed_constraint_\d+__|fk_\d+")
# One column Django itself builds differently: the id of auth's group-permission table is a bigint
# when migrated (the migration state knows no auth app config, so the project's
# DEFAULT_AUTO_FIELD applies) and an integer from the model (auth's own default). Helhet uses no
# groups; on SQLite both are an INTEGER.
DJANGOS_OWN = {("auth_group_permissions", "id")}


@contextmanager
def empty_database(tmp_path: Path) -> Iterator[tuple[BaseDatabaseWrapper, str]]:
    """A new, empty database of the running kind, a connection to it (as "migrated") and its
    DATABASE_URL; the database is removed afterwards."""
    settings = copy.deepcopy(connection.settings_dict)
    if connection.vendor == "sqlite":
        settings["NAME"] = str(tmp_path / "migrated.sqlite3")
        url = f"sqlite:///{settings['NAME']}"
    else:
        settings["NAME"] = f"helhet_migrations_{uuid.uuid4().hex[:12]}"
        url = urlunsplit(urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{settings['NAME']}"))
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{settings["NAME"]}"')
    migrated = type(connections["default"])(settings, alias="migrated")
    connections["migrated"] = migrated
    try:
        yield migrated, url
    finally:
        migrated.close()
        del connections["migrated"]
        if connection.vendor != "sqlite":
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE "{settings["NAME"]}"')


@contextmanager
def _migrated_database(tmp_path: Path) -> Iterator[BaseDatabaseWrapper]:
    """A new database of the running kind, migrated by ``manage.py migrate`` as a deployment
    migrates, and a connection to it; the database is removed afterwards."""
    with empty_database(tmp_path) as (migrated, url):
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
            cwd=django_settings.BASE_DIR,
            env={**os.environ, "DATABASE_URL": url},
            check=True,
        )
        yield migrated


def _schema(database: BaseDatabaseWrapper) -> dict[str, Any]:
    """Every table's columns (type, null, default, size) and its constraints and indexes, named
    where the database names them."""
    introspection = database.introspection
    schema: dict[str, Any] = {}
    with database.cursor() as cursor:
        for table in introspection.get_table_list(cursor):
            if table.type != "t" or table.name == "django_migrations":
                continue
            columns = {
                column.name: (
                    column.type_code,
                    column.null_ok,
                    column.default,
                    column.internal_size,
                    column.precision,
                    column.scale,
                    column.collation,
                )
                for column in introspection.get_table_description(cursor, table.name)
                if (table.name, column.name) not in DJANGOS_OWN
            }
            constraints = sorted(
                (
                    "" if PLACE_NAMES.fullmatch(name) else name,
                    tuple(details["columns"] or ()),
                    details["primary_key"],
                    details["unique"],
                    details["foreign_key"],
                    details["check"],
                    details["index"],
                    str(details.get("type")),
                    tuple(details.get("orders") or ()),
                )
                for name, details in introspection.get_constraints(cursor, table.name).items()
            )
            schema[table.name] = {"columns": columns, "constraints": constraints}
    return schema


@pytest.mark.django_db
@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="on PostgreSQL tests/production/test_smoke.py migrates its database and compares it",
)
def test_the_migrations_build_the_schema_the_tests_run_on(tmp_path: Path) -> None:
    built_from_models = _schema(connection)

    with _migrated_database(tmp_path) as database:
        migrated = _schema(database)

    assert sorted(migrated) == sorted(built_from_models)
    for table, described in built_from_models.items():
        assert migrated[table] == described, table
