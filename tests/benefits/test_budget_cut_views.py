"""Adding, changing and deleting a budget cut in the browser, and the cuts on the plan: a cut
whose budget year has started while the benefit is not realised is marked as a risk."""

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from helhet.benefits.models import BudgetCut
from helhet.organization.models import Municipality, OrgUnit
from tests.benefits.cuts_calculator_helpers import budget_cut_form, cut
from tests.benefits.helpers import benefit
from tests.conftest import database_state

pytestmark = pytest.mark.django_db


def _plan(stavanger: Municipality) -> str:
    return f"/gevinster/tiltak/{benefit(stavanger).initiative_id}/"


def _risk() -> str:
    with translation.override("nb"):
        return escape(_("Cut before the benefit is realised"))


def test_the_project_owner_adds_a_budget_cut(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    found = benefit(stavanger)

    response = login("eier").post(f"/gevinster/{found.pk}/kutt/ny/", budget_cut_form(stavanger))

    assert response.status_code == 302
    assert response["Location"] == f"/gevinster/tiltak/{found.initiative_id}/"
    added = BudgetCut.objects.get(benefit=found)
    assert (added.unit.name, added.amount, added.budget_year) == (
        "Hjemmebaserte tjenester",
        Decimal(806882),
        2027,
    )


def test_the_form_offers_next_budget_year(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    response = login("eier").get(f"/gevinster/{benefit(stavanger).pk}/kutt/ny/")

    assert response.context["form"]["budget_year"].value() == timezone.localdate().year + 1


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"amount": "mye"}, "amount"),
        ({"amount": "0"}, "amount"),
        ({"amount": "-5 000"}, "amount"),
        ({"budget_year": "neste år"}, "budget_year"),
        ({"budget_year": "1999"}, "budget_year"),
        ({"unit": ""}, "unit"),
    ],
)
def test_bad_input_answers_400_and_changes_nothing(
    fields: dict[str, str],
    field: str,
    stavanger: Municipality,
    login: Callable[[str], Client],
) -> None:
    found = benefit(stavanger)
    client = login("eier")
    before = database_state()

    response = client.post(f"/gevinster/{found.pk}/kutt/ny/", budget_cut_form(stavanger, **fields))

    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert database_state() == before


def test_a_unit_of_another_municipality_cannot_be_chosen(
    stavanger: Municipality, bergen: Municipality, login: Callable[[str], Client]
) -> None:
    found = benefit(stavanger)
    bergen_unit = OrgUnit.objects.filter(municipality=bergen).first()
    assert bergen_unit is not None
    client = login("eier")
    before = database_state()

    response = client.post(
        f"/gevinster/{found.pk}/kutt/ny/", budget_cut_form(stavanger, unit=str(bergen_unit.pk))
    )

    assert response.status_code == 400
    assert database_state() == before


def test_a_qualitative_benefit_is_refused_with_the_reason(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    found = benefit(stavanger, kind="qualitative", planned_amount=None)
    client = login("eier")
    before = database_state()

    response = client.post(f"/gevinster/{found.pk}/kutt/ny/", budget_cut_form(stavanger))

    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    assert database_state() == before


def test_the_project_leader_changes_a_cut(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    found = cut(benefit(stavanger))

    response = login("prosjektleder").post(
        f"/gevinster/kutt/{found.pk}/endre/", budget_cut_form(stavanger, amount="500 000,50")
    )

    assert response.status_code == 302
    found.refresh_from_db()
    assert found.amount == Decimal("500000.50")


def test_the_change_form_is_filled_in(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    found = cut(benefit(stavanger))

    page = login("prosjektleder").get(f"/gevinster/kutt/{found.pk}/endre/").content.decode()

    assert 'value="806\u00a0882"' in page
    assert 'value="2026"' in page


def test_deleting_asks_first_then_removes_the_cut(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    found = cut(benefit(stavanger))
    client = login("eier")

    assert client.get(f"/gevinster/kutt/{found.pk}/slett/").status_code == 200
    assert BudgetCut.objects.filter(pk=found.pk).exists()
    response = client.post(f"/gevinster/kutt/{found.pk}/slett/")

    assert response.status_code == 302
    assert not BudgetCut.objects.filter(pk=found.pk).exists()


def test_the_plan_shows_the_cut_to_a_reader(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    found = cut(benefit(stavanger))

    page = login("leser").get(_plan(stavanger)).content.decode()

    assert f'id="budget-cut-{found.pk}"' in page
    assert "Hjemmebaserte tjenester" in page
    assert "806\u00a0882 kr" in page
    assert f"/gevinster/kutt/{found.pk}/endre/" not in page
    assert f"/gevinster/{found.benefit_id}/kutt/ny/" not in page


def test_a_cut_from_a_started_year_before_realisation_is_a_risk(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    cut(benefit(stavanger), budget_year=timezone.localdate().year)

    page = login("leser").get(_plan(stavanger)).content.decode()

    assert _risk() in page


def test_a_cut_from_a_later_year_is_not_yet_a_risk(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    cut(benefit(stavanger), budget_year=timezone.localdate().year + 1)

    page = login("leser").get(_plan(stavanger)).content.decode()

    assert _risk() not in page


def test_a_cut_of_a_realised_benefit_is_no_risk(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    cut(benefit(stavanger, status="realised"), budget_year=timezone.localdate().year - 1)

    page = login("leser").get(_plan(stavanger)).content.decode()

    assert _risk() not in page


def test_an_editor_is_offered_to_add_change_and_delete_cuts(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    found = cut(benefit(stavanger))

    page = login("prosjektleder").get(_plan(stavanger)).content.decode()

    assert f"/gevinster/{found.benefit_id}/kutt/ny/" in page
    assert f"/gevinster/kutt/{found.pk}/endre/" in page
    assert f"/gevinster/kutt/{found.pk}/slett/" in page


def test_a_qualitative_benefit_is_not_offered_a_cut(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    found = benefit(stavanger, kind="qualitative", planned_amount=None)

    page = login("prosjektleder").get(_plan(stavanger)).content.decode()

    assert f"/gevinster/{found.pk}/kutt/ny/" not in page
