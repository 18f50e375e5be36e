"""Tenancy: a municipality's objects do not exist for another municipality.

Bergen's administrator (who may do everything in Bergen) names Stavanger's objects by id in every
view and API endpoint that takes an id, and gets 404 (never 403, which would confirm the object
exists), and nothing changes. The matrix is checked against the project's URL patterns, so a new
view that takes an id fails here until it is added."""

import shutil
from collections.abc import Callable, Generator
from pathlib import Path

import pytest
from django.db import transaction
from django.test import Client
from django.test.utils import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from pytest_django import DjangoDbBlocker
from pytest_django.fixtures import Settings

from helhet.accounts.roles import Role
from helhet.organization.models import Municipality, OrgUnit, UnitKind
from tests.conftest import (
    FAST_PASSWORD_HASHERS,
    database_state,
    demo_municipalities,
    membership_of,
    unit_named,
)
from tests.matrix import Target, contributions

# A Stavanger section with nothing below it, and a Stavanger reader: objects every view accepts.
STAVANGER_UNIT = "Systemforvaltning"
STAVANGER_MEMBER = "leser"


def _unit(stavanger: Municipality) -> Target:
    unit = unit_named(stavanger, STAVANGER_UNIT)
    form = {"name": "Bergen var her", "kind": UnitKind.SECTION, "parent": "", "description": ""}
    return Target(unit.pk, unit.name, form)


def _with_kwarg(target: Target, kwarg: str) -> Target:
    return Target(target.pk, target.tell_tale, target.post, kwarg)


def _member(stavanger: Municipality) -> Target:
    membership = membership_of(STAVANGER_MEMBER)
    form = {"role": Role.ADMIN, "unit": "", "title": "Bergen var her"}
    return Target(membership.pk, membership.user.get_full_name(), form)


# URL name -> the Stavanger object it is asked about.
HTML_MATRIX: dict[str, Callable[[Municipality], Target]] = {
    "organization:unit_detail": _unit,
    "organization:unit_edit": _unit,
    "organization:unit_delete": _unit,
    "organization:unit_history": _unit,
    "people:member_edit": _member,
    "people:member_delete": _member,
    "people:member_history": _member,
    **dict(contributions("TENANCY_HTML")),
}
API_MATRIX: dict[str, Callable[[Municipality], Target]] = {
    "api-v1:organization_unit": lambda stavanger: _with_kwarg(_unit(stavanger), "unit_id"),
    **dict(contributions("TENANCY_API")),
}

# Namespaces outside tenancy, and why.
EXEMPT_NAMESPACES = {
    # Django's admin serves only is_staff accounts: the people who run the installation, never a
    # municipality's member (no membership, demo user or service gives is_staff).
    "admin": "staff only",
    # Pages for anyone, signed in or not: each shows only the municipality its address names, and
    # only what it chose to publish (tests/maturity/test_public.py).
    "maturity_public": "public",
}

# Single URLs outside tenancy, and why.
EXEMPT_URL_NAMES = {
    # The link in a password reset e-mail: a signed user id and a one-time token, no object of a
    # municipality (tests/accounts/test_password_reset.py).
    "accounts:password_reset_confirm": "signed one-time link",
    # Single sign-on through one provider: its id, before anyone is logged in; a sign-in reaches
    # only that provider's municipality (tests/accounts/test_sso_login.py).
    "openid_connect_login": "single sign-on, before login",
    "openid_connect_callback": "single sign-on, before login",
}


def _patterns_with_parameters(
    resolver: URLResolver, namespace: str = "", prefix: str = "", inherited: bool = False
) -> dict[str, str]:
    """Every URL pattern that takes a parameter from the path (its own or its include's), as
    {namespace:name: full route}. A pattern without a name is listed under its route."""
    found: dict[str, str] = {}
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        takes_parameters = inherited or bool(pattern.pattern.regex.groupindex)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found |= _patterns_with_parameters(pattern, inner, route, takes_parameters)
        elif isinstance(pattern, URLPattern) and takes_parameters:
            found[f"{namespace}{pattern.name or route}"] = route
    return found


def test_every_url_that_takes_an_id_is_in_the_tenancy_matrix() -> None:
    found = _patterns_with_parameters(get_resolver())
    governed = {
        name
        for name in found
        if name.split(":")[0] not in EXEMPT_NAMESPACES and name not in EXEMPT_URL_NAMES
    }
    missing = sorted(governed - set(HTML_MATRIX) - set(API_MATRIX))
    assert not missing, (
        f"These URLs take an id but are not in the tenancy matrix of {__name__}: "
        + ", ".join(f"{name} ({found[name]})" for name in missing)
    )


def test_the_tenancy_matrix_names_only_urls_that_exist() -> None:
    found = _patterns_with_parameters(get_resolver())
    assert set(HTML_MATRIX) | set(API_MATRIX) <= set(found)


def _bergen_admin(login: Callable[[str], Client]) -> Client:
    client = login("bergen-admin")
    assert membership_of("bergen-admin").role == Role.ADMIN  # so only tenancy can say no
    return client


@pytest.fixture(scope="module")
def html_target(
    request: pytest.FixtureRequest,
    django_db_setup: None,
    django_db_blocker: DjangoDbBlocker,
    tmp_path_factory: pytest.TempPathFactory,
) -> Generator[tuple[Target, Path]]:
    """The Stavanger object a URL names, made once for the URL's three cases (Bergen's GET and
    POST, Stavanger's own GET; they run one after another), as the role matrix makes its views'
    objects: in a transaction each case's own transaction nests in, so each case finds the object
    as freshly made and nothing another case did; rolled back when the next URL's cases start.
    Files the object has are kept in a folder of their own, which each case gets a fresh copy of
    (``upload_dir`` below)."""
    url_name: str = request.param
    uploads = tmp_path_factory.mktemp("tenancy-uploads")
    with django_db_blocker.unblock():
        url_transaction = transaction.atomic()
        url_transaction.__enter__()
        try:
            with override_settings(
                PASSWORD_HASHERS=FAST_PASSWORD_HASHERS, HELHET_UPLOAD_DIR=uploads
            ):
                target = HTML_MATRIX[url_name](demo_municipalities()["stavanger"])
            yield target, uploads
        finally:
            transaction.set_rollback(True)
            url_transaction.__exit__(None, None, None)


@pytest.fixture
def upload_dir(request: pytest.FixtureRequest, settings: Settings, tmp_path: Path) -> Path:
    """The case's own upload folder (as tests/conftest.py gives every test), holding a copy of
    the files of the object its URL names."""
    folder = tmp_path / "uploads"
    if "html_target" in request.fixturenames:
        _target, uploads = request.getfixturevalue("html_target")
        shutil.copytree(uploads, folder)
    settings.HELHET_UPLOAD_DIR = folder
    return folder


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("html_target", sorted(HTML_MATRIX), indirect=True)
def test_another_municipalitys_object_is_not_found_in_a_view(
    html_target: tuple[Target, Path],
    method: str,
    request: pytest.FixtureRequest,
    stavanger: Municipality,
    login: Callable[[str], Client],
) -> None:
    url_name: str = request.node.callspec.params["html_target"]
    target, _uploads = html_target
    client = _bergen_admin(login)
    path = reverse(url_name, args=[target.pk])
    before = database_state()

    response = client.get(path) if method == "GET" else client.post(path, target.post)

    assert response.status_code == 404
    assert target.tell_tale not in response.content.decode()
    assert database_state() == before


@pytest.mark.parametrize("html_target", sorted(HTML_MATRIX), indirect=True)
def test_the_other_side_sees_its_own_object(
    html_target: tuple[Target, Path],
    request: pytest.FixtureRequest,
    stavanger: Municipality,
    login: Callable[[str], Client],
) -> None:
    """The 404s above come from tenancy, not from broken views: Stavanger's admin (or the one
    the object's duties fall to, ``Target.viewer``) gets 200. On SQLite only (``SQLITE_ONLY`` in
    tests/conftest.py): on PostgreSQL tests/accounts/test_role_matrix.py already has each view
    answer 200 to a role it lets in."""
    url_name: str = request.node.callspec.params["html_target"]
    target, _uploads = html_target
    response = login(target.viewer).get(reverse(url_name, args=[target.pk]))
    assert response.status_code == 200, url_name


@pytest.mark.parametrize("url_name", sorted(API_MATRIX))
def test_another_municipalitys_object_is_not_found_in_the_api(
    url_name: str,
    stavanger: Municipality,
    api_headers: Callable[[str], dict[str, str]],
) -> None:
    target = API_MATRIX[url_name](stavanger)
    path = reverse(url_name, kwargs={target.kwarg: target.pk})
    before = database_state()

    headers = api_headers("bergen-admin")
    response = Client().get(path, headers=headers)
    if response.status_code == 405:  # an endpoint that only changes: ask it to
        response = Client().post(
            path, target.post, content_type="application/json", headers=headers
        )

    assert response.status_code == 404
    assert target.tell_tale not in response.content.decode()
    assert database_state() == before


def test_new_unit_form_does_not_accept_another_municipalitys_unit_as_preselected_parent(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    stavanger_unit = unit_named(stavanger, "IT-avdelingen")
    response = _bergen_admin(login).get(f"/organisasjon/enheter/ny/?parent={stavanger_unit.pk}")
    assert response.status_code == 404


def test_new_unit_cannot_be_placed_under_another_municipalitys_unit(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    client = _bergen_admin(login)
    before = database_state()
    response = client.post(
        "/organisasjon/enheter/ny/",
        {
            "name": "Bergen var her",
            "kind": UnitKind.SECTION,
            "parent": str(unit_named(stavanger, "IT-avdelingen").pk),
        },
    )
    assert response.status_code == 400
    assert database_state() == before


def test_own_unit_cannot_be_moved_under_another_municipalitys_unit(
    stavanger: Municipality, bergen: Municipality, login: Callable[[str], Client]
) -> None:
    own = unit_named(bergen, "Digitaliseringsavdelingen")
    client = _bergen_admin(login)
    before = database_state()
    response = client.post(
        f"/organisasjon/enheter/{own.pk}/endre/",
        {
            "name": own.name,
            "kind": own.kind,
            "parent": str(unit_named(stavanger, "Innovasjon og støttetjenester").pk),
        },
    )
    assert response.status_code == 400
    assert database_state() == before


def test_new_person_cannot_be_placed_in_another_municipalitys_unit(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    client = _bergen_admin(login)
    before = database_state()
    response = client.post(
        "/personer/ny/",
        {
            "username": "ola.vest",
            "password": "Fløyen-og-Ulriken-42",
            "role": Role.READER,
            "unit": str(unit_named(stavanger, "Smartby").pk),
        },
    )
    assert response.status_code == 400
    assert database_state() == before


def test_own_member_cannot_be_placed_in_another_municipalitys_unit(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    client = _bergen_admin(login)
    own = membership_of("bergen-admin")
    before = database_state()
    response = client.post(
        f"/personer/{own.pk}/endre/",
        {"role": Role.ADMIN, "unit": str(unit_named(stavanger, "Smartby").pk), "title": ""},
    )
    assert response.status_code == 400
    assert database_state() == before


@pytest.mark.parametrize(
    ("path", "stavanger_only"),
    [
        ("/", "Innovasjon og støttetjenester"),
        ("/organisasjon/", "IT-avdelingen"),
        ("/organisasjon/kommune/historikk/", "964965781"),
        ("/personer/", "Siri Haugen"),
    ],
)
def test_lists_and_overviews_show_only_the_own_municipality(
    path: str, stavanger_only: str, login: Callable[[str], Client]
) -> None:
    response = _bergen_admin(login).get(path)
    assert response.status_code == 200
    assert stavanger_only not in response.content.decode()


def test_api_organisation_shows_only_the_own_municipality(
    stavanger: Municipality, api_headers: Callable[[str], dict[str, str]]
) -> None:
    response = Client().get("/api/v1/organization", headers=api_headers("bergen-admin"))
    body = response.content.decode()
    assert response.status_code == 200
    stavanger_names = OrgUnit.objects.for_municipality(stavanger).values_list("name", flat=True)
    assert not [name for name in stavanger_names if name in body]


def test_django_admin_is_closed_to_a_municipalitys_administrator(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    """Why the admin is exempt above: it serves only staff, and no municipal role is staff."""
    unit = unit_named(stavanger, "Systemforvaltning")
    response = _bergen_admin(login).get(f"/django-admin/organization/orgunit/{unit.pk}/change/")
    assert response.status_code == 302
    assert response["Location"].startswith("/django-admin/login/")
