"""The fund's review as an A4 PDF for the political case: the fund and its balance now, the
balance year by year, what was financed by kind, department and budget year, the largest grants
with their initiatives' benefits, the gains due and returned, and the money committed to stopped
or late initiatives. Core fonts in Windows-1252 (``core.formats.numbered_pdf``): a character outside
it prints as "?"."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from helhet.core.formats import kroner_text, long_date, numbered_pdf, pdf_latin, pdf_line
from helhet.fund.selectors.review import Financed, FundedLine, FundReview

if TYPE_CHECKING:
    from fpdf import FPDF

# A4 landscape with 12 mm margins: 273 mm to write on.
_YEAR_WIDTHS = (20, 42, 42, 42, 42, 42, 43)
_FINANCED_WIDTHS = (93, 30, 50, 50, 50)
_GRANT_WIDTHS = (62, 45, 26, 34, 34, 36, 36)
_GAIN_WIDTHS = (33, 48, 48, 48, 48, 48)


def _money(value: Decimal | None) -> str:
    return "–" if value is None else kroner_text(value)


def _new_pdf(review: FundReview, title: str, compress: bool) -> FPDF:
    return numbered_pdf(
        orientation="landscape",
        title=title,
        author=review.fund.municipality.name,
        margin=12,
        page_break=14,
        footer_at=10,
        compress=compress,
    )


def _heading(pdf: FPDF, text: str) -> None:
    pdf.ln(3)
    pdf.set_font("Helvetica", style="B", size=12)
    pdf_line(pdf, text)
    pdf.ln(1)


def _paragraph(pdf: FPDF, text: str) -> None:
    pdf.set_font("Helvetica", size=9)
    pdf.multi_cell(w=0, text=pdf_latin(text), new_x="LMARGIN", new_y="NEXT")


def _grid(pdf: FPDF, widths: tuple[int, ...], headers: list[str], rows: list[list[str]]) -> None:
    """A table whose heading row repeats on every page; numbers right-aligned."""
    from fpdf.fonts import FontFace

    pdf.set_font("Helvetica", size=8)
    align = ["LEFT"] + ["RIGHT"] * (len(widths) - 1)
    with pdf.table(
        col_widths=widths,
        text_align=align,
        headings_style=FontFace(emphasis="BOLD", fill_color=(230, 230, 230)),
        line_height=4.4,
        padding=1,
    ) as table:
        heading = table.row()
        for header in headers:
            heading.cell(pdf_latin(header))
        for line in rows:
            row = table.row()
            for text in line:
                row.cell(pdf_latin(text))


def _financed(pdf: FPDF, heading: str, lines: list[Financed]) -> None:
    if not lines:
        return
    _grid(
        pdf,
        _FINANCED_WIDTHS,
        [heading, _("Grants"), _("Committed (NOK)"), _("Disbursed (NOK)"), _("Not paid out (NOK)")],
        [
            [
                line.label,
                "" if line.grants is None else str(line.grants),
                _money(line.committed),
                _money(line.disbursed),
                _money(line.undisbursed),
            ]
            for line in lines
        ],
    )
    pdf.ln(2)


def _grant_rows(lines: list[FundedLine], *, with_benefits: bool) -> list[list[str]]:
    rows = []
    for line in lines:
        benefits = line.benefits
        state = line.status_label
        if line.late:
            state = _("%(status)s, late") % {"status": state}
        last = (
            f"{_money(benefits.planned_nok if benefits else None)} / "
            f"{_money(benefits.realised_nok if benefits else None)}"
            if with_benefits
            else _money(line.undisbursed)
        )
        rows.append(
            [
                line.initiative_name,
                line.department,
                state,
                _money(line.committed),
                _money(line.disbursed),
                _money(line.undisbursed) if with_benefits else "",
                last,
            ]
        )
    return rows


def review_pdf(review: FundReview, *, compress: bool = True) -> bytes:
    """The review as a PDF (see the module's docstring)."""
    fund, balance = review.fund, review.balance
    title = _("Review of %(name)s") % {"name": fund.name}
    pdf = _new_pdf(review, title, compress)
    pdf.set_font("Helvetica", style="B", size=16)
    pdf.multi_cell(w=0, text=pdf_latin(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    pdf_line(
        pdf,
        _("%(municipality)s, as of %(date)s")
        % {"municipality": fund.municipality.name, "date": long_date(review.today)},
    )
    if fund.decision_reference or fund.decision_body:
        pdf_line(
            pdf,
            _("Set up by %(body)s, case %(reference)s, %(date)s.")
            % {
                "body": fund.decision_body or "–",
                "reference": fund.decision_reference or "–",
                "date": long_date(fund.decision_date) or "–",
            },
        )
    for note in review.notes:
        _paragraph(pdf, note)
    _heading(pdf, _("Balance now"))
    _grid(
        pdf,
        (46, 45, 45, 45, 46, 46),
        [
            _("Capital (NOK)"),
            _("Gains returned (NOK)"),
            _("Committed (NOK)"),
            _("Disbursed (NOK)"),
            _("Available (NOK)"),
            _("Committed, not paid out (NOK)"),
        ],
        [
            [
                _money(balance.capital),
                _money(balance.returned),
                _money(balance.committed),
                _money(balance.disbursed),
                _money(balance.available),
                _money(balance.undisbursed),
            ]
        ],
    )
    _heading(pdf, _("Balance at the end of each year"))
    _grid(
        pdf,
        _YEAR_WIDTHS,
        [
            _("Year"),
            _("Capital (NOK)"),
            _("Gains returned (NOK)"),
            _("Committed (NOK)"),
            _("Disbursed (NOK)"),
            _("Available (NOK)"),
            _("Committed, not paid out (NOK)"),
        ],
        [
            [
                str(year.year),
                _money(year.balance.capital),
                _money(year.balance.returned),
                _money(year.balance.committed),
                _money(year.balance.disbursed),
                _money(year.balance.available),
                _money(year.balance.undisbursed),
            ]
            for year in review.years
        ],
    )
    _heading(pdf, _("What the fund financed"))
    _financed(pdf, _("Kind of use"), review.by_kind)
    _financed(pdf, _("Department"), review.by_department)
    _financed(pdf, _("Budget year"), review.by_year)
    _heading(pdf, _("Funded initiatives and their benefits"))
    _grid(
        pdf,
        _GRANT_WIDTHS,
        [
            _("Initiative"),
            _("Department"),
            _("Status"),
            _("Committed (NOK)"),
            _("Disbursed (NOK)"),
            _("Not paid out (NOK)"),
            _("Benefits planned / realised (NOK a year)"),
        ],
        _grant_rows(review.funded.rows, with_benefits=True),
    )
    if review.funded.more:
        _paragraph(
            pdf,
            _("And %(count)s more grants: every one is in the .xlsx export.")
            % {"count": review.funded.more},
        )
    _heading(pdf, _("Gains due and returned"))
    totals = review.gains.totals
    _paragraph(
        pdf,
        _(
            "Due in years that have ended: %(due)s NOK. Returned: %(returned)s NOK. Waived: "
            "%(waived)s NOK. Not settled: %(outstanding)s NOK."
        )
        % {
            "due": _money(totals.due),
            "returned": _money(totals.returned),
            "waived": _money(totals.waived),
            "outstanding": _money(totals.outstanding),
        },
    )
    by_year = review.gains.by_year()
    if by_year:
        _grid(
            pdf,
            _GAIN_WIDTHS,
            [
                _("Year"),
                _("Due (NOK)"),
                _("Returned (NOK)"),
                _("Waived (NOK)"),
                _("Not settled (NOK)"),
                _("Returned of due"),
            ],
            [
                [
                    str(line.year),
                    _money(line.due),
                    _money(line.returned),
                    _money(line.waived),
                    _money(line.outstanding),
                    f"{(line.returned / line.due * 100).quantize(Decimal(1))} %"
                    if line.due
                    else "–",
                ]
                for line in by_year
            ],
        )
    _heading(pdf, _("Money committed to initiatives that are stopped or late"))
    if review.at_risk.rows:
        _grid(
            pdf,
            _GRANT_WIDTHS,
            [
                _("Initiative"),
                _("Department"),
                _("Status"),
                _("Committed (NOK)"),
                _("Disbursed (NOK)"),
                "",
                _("Not paid out (NOK)"),
            ],
            _grant_rows(review.at_risk.rows, with_benefits=False),
        )
        if review.at_risk.more:
            _paragraph(
                pdf,
                _("And %(count)s more grants: every one is in the .xlsx export.")
                % {"count": review.at_risk.more},
            )
    else:
        _paragraph(pdf, _("No money is committed to an initiative that is stopped or late."))
    pdf.ln(3)
    pdf.set_font("Helvetica", size=8)
    pdf_line(pdf, _("Made by Helhet on %(date)s.") % {"date": long_date(review.today)})
    return bytes(pdf.output())
