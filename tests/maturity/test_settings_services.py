"""maturity_settings_update: the public page switched on and off, one settings record."""

from __future__ import annotations

from helhet.maturity.models import MaturitySettings
from helhet.maturity.services.settings import maturity_settings_update
from helhet.organization.models import Municipality
from tests.maturity.plan_helpers import user


def test_settings_update_switches_the_public_page_on_and_off(stavanger: Municipality) -> None:
    maturity_settings_update(actor=user("admin"), municipality=stavanger, public_page=True)
    assert MaturitySettings.objects.get(municipality=stavanger).public_page

    maturity_settings_update(actor=user("admin"), municipality=stavanger, public_page=False)
    assert MaturitySettings.objects.filter(municipality=stavanger).count() == 1
    assert not MaturitySettings.objects.get(municipality=stavanger).public_page
