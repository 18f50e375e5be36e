"""The before/after calculation in the browser: set and changed by those who may change the
initiative, and shown on the plan with every disagreement in plain words."""

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from helhet.accounts.models import User
from helhet.benefits.models import Calculation
from helhet.benefits.services.plan import benefit_create
from helhet.organization.models import Municipality
from tests.benefits.cuts_calculator_helpers import calculation_form, cut, saved_table_4
from tests.benefits.helpers import benefit, dispensers
from tests.conftest import count_queries, database_state

pytestmark = pytest.mark.django_db


def _plan(stavanger: Municipality) -> str:
    return f"/gevinster/tiltak/{dispensers(stavanger).pk}/"


def _page(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def _nb(message: str, **params: object) -> str:
    with translation.override("nb"):
        return escape(_(message) % params if params else _(message))


def _yearly_after_text() -> str:
    with translation.override("nb"):
        formula = ngettext(
            "%(quantity)s × %(cost)s %(unit)s × %(days)s day",
            "%(quantity)s × %(cost)s %(unit)s × %(days)s days",
            365,
        ) % {"quantity": "31,5", "cost": "128", "days": 365, "unit": "kr"}
        text = _(
            "%(label)s: %(stated)s %(unit)s. Computed: %(computed)s %(unit)s (%(formula)s). "
            "Difference: %(difference)s %(unit)s."
        ) % {
            "label": _("Stated yearly cost after"),
            "stated": "1\u00a0471\u00a0399",
            "computed": "1\u00a0471\u00a0680",
            "formula": formula,
            "difference": "\u2212281",
            "unit": "kr",
        }
    return escape(text)


def _implied_text(side: str, stated: str) -> str:
    with translation.override("nb"):
        label = _(
            "Stated cost per user before" if side == "before" else "Stated cost per user after"
        )
        text = _("%(label)s (%(stated)s %(unit)s) implies %(implied)s users, not %(users)s.") % {
            "label": label,
            "stated": stated,
            "implied": "30",
            "users": 33,
            "unit": "kr",
        }
    return escape(text)


def test_the_plan_shows_the_yearly_cost_after_disagreeing_by_281(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    saved_table_4(benefit(stavanger))

    page = _page(login("leser"), _plan(stavanger))

    assert _yearly_after_text() in page


def test_the_plan_shows_the_per_user_costs_imply_30_users_not_33(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    saved_table_4(benefit(stavanger))

    page = _page(login("leser"), _plan(stavanger))

    assert _implied_text("before", "102\u00a0839") in page
    assert _implied_text("after", "49\u00a0047") in page


def test_the_agreeing_yearly_cost_before_is_not_flagged(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    saved_table_4(benefit(stavanger))

    page = _page(login("leser"), _plan(stavanger))

    with translation.override("nb"):
        assert escape(_("Stated yearly cost before")) not in page


def test_the_plan_table_has_before_after_and_difference(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    found = benefit(stavanger)
    saved_table_4(found)

    page = _page(login("leser"), _plan(stavanger))

    assert f'id="calculation-{found.pk}"' in page
    assert "8\u00a0452,50 kr" in page  # before, per day: øre with two decimals
    assert "4\u00a0032 kr" in page  # after, per day: whole kroner without
    assert "\u22124\u00a0420,50 kr" in page  # difference, per day
    assert "3\u00a0085\u00a0162,50 kr" in page  # before, per year
    assert "\u22121\u00a0613\u00a0482,50 kr" in page  # difference, per year
    assert "452,5 kr" not in page
    assert "\u221237,5" in page  # visits a day


def test_a_calculation_that_agrees_shows_no_warning(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    found = benefit(stavanger)
    saved_table_4(
        found,
        stated_after_yearly=Decimal(1471680),
        stated_before_per_user=None,
        stated_after_per_user=None,
    )

    page = _page(login("leser"), _plan(stavanger))

    assert f'id="calculation-{found.pk}-differences"' not in page
    assert "hh-calculation-agrees" in page


def test_a_reader_is_not_offered_to_change_the_calculation(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    found = benefit(stavanger)
    saved_table_4(found)

    page = _page(login("leser"), _plan(stavanger))

    assert f"/gevinster/{found.pk}/beregning/" not in page


def test_an_editor_is_offered_to_add_a_calculation(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    found = benefit(stavanger)

    page = _page(login("prosjektleder"), _plan(stavanger))

    assert f'id="add-calculation-{found.pk}"' in page


def test_the_project_leader_saves_table_4(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    found = benefit(stavanger)

    response = login("prosjektleder").post(f"/gevinster/{found.pk}/beregning/", calculation_form())

    assert response.status_code == 302
    assert response["Location"] == _plan(stavanger)
    saved = Calculation.objects.get(benefit=found)
    assert saved.before_unit_cost == Decimal("122.5")
    assert saved.stated_after_yearly == Decimal(1471399)
    assert saved.users == 33


def test_the_form_is_filled_in_and_shows_the_calculation_as_saved(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    found = benefit(stavanger)
    saved_table_4(found)

    page = _page(login("prosjektleder"), f"/gevinster/{found.pk}/beregning/")

    assert 'value="1\u00a0471\u00a0399"' in page
    assert 'value="122,5"' in page
    assert _yearly_after_text() in page


def test_a_new_calculation_starts_per_day_over_365_days(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    found = benefit(stavanger)

    response = login("prosjektleder").get(f"/gevinster/{found.pk}/beregning/")

    form = response.context["form"]
    assert (form["period"].value(), form["days_per_year"].value()) == ("day", 365)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"before_quantity": "mange"}, "before_quantity"),
        ({"after_unit_cost": ""}, "after_unit_cost"),
        ({"after_unit_cost": "-128"}, "after_unit_cost"),
        ({"days_per_year": "400"}, "days_per_year"),
        ({"days_per_year": "et år"}, "days_per_year"),
        ({"users": "0"}, "users"),
        ({"users": "33,5"}, "users"),
        ({"stated_after_yearly": "1 471 399 kr"}, "stated_after_yearly"),
        ({"period": "week"}, "period"),
    ],
)
def test_bad_input_answers_400_and_changes_nothing(
    fields: dict[str, str],
    field: str,
    stavanger: Municipality,
    login: Callable[[str], Client],
) -> None:
    found = benefit(stavanger)
    client = login("prosjektleder")
    before = database_state()

    response = client.post(f"/gevinster/{found.pk}/beregning/", calculation_form(**fields))

    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert database_state() == before


def test_deleting_the_calculation_asks_first(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    found = benefit(stavanger)
    saved_table_4(found)
    client = login("eier")

    assert client.get(f"/gevinster/{found.pk}/beregning/slett/").status_code == 200
    response = client.post(f"/gevinster/{found.pk}/beregning/slett/")

    assert response.status_code == 302
    assert not Calculation.objects.filter(benefit=found).exists()


def test_deleting_a_calculation_that_is_not_there_goes_back_to_the_plan(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    found = benefit(stavanger)

    response = login("eier").post(f"/gevinster/{found.pk}/beregning/slett/")

    assert response.status_code == 302
    assert response["Location"] == _plan(stavanger)


def _grow(stavanger: Municipality, count: int, prefix: str) -> None:
    """``count`` more benefits, each with table 4 and a budget cut."""
    initiative = dispensers(stavanger)
    owner = User.objects.get(username="gevinsteier")
    for number in range(count):
        added = benefit_create(
            actor=None,
            initiative=initiative,
            title=f"{prefix} {number}",
            dimension="economy",
            category="efficiency",
            kind="direct",
            planned_amount=Decimal(1000),
            owners=[owner],
        )
        saved_table_4(added)
        cut(added)


def test_the_plan_takes_as_many_queries_with_one_calculation_and_cut_as_with_many(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    client = login("prosjektleder")
    _grow(stavanger, 1, "Gevinst")
    few = count_queries(client, _plan(stavanger))

    _grow(stavanger, 6, "Mer")
    many = count_queries(client, _plan(stavanger))

    assert many == few


def test_a_benefit_planned_in_hours_gets_its_calculation_in_hours(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    found = benefit(stavanger, kind="indirect", planned_amount=Decimal(500))
    client = login("prosjektleder")
    path = f"/gevinster/{found.pk}/beregning/"
    assert client.get(path).context["form"]["unit"].value() == "hours"

    response = client.post(
        path,
        calculation_form(
            unit="hours",
            period="year",
            quantity_label="Saker",
            before_quantity="400",
            before_unit_cost="1,5",
            after_quantity="400",
            after_unit_cost="0,25",
            users="",
            stated_before_daily="",
            stated_after_daily="",
            stated_before_yearly="",
            stated_after_yearly="",
            stated_before_per_user="",
            stated_after_per_user="",
        ),
    )

    assert response.status_code == 302
    assert Calculation.objects.get(benefit=found).unit == "hours"
    page = _page(client, _plan(stavanger))
    table = page.split(f'id="calculation-{found.pk}"')[1].split("</table>")[0]
    assert "Timer per år" in table
    assert "600 t" in table
    assert " kr" not in table
    assert "Beregnet tidsbesparelse per år: 500 timer." in page
