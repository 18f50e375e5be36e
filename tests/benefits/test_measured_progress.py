"""Each benefit's measured progress, kept on the benefit (``Benefit.measured_progress``) so the
overview sums realised values without reading the indicators, always equals the rule of
``figures.realised_amount`` computed from the indicators themselves, whatever changed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from helhet.accounts.models import User
from helhet.benefits.models import Benefit, Indicator
from helhet.benefits.selectors.totals import hours_per_fte
from helhet.benefits.services.follow_up import measurement_delete
from helhet.benefits.services.plan import benefit_update, indicator_delete, indicator_update
from helhet.organization.models import Municipality
from tests.benefits.follow_up import days_ago, record
from tests.benefits.helpers import benefit, indicator
from tests.benefits.overview_helpers import assert_realised_by_the_rule, realised_as_summed

pytestmark = pytest.mark.django_db


def test_the_progress_follows_measurements_indicators_and_the_benefits_kind(
    stavanger: Municipality,
) -> None:
    owner = User.objects.get(username="gevinsteier")
    amount = indicator(
        stavanger,
        name="Årskostnad",
        unit="nok",
        baseline_value=Decimal(3000000),
        target_value=Decimal(1500000),
        measures_amount=True,
    )
    saving = amount.benefit
    record(amount, days_ago(40), "2500000")
    newest = record(amount, days_ago(10), "2000000")
    saving.refresh_from_db()
    assert (saving.measured_progress, saving.measured_in_fte) == (Decimal(1000000), False)
    assert_realised_by_the_rule(stavanger)

    measurement_delete(actor=owner, measurement=newest)
    saving.refresh_from_db()
    assert saving.measured_progress == Decimal(500000)

    # ``amount`` was read before the measurement was deleted: its save keeps the newest value
    fields = {
        field: getattr(amount, field)
        for field in ("name", "baseline_date", "target_date", "frequency")
    }
    indicator_update(
        actor=None,
        indicator=amount,
        unit="nok",
        baseline_value=Decimal(2000000),
        target_value=Decimal(3000000),
        measures_amount=True,
        **fields,
    )
    saving.refresh_from_db()
    assert saving.measured_progress == Decimal(500000)  # from 2 million up toward 3 million
    assert_realised_by_the_rule(stavanger)

    indicator_delete(actor=None, indicator=amount)
    saving.refresh_from_db()
    assert saving.measured_progress is None
    assert_realised_by_the_rule(stavanger)


def test_freed_time_in_fte_counts_in_hours_and_a_changed_kind_drops_the_progress(
    stavanger: Municipality,
) -> None:
    freed = benefit(stavanger, kind="indirect", planned_amount=Decimal(3390))
    fte = Indicator.objects.create(
        municipality=stavanger,
        benefit=freed,
        name="Årsverk",
        unit="fte",
        baseline_value=Decimal(0),
        baseline_date=date(2026, 1, 1),
        target_value=Decimal(2),
        target_date=date(2027, 12, 31),
        frequency="quarterly",
        measures_amount=True,
    )
    record(fte, days_ago(10), "1.5")
    freed.refresh_from_db()
    assert (freed.measured_progress, freed.measured_in_fte) == (Decimal("1.5"), True)
    assert realised_as_summed(stavanger)[freed.pk] == Decimal("1.5") * hours_per_fte(stavanger)
    assert_realised_by_the_rule(stavanger)

    stale = Benefit.objects.get(pk=freed.pk)
    Benefit.objects.filter(pk=freed.pk).update(measured_progress=Decimal(1))
    stale.title = "Frigjort tid i hjemmetjenesten"
    stale.save()  # a benefit read before: its save leaves the derived columns alone
    assert Benefit.objects.get(pk=freed.pk).measured_progress == Decimal(1)

    benefit_update(
        actor=None,
        benefit=stale,
        title=stale.title,
        dimension=stale.dimension,
        category=stale.category,
        kind="qualitative",
        responsible=stale.responsible,
        owners=list(stale.owners.all()),
        due_date=stale.due_date,
    )
    stale.refresh_from_db()
    assert stale.measured_progress is None
    assert_realised_by_the_rule(stavanger)
