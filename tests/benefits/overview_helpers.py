"""Small benefits to test the overview against: initiatives in named units, benefits of every
kind, indicators, measurements and budget cuts. Benefits and indicators go through the services;
measurements and cuts are written directly (their own rules are tested with their services), so a
test can place them on any date relative to the ``TODAY`` it passes the summary."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import F

from helhet.accounts.models import User
from helhet.benefits import figures
from helhet.benefits.models import Benefit, BenefitKind, BudgetCut, Indicator, Measurement
from helhet.benefits.selectors.realised import benefits_with_realised
from helhet.benefits.selectors.totals import hours_per_fte
from helhet.benefits.services.follow_up import indicator_latest_refresh
from helhet.benefits.services.plan import benefit_create, indicator_create
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.models import Initiative, InitiativeKind
from helhet.portfolio.services import initiative_create

TODAY = date(2026, 6, 30)


def initiative(
    municipality: Municipality,
    name: str,
    *,
    unit: str = "Hjemmebaserte tjenester",
    **fields: Any,
) -> Initiative:
    return initiative_create(
        actor=None,
        municipality=municipality,
        name=name,
        kind=InitiativeKind.PROJECT,
        owning_unit=OrgUnit.objects.get(municipality=municipality, name=unit),
        **fields,
    )


def add_benefit(
    owner_of: Initiative,
    title: str,
    *,
    kind: str = "direct",
    planned: Decimal | int | None = None,
    owners: Sequence[str] = ("gevinsteier",),
    **fields: Any,
) -> Benefit:
    values: dict[str, Any] = {"dimension": "economy", "category": "efficiency"}
    values.update(fields)
    if fields.get("status") == "abandoned":
        values.setdefault("abandon_reason", "Behovet falt bort.")
    return benefit_create(
        actor=None,
        initiative=owner_of,
        title=title,
        kind=kind,
        planned_amount=None if planned is None else Decimal(planned),
        owners=list(User.objects.filter(username__in=owners)),
        **values,
    )


def add_indicator(
    benefit: Benefit,
    *,
    unit: str,
    baseline: Decimal | int | str,
    target: Decimal | int | str,
    measures_amount: bool = True,
    frequency: str = "yearly",
    baseline_date: date = date(2025, 1, 1),
    name: str = "",
) -> Indicator:
    return indicator_create(
        actor=None,
        benefit=benefit,
        name=name or f"{benefit.title} ({unit})",
        unit=unit,
        baseline_value=Decimal(baseline),
        baseline_date=baseline_date,
        target_value=Decimal(target),
        target_date=date(2028, 12, 31),
        frequency=frequency,
        measures_amount=measures_amount,
    )


def measure(indicator: Indicator, on: date, value: Decimal | int | str) -> Measurement:
    measurement = Measurement.objects.create(
        municipality_id=indicator.municipality_id,
        indicator=indicator,
        measured_on=on,
        value=Decimal(value),
    )
    indicator_latest_refresh(indicator=indicator)
    return measurement


def cut(benefit: Benefit, amount: Decimal | int, year: int, *, unit: str = "") -> BudgetCut:
    return BudgetCut.objects.create(
        municipality_id=benefit.municipality_id,
        benefit=benefit,
        unit=OrgUnit.objects.get(
            municipality_id=benefit.municipality_id, name=unit or "Hjemmebaserte tjenester"
        ),
        amount=Decimal(amount),
        budget_year=year,
    )


def realised_by_the_rule(municipality: Municipality) -> dict[int, Decimal]:
    """Every benefit's realised value a year, worked out in Python from its amount indicator
    (``figures.realised_amount``), or from its status when it has no measured amount."""
    hours = hours_per_fte(municipality)
    found = {}
    for each in Benefit.objects.filter(municipality=municipality).prefetch_related("indicators"):
        measured = None
        for amount in each.indicators.all():
            if amount.measures_amount:
                measured = figures.realised_amount(
                    kind=each.kind,
                    unit=amount.unit,
                    baseline=amount.baseline_value,
                    target=amount.target_value,
                    latest=amount.latest_value,
                    hours_per_fte=hours,
                )
        if measured is None:
            realised = each.status == "realised" and each.kind != BenefitKind.QUALITATIVE
            measured = (each.planned_amount or Decimal(0)) if realised else Decimal(0)
        found[each.pk] = measured
    return found


def realised_as_summed(municipality: Municipality) -> dict[int, Decimal]:
    """Every benefit's realised value as the overview sums it, from the stored progress."""
    rows = benefits_with_realised(
        Benefit.objects.filter(municipality=municipality), hours_per_fte(municipality)
    ).values_list("pk", F("realised"))
    return {pk: Decimal(realised) for pk, realised in rows}


def assert_realised_by_the_rule(municipality: Municipality) -> None:
    """The overview sums, for every benefit, the realised value the Python rule gives."""
    summed, by_rule = realised_as_summed(municipality), realised_by_the_rule(municipality)
    assert summed.keys() == by_rule.keys()
    different = {
        pk: (summed[pk], by_rule[pk])
        for pk in summed
        if abs(summed[pk] - by_rule[pk]) > Decimal("0.0001")
    }
    assert not different, different
