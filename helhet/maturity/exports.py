"""The digital-first-choice plan as files to send on: an .xlsx workbook (the plan, one row per
gap and step, and the maturity per service area) and a PDF to print or attach to a case.

Every text a person wrote (names, comments, steps) goes into the workbook as text, never as a
formula (see helhet.core.spreadsheets.neutralise). The PDF uses the built-in Helvetica with the
Windows-1252 character set, which holds the Norwegian letters; a character outside it is printed
as "?"."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import IO, TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from helhet.core.formats import long_date, pdf_latin, pdf_line, pdf_start
from helhet.core.spreadsheets import cell_text, formatted_cell, sheet_with
from helhet.maturity.selectors.overview import MaturitySummary
from helhet.maturity.selectors.plan import Gap, PlanRow, StepLine
from helhet.maturity.selectors.service_maturity import LEVEL_KEYS
from helhet.organization.models import Municipality

if TYPE_CHECKING:
    from fpdf import FPDF


def export_filename(municipality: Municipality, today: date, extension: str) -> str:
    return f"helhet-digitalt-forstevalg-{municipality.slug}-{today.isoformat()}.{extension}"


def _person(step: StepLine) -> str:
    user = step.step.responsible
    return (user.get_full_name() or user.username) if user is not None else ""


def _initiative(step: StepLine) -> str:
    if step.step.initiative is not None:
        return step.step.initiative.name
    return _("Needs an initiative") if step.step.needs_initiative else ""


def _answer(gap: Gap) -> str:
    return gap.answer.answer_label


def _plan_headers() -> list[str]:
    return [
        _("Service area"),
        _("Service"),
        _("Level"),
        _("Answer now"),
        _("Comment on the answer"),
        _("Planned step"),
        _("Initiative"),
        _("Responsible"),
        _("Due date"),
        _("Status"),
        _("Needs attention"),
    ]


def plan_lines(rows: Iterable[PlanRow]) -> Iterator[list[Any]]:
    """The plan as table rows: one per step, and one for each gap with no step. Dates as dates,
    everything else as text (not neutralised yet)."""
    for row in rows:
        service = row.service
        for gap in row.gaps:
            start = [
                service.area.name,
                service.name,
                str(gap.level.label),
                _answer(gap),
                gap.answer.comment,
            ]
            if not gap.steps:
                yield [*start, "", "", "", None, "", ", ".join(gap.flag_labels)]
            for step in gap.steps:
                yield [
                    *start,
                    step.step.description,
                    _initiative(step),
                    _person(step),
                    step.step.due_date,
                    step.step.get_status_display(),
                    ", ".join(step.flag_labels),
                ]


def _summary_headers() -> list[str]:
    return [
        _("Service area"),
        _("Services"),
        _("Electronic application"),
        _("Electronic transfer to the case system"),
        _("Electronic answer"),
        _("Full digital first choice"),
        _("Not assessed"),
    ]


def _summary_lines(summary: MaturitySummary) -> Iterator[list[Any]]:
    groups = [(area.area.name, area.counts) for area in summary.areas]
    groups.append((_("Total"), summary.total))
    for name, counts in groups:
        yield [
            name,
            counts.services,
            *(counts.at(level) for level in LEVEL_KEYS),
            counts.full_digital_first_choice,
            counts.not_assessed,
        ]


def _cell(sheet: Any, raw: Any) -> Any:
    """A value for a workbook cell: text neutralised, a date shown as a date, the rest as is."""
    if isinstance(raw, str):
        return cell_text(raw)
    if isinstance(raw, date):
        return formatted_cell(sheet, raw, "dd.mm.yyyy")
    return raw


def write_plan_xlsx(rows: Iterable[PlanRow], summary: MaturitySummary, out: IO[bytes]) -> None:
    """The plan (sheet "Plan") and the maturity per service area (sheet "Modenhet") as an .xlsx
    workbook. Text is stored as text: anything a spreadsheet would run as a formula gets an
    apostrophe in front."""
    from openpyxl import Workbook  # type: ignore[import-untyped]

    workbook = Workbook(write_only=True)
    plan = sheet_with(
        workbook, "Plan", _plan_headers(), [24, 30, 22, 14, 36, 40, 30, 22, 12, 12, 30]
    )
    for line in plan_lines(rows):
        plan.append([_cell(plan, raw) for raw in line])
    counts = sheet_with(workbook, "Modenhet", _summary_headers(), [30, 10, 16, 18, 16, 16, 14])
    for line in _summary_lines(summary):
        counts.append([_cell(counts, raw) for raw in line])
    workbook.save(out)


# --- PDF -----------------------------------------------------------------------------------------


def write_plan_pdf(
    rows: list[PlanRow],
    *,
    municipality: Municipality,
    today: date,
    out: IO[bytes],
    compress: bool = True,
) -> None:
    """The plan as an A4 landscape PDF: a title with the municipality and the date, then a table
    per service area (service, level, answer now, step, initiative, responsible, by when,
    status, what needs attention). Headings repeat on every page."""
    pdf = _landscape_document(municipality, compress=compress)
    _title(pdf, municipality, today)
    if not rows:
        pdf_line(pdf, _("No service lacks a level."))
    for area_rows in _by_area(rows):
        _area_table(pdf, area_rows)
    pdf.set_font("Helvetica", size=8)
    pdf_line(pdf, _("Made by Helhet on %(date)s.") % {"date": long_date(today)})
    out.write(bytes(pdf.output()))


def _landscape_document(municipality: Municipality, *, compress: bool) -> FPDF:
    """An A4 landscape document with its first page, titled and written in Windows-1252."""
    from fpdf import FPDF

    return pdf_start(
        FPDF(orientation="landscape", format="A4"),
        title=_("Digital first choice: the plan"),
        author=municipality.name,
        margin=12,
        page_break=12,
        compress=compress,
    )


def _title(pdf: FPDF, municipality: Municipality, today: date) -> None:
    pdf.set_font("Helvetica", style="B", size=16)
    pdf_line(pdf, _("Digital first choice: the plan"))
    pdf.set_font("Helvetica", size=10)
    pdf_line(
        pdf,
        _("%(municipality)s, as of %(date)s")
        % {"municipality": municipality.name, "date": long_date(today)},
    )
    pdf.ln(4)


def _by_area(rows: list[PlanRow]) -> list[list[PlanRow]]:
    """The rows grouped by service area, in the order the areas first appear."""
    by_area: dict[int, list[PlanRow]] = {}
    for row in rows:
        by_area.setdefault(row.service.area_id, []).append(row)
    return list(by_area.values())


def _pdf_headers() -> list[str]:
    return [
        _("Service"),
        _("Level"),
        _("Answer now"),
        _("Planned step"),
        _("Initiative"),
        _("Responsible"),
        _("Due date"),
        _("Status"),
        _("Needs attention"),
    ]


def _pdf_cells(line: list[Any]) -> list[str]:
    """A line of the plan as the PDF's columns: without the service area (the table's heading)
    and the comment, the date written out."""
    cells = line[1:4] + line[5:]
    cells[6] = long_date(cells[6])
    return [pdf_latin(str(cell or "")) for cell in cells]


def _area_table(pdf: FPDF, area_rows: list[PlanRow]) -> None:
    """The service area's name, then its table (the headings repeat on every page)."""
    from fpdf.fonts import FontFace

    pdf.set_font("Helvetica", style="B", size=12)
    pdf_line(pdf, area_rows[0].service.area.name)
    pdf.ln(1)
    pdf.set_font("Helvetica", size=8)
    with pdf.table(
        col_widths=(34, 26, 18, 56, 38, 26, 20, 18, 37),
        text_align="LEFT",
        headings_style=FontFace(emphasis="BOLD", fill_color=(230, 230, 230)),
        line_height=4.2,
        padding=1,
    ) as table:
        heading = table.row()
        for header in _pdf_headers():
            heading.cell(pdf_latin(header))
        for line in plan_lines(area_rows):
            table_row = table.row()
            for cell in _pdf_cells(line):
                table_row.cell(cell)
    pdf.ln(5)
