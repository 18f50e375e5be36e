"""``manage.py load_demo``: Stavanger as the audit describes it, Bergen beside it, one login per
role; never in production and never over existing data."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from pytest_django.fixtures import Settings

from helhet.accounts.models import Membership, User
from helhet.accounts.roles import Role
from helhet.demo.municipalities import DEMO_PASSWORD, DEMO_USERNAMES
from helhet.demo.portfolio_examples import COLLEAGUES
from helhet.organization.models import Municipality, OrgUnit, UnitKind
from tests.conftest import database_state


@pytest.fixture
def loaded(whole_demo: None, db: None, settings: Settings) -> Municipality:
    """The demo as ``manage.py load_demo`` loads it, once for this module's tests (each rolls
    back to it), in development (load_demo refuses otherwise). The tests of an empty database
    are in test_load_demo_empty.py."""
    settings.DEBUG = True
    return Municipality.objects.get(slug="stavanger")


def _names(parent: OrgUnit) -> list[str]:
    return list(parent.children.order_by("name").values_list("name", flat=True))


def test_stavanger_has_the_departments_named_in_the_audit(loaded: Municipality) -> None:
    departments = OrgUnit.objects.filter(municipality=loaded, kind=UnitKind.DEPARTMENT)
    assert {
        "Innovasjon og digitalisering",
        "Smartby",
        "E-helse og velferdsteknologi",
        "IT-avdelingen",
    } <= set(departments.values_list("name", flat=True))


def test_it_has_its_four_sections(loaded: Municipality) -> None:
    it = OrgUnit.objects.get(municipality=loaded, name="IT-avdelingen")
    assert it.parent is not None and it.parent.name == "Innovasjon og støttetjenester"
    assert _names(it) == [
        "Arkitektur og utvikling",
        "Drift og forvaltning",
        "IT-administrasjon",
        "Systemforvaltning",
    ]


def test_home_care_has_the_four_districts(loaded: Municipality) -> None:
    home_care = OrgUnit.objects.get(municipality=loaded, name="Hjemmebaserte tjenester")
    assert _names(home_care) == [
        "Hillevåg hjemmebaserte tjenester",
        "Hinna hjemmebaserte tjenester",
        "Hundvåg hjemmebaserte tjenester",
        "Storhaug hjemmebaserte tjenester",
    ]


def test_stavanger_has_one_demo_login_per_role(loaded: Municipality) -> None:
    logins = Membership.objects.filter(municipality=loaded, user__username__in=DEMO_USERNAMES)
    assert sorted(logins.values_list("role", flat=True)) == sorted(Role.values)


def test_the_colleagues_besides_the_logins_only_own_and_lead_projects(
    loaded: Municipality,
) -> None:
    others = Membership.objects.filter(municipality=loaded).exclude(
        user__username__in=DEMO_USERNAMES
    )
    assert sorted(others.values_list("user__username", flat=True)) == sorted(
        colleague.username for colleague in COLLEAGUES
    )
    assert set(others.values_list("role", flat=True)) == {Role.PROJECT_OWNER, Role.PROJECT_LEADER}


def test_every_demo_user_logs_in_with_the_demo_password(loaded: Municipality) -> None:
    users = User.objects.filter(memberships__isnull=False)
    assert users.count() == len(Role) + 1 + len(COLLEAGUES)  # and Bergen's administrator
    assert all(user.check_password(DEMO_PASSWORD) for user in users)


def test_bergen_is_loaded_beside_stavanger(loaded: Municipality) -> None:
    bergen = Municipality.objects.get(slug="bergen")
    assert Membership.objects.get(municipality=bergen).role == Role.ADMIN
    assert OrgUnit.objects.filter(municipality=bergen).exists()


def test_refuses_when_the_database_has_data(loaded: Municipality) -> None:
    before = database_state()

    with pytest.raises(CommandError):
        call_command("load_demo", stdout=StringIO())

    assert database_state() == before


def test_if_empty_succeeds_and_writes_nothing_when_data_exists(loaded: Municipality) -> None:
    before = database_state()

    call_command("load_demo", "--if-empty", stdout=StringIO())

    assert database_state() == before


def test_demo_logins_are_printed_only_in_development(
    loaded: Municipality, settings: Settings
) -> None:
    out = StringIO()
    call_command("demo_logins", stdout=out)
    assert "bergen-admin" in out.getvalue()

    settings.DEBUG = False
    out = StringIO()
    call_command("demo_logins", stdout=out)
    assert out.getvalue() == ""
