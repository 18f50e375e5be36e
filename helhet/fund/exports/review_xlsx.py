"""The fund's review as an .xlsx workbook for the political case: the balance year by year, what
was financed by kind, department and budget year, every grant with its initiative's benefits,
the gains due and returned, and the money committed to stopped or late initiatives. Amounts are
number cells in the money format; text a person wrote is stored as text, never as a formula
(``core.spreadsheets.large_rows``)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext as _

from helhet.core.spreadsheets import large_rows, large_sheet, large_workbook
from helhet.fund.selectors.review import Financed, FundedLine, FundReview, all_funded, all_gains

_NORWEGIAN = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "AE", "Ø": "O", "Å": "A"})


def review_filename(review: FundReview, extension: str) -> str:
    """``gjennomgang-digitaliseringsfondet-2026-12-07.xlsx``."""
    slug = slugify(review.fund.name.translate(_NORWEGIAN)) or f"fond-{review.fund.pk}"
    return f"gjennomgang-{slug}-{review.today.isoformat()}.{extension}"


def _financed_rows(lines: list[Financed]) -> Iterator[list[Any]]:
    for line in lines:
        yield [line.label, line.grants, line.committed, line.disbursed, line.undisbursed]


def _financed_headers(first: str) -> list[str]:
    return [first, _("Grants"), _("Committed (NOK)"), _("Disbursed (NOK)"), _("Not paid out (NOK)")]


def _grant_rows(lines: list[FundedLine]) -> Iterator[list[Any]]:
    for line in lines:
        benefits = line.benefits
        yield [
            line.initiative_name,
            line.department,
            line.use_kind_label,
            line.status_label,
            _("Yes") if line.late else _("No"),
            line.committed,
            line.disbursed,
            line.undisbursed,
            benefits.count if benefits else 0,
            benefits.planned_nok if benefits else None,
            benefits.realised_nok if benefits else None,
            benefits.planned_hours if benefits else None,
            benefits.realised_hours if benefits else None,
            benefits.qualitative if benefits else 0,
        ]


def review_xlsx(review: FundReview) -> bytes:
    """The review as a workbook of seven sheets (see the module's docstring), written with
    ``core.spreadsheets.large_workbook``: every grant and every year of gains in one pass."""
    out = io.BytesIO()
    workbook = large_workbook(out)

    def _fill(sheet: Any, rows: Iterable[list[Any]]) -> None:
        large_rows(workbook, sheet, rows)

    _fill(
        large_sheet(
            workbook,
            "Saldo",
            [
                _("Year"),
                _("Capital (NOK)"),
                _("Gains returned (NOK)"),
                _("Committed (NOK)"),
                _("Disbursed (NOK)"),
                _("Available (NOK)"),
                _("Committed, not paid out (NOK)"),
            ],
            [8, 18, 18, 18, 18, 18, 22],
        ),
        (
            [
                year.year,
                year.balance.capital,
                year.balance.returned,
                year.balance.committed,
                year.balance.disbursed,
                year.balance.available,
                year.balance.undisbursed,
            ]
            for year in review.years
        ),
    )
    for title, heading, lines in (
        ("Etter type", _("Kind of use"), review.by_kind),
        ("Etter avdeling", _("Department"), review.by_department),
        ("Etter budsjettår", _("Budget year"), review.by_year),
    ):
        _fill(
            large_sheet(workbook, title, _financed_headers(heading), [32, 10, 18, 18, 18]),
            _financed_rows(lines),
        )
    grant_headers = [
        _("Initiative"),
        _("Department"),
        _("Kind of use"),
        _("Initiative status"),
        _("Late"),
        _("Committed (NOK)"),
        _("Disbursed (NOK)"),
        _("Not paid out (NOK)"),
        _("Benefits"),
        _("Planned (NOK a year)"),
        _("Realised (NOK a year)"),
        _("Freed time planned (hours a year)"),
        _("Freed time realised (hours a year)"),
        _("Qualitative benefits"),
    ]
    widths = [36, 28, 26, 14, 8, 16, 16, 16, 10, 18, 18, 18, 18, 12]
    everything = all_funded(review)
    _fill(large_sheet(workbook, "Tilsagn", grant_headers, widths), _grant_rows(everything))
    _fill(
        large_sheet(
            workbook,
            "Gevinster",
            [
                _("Initiative"),
                _("Year"),
                _("Share (%)"),
                _("Monetary gain (NOK)"),
                _("Due (NOK)"),
                _("Returned (NOK)"),
                _("Waived (NOK)"),
                _("Status"),
                _("Reason"),
            ],
            [36, 8, 10, 18, 16, 16, 16, 20, 40],
        ),
        (
            [
                owed.initiative_name,
                line.year,
                owed.share,
                line.gain,
                line.due,
                line.returned,
                line.waived,
                line.state_label,
                line.settlement.reason if line.settlement else "",
            ]
            for owed in all_gains(review).applications
            for line in owed.years
        ),
    )
    risky = [line for line in everything if line.stopped or line.late]
    _fill(
        large_sheet(workbook, "Stanset eller forsinket", grant_headers, widths),
        _grant_rows([line for line in risky if line.committed > 0]),
    )
    workbook.close()
    return out.getvalue()
