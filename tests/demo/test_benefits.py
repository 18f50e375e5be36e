"""The demo benefits: the dispensers' table 4 exactly as the audit gives it, with its
inconsistency visible on the plan; Spider's seven benefits of table 5; Robin realised; Byarkivet's
8 and 4 digital FTE, one of them overdue; a budget cut taken before its benefit is realised."""

from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from helhet.accounts.models import User
from helhet.benefits.figures import MeasurementState, measurement_state
from helhet.benefits.models import Benefit, BudgetCut, Calculation, Indicator
from helhet.demo.benefits.build import build_benefits_demo
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative
from tests.benefits.overview_helpers import assert_realised_by_the_rule

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(whole_demo: None) -> Municipality:
    """The demo as ``manage.py load_demo`` loads it, once for this module's tests (each rolls
    back to it)."""
    return Municipality.objects.get(slug="stavanger")


def _client(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def _plan(name: str) -> str:
    return f"/gevinster/tiltak/{Initiative.objects.get(name=name).pk}/"


def test_the_dispensers_calculation_is_table_4_as_the_audit_gives_it(loaded: Municipality) -> None:
    calculation = Calculation.objects.get(benefit__title="Færre hjemmebesøk")

    assert calculation.users == 33
    assert calculation.before_quantity == Decimal(69)
    assert calculation.after_quantity == Decimal("31.5")
    assert calculation.stated_before_yearly == Decimal(3085163)
    assert calculation.stated_after_yearly == Decimal(1471399)
    assert calculation.stated_before_per_user == Decimal(102839)
    assert calculation.stated_after_per_user == Decimal(49047)


def test_a_reader_sees_the_dispensers_differences_on_the_plan(loaded: Municipality) -> None:
    page = _client("leser").get(_plan("Medisindispensere")).content.decode()

    with translation.override("nb"):
        yearly = _(
            "%(label)s: %(stated)s %(unit)s. Computed: %(computed)s %(unit)s (%(formula)s). "
            "Difference: %(difference)s %(unit)s."
        ) % {
            "label": _("Stated yearly cost after"),
            "stated": "1\u00a0471\u00a0399",
            "computed": "1\u00a0471\u00a0680",
            "formula": ngettext(
                "%(quantity)s × %(cost)s %(unit)s × %(days)s day",
                "%(quantity)s × %(cost)s %(unit)s × %(days)s days",
                365,
            )
            % {"quantity": "31,5", "cost": "128", "days": 365, "unit": "kr"},
            "difference": "\u2212281",
            "unit": "kr",
        }
        users = _("%(label)s (%(stated)s %(unit)s) implies %(implied)s users, not %(users)s.") % {
            "label": _("Stated cost per user before"),
            "stated": "102\u00a0839",
            "implied": "30",
            "users": 33,
            "unit": "kr",
        }
    assert escape(yearly) in page
    assert escape(users) in page


def test_the_dispensers_cut_shows_as_taken_before_the_benefit_is_realised(
    loaded: Municipality,
) -> None:
    cut = BudgetCut.objects.get(benefit__title="Færre hjemmebesøk")
    page = _client("leser").get(_plan("Medisindispensere")).content.decode()

    assert cut.unit.name == "Hjemmebaserte tjenester"
    assert cut.budget_year == timezone.localdate().year
    with translation.override("nb"):
        assert escape(_("Cut before the benefit is realised")) in page


def test_spider_has_the_seven_benefits_of_table_5(loaded: Municipality) -> None:
    kinds = list(Benefit.objects.filter(initiative__name="Spider").values_list("kind", flat=True))

    assert sorted(kinds) == sorted(["qualitative"] * 4 + ["indirect"] * 2 + ["direct"])


def test_one_spider_benefit_has_an_indicator_and_no_owner(loaded: Municipality) -> None:
    ownerless = Benefit.objects.filter(
        initiative__name="Spider", owners__isnull=True, indicators__isnull=False
    )

    assert ownerless.count() == 1


def test_robin_is_realised_with_its_2000_hours(loaded: Municipality) -> None:
    robin = Benefit.objects.get(title__startswith="Robin")
    measured = Indicator.objects.get(benefit=robin).measurements.get()

    assert robin.status == "realised"
    assert robin.planned_amount == Decimal(2000)
    assert measured.value == Decimal(2000)


def test_byarkivet_has_8_and_4_digital_fte_one_overdue(loaded: Municipality) -> None:
    today = timezone.localdate()
    states = {}
    for indicator in Indicator.objects.filter(benefit__title__startswith="Byarkivet"):
        last = indicator.measurements.order_by("measured_on").last()
        states[indicator.target_value] = measurement_state(
            frequency=indicator.frequency,
            last_measured=last.measured_on if last else None,
            baseline_date=indicator.baseline_date,
            benefit_status=indicator.benefit.status,
            today=today,
        )

    assert states == {Decimal(8): MeasurementState.NOT_DUE, Decimal(4): MeasurementState.OVERDUE}


def test_the_video_visits_save_driving_time(loaded: Municipality) -> None:
    video = Benefit.objects.get(title="Spart kjøretid med digitalt tilsyn")

    assert video.kind == "indirect"
    assert "42 fysiske tilsyn" in video.description
    assert "20–30 timer" in video.description


def test_loading_the_benefits_demo_again_adds_nothing(loaded: Municipality) -> None:
    before = Benefit.objects.count(), Indicator.objects.count(), BudgetCut.objects.count()

    build_benefits_demo(loaded)

    assert (Benefit.objects.count(), Indicator.objects.count(), BudgetCut.objects.count()) == before


def test_every_demo_plan_page_answers(loaded: Municipality) -> None:
    client = _client("prosjektleder")
    for name in ("Medisindispensere", "Spider", "RPA"):
        assert client.get(_plan(name)).status_code == 200


def test_load_demo_loads_the_benefits(loaded: Municipality) -> None:
    assert Benefit.objects.filter(initiative__name="Medisindispensere").count() == 4
    assert Calculation.objects.count() == 1


def test_the_demos_benefits_carry_the_progress_their_indicators_give(
    loaded: Municipality,
) -> None:
    """What the overview sums from the benefits' rows (``Benefit.measured_progress``) is what the
    indicators give by the rule, for every demo benefit."""
    assert Benefit.objects.filter(municipality=loaded, measured_progress__isnull=False).exists()
    assert_realised_by_the_rule(loaded)
