"""``manage.py load_demo`` on an empty database: it refuses in production and, with
``--if-empty``, loads. (The demo it loads is tested in test_load_demo.py, loaded once there.)"""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from pytest_django.fixtures import Settings

from helhet.organization.models import Municipality


def test_refuses_when_debug_is_off(db: None, settings: Settings) -> None:
    settings.DEBUG = False

    with pytest.raises(CommandError, match="HELHET_DEBUG"):
        call_command("load_demo", stdout=StringIO())

    assert not Municipality.objects.exists()


def test_if_empty_loads_into_an_empty_database(db: None, settings: Settings) -> None:
    settings.DEBUG = True
    call_command("load_demo", "--if-empty", stdout=StringIO())
    assert Municipality.objects.count() == 2
