"""Shared fixtures: the demo municipality (Stavanger, and Bergen to ask "can the other municipality
see it?"), and a logged-in client per demo role.

The demo is built once per test database (one per xdist worker), right after the database is
created, and committed: each test runs in a transaction that rolls back to it, so a test that
asks for ``demo`` finds it as fresh as if built for that test alone, without paying for building
it ~3,000 times. A test that uses the database without asking for ``demo`` still starts from an
empty database: the demo's rows are deleted inside its transaction and come back at the rollback.
Tests on a transactional database (the browser tests' live server) end with a flush that empties
everything; the demo is built again before the next test that expects it."""

from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Model
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from pytest_django import DjangoDbBlocker
from pytest_django.fixtures import Settings, validate_django_db

from helhet.accounts.models import Membership, User
from helhet.accounts.roles import Role
from helhet.accounts.services import api_token_create
from helhet.demo.municipalities import build_demo
from helhet.organization.models import Municipality, OrgUnit, UnitKind

FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# The slowest tests start first, longest first: a pytest-xdist worker takes its first tests in
# collection order (the first quarter of the run is dealt out one by one in turn), so no worker is
# left running a long one alone at the end of the run. test_migrations migrates on SQLite (~75
# CPU-seconds); on PostgreSQL the production smoke test migrates instead (test_migrations skips
# there). The others start servers or worker processes, or walk the whole demo in a browser.
SLOWEST_FIRST = (
    "tests/core/test_migrations.py",
    "tests/production/test_smoke.py",
    "tests/browser/test_layout.py",
    "tests/core/test_backup.py",
    "tests/production/test_two_nodes.py",
    "tests/core/test_settings.py",
    "tests/core/test_scheduler.py",
    "tests/ideas/test_default_criteria_migration.py",
    "tests/core/test_gunicorn.py",
)


def _start_rank(item: pytest.Item) -> int:
    for rank, path in enumerate(SLOWEST_FIRST):
        if item.nodeid.startswith(path):
            return rank
    return len(SLOWEST_FIRST)


# What the PostgreSQL pass leaves to the SQLite pass, because it cannot differ there:
# - what the demo holds (the audit's story, module by module), the same data on both databases:
#   the PostgreSQL pass loads the whole demo into an empty database
#   (tests/demo/test_load_demo_empty.py), which runs every service the demo goes through there;
#   each of these modules loads the whole demo first (~45 CPU-seconds of the pass);
# - the menu, the templates' own work (the role matrix has every page answer on PostgreSQL);
# - the own side's 200 in the tenancy matrix: the role matrix has each view answer 200 to a role
#   it lets in on PostgreSQL, and what the view reads does not depend on who asks (185 cases).
SQLITE_ONLY = (
    *(
        f"tests/demo/test_{name}.py"
        for name in (
            "benefits",
            "fund",
            "ideas",
            "learning",
            "load_demo",
            "maturity",
            "portfolio",
            "projects",
        )
    ),
    "tests/home/test_menu.py",
    "tests/core/test_tenancy.py::test_the_other_side_sees_its_own_object",
)


def _sqlite_only(item: pytest.Item) -> bool:
    """A test that uses no database runs the same on both; and SQLITE_ONLY's."""
    return _database_use(item) is None or item.nodeid.startswith(SQLITE_ONLY)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    items.sort(key=_start_rank)
    if connection.vendor != "sqlite":
        # The PostgreSQL pass runs only the tests that use a database (the deploy checks' and
        # gunicorn's processes among those left out: half a minute of the pass), less
        # SQLITE_ONLY's.
        left_out = [item for item in items if _sqlite_only(item)]
        if left_out:
            config.hook.pytest_deselected(items=left_out)
            items[:] = [item for item in items if not _sqlite_only(item)]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Settings) -> None:
    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS


class _DemoDatabase:
    """This worker's test database and its demo: which tables the demo fills, and whether the
    demo is in the database now (a transactional test's flush removes it)."""

    blocker: DjangoDbBlocker | None = None
    tables: list[str] = []
    loaded = False

    @classmethod
    def load(cls) -> None:
        """Build the demo and commit it (outside any test's transaction)."""
        assert cls.blocker is not None
        with cls.blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS):
            before = _row_counts()
            build_demo()
            after = _row_counts()
        changed = [table for table in after if after[table] != before[table]]
        grown = [table for table in changed if before[table]]
        assert not grown, f"The demo adds rows to tables that had rows before: {grown}"
        cls.tables = changed
        cls.loaded = True

    @classmethod
    def remove_in_transaction(cls) -> None:
        """Delete the demo's rows inside the running test's transaction, which rolls them back.
        Foreign keys are checked at the end of the transaction, by when every row that pointed
        at a deleted one is gone too."""
        with connection.cursor() as cursor:
            for table in cls.tables:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608


def _row_counts() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def _database_use(item: pytest.Item) -> str | None:
    """ "test" when the test runs in a transaction rolled back after it, "transactional" when it
    commits and the database is flushed after it, None when it does not use the database (the
    same reading as pytest-django's)."""
    names = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    transactional = bool(
        {"transactional_db", "live_server", "django_db_reset_sequences"} & set(names)
    )
    if marker is not None:
        transaction, reset_sequences, *_rest = validate_django_db(marker)
        transactional = transactional or transaction or reset_sequences
    if transactional:
        return "transactional"
    if marker is not None or "db" in names:
        return "test"
    return None


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> None:
    """pytest-django's test database, with the demo built into it once."""
    _DemoDatabase.blocker = django_db_blocker
    _DemoDatabase.load()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None]:
    # After a transactional test's flush, the next test in a transaction gets the demo back.
    if not _DemoDatabase.loaded and _DemoDatabase.blocker and _database_use(item) == "test":
        _DemoDatabase.load()
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Generator[None]:
    try:
        return (yield)
    finally:
        if _database_use(item) == "transactional":
            _DemoDatabase.loaded = False


@pytest.fixture(autouse=True)
def _empty_database_unless_demo(request: pytest.FixtureRequest) -> None:
    """A test in a transaction that does not ask for the demo sees the empty database it sees
    without the shared demo."""
    names = request.fixturenames
    if "demo" not in names and "whole_demo" not in names and _database_use(request.node) == "test":
        request.getfixturevalue("_django_db_helper")
        _DemoDatabase.remove_in_transaction()


@pytest.fixture(scope="module")
def whole_demo(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Generator[None]:
    """The whole demo as ``manage.py load_demo`` loads it (portfolio, methods, benefits, maturity,
    fund: ~3 CPU-seconds) once for the tests of a module, in a transaction each test's own
    transaction nests in, so each test finds it as freshly loaded; rolled back after the module's
    last test. Only for a module whose every test uses it: a test of the module that does not
    still sees it."""
    with django_db_blocker.unblock():
        module_transaction = transaction.atomic()
        module_transaction.__enter__()
        try:
            _DemoDatabase.remove_in_transaction()
            with override_settings(DEBUG=True, PASSWORD_HASHERS=FAST_PASSWORD_HASHERS):
                call_command("load_demo", stdout=StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            module_transaction.__exit__(None, None, None)


@contextmanager
def made_once(django_db_blocker: DjangoDbBlocker, uploads: Path) -> Iterator[None]:
    """For a module- or package-scoped fixture that makes data once for many tests (each of
    which would otherwise make the very same): a transaction each test's own transaction nests
    in, so each test finds the data as freshly made and nothing another test did, rolled back
    after the last of them. The data may only be made of the demo (which the database holds,
    tests/conftest.py's top) and what the fixture makes; hand each test fresh model instances
    (read again by pk) rather than the ones made here, which a test could change in memory.
    Files the data has go to ``uploads`` (not a test's own upload folder: copy them there if the
    tests read them)."""
    with django_db_blocker.unblock():
        shared = transaction.atomic()
        shared.__enter__()
        try:
            with override_settings(
                PASSWORD_HASHERS=FAST_PASSWORD_HASHERS, HELHET_UPLOAD_DIR=uploads
            ):
                yield
        finally:
            transaction.set_rollback(True)
            shared.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def upload_dir(settings: Settings, tmp_path: Path) -> Path:
    """Uploads in tests go to a temporary folder, never the developer's var/uploads."""
    folder = tmp_path / "uploads"
    settings.HELHET_UPLOAD_DIR = folder
    return folder


DEMO_SLUGS = ["stavanger", "bergen"]


def demo_municipalities() -> dict[str, Municipality]:
    """The demo's municipalities as the database holds them, as ``build_demo`` returns them."""
    found = {m.slug: m for m in Municipality.objects.filter(slug__in=DEMO_SLUGS)}
    return {slug: found[slug] for slug in DEMO_SLUGS}


@pytest.fixture
def demo(db: None) -> dict[str, Municipality]:
    """Stavanger and Bergen with their organisation and one user per role
    (see helhet/demo/municipalities.py), built once per test database (see the top of this file)."""
    return demo_municipalities()


@pytest.fixture
def stavanger(demo: dict[str, Municipality]) -> Municipality:
    return demo["stavanger"]


@pytest.fixture
def bergen(demo: dict[str, Municipality]) -> Municipality:
    return demo["bergen"]


def unit_named(municipality: Municipality, name: str) -> OrgUnit:
    return OrgUnit.objects.get(municipality=municipality, name=name)


def membership_of(username: str) -> Membership:
    return Membership.objects.select_related("municipality", "user").get(user__username=username)


@pytest.fixture
def login(demo: dict[str, Municipality]) -> Callable[[str], Client]:
    """``login("admin")`` gives a client logged in as that demo user."""

    def _login(username: str) -> Client:
        client = Client()
        client.force_login(User.objects.get(username=username))
        return client

    return _login


@pytest.fixture
def api_headers(demo: dict[str, Municipality]) -> Callable[[str], dict[str, str]]:
    """``api_headers("admin")`` gives the Authorization header of a fresh API token for that demo
    user (in their only municipality)."""

    def _headers(username: str) -> dict[str, str]:
        _token, key = api_token_create(membership=membership_of(username), name="Tester")
        return {"Authorization": f"Bearer {key}"}

    return _headers


# Domain data and its history; API tokens are credentials (their last-use time moves on every
# call), not something a request changes on a person's behalf.
STATE_APPS = {
    "organization",
    "accounts",
    "portfolio",
    "methodology",
    "documents",
    "projects",
    "maturity",
    "benefits",
    "fund",
    "ideas",
    "adoption",
    "learning",
    "notifications",
    "files",  # a file asked for on the job queue (Mine filer)
    "socialaccount",  # a person's link to a single sign-on provider
    "mfa",  # a person's authenticator app and recovery codes
}
# A pending import is a file kept between the preview and the confirmation, not data written.
STATE_EXCLUDED = {"accounts.apitoken", "accounts.historicalapitoken", "portfolio.pendingimport"}


def database_state() -> dict[str, Any]:
    """Every row a request could change in the domain apps (organisation, people, portfolio,
    methods, documents, project work), history and many-to-many tables included, so a test can
    say "nothing changed" with ``assert database_state() == before``: {model: (its columns, its
    rows as tuples in primary key order)}, every column as stored. Read on the driver's own
    cursor, rows kept as the driver gives them: ~4 instead of ~10 CPU-ms for the demo's 149
    tables (``table_rows`` for each), which the role and tenancy matrices read ~2,400 times."""
    quote = connection.ops.quote_name
    connection.ensure_connection()
    cursor = connection.connection.cursor()
    state = {}
    try:
        for model in apps.get_models(include_auto_created=True):
            label = model._meta.label_lower
            if model._meta.app_label in STATE_APPS and label not in STATE_EXCLUDED:
                cursor.execute(
                    f"SELECT * FROM {quote(model._meta.db_table)} "  # noqa: S608
                    f"ORDER BY {quote(model._meta.pk.column)}"
                )
                columns = tuple(column[0] for column in cursor.description)
                state[label] = (columns, cursor.fetchall())
    finally:
        cursor.close()
    return state


def table_rows(model: type[Model]) -> list[dict[str, Any]]:
    """Every row of the model's table as the database holds it, {column: value}, in primary key
    order: every column, as stored. Read with one plain SELECT rather than the ORM's
    ``.values()``, which compiles a query and converts each value: ~80 ms instead of ~6 ms for
    the demo's 126 tables, which the role matrix alone reads twice in each of its ~400 POSTs."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT * FROM {quote(model._meta.db_table)} "  # noqa: S608
            f"ORDER BY {quote(model._meta.pk.column)}"
        )
        columns = [column[0] for column in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def add_units(municipality: Municipality, count: int) -> list[OrgUnit]:
    """Grow the organisation by ``count`` units, in chains service area > department > section >
    unit, so query-count tests see every level and deep nesting."""
    kinds = [UnitKind.SERVICE_AREA, UnitKind.DEPARTMENT, UnitKind.SECTION, UnitKind.UNIT]
    units: list[OrgUnit] = []
    for index in range(count):
        level = index % len(kinds)
        units.append(
            OrgUnit.objects.create(
                municipality=municipality,
                parent=units[-1] if level else None,
                kind=kinds[level],
                name=f"Ekstra enhet {index:03d}",
            )
        )
    return units


def add_members(
    municipality: Municipality, count: int, role: Role = Role.READER
) -> list[Membership]:
    """Add ``count`` members (readers unless ``role`` says otherwise) to the municipality,
    spread over its units, for query-count tests."""
    units = list(OrgUnit.objects.for_municipality(municipality).order_by("pk"))
    memberships = []
    for index in range(count):
        user = User.objects.create(
            username=f"ekstra{index:03d}", first_name="Ekstra", last_name=f"Person {index:03d}"
        )
        memberships.append(
            Membership.objects.create(
                municipality=municipality,
                user=user,
                role=role,
                unit=units[index % len(units)] if units else None,
            )
        )
    return memberships


def count_queries(client: Client, path: str, headers: dict[str, str] | None = None) -> int:
    """How many database queries one successful GET of ``path`` makes."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, headers=headers)
    assert response.status_code == 200, path
    return len(queries.captured_queries)


@pytest.fixture
def security_log() -> Generator[Callable[[], list[dict[str, Any]]]]:
    """The security events (``helhet.core.security_log``) recorded during the test, as the JSON
    lines the production log holds: ``security_log()`` reads them, oldest first."""
    import io
    import json
    import logging

    from helhet.core.security_log import JsonLineFormatter

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonLineFormatter())
    logger = logging.getLogger("helhet.security")
    logger.addHandler(handler)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        logger.removeHandler(handler)
