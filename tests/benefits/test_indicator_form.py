"""Adding, changing and deleting an indicator in the browser."""

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client

from helhet.benefits.models import Benefit, Indicator
from helhet.organization.models import Municipality
from tests.benefits.helpers import benefit, indicator, indicator_form
from tests.conftest import database_state

pytestmark = pytest.mark.django_db


def test_the_project_leader_adds_an_indicator(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    found = benefit(stavanger)

    response = login("prosjektleder").post(
        f"/gevinster/{found.pk}/indikatorer/ny/", indicator_form(target_value="1 471 399,50")
    )

    assert response.status_code == 302
    assert response["Location"] == f"/gevinster/tiltak/{found.initiative_id}/"
    added = Indicator.objects.get(benefit=found)
    assert added.baseline_value == Decimal(2500)
    assert added.target_value == Decimal("1471399.50")


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"baseline_value": "sekstini"}, "baseline_value"),
        ({"target_value": ""}, "target_value"),
        ({"target_date": "2025-12-31"}, "target_date"),
        ({"unit": "percent", "baseline_value": "40", "target_value": "120"}, "target_value"),
        ({"unit": "custom", "unit_label": ""}, "unit_label"),
        ({"baseline_value": "-3"}, "baseline_value"),
        ({"frequency": "daily"}, "frequency"),
    ],
)
def test_bad_input_answers_400_and_changes_nothing(
    fields: dict[str, str], field: str, stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    found = benefit(stavanger)
    client = login("prosjektleder")
    before = database_state()

    response = client.post(f"/gevinster/{found.pk}/indikatorer/ny/", indicator_form(**fields))

    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert database_state() == before


def test_the_project_owner_changes_an_indicator(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    found = indicator(stavanger)

    response = login("eier").post(
        f"/gevinster/indikatorer/{found.pk}/endre/", indicator_form(name="Besøk i døgnet")
    )

    assert response.status_code == 302
    found.refresh_from_db()
    assert found.name == "Besøk i døgnet"


def test_the_edit_form_shows_the_saved_values(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    found = indicator(stavanger)

    page = login("eier").get(f"/gevinster/indikatorer/{found.pk}/endre/").content.decode()

    assert 'value="31,5"' in page
    assert 'value="2026-01-01"' in page


def test_deleting_an_indicator_keeps_the_benefit(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    found = indicator(stavanger)

    response = login("prosjektleder").post(f"/gevinster/indikatorer/{found.pk}/slett/")

    assert response.status_code == 302
    assert not Indicator.objects.filter(pk=found.pk).exists()
    assert Benefit.objects.filter(pk=found.benefit_id).exists()
