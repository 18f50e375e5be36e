"""A benefit whose indicator depends on a solution's use: the indicator's form names the
solution (only the municipality's), and the benefits plan shows the solution's adoption in
total beside the indicator: the share in use of the eligible base against the target, and when
it was counted."""

from collections.abc import Callable

import pytest
from django.test import Client

from helhet.adoption.models import Solution
from helhet.benefits.models import Indicator
from helhet.organization.models import Municipality
from tests.adoption.scaleup_helpers import dispensers as dispenser_solution
from tests.benefits.helpers import benefit, indicator, indicator_form

pytestmark = pytest.mark.django_db


def test_the_plan_shows_the_adoption_of_the_solution_an_indicator_depends_on(
    stavanger: Municipality, bergen: Municipality, login: Callable[[str], Client]
) -> None:
    solution = dispenser_solution(stavanger)  # Hundvåg 18 of 60 in use, Storhaug not counted
    visits = indicator(stavanger)
    leader = login("prosjektleder")
    edit = f"/gevinster/indikatorer/{visits.pk}/endre/"
    form = leader.get(edit).content.decode()
    assert f'<option value="{solution.pk}">{solution.name}</option>' in form
    elsewhere = Solution.objects.create(
        municipality=bergen, name="Bergens løsning", in_use_since="2020-01-01", measure_name="x"
    )
    response = leader.post(edit, indicator_form(name=visits.name, solution=str(elsewhere.pk)))
    assert response.status_code == 400
    assert Indicator.objects.get(pk=visits.pk).solution_id is None
    response = leader.post(edit, indicator_form(name=visits.name, solution=str(solution.pk)))
    assert response.status_code == 302
    plan = leader.get(f"/gevinster/tiltak/{benefit(stavanger).initiative_id}/").content.decode()
    beside = plan[plan.index(f'id="indicator-{visits.pk}-adoption"') :][:1500]
    assert solution.name in beside
    # 18 in use of Hundvåg's 60 (Storhaug has no count yet): 30.0 % of a 40 % target.
    assert "30,0 %" in beside and "40 %" in beside and "under målet" in beside
    assert "1 av 2 enheter" in beside
