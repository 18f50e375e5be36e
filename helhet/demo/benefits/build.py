"""The builders: each plan through the services, in the order its data gives."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from helhet.accounts.models import User
from helhet.benefits.models import Benefit
from helhet.benefits.services.budget_cuts import budget_cut_create
from helhet.benefits.services.calculations import calculation_set
from helhet.benefits.services.follow_up import benefit_status_set, measurement_record
from helhet.benefits.services.plan import benefit_create, indicator_create
from helhet.demo.benefits.dispensers import DISPENSERS
from helhet.demo.benefits.rpa import RPA
from helhet.demo.benefits.shapes import (
    Day,
    DaysAgo,
    DemoBenefit,
    DemoPlan,
    EndOfNextYear,
)
from helhet.demo.benefits.spider import SPIDER
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.models import Initiative

PLANS = (DISPENSERS, SPIDER, RPA)


# --- The builders --------------------------------------------------------------------------------


@transaction.atomic
def build_benefits_demo(stavanger: Municipality) -> None:
    """Create the demo benefits realisation plans. Assumes the portfolio demo is loaded; does
    nothing when Stavanger already has benefits, so loading it twice adds nothing."""
    if Benefit.objects.filter(municipality=stavanger).exists():
        return
    today = timezone.localdate()
    for plan in PLANS:
        _build_plan(stavanger, plan, today)


def _day(day: Day, today: date) -> date:
    if isinstance(day, DaysAgo):
        return today - timedelta(days=day.days)
    if isinstance(day, EndOfNextYear):
        return date(today.year + 1, 12, 31)
    return day


def _user(username: str) -> User:
    return User.objects.get(username=username)


def build_plan(m: Municipality, plan: DemoPlan, today: date) -> None:
    """One plan through the benefits services, as the demo writes it (also for the fund demo's
    example of a monetary gain)."""
    _build_plan(m, plan, today)


def _build_plan(m: Municipality, plan: DemoPlan, today: date) -> None:
    initiative = Initiative.objects.get(municipality=m, name=plan.initiative)
    writer, responsible, owner = _user(plan.writer), _user(plan.responsible), _user(plan.owner)
    for data in plan.benefits:
        benefit = benefit_create(
            actor=writer,
            initiative=initiative,
            title=data.title,
            description=data.description,
            dimension=data.dimension,
            category=data.category,
            kind=data.kind,
            planned_amount=data.planned_amount,
            preconditions=data.preconditions,
            realisation_method=data.realisation_method,
            responsible=responsible if data.owned else None,
            owners=[owner] if data.owned else [],
            due_date=_day(data.due, today) if data.due is not None else None,
            status=data.status,
        )
        _follow_up(benefit, data, writer=writer, owner=owner, today=today)


def _follow_up(
    benefit: Benefit, data: DemoBenefit, *, writer: User, owner: User, today: date
) -> None:
    """The benefit's indicators and their measurements, its calculation and budget cuts, and the
    status its owner marks it with."""
    indicators = [
        indicator_create(
            actor=writer,
            benefit=benefit,
            name=indicator.name,
            unit=indicator.unit,
            baseline_value=indicator.baseline,
            baseline_date=_day(indicator.baseline_date, today),
            target_value=indicator.target,
            target_date=_day(indicator.target_date, today),
            frequency=indicator.frequency,
            measures_amount=indicator.measures_amount,
        )
        for indicator in data.indicators
    ]
    for indicator, written in zip(indicators, data.indicators, strict=True):
        for measurement in written.measurements:
            measurement_record(
                actor=owner,
                indicator=indicator,
                measured_on=_day(measurement.day, today),
                value=Decimal(measurement.value),
                comment=measurement.comment,
            )
    if data.calculation:
        calculation_set(actor=writer, benefit=benefit, **data.calculation)
    for cut in data.cuts:
        budget_cut_create(
            actor=writer,
            benefit=benefit,
            unit=OrgUnit.objects.get(municipality_id=benefit.municipality_id, name=cut.unit),
            amount=cut.amount,
            budget_year=today.year,
            comment=cut.comment,
        )
    if data.marked:
        benefit_status_set(actor=owner, benefit=benefit, status=data.marked)
