"""An initiative's benefits realisation plan as files to send on: an .xlsx workbook (the benefits,
their indicators with the latest measurement and achievement, every measurement, and the budget
cuts) and a PDF to print or attach to a case.

Both take the benefits as ``list(selectors.benefits_plan(initiative))`` and read only what it
prefetched, so an export makes the same few queries however large the plan is. Achievement, trend
and when the next measurement falls due come from ``selectors.indicator_figures`` (the rules of
``helhet.benefits.figures`` that every page shares); the before/after figures from
``helhet.benefits.calculator``. Every text a person wrote goes into the workbook as text, never
as a formula (``helhet.core.spreadsheets.neutralise``); numbers are number cells and dates date
cells, with Norwegian display formats. The PDF uses the built-in Helvetica with the Windows-1252
character set (as the maturity plan's PDF does): a character outside it prints as "?"."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Field
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from helhet.benefits.calculator import MINUS, CalculationResult, calculate, number_text
from helhet.benefits.figures import achievement
from helhet.benefits.models import Benefit, BudgetCut, Calculation, format_number
from helhet.benefits.selectors.follow_up import IndicatorFigures, indicator_figures, percent_text
from helhet.core.formats import long_date, pdf_latin
from helhet.core.spreadsheets import cell_text, formatted_cell, sheet_with
from helhet.portfolio.models import Initiative

__all__ = ["export_filename", "plan_pdf", "plan_xlsx"]

DATE_FORMAT = "dd.mm.yyyy"
WHOLE_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.0###"
MONEY_FORMAT = "#,##0.00"
PERCENT_FORMAT = "0 %"

# Letters slugify would drop rather than spell out.
_NORWEGIAN = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "AE", "Ø": "O", "Å": "A"})


def export_filename(initiative: Initiative, today: date, extension: str) -> str:
    """``gevinstplan-medisindispensere-2026-03-01.pdf``: the initiative's name as a slug."""
    slug = slugify(initiative.name.translate(_NORWEGIAN)) or f"tiltak-{initiative.pk}"
    return f"gevinstplan-{slug}-{today.isoformat()}.{extension}"


# --- What each row shows --------------------------------------------------------------------------


def achievement_text(line: IndicatorFigures) -> str:
    """The achievement as a percentage ("51 %"), or why there is none."""
    if line.indicator.target_equals_baseline:
        return _("cannot be computed (target equals baseline)")
    if line.achievement is None:
        return _("No measurement yet")
    return percent_text(line.achievement)


def _person(user: Any) -> str:
    return "" if user is None else str(user)


def _owners(benefit: Benefit) -> str:
    return ", ".join(str(owner) for owner in benefit.owners.all())


def _calculation(benefit: Benefit) -> Calculation | None:
    try:
        return benefit.calculation
    except Calculation.DoesNotExist:
        return None


def _cuts(benefit: Benefit) -> list[BudgetCut]:
    return list(benefit.budget_cuts.all())


def _with_unit(value: Decimal, unit: str) -> str:
    return f"{format_number(value)} {unit}".strip()


# --- The workbook ---------------------------------------------------------------------------------


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
        cuts = _cuts(benefit)
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
            _person(benefit.responsible),
            _owners(benefit),
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
            indicator.unit_display,
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
                indicator.unit_display,
                _Percent(reached) if reached is not None else "",
                measurement.comment,
                _person(measurement.recorded_by),
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
        for cut in _cuts(benefit):
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


def plan_xlsx(initiative: Initiative, benefits: list[Benefit], *, today: date) -> bytes:
    """The plan as an .xlsx workbook: sheet "Gevinster" (one row per benefit), "Indikatorer" (one
    row per indicator, with its latest measurement, achievement and trend), "Målinger" (every
    measurement) and "Budsjettkutt" (every budget cut). Numbers are number cells (Decimal, never
    float) and dates date cells; text is stored as text: anything a spreadsheet would run as a
    formula gets an apostrophe in front."""
    from openpyxl import Workbook  # type: ignore[import-untyped]

    workbook = Workbook(write_only=True)

    def cell_of(sheet: Any, raw: Any) -> Any:
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

    def fill(sheet: Any, rows: Iterator[list[Any]]) -> None:
        for row in rows:
            sheet.append([cell_of(sheet, raw) for raw in row])

    lines = _lines(benefits, today)
    fill(
        sheet_with(
            workbook,
            "Gevinster",
            _benefit_headers(),
            [32, 40, 20, 22, 20, 16, 16, 14, 14, 24, 30, 36, 36, 30, 11, 16],
        ),
        _benefit_rows(benefits),
    )
    fill(
        sheet_with(
            workbook,
            "Indikatorer",
            _indicator_headers(),
            [32, 30, 14, 12, 12, 12, 12, 14, 14, 12, 22, 14, 14, 18, 12],
        ),
        _indicator_rows(lines),
    )
    fill(
        sheet_with(
            workbook, "Målinger", _measurement_headers(), [32, 30, 12, 12, 14, 12, 40, 24, 24]
        ),
        _measurement_rows(lines),
    )
    fill(
        sheet_with(workbook, "Budsjettkutt", _cut_headers(), [32, 30, 12, 16, 40]),
        _cut_rows(benefits),
    )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- The PDF --------------------------------------------------------------------------------------

# A4 portrait with 15 mm margins: 180 mm to write on.
_FACT_WIDTHS = (52, 128)
_INDICATOR_WIDTHS = (38, 27, 27, 30, 34, 24)
_CUT_WIDTHS = (52, 26, 36, 66)
# The calculation's inputs as the PDF lists them (the totals its source states are checked
# against them below, and shown where they disagree).
CALCULATION_FIELDS = (
    "quantity_label",
    "period",
    "days_per_year",
    "users",
    "before_quantity",
    "after_quantity",
    "before_unit_cost",
    "after_unit_cost",
    "source",
)
_CALCULATION_WIDTHS = (60, 40, 40, 40)


def _facts(benefit: Benefit) -> list[tuple[str, str]]:
    amount = (
        _with_unit(benefit.planned_amount, benefit.amount_unit)
        if benefit.planned_amount is not None
        else "–"
    )
    facts = [
        (_("Dimension"), benefit.get_dimension_display()),
        (_("Category"), benefit.get_category_display()),
        (_("Type of benefit"), benefit.get_kind_display()),
        (_("Status"), benefit.get_status_display()),
        (_("Planned amount a year"), amount),
        (_("To be realised by"), long_date(benefit.due_date) or _("No date set")),
        (_("Responsible line manager"), _person(benefit.responsible) or _("No one yet")),
        (_("Benefits owners"), _owners(benefit) or _("No owner yet")),
        (_("Preconditions"), benefit.preconditions or "–"),
        (_("How the benefit is taken out"), benefit.realisation_method or "–"),
    ]
    if benefit.abandon_reason:
        facts.append((_("Why it was abandoned"), benefit.abandon_reason))
    return facts


def _calculation_facts(calculation: Calculation) -> list[tuple[str, str]]:
    """The calculation's inputs, as given."""
    facts: list[tuple[str, str]] = []
    for name in CALCULATION_FIELDS:
        value = getattr(calculation, name)
        if value is None or value == "":
            continue
        if name == "period":
            text = calculation.get_period_display()
        elif isinstance(value, (int, Decimal)):
            text = format_number(Decimal(value))
        else:
            text = str(value)
        field = Calculation._meta.get_field(name)
        assert isinstance(field, Field)
        label = capfirst(str(field.verbose_name))
        facts.append((label, text))
    return facts


def plan_pdf(
    initiative: Initiative, benefits: list[Benefit], *, today: date, compress: bool = True
) -> bytes:
    """The plan as an A4 PDF to read and print: a title with the initiative, the municipality and
    the date; then each benefit with its facts (dimension, category, type, status, planned amount
    and its unit, date, responsible, owners, preconditions, how it is taken out), its indicators
    (baseline, target, latest measurement, achievement, trend), its budget cuts and its
    before/after calculation. Table headings repeat on every page."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    class _PlanPDF(FPDF):
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("Helvetica", size=8)
            self.cell(
                text=pdf_latin(
                    _("page %(number)s of %(pages)s") % {"number": self.page_no(), "pages": "{nb}"}
                ),
                align="R",
                w=self.epw,
            )

    title = _("Benefits realisation plan for %(name)s") % {"name": initiative.name}
    pdf = _PlanPDF(orientation="portrait", format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_compression(compress)
    pdf.set_title(pdf_latin(title))
    pdf.set_author(pdf_latin(initiative.municipality.name))
    pdf.set_creator("Helhet")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_margins(15, 15, 15)
    pdf.add_page()

    pdf.set_font("Helvetica", style="B", size=16)
    pdf.multi_cell(w=0, text=pdf_latin(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    pdf.cell(
        text=pdf_latin(
            _("%(municipality)s, as of %(date)s")
            % {"municipality": initiative.municipality.name, "date": long_date(today)}
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.cell(
        text=pdf_latin(
            _("Project owner: %(owner)s. Project leader: %(leader)s.")
            % {
                "owner": _person(initiative.project_owner) or "–",
                "leader": _person(initiative.project_leader) or "–",
            }
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(3)
    if not benefits:
        pdf.multi_cell(
            w=0,
            text=pdf_latin(
                _(
                    "This initiative has no benefits realisation plan yet: no benefit has been "
                    "added."
                )
            ),
            new_x="LMARGIN",
            new_y="NEXT",
        )

    heading_style = FontFace(emphasis="BOLD", fill_color=(230, 230, 230))
    label_style = FontFace(emphasis="BOLD")

    def subheading(text: str) -> None:
        pdf.ln(2)
        pdf.set_font("Helvetica", style="B", size=10)
        pdf.cell(text=pdf_latin(text), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)

    def facts_table(facts: list[tuple[str, str]]) -> None:
        pdf.set_font("Helvetica", size=9)
        with pdf.table(
            col_widths=_FACT_WIDTHS,
            text_align="LEFT",
            first_row_as_headings=False,
            line_height=4.6,
            padding=1,
        ) as table:
            for label, text in facts:
                row = table.row()
                row.cell(pdf_latin(label), style=label_style)
                row.cell(pdf_latin(text))

    def grid(widths: tuple[int, ...], headers: list[str], rows: list[list[str]]) -> None:
        pdf.set_font("Helvetica", size=8)
        with pdf.table(
            col_widths=widths,
            text_align="LEFT",
            headings_style=heading_style,
            line_height=4.2,
            padding=1,
        ) as table:
            heading = table.row()
            for header in headers:
                heading.cell(pdf_latin(header))
            for line in rows:
                row = table.row()
                for text in line:
                    row.cell(pdf_latin(text))

    for number, benefit in enumerate(benefits, start=1):
        if number > 1:
            pdf.ln(4)
        pdf.set_font("Helvetica", style="B", size=13)
        pdf.multi_cell(
            w=0, text=pdf_latin(f"{number}. {benefit.title}"), new_x="LMARGIN", new_y="NEXT"
        )
        if benefit.description:
            pdf.set_font("Helvetica", size=9)
            pdf.multi_cell(w=0, text=pdf_latin(benefit.description), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
        facts_table(_facts(benefit))

        subheading(_("Indicators"))
        lines = [
            indicator_figures(indicator, today=today) for indicator in benefit.indicators.all()
        ]
        if not lines:
            pdf.set_font("Helvetica", size=9)
            pdf.multi_cell(
                w=0,
                text=pdf_latin(
                    _(
                        "The benefit cannot be measured until it has an indicator with a baseline "
                        "and a target."
                    )
                ),
                new_x="LMARGIN",
                new_y="NEXT",
            )
        else:
            grid(
                _INDICATOR_WIDTHS,
                [
                    _("Indicator"),
                    _("Baseline"),
                    _("Target"),
                    _("Latest measurement"),
                    _("Achievement"),
                    _("Trend"),
                ],
                [_indicator_cells(line) for line in lines],
            )

        cuts = _cuts(benefit)
        if cuts:
            subheading(_("Budget cuts"))
            grid(
                _CUT_WIDTHS,
                [
                    _("Unit whose budget is cut"),
                    _("From budget year"),
                    _("Amount a year (NOK)"),
                    _("Comment"),
                ],
                [
                    [cut.unit.name, str(cut.budget_year), format_number(cut.amount), cut.comment]
                    for cut in cuts
                ],
            )

        calculation = _calculation(benefit)
        if calculation is not None:
            subheading(_("Before and after: %(title)s") % {"title": benefit.title})
            facts_table(_calculation_facts(calculation))
            result = calculate(calculation)
            pdf.ln(2)
            grid(
                _CALCULATION_WIDTHS,
                [_("Figure"), _("Before"), _("After"), _("Difference")],
                _calculation_rows(result),
            )
            pdf.ln(1)
            pdf.set_font("Helvetica", size=9)
            for text in _calculation_notes(result):
                pdf.multi_cell(w=0, text=pdf_latin(_minus(text)), new_x="LMARGIN", new_y="NEXT")

    pdf.ln(4)
    pdf.set_font("Helvetica", size=8)
    pdf.cell(
        text=pdf_latin(_("Made by Helhet on %(date)s.") % {"date": long_date(today)}),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return bytes(pdf.output())


def _minus(text: str) -> str:
    """The calculator's true minus sign is outside the PDF's character set: a hyphen instead."""
    return text.replace(MINUS, "-")


def _calculation_rows(result: CalculationResult) -> list[list[str]]:
    """The computed figures before, after and the difference, as the plan page shows them."""
    label = result.calculation.quantity_label
    users = result.calculation.users

    def kroner(value: Decimal | None) -> str:
        return "–" if value is None else f"{_minus(number_text(value))} kr"

    def plain(value: Decimal) -> str:
        return _minus(number_text(value))

    sides = (result.before, result.after, result.difference)
    rows = [
        [_("%(label)s per day") % {"label": label}, *(plain(s.quantity_per_day) for s in sides)],
        [_("%(label)s per year") % {"label": label}, *(plain(s.quantity_per_year) for s in sides)],
        [_("Cost per day"), *(kroner(s.cost_per_day) for s in sides)],
        [_("Cost per year"), *(kroner(s.cost_per_year) for s in sides)],
    ]
    if users:
        per_user = ngettext(
            "Cost per user (%(users)s user)", "Cost per user (%(users)s users)", users
        ) % {"users": users}
        rows.append([per_user, *(kroner(s.cost_per_user) for s in sides)])
    return rows


def _calculation_notes(result: CalculationResult) -> list[str]:
    """The saving (or extra cost) a year, and whether the source's totals agree with the inputs:
    every disagreement in plain words, never hidden."""
    if result.saving_per_year >= 0:
        notes = [
            _("Computed saving a year: %(amount)s kr.")
            % {"amount": number_text(result.saving_per_year)}
        ]
    else:
        notes = [
            _("Computed extra cost a year: %(amount)s kr.")
            % {"amount": number_text(result.difference.cost_per_year)}
        ]
    if result.disagreements:
        notes.append(_("The totals the source states do not all agree with what its inputs give:"))
        notes.extend(f"- {text}" for text in result.explanations())
    elif result.checks:
        notes.append(
            _("The totals the source states agree with what its inputs give (to within one krone).")
        )
    return notes


def _indicator_cells(line: IndicatorFigures) -> list[str]:
    indicator, latest = line.indicator, line.latest
    unit = indicator.unit_display
    return [
        indicator.name,
        f"{_with_unit(indicator.baseline_value, unit)}\n{long_date(indicator.baseline_date)}",
        f"{_with_unit(indicator.target_value, unit)}\n{long_date(indicator.target_date)}",
        _("No measurement yet")
        if latest is None
        else f"{_with_unit(latest.value, unit)}\n{long_date(latest.measured_on)}",
        achievement_text(line),
        str(line.trend.label) if line.trend else "–",
    ]
