"""Shared fixtures: the demo municipality (Stavanger, and Bergen to ask "can the other municipality
see it?"), and a logged-in client per demo role."""

from collections.abc import Callable

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

from helhet.accounts.models import Membership, User
from helhet.core.demo import build_demo
from helhet.organization.models import Municipality, OrgUnit


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo(db: None) -> dict[str, Municipality]:
    """Stavanger and Bergen with their organisation and one user per role (see core/demo.py)."""
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
