"""Every role against every HTML view: each view answers as ROLE_MATRIX says, no more, no less.

The expectations are computed from ROLE_MATRIX, so giving a role a capability (or taking it away)
changes what this test demands of the views. A new view must be added to VIEWS, or the
completeness test below fails."""

import shutil
from collections.abc import Callable, Generator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from pytest_django import DjangoDbBlocker
from pytest_django.fixtures import Settings

from helhet.accounts.roles import DUTY_CAPABILITIES, ROLE_MATRIX, Capability, Role
from helhet.demo.municipalities import STAVANGER_USERS
from helhet.organization.models import Municipality, UnitKind
from tests.conftest import (
    FAST_PASSWORD_HASHERS,
    database_state,
    demo_municipalities,
    membership_of,
    unit_named,
)
from tests.matrix import View, contributions

USERNAME_BY_ROLE = {user.role: user.username for user in STAVANGER_USERS}

# The object the views with an id act on: a section with nothing below it (so deleting it is
# allowed) and a reader's membership (so removing it leaves the administrator in place).
TARGET_UNIT = "Systemforvaltning"
TARGET_MEMBER = "leser"


def _target_pk(kind: str | Callable[[Municipality], int], stavanger: Municipality) -> int:
    if callable(kind):
        return kind(stavanger)
    if kind == "unit":
        return unit_named(stavanger, TARGET_UNIT).pk
    return membership_of(TARGET_MEMBER).pk


def _unit_form(stavanger: Municipality) -> dict[str, str]:
    return {
        "name": "Systemforvaltning og integrasjon",
        "kind": UnitKind.SECTION,
        "parent": str(unit_named(stavanger, "IT-avdelingen").pk),
        "description": "Forvalter om lag 300 applikasjoner og integrasjonene mellom dem.",
    }


def _new_unit_form(stavanger: Municipality) -> dict[str, str]:
    return {**_unit_form(stavanger), "name": "Informasjonssikkerhet"}


def _municipality_form(stavanger: Municipality) -> dict[str, str]:
    return {"name": "Stavanger kommune", "org_number": "964965782"}


def _new_member_form(stavanger: Municipality) -> dict[str, str]:
    return {
        "username": "kari.nord",
        "first_name": "Kari",
        "last_name": "Nordmann",
        "email": "kari.nord@stavanger.kommune.example",
        "password": "Vindmølle-Hundvåg-42",
        "role": Role.READER,
        "unit": str(unit_named(stavanger, "Smartby").pk),
        "title": "Rådgiver",
    }


def _member_form(stavanger: Municipality) -> dict[str, str]:
    return {"role": Role.READER, "unit": "", "title": "Medlem av kontrollutvalget (leder)"}


def _no_form(stavanger: Municipality) -> dict[str, str]:
    return {}


VIEWS = [
    View("home:home", ()),
    View("organization:tree", (Capability.VIEW_ORGANIZATION,)),
    View("organization:unit_detail", (Capability.VIEW_ORGANIZATION,), "unit"),
    View(
        "organization:unit_edit",
        (Capability.MANAGE_ORGANIZATION,),
        "unit",
        _unit_form,
        "/organisasjon/enheter/",
    ),
    View(
        "organization:unit_delete",
        (Capability.MANAGE_ORGANIZATION,),
        "unit",
        _no_form,
        "/organisasjon/",
    ),
    View("organization:unit_history", (Capability.VIEW_HISTORY,), "unit"),
    View(
        "organization:unit_create",
        (Capability.MANAGE_ORGANIZATION,),
        None,
        _new_unit_form,
        "/organisasjon/enheter/",
    ),
    View(
        "organization:municipality_edit",
        (Capability.MANAGE_ORGANIZATION,),
        None,
        _municipality_form,
        "/organisasjon/",
    ),
    View("organization:municipality_history", (Capability.VIEW_HISTORY,)),
    View("people:member_list", (Capability.VIEW_MEMBERS,)),
    View(
        "people:member_create",
        (Capability.MANAGE_MEMBERS,),
        None,
        _new_member_form,
        "/personer/",
    ),
    View(
        "people:member_edit",
        (Capability.MANAGE_MEMBERS,),
        "member",
        _member_form,
        "/personer/",
    ),
    View(
        "people:member_delete",
        (Capability.MANAGE_MEMBERS,),
        "member",
        _no_form,
        "/personer/",
    ),
    # A person's history shows their roles and units over time, which only roles that may see
    # people are shown; reading history alone is not enough.
    View("people:member_history", (Capability.VIEW_MEMBERS, Capability.VIEW_HISTORY), "member"),
    *contributions("ROLE_VIEWS"),
]

# Pages anyone may reach, signed in or not; they are not governed by a role.
PUBLIC_URL_NAMES = {
    "core:health",
    "core:ready",
    "accounts:login",
    "accounts:logout",
    "accounts:switch_municipality",
    "accounts:password_reset",  # asking for a reset link, and its steps (test_password_reset.py)
    # Revoking an API token depends on whose it is, not on a role alone: one's own, or any in the
    # municipality for the administrator; anyone else's answers 404 (test_token_views.py).
    "accounts:token_revoke",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "set_language",
    "maturity_public:services",  # a municipality's published service maturity (test_public.py)
    # Single sign-on's start and the provider's answer: before anyone is logged in
    # (tests/accounts/test_sso_login.py).
    "openid_connect_login",
    "openid_connect_callback",
    "accounts:login_code",  # the code after the password, before login (test_login_policy.py)
    # A prepared file is fetched by the one who asked for it, whatever their role; anyone
    # else's answers 404 (tests/files/test_prepared_files.py).
    "files:download",
}
# Not HTML views of a municipality: the JSON API (tests/api) and Django's staff-only admin.
OTHER_NAMESPACES = {"api-v1", "admin"}


def _allowed(role: Role, view: View) -> bool:
    if view.allowed_roles is not None:
        return role.value in view.allowed_roles
    return all(role in ROLE_MATRIX[capability] for capability in view.requires)


def _path(view: View, stavanger: Municipality) -> str:
    if view.target is None:
        return reverse(view.url_name)
    return reverse(view.url_name, args=[_target_pk(view.target, stavanger)])


POST_VIEWS = [view for view in VIEWS if view.valid_post]


@pytest.fixture(scope="module")
def view_path(
    request: pytest.FixtureRequest,
    django_db_setup: None,
    django_db_blocker: DjangoDbBlocker,
    tmp_path_factory: pytest.TempPathFactory,
) -> Generator[tuple[str, Path]]:
    """The view's path, with the object it names made once for all the view's cases (the cases
    of a view run one after another): in a transaction each case's own transaction nests in, so
    each case finds the object as freshly made and nothing another case did; rolled back when the
    next view's cases start. Files the object has are kept in a folder of their own, which each
    case gets a fresh copy of (``upload_dir`` below)."""
    view: View = request.param
    uploads = tmp_path_factory.mktemp("view-uploads")
    with django_db_blocker.unblock():
        view_transaction = transaction.atomic()
        view_transaction.__enter__()
        try:
            with override_settings(
                PASSWORD_HASHERS=FAST_PASSWORD_HASHERS, HELHET_UPLOAD_DIR=uploads
            ):
                path = _path(view, demo_municipalities()["stavanger"])
            yield path, uploads
        finally:
            transaction.set_rollback(True)
            view_transaction.__exit__(None, None, None)


@pytest.fixture
def upload_dir(request: pytest.FixtureRequest, settings: Settings, tmp_path: Path) -> Path:
    """The case's own upload folder (as tests/conftest.py gives every test), holding a copy of
    the files of the object its view names."""
    folder = tmp_path / "uploads"
    if "view_path" in request.fixturenames:
        _path, uploads = request.getfixturevalue("view_path")
        shutil.copytree(uploads, folder)
    settings.HELHET_UPLOAD_DIR = folder
    return folder


def _cases(views: list[View]) -> list[Any]:
    """(view, role) for every view and every role on SQLite. On PostgreSQL, each view with one
    role it lets in and one it refuses: whether a role may is decided in Python, the same on both
    databases and walked whole on SQLite; what PostgreSQL adds is that the view answers on it,
    both ways. (Two thirds of the cases less: a minute and a half of the PostgreSQL pass.)"""
    cases = []
    for view in views:
        roles = list(Role)
        if connection.vendor != "sqlite":
            allowed = [role for role in roles if _allowed(role, view)]
            refused = [role for role in roles if not _allowed(role, view)]
            roles = allowed[:1] + refused[:1]
        cases += [pytest.param(view, role, id=f"{view.url_name}-{role.value}") for role in roles]
    return cases


@pytest.mark.parametrize(("view_path", "role"), _cases(VIEWS), indirect=["view_path"])
def test_get_answers_as_the_role_matrix_says(
    role: Role,
    view_path: tuple[str, Path],
    request: pytest.FixtureRequest,
    login: Callable[[str], Client],
) -> None:
    view: View = request.node.callspec.params["view_path"]
    path, _uploads = view_path
    response = login(USERNAME_BY_ROLE[role]).get(path)
    assert response.status_code == (200 if _allowed(role, view) else 403)


@pytest.mark.parametrize(("view_path", "role"), _cases(POST_VIEWS), indirect=["view_path"])
def test_post_answers_as_the_role_matrix_says(
    role: Role,
    view_path: tuple[str, Path],
    request: pytest.FixtureRequest,
    stavanger: Municipality,
    login: Callable[[str], Client],
) -> None:
    view: View = request.node.callspec.params["view_path"]
    path, _uploads = view_path
    client = login(USERNAME_BY_ROLE[role])
    assert view.valid_post is not None
    data = view.valid_post(stavanger)
    before = database_state()
    response = client.post(path, data)
    if _allowed(role, view):
        assert response.status_code == 302
        assert response["Location"].startswith(view.redirects_to)
        assert database_state() != before
    else:
        assert response.status_code == 403
        assert database_state() == before


def test_every_role_has_a_demo_user_to_walk_the_matrix_with() -> None:
    assert set(USERNAME_BY_ROLE) == set(Role)


def test_every_capability_is_exercised_by_a_view() -> None:
    """Every capability but the duties (what a person may be chosen for, decide, record or
    share inside a page), which tests/accounts/test_duties.py walks role by role."""
    exercised = {capability for view in VIEWS for capability in view.requires}
    assert set(ROLE_MATRIX) - DUTY_CAPABILITIES <= exercised, "A capability no view requires"


def _url_names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_html_view_is_in_the_role_matrix_test() -> None:
    names = {n for n in _url_names(get_resolver()) if n.split(":")[0] not in OTHER_NAMESPACES}
    missing = names - PUBLIC_URL_NAMES - {view.url_name for view in VIEWS}
    assert not missing, f"Add these views to VIEWS in {__name__}: {sorted(missing)}"
