"""The initiatives' monetary gains a year that the benefits services keep (``MonetaryGain``,
helhet/benefits/services/monetary.py), which the fund's review and gains pages read: after every
service that changes what a gain derives from they equal a computation from the plan, the
rebuild command restores them, and the review's sums equal those of every grant's years."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from helhet.accounts.models import User
from helhet.benefits.models import Benefit, BudgetCut, Indicator, Measurement, MonetaryGain
from helhet.benefits.monetary import gain_steps
from helhet.benefits.services.budget_cuts import budget_cut_delete, budget_cut_update
from helhet.benefits.services.follow_up import (
    benefit_status_set,
    measurement_confirm,
    measurement_delete,
)
from helhet.benefits.services.monetary import monetary_facts
from helhet.benefits.services.plan import indicator_update
from helhet.fund.selectors.gains import fund_gains
from helhet.fund.selectors.review import fund_review
from helhet.fund.services.gains import gain_return_confirm, gain_return_waive
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative
from tests.benefits.helpers import dispensers
from tests.conftest import unit_named
from tests.fund.review_helpers import fund, grant, office, plan_with_gains

pytestmark = pytest.mark.django_db


def _stored(initiative: Initiative) -> list[tuple[int, Decimal]]:
    return list(
        MonetaryGain.objects.filter(initiative=initiative)
        .order_by("year")
        .values_list("year", "amount")
    )


def _computed(initiative: Initiative) -> list[tuple[int, Decimal]]:
    return gain_steps(monetary_facts([initiative.pk]).get(initiative.pk, []))


def test_every_service_keeps_the_stored_gains_equal_to_the_plan(
    stavanger: Municipality,
) -> None:
    """The dispensers' plan (review_helpers.plan_with_gains): 200 000 kr realised in 2023 and
    600 000 in 2024 against a cut of 500 000 from 2023, freed time cut by 300 000 from 2024, and
    a leader's measurement of 900 000 in 2025 awaiting confirmation."""
    plan_with_gains(stavanger)
    initiative = dispensers(stavanger)
    # 2023: max(200 000, 500 000); 2024: max(600 000, 500 000) + 300 000.
    assert _stored(initiative) == [(2023, Decimal(500000)), (2024, Decimal(900000))]
    owner = User.objects.get(username="gevinsteier")
    awaiting = Measurement.objects.get(indicator__benefit__initiative=initiative, value=900000)

    measurement_confirm(actor=owner, measurement=awaiting)
    assert _stored(initiative)[-1] == (2025, Decimal(1200000))  # 900 000 + 300 000

    measurement_delete(actor=owner, measurement=awaiting)
    assert _stored(initiative) == _computed(initiative)
    cut = BudgetCut.objects.get(benefit__initiative=initiative, amount=300000)
    budget_cut_update(actor=None, cut=cut, unit=cut.unit, amount=Decimal(400000), budget_year=2022)
    assert _stored(initiative)[0] == (2022, Decimal(400000))
    budget_cut_delete(actor=None, cut=cut)
    assert _stored(initiative) == _computed(initiative)
    kroner = Indicator.objects.get(benefit__initiative=initiative, measures_amount=True)
    indicator_update(
        actor=None,
        indicator=kroner,
        name=kroner.name,
        unit=kroner.unit,
        baseline_value=Decimal(100000),  # progress is measured from 100 000 now
        baseline_date=kroner.baseline_date,
        target_value=kroner.target_value,
        target_date=kroner.target_date,
        frequency=kroner.frequency,
        measures_amount=True,
    )
    # 2023: max(100 000, 500 000); 2024: max(500 000, 500 000): no change, no step.
    assert _stored(initiative) == [(2023, Decimal(500000))]
    direct = Benefit.objects.get(initiative=initiative, kind="direct")
    benefit_status_set(actor=owner, benefit=direct, status="abandoned", abandon_reason="Stanset")
    assert _stored(initiative) == []  # the cut went with the abandoned benefit
    assert _stored(initiative) == _computed(initiative)

    # Lost (or written around the services), the steps come back from the plans.
    benefit_status_set(actor=owner, benefit=direct, status="being_realised")
    expected = _stored(initiative)
    assert expected
    MonetaryGain.objects.all().delete()
    call_command("rebuild_fund_figures", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _stored(initiative) == expected


def test_the_reviews_summed_gains_equal_every_grants_years(stavanger: Municipality) -> None:
    """Four grants to the dispensers (three alike from 2022, the two unsettled of which the
    review counts together, one from 2023), one of them with a year partly returned and one
    waived, and one grant to an initiative without gains: the review's totals and years are
    those of the gains page, line by line."""
    plan_with_gains(stavanger)
    settled = grant(stavanger)
    grant(stavanger)
    grant(stavanger)
    grant(stavanger, years={2023: Decimal(400000)}, decided_on=date(2023, 2, 1))
    gain_return_confirm(
        application=settled,
        year=2024,
        amount=Decimal(400000),
        actor=office(),
        reason="Kuttet i budsjettet kom først fra mars.",
    )
    gain_return_waive(
        application=settled, year=2025, reason="Brukt på hjemmebesøk.", actor=office()
    )
    grant(
        stavanger,
        initiative=Initiative.objects.create(
            municipality=stavanger,
            kind="project",
            name="Ny",
            owning_unit=unit_named(stavanger, "Hjemmebaserte tjenester"),
        ),
        years={2021: Decimal(100000)},
    )
    today = date(2026, 12, 7)

    review = fund_review(fund(stavanger), municipality=stavanger, today=today)
    every = fund_gains(fund(stavanger), today=today)

    assert review.gains.totals == every.totals
    assert review.gains.by_year() == every.by_year()
    assert review.gains.totals.due > 0
    assert review.gains.totals.returned == Decimal(400000)
    assert review.gains.totals.waived > Decimal(450000)
