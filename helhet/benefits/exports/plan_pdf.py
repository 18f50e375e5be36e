"""An initiative's benefits realisation plan as an A4 PDF to read, print or attach to a case.

The PDF uses the built-in Helvetica with the Windows-1252 character set (as the maturity plan's
PDF does): a character outside it prints as "?". It is written in sections, top to bottom: the
title, then each benefit (its facts, indicators, budget cuts and before/after calculation), and
the line that says when Helhet made it."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from helhet.benefits.calculator import calculate
from helhet.benefits.exports.calculation_pdf import (
    calculation_facts,
    calculation_notes,
    calculation_rows,
    without_true_minus,
)
from helhet.benefits.exports.texts import (
    achievement_text,
    calculation_of,
    cuts_of,
    owners_text,
    person_text,
    with_unit,
)
from helhet.benefits.models import Benefit, format_number
from helhet.benefits.selectors.follow_up import IndicatorFigures, indicator_figures
from helhet.core.formats import long_date, numbered_pdf, pdf_latin, pdf_line
from helhet.portfolio.models import Initiative

if TYPE_CHECKING:
    from fpdf import FPDF

# A4 portrait with 15 mm margins: 180 mm to write on.
_FACT_WIDTHS = (52, 128)
_INDICATOR_WIDTHS = (38, 27, 27, 30, 34, 24)
_CUT_WIDTHS = (52, 26, 36, 66)
_CALCULATION_WIDTHS = (60, 40, 40, 40)


def plan_pdf(
    initiative: Initiative, benefits: list[Benefit], *, today: date, compress: bool = True
) -> bytes:
    """The plan as an A4 PDF to read and print: a title with the initiative, the municipality and
    the date; then each benefit with its facts (dimension, category, type, status, planned amount
    and its unit, date, responsible, owners, preconditions, how it is taken out), its indicators
    (baseline, target, latest measurement, achievement, trend), its budget cuts and its
    before/after calculation. Table headings repeat on every page."""
    title = _("Benefits realisation plan for %(name)s") % {"name": initiative.name}
    pdf = _new_pdf(title, initiative, compress)
    _title_section(pdf, title, initiative, today, empty=not benefits)
    for number, benefit in enumerate(benefits, start=1):
        if number > 1:
            pdf.ln(4)
        _benefit_section(pdf, number, benefit, today)
    pdf.ln(4)
    pdf.set_font("Helvetica", size=8)
    pdf.cell(
        text=pdf_latin(_("Made by Helhet on %(date)s.") % {"date": long_date(today)}),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return bytes(pdf.output())


def _new_pdf(title: str, initiative: Initiative, compress: bool) -> FPDF:
    """An empty A4 portrait document with its metadata, margins and a page number at the foot
    of every page."""
    return numbered_pdf(
        orientation="portrait",
        title=title,
        author=initiative.municipality.name,
        margin=15,
        page_break=18,
        footer_at=12,
        compress=compress,
    )


def _paragraph(pdf: FPDF, text: str) -> None:
    pdf.multi_cell(w=0, text=pdf_latin(text), new_x="LMARGIN", new_y="NEXT")


def _title_section(
    pdf: FPDF, title: str, initiative: Initiative, today: date, *, empty: bool
) -> None:
    """The title, the municipality and the date, the project owner and leader; and, for a plan
    without benefits, that it has none yet."""
    pdf.set_font("Helvetica", style="B", size=16)
    _paragraph(pdf, title)
    pdf.set_font("Helvetica", size=10)
    pdf_line(
        pdf,
        _("%(municipality)s, as of %(date)s")
        % {"municipality": initiative.municipality.name, "date": long_date(today)},
    )
    pdf_line(
        pdf,
        _("Project owner: %(owner)s. Project leader: %(leader)s.")
        % {
            "owner": person_text(initiative.project_owner) or "–",
            "leader": person_text(initiative.project_leader) or "–",
        },
    )
    pdf.ln(3)
    if empty:
        _paragraph(
            pdf,
            _("This initiative has no benefits realisation plan yet: no benefit has been added."),
        )


def _subheading(pdf: FPDF, text: str) -> None:
    pdf.ln(2)
    pdf.set_font("Helvetica", style="B", size=10)
    pdf_line(pdf, text)
    pdf.ln(1)


def _facts_table(pdf: FPDF, facts: list[tuple[str, str]]) -> None:
    """Label and text, one pair a row, the labels in bold."""
    from fpdf.fonts import FontFace

    label_style = FontFace(emphasis="BOLD")
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


def _grid(pdf: FPDF, widths: tuple[int, ...], headers: list[str], rows: list[list[str]]) -> None:
    """A table with a shaded heading row that repeats on every page."""
    from fpdf.fonts import FontFace

    pdf.set_font("Helvetica", size=8)
    with pdf.table(
        col_widths=widths,
        text_align="LEFT",
        headings_style=FontFace(emphasis="BOLD", fill_color=(230, 230, 230)),
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


def _benefit_section(pdf: FPDF, number: int, benefit: Benefit, today: date) -> None:
    """The numbered benefit: its title, description and facts, then its indicators, budget cuts
    and before/after calculation."""
    pdf.set_font("Helvetica", style="B", size=13)
    _paragraph(pdf, f"{number}. {benefit.title}")
    if benefit.description:
        pdf.set_font("Helvetica", size=9)
        _paragraph(pdf, benefit.description)
    pdf.ln(1)
    _facts_table(pdf, _facts(benefit))
    _indicators_section(pdf, benefit, today)
    _cuts_section(pdf, benefit)
    _calculation_section(pdf, benefit)


def _facts(benefit: Benefit) -> list[tuple[str, str]]:
    amount = (
        with_unit(benefit.planned_amount_text, benefit.amount_unit)
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
        (_("Responsible line manager"), person_text(benefit.responsible) or _("No one yet")),
        (_("Benefits owners"), owners_text(benefit) or _("No owner yet")),
        (_("Preconditions"), benefit.preconditions or "–"),
        (_("How the benefit is taken out"), benefit.realisation_method or "–"),
    ]
    if benefit.abandon_reason:
        facts.append((_("Why it was abandoned"), benefit.abandon_reason))
    return facts


def _indicators_section(pdf: FPDF, benefit: Benefit, today: date) -> None:
    """The benefit's indicators with baseline, target, latest measurement, achievement and
    trend; or that it cannot be measured without one."""
    _subheading(pdf, _("Indicators"))
    lines = [indicator_figures(indicator, today=today) for indicator in benefit.indicators.all()]
    if not lines:
        pdf.set_font("Helvetica", size=9)
        _paragraph(
            pdf,
            _(
                "The benefit cannot be measured until it has an indicator with a baseline "
                "and a target."
            ),
        )
        return
    _grid(
        pdf,
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


def _indicator_cells(line: IndicatorFigures) -> list[str]:
    indicator, latest = line.indicator, line.latest
    unit = indicator.unit_display
    return [
        indicator.name,
        f"{with_unit(indicator.baseline_text, unit)}\n{long_date(indicator.baseline_date)}",
        f"{with_unit(indicator.target_text, unit)}\n{long_date(indicator.target_date)}",
        _("No measurement yet")
        if latest is None
        else f"{with_unit(latest.value_text, unit)}\n{long_date(latest.measured_on)}",
        achievement_text(line),
        str(line.trend.label) if line.trend else "–",
    ]


def _cuts_section(pdf: FPDF, benefit: Benefit) -> None:
    """The benefit's budget cuts, when it has any."""
    cuts = cuts_of(benefit)
    if not cuts:
        return
    _subheading(pdf, _("Budget cuts"))
    _grid(
        pdf,
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


def _calculation_section(pdf: FPDF, benefit: Benefit) -> None:
    """The benefit's before/after calculation, when it has one: its inputs, the computed
    figures, and the saving and whether the source's totals agree."""
    calculation = calculation_of(benefit)
    if calculation is None:
        return
    _subheading(pdf, _("Before and after: %(title)s") % {"title": benefit.title})
    _facts_table(pdf, calculation_facts(calculation))
    result = calculate(calculation)
    pdf.ln(2)
    _grid(
        pdf,
        _CALCULATION_WIDTHS,
        [_("Figure"), _("Before"), _("After"), _("Difference")],
        calculation_rows(result),
    )
    pdf.ln(1)
    pdf.set_font("Helvetica", size=9)
    for text in calculation_notes(result):
        _paragraph(pdf, without_true_minus(text))
