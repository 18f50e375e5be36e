"""What the plan's exports show for a benefit, an indicator and a person, and the files' names."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext as _

from helhet.benefits.models import Benefit, BudgetCut, Calculation, format_number
from helhet.benefits.selectors.follow_up import IndicatorFigures, percent_text
from helhet.portfolio.models import Initiative

_NORWEGIAN = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "AE", "Ø": "O", "Å": "A"})


def export_filename(initiative: Initiative, today: date, extension: str) -> str:
    """``gevinstplan-medisindispensere-2026-03-01.pdf``: the initiative's name as a slug."""
    slug = slugify(initiative.name.translate(_NORWEGIAN)) or f"tiltak-{initiative.pk}"
    return f"gevinstplan-{slug}-{today.isoformat()}.{extension}"


def achievement_text(line: IndicatorFigures) -> str:
    """The achievement as a percentage ("51 %"), or why there is none."""
    if line.indicator.target_equals_baseline:
        return _("cannot be computed (target equals baseline)")
    if line.achievement is None:
        return _("No measurement yet")
    return percent_text(line.achievement)


def person_text(user: Any) -> str:
    return "" if user is None else str(user)


def owners_text(benefit: Benefit) -> str:
    return ", ".join(str(owner) for owner in benefit.owners.all())


def calculation_of(benefit: Benefit) -> Calculation | None:
    try:
        return benefit.calculation
    except Calculation.DoesNotExist:
        return None


def cuts_of(benefit: Benefit) -> list[BudgetCut]:
    return list(benefit.budget_cuts.all())


def with_unit(value: Decimal | str, unit: str) -> str:
    """A value (or its text, already formatted) followed by its unit, if it has one."""
    text = value if isinstance(value, str) else format_number(value)
    return f"{text} {unit}".strip()
