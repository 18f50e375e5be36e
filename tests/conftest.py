"""Shared fixtures: the demo municipality (Stavanger, and Bergen to ask "can the other municipality
see it?"), and a logged-in client per demo role."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pytest_django.fixtures import Settings

from helhet.accounts.models import Membership, User
from helhet.accounts.roles import Role
from helhet.accounts.services import api_token_create
from helhet.demo.municipalities import build_demo
from helhet.organization.models import Municipality, OrgUnit, UnitKind


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def upload_dir(settings: Settings, tmp_path: Path) -> Path:
    """Uploads in tests go to a temporary folder, never the developer's var/uploads."""
    folder = tmp_path / "uploads"
    settings.HELHET_UPLOAD_DIR = folder
    return folder


@pytest.fixture
def demo(db: None) -> dict[str, Municipality]:
    """Stavanger and Bergen with their organisation and one user per role
    (see helhet/demo/municipalities.py)."""
    return build_demo()


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
        _token, key = api_token_create(membership=membership_of(username))
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
}
STATE_EXCLUDED = {"accounts.apitoken"}


def database_state() -> dict[str, Any]:
    """Every row a request could change in the domain apps (organisation, people, portfolio,
    methods, documents, project work), history and many-to-many tables included, so a test can
    say "nothing changed" with ``assert database_state() == before``."""
    return {
        model._meta.label_lower: list(model._default_manager.order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in STATE_APPS and model._meta.label_lower not in STATE_EXCLUDED
    }


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


def add_members(municipality: Municipality, count: int) -> list[Membership]:
    """Add ``count`` readers to the municipality, spread over its units, for query-count tests."""
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
                role=Role.READER,
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
