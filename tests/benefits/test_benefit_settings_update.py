"""The hours in one full-time equivalent (benefit_settings_update and
/gevinster/innstillinger/): from 100 to 3,000 with one decimal at most; anything else is refused
with a Norwegian message and nothing changes."""

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.benefits.models import BenefitSettings
from helhet.benefits.selectors.totals import hours_per_fte
from helhet.benefits.services.settings import benefit_settings_update
from helhet.organization.models import Municipality
from tests.conftest import database_state

pytestmark = pytest.mark.django_db

URL = "/gevinster/innstillinger/"
RANGE_MESSAGE = "Enter a number of hours from 100 to 3,000."


def test_the_setting_is_saved_with_who_changed_it(stavanger: Municipality) -> None:
    actor = User.objects.get(username="portefolje")

    saved = benefit_settings_update(
        actor=actor, municipality=stavanger, hours_per_fte=Decimal(1700)
    )

    assert hours_per_fte(stavanger) == Decimal(1700)
    assert saved.history.get().history_user == actor


def test_changing_it_again_keeps_one_record(stavanger: Municipality) -> None:
    benefit_settings_update(actor=None, municipality=stavanger, hours_per_fte=Decimal(1700))
    benefit_settings_update(actor=None, municipality=stavanger, hours_per_fte=Decimal("1687.5"))

    assert BenefitSettings.objects.filter(municipality=stavanger).count() == 1
    assert hours_per_fte(stavanger) == Decimal("1687.5")


def test_one_municipalitys_setting_leaves_the_others_default(
    stavanger: Municipality, bergen: Municipality
) -> None:
    benefit_settings_update(actor=None, municipality=stavanger, hours_per_fte=Decimal(1500))

    assert hours_per_fte(bergen) == Decimal(1695)


@pytest.mark.parametrize("hours", ["99.9", "3000.1", "0", "-1695"])
def test_hours_outside_100_to_3000_are_refused_and_nothing_changes(
    stavanger: Municipality, hours: str
) -> None:
    before = database_state()

    with pytest.raises(ValidationError) as refused:
        benefit_settings_update(actor=None, municipality=stavanger, hours_per_fte=Decimal(hours))

    assert refused.value.message_dict["hours_per_fte"] == [_(RANGE_MESSAGE)]
    assert database_state() == before


def test_the_settings_page_saves_a_number_as_norwegians_write_it(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    response = login("portefolje").post(URL, {"hours_per_fte": "1 687,5"})

    assert response.status_code == 302
    assert response["Location"] == "/gevinster/"
    assert hours_per_fte(stavanger) == Decimal("1687.5")


def test_the_settings_page_shows_the_current_value(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    page = login("admin").get(URL).content.decode()

    assert 'value="1\u00a0695"' in page


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("50", RANGE_MESSAGE),
        ("mange", "Enter a number, e.g. 1 613 764 or 31,5."),
        ("1695,25", "Sørg for at det er kun 1 desimal."),
    ],
)
def test_bad_values_are_refused_with_a_norwegian_message_and_nothing_changes(
    stavanger: Municipality, login: Callable[[str], Client], typed: str, message: str
) -> None:
    client = login("portefolje")
    before = database_state()

    response = client.post(URL, {"hours_per_fte": typed})

    assert response.status_code == 400
    assert database_state() == before
    assert _(message) in response.content.decode()
