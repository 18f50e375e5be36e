"""An initiative's benefits realisation plan as an .xlsx workbook: the benefits, their indicators
with the latest measurement and achievement, every measurement, and the budget cuts. Every text a
person wrote goes into the workbook as text, never as a formula
(``helhet.core.spreadsheets.neutralise``); numbers are number cells and dates date cells, with
Norwegian display formats."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from helhet.benefits.exports.texts import achievement_text, cuts_of, owners_text, person_text
from helhet.benefits.figures import achievement
from helhet.benefits.models import Benefit
from helhet.benefits.selectors.follow_up import IndicatorFigures, indicator_figures
from helhet.core.spreadsheets import cell_text, formatted_cell, sheet_with
from helhet.portfolio.models import Initiative

DATE_FORMAT = "dd.mm.yyyy"
WHOLE_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.0###"
MONEY_FORMAT = "#,##0.00"
PERCENT_FORMAT = "0 %"


def _benefit_headers() -> list[str]:
    return [
        _("Benefit"),
        _("Description"),
        _("Dimension"),
        _("Category"),
        _("Type of benefit"),
        _("Status"),
        _("Planned amount a year"),
        _("Unit"),
        _("To be realised by"),
        _("Responsible line manager"),
        _("Benefits owners"),
        _("Preconditions"),
        _("How the benefit is taken out"),
        _("Why it was abandoned"),
        _("Indicators"),
        _("Budget cuts a year (NOK)"),
    ]


def _benefit_rows(benefits: list[Benefit]) -> Iterator[list[Any]]:
    for benefit in benefits:
        cuts = cuts_of(benefit)
        yield [
            benefit.title,
            benefit.description,
            benefit.get_dimension_display(),
            benefit.get_category_display(),
            benefit.get_kind_display(),
            benefit.get_status_display(),
            _Number(benefit.planned_amount, money=True),
            benefit.amount_unit if benefit.planned_amount is not None else "",
            benefit.due_date,
            person_text(benefit.responsible),
            owners_text(benefit),
            benefit.preconditions,
            benefit.realisation_method,
            benefit.abandon_reason,
            len(benefit.indicators.all()),
            _Number(sum((cut.amount for cut in cuts), Decimal(0)) if cuts else None, money=True),
        ]


def _indicator_headers() -> list[str]:
    return [
        _("Benefit"),
        _("Indicator"),
        _("Unit"),
        _("Baseline"),
        _("Baseline date"),
        _("Target"),
        _("Target date"),
        _("Measurement frequency"),
        _("Latest measurement"),
        _("Measured on"),
        _("Achievement"),
        _("Trend"),
        _("Next measurement due"),
        _("Measurement state"),
        _("Measures the benefit's amount"),
    ]


def _indicator_rows(lines: list[tuple[Benefit, IndicatorFigures]]) -> Iterator[list[Any]]:
    for benefit, line in lines:
        indicator, latest = line.indicator, line.latest
        yield [
            benefit.title,
            indicator.name,
            indicator.unit_name,
            _Number(indicator.baseline_value),
            indicator.baseline_date,
            _Number(indicator.target_value),
            indicator.target_date,
            indicator.get_frequency_display(),
            _Number(latest.value if latest else None),
            latest.measured_on if latest else None,
            _Percent(line.achievement) if line.achievement is not None else achievement_text(line),
            str(line.trend.label) if line.trend else "",
            line.next_due,
            str(line.state.label),
            _("Yes") if indicator.measures_amount else _("No"),
        ]


def _measurement_headers() -> list[str]:
    return [
        _("Benefit"),
        _("Indicator"),
        _("Measured on"),
        _("Value"),
        _("Unit"),
        _("Achievement"),
        _("Comment"),
        _("Recorded by"),
        _("Evidence file"),
    ]


def _measurement_rows(lines: list[tuple[Benefit, IndicatorFigures]]) -> Iterator[list[Any]]:
    for benefit, line in lines:
        indicator = line.indicator
        for measurement in line.measurements:
            reached = achievement(
                indicator.baseline_value, indicator.target_value, measurement.value
            )
            yield [
                benefit.title,
                indicator.name,
                measurement.measured_on,
                _Number(measurement.value),
                indicator.unit_name,
                _Percent(reached) if reached is not None else "",
                measurement.comment,
                person_text(measurement.recorded_by),
                measurement.evidence_name,
            ]


def _cut_headers() -> list[str]:
    return [
        _("Benefit"),
        _("Unit whose budget is cut"),
        _("From budget year"),
        _("Amount a year (NOK)"),
        _("Comment"),
    ]


def _cut_rows(benefits: list[Benefit]) -> Iterator[list[Any]]:
    for benefit in benefits:
        for cut in cuts_of(benefit):
            yield [
                benefit.title,
                cut.unit.name,
                cut.budget_year,
                _Number(cut.amount, money=True),
                cut.comment,
            ]


@dataclass(frozen=True)
class _Number:
    """A Decimal for a number cell: whole numbers without decimals, others with up to four
    (kroner with two)."""

    value: Decimal | None
    money: bool = False

    @property
    def number_format(self) -> str:
        assert self.value is not None
        if self.value == self.value.to_integral_value():
            return WHOLE_FORMAT
        return MONEY_FORMAT if self.money else DECIMAL_FORMAT


@dataclass(frozen=True)
class _Percent:
    """A fraction shown as a percentage ("52 %")."""

    value: Decimal


def _lines(benefits: list[Benefit], today: date) -> list[tuple[Benefit, IndicatorFigures]]:
    return [
        (benefit, indicator_figures(indicator, today=today))
        for benefit in benefits
        for indicator in benefit.indicators.all()
    ]


def _cell(sheet: Any, raw: Any) -> Any:
    """The cell for a value: text as text, numbers and dates with their display formats."""
    if isinstance(raw, str):
        return cell_text(raw)
    if isinstance(raw, _Number):
        if raw.value is None:
            return None
        return formatted_cell(sheet, raw.value, raw.number_format)
    if isinstance(raw, _Percent):
        return formatted_cell(sheet, raw.value, PERCENT_FORMAT)
    if isinstance(raw, date):
        return formatted_cell(sheet, raw, DATE_FORMAT)
    return raw


def _fill(sheet: Any, rows: Iterator[list[Any]]) -> None:
    for row in rows:
        sheet.append([_cell(sheet, raw) for raw in row])


def plan_xlsx(initiative: Initiative, benefits: list[Benefit], *, today: date) -> bytes:
    """The plan as an .xlsx workbook: sheet "Gevinster" (one row per benefit), "Indikatorer" (one
    row per indicator, with its latest measurement, achievement and trend), "Målinger" (every
    measurement) and "Budsjettkutt" (every budget cut). Numbers are number cells (Decimal, never
    float) and dates date cells; text is stored as text: anything a spreadsheet would run as a
    formula gets an apostrophe in front."""
    from openpyxl import Workbook  # type: ignore[import-untyped]

    workbook = Workbook(write_only=True)

    lines = _lines(benefits, today)
    _fill(
        sheet_with(
            workbook,
            "Gevinster",
            _benefit_headers(),
            [32, 40, 20, 22, 20, 16, 16, 14, 14, 24, 30, 36, 36, 30, 11, 16],
        ),
        _benefit_rows(benefits),
    )
    _fill(
        sheet_with(
            workbook,
            "Indikatorer",
            _indicator_headers(),
            [32, 30, 14, 12, 12, 12, 12, 14, 14, 12, 22, 14, 14, 18, 12],
        ),
        _indicator_rows(lines),
    )
    _fill(
        sheet_with(
            workbook, "Målinger", _measurement_headers(), [32, 30, 12, 12, 14, 12, 40, 24, 24]
        ),
        _measurement_rows(lines),
    )
    _fill(
        sheet_with(workbook, "Budsjettkutt", _cut_headers(), [32, 30, 12, 16, 40]),
        _cut_rows(benefits),
    )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
