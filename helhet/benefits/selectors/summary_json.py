"""The benefits overview as JSON-able data (the API's benefits summary)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from helhet.benefits.models import (
    Benefit,
)
from helhet.benefits.selectors.listings import Listing
from helhet.benefits.selectors.overview import BenefitsSummary
from helhet.benefits.selectors.totals import Figures, Line


def _amount(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01")))


def _figures_json(counted: Figures) -> dict[str, Any]:
    return {
        "count": counted.count,
        "planned_nok": _amount(counted.planned_nok),
        "realised_nok": _amount(counted.realised_nok),
        "planned_hours": _amount(counted.planned_hours),
        "realised_hours": _amount(counted.realised_hours),
        "planned_fte": str(counted.planned_fte.quantize(Decimal("0.0001"))),
        "realised_fte": str(counted.realised_fte.quantize(Decimal("0.0001"))),
    }


def _lines_json(lines: list[Line]) -> list[dict[str, Any]]:
    return [{"key": line.key, "label": line.label, **_figures_json(line.figures)} for line in lines]


def _benefit_json(benefit: Benefit) -> dict[str, Any]:
    return {
        "id": benefit.pk,
        "title": benefit.title,
        "initiative": {"id": benefit.initiative_id, "name": benefit.initiative.name},
        "status": benefit.status,
        "kind": benefit.kind,
        "due_date": benefit.due_date.isoformat() if benefit.due_date else None,
    }


def _benefits_json(listing: Listing[Benefit]) -> dict[str, Any]:
    return {"total": listing.total, "benefits": [_benefit_json(row) for row in listing.rows]}


def summary_as_json(summary: BenefitsSummary) -> dict[str, Any]:
    """The summary as JSON-able data: amounts as strings with two decimals (full-time
    equivalents with four), dates ISO, each list with its full count and first rows."""
    return {
        "hours_per_fte": str(summary.hours_per_fte),
        "totals": _figures_json(summary.totals),
        "by_status": _lines_json(summary.by_status),
        "by_dimension": _lines_json(summary.by_dimension),
        "by_category": _lines_json(summary.by_category),
        "by_kind": _lines_json(summary.by_kind),
        "by_service_area": _lines_json(summary.by_service_area),
        "by_year": _lines_json(summary.by_year),
        "without_owner": _benefits_json(summary.without_owner),
        "without_indicator": _benefits_json(summary.without_indicator),
        "overdue": _benefits_json(summary.overdue),
        "initiatives_without_plan": {
            "total": summary.initiatives_without_plan.total,
            "initiatives": [
                {"id": row.pk, "name": row.name, "owning_unit": row.owning_unit.name}
                for row in summary.initiatives_without_plan.rows
            ],
        },
        "budget_cuts": {
            "by_year": [
                {
                    "budget_year": year.year,
                    "count": year.count,
                    "amount": _amount(year.amount),
                    "realised_nok": _amount(year.realised),
                    "at_risk_count": year.at_risk_count,
                    "at_risk_amount": _amount(year.at_risk_amount),
                    "started": year.started,
                }
                for year in summary.cuts_by_year
            ],
            "at_risk": {
                "total": summary.cuts_at_risk.total,
                "cuts": [
                    {
                        "id": row.cut.pk,
                        "benefit": _benefit_json(row.cut.benefit),
                        "unit": {"id": row.cut.unit_id, "name": row.cut.unit.name},
                        "amount": _amount(row.cut.amount),
                        "budget_year": row.cut.budget_year,
                        "benefit_realised_nok": _amount(row.realised),
                    }
                    for row in summary.cuts_at_risk.rows
                ],
            },
        },
    }
