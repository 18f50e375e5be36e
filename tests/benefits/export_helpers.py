"""Measurements, budget cuts and a before/after calculation on the dispensers' benefit (see
tests/benefits/helpers.py), and ways to read the exported files back."""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal
from typing import Any

from openpyxl import load_workbook  # type: ignore[import-untyped]

from helhet.accounts.models import User
from helhet.benefits.models import Benefit, BudgetCut, Calculation, Indicator, Measurement
from helhet.benefits.services.follow_up import indicator_latest_refresh
from helhet.benefits.services.plan import benefit_create, indicator_create
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative
from tests.benefits.helpers import indicator
from tests.conftest import unit_named


def measure(indicator: Indicator, measured_on: date, value: str, comment: str = "") -> Measurement:
    """A measurement as the benefits owner records it (the recording service is tested on its
    own; here only the figures matter)."""
    measurement = Measurement.objects.create(
        municipality=indicator.municipality,
        indicator=indicator,
        measured_on=measured_on,
        value=Decimal(value),
        comment=comment,
        recorded_by=User.objects.get(username="gevinsteier"),
    )
    indicator_latest_refresh(indicator=indicator)
    return measurement


def budget_cut(benefit: Benefit, unit: str, amount: str, year: int) -> BudgetCut:
    return BudgetCut.objects.create(
        municipality=benefit.municipality,
        benefit=benefit,
        unit=unit_named(benefit.municipality, unit),
        amount=Decimal(amount),
        budget_year=year,
    )


def dispenser_calculation(benefit: Benefit) -> Calculation:
    """Table 4 of the audit, as it stands: 69 -> 31.5 visits a day, and the per-user figures
    divided by 30 although the text says 33 users."""
    return Calculation.objects.create(
        municipality=benefit.municipality,
        benefit=benefit,
        quantity_label="Besøk per dag",
        period="day",
        users=33,
        before_quantity=Decimal(69),
        after_quantity=Decimal("31.5"),
        before_unit_cost=Decimal("122.5"),
        after_unit_cost=Decimal(128),
        stated_before_daily=Decimal("8452.5"),
        stated_after_daily=Decimal(4032),
        stated_before_yearly=Decimal(3085163),
        stated_after_yearly=Decimal(1471399),
        stated_before_per_user=Decimal(102839),
        stated_after_per_user=Decimal(49047),
        source="Forvaltningsrevisjon, tabell 4",
    )


def sheets(content: bytes) -> dict[str, list[tuple[Any, ...]]]:
    workbook = load_workbook(io.BytesIO(content))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets}


def cells(content: bytes, title: str) -> list[tuple[Any, ...]]:
    """The sheet's cells themselves (to read their number formats)."""
    return list(load_workbook(io.BytesIO(content))[title].iter_rows())


_SHOWN = re.compile(rb"\(((?:\\.|[^\\)])*)\) Tj")


def pdf_text(content: bytes) -> str:
    """The text an uncompressed PDF shows, one printed line after another joined by spaces, so
    a phrase the PDF wrapped over two lines reads as one."""
    lines = [re.sub(rb"\\(.)", rb"\1", shown) for shown in _SHOWN.findall(content)]
    return " ".join(line.decode("cp1252") for line in lines)


def other_benefits(initiative: Initiative, count: int) -> None:
    """``count`` more benefits on the initiative, each with an indicator, two measurements and a
    budget cut, for query-count tests."""
    for index in range(count):
        extra = benefit_create(
            actor=None,
            initiative=initiative,
            title=f"Gevinst {index}",
            dimension="quality",
            category="quality",
            kind="indirect",
            planned_amount=Decimal(100 + index),
            owners=[User.objects.get(username="gevinsteier")],
        )
        found = indicator_create(
            actor=None,
            benefit=extra,
            name=f"Timer {index}",
            unit="hours",
            baseline_value=Decimal(1000),
            baseline_date=date(2026, 1, 1),
            target_value=Decimal(500),
            target_date=date(2027, 1, 1),
            frequency="yearly",
        )
        measure(found, date(2026, 6, 1), "900")
        measure(found, date(2026, 9, 1), "800")
        budget_cut(extra, "Systemforvaltning", "1000", 2027)


def measured(municipality: Municipality) -> None:
    """Visits a day measured twice: 60, then 50 (towards the target of 31.5 from 69)."""
    visits = indicator(municipality)
    measure(visits, date(2026, 4, 1), "60")
    measure(visits, date(2026, 7, 1), "50", "Etter utrulling i Hinna og Tasta")
