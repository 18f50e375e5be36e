"""Builders for the follow-up tests: measurements of the dispenser case recorded by its benefits
owner (gevinsteier), further benefits owned by a given person, and the measurement form as a
browser posts it."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from helhet.accounts.models import User
from helhet.benefits.models import Benefit, Indicator, Measurement
from helhet.benefits.services.follow_up import measurement_record
from helhet.benefits.services.plan import benefit_create, indicator_create
from helhet.organization.models import Municipality
from tests.benefits.helpers import dispensers

BASELINE_DAY = date(2026, 1, 1)


def days_ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)


def record(
    indicator: Indicator,
    measured_on: date,
    value: str,
    *,
    by: str = "gevinsteier",
    comment: str = "",
    evidence: UploadedFile | None = None,
) -> Measurement:
    return measurement_record(
        actor=User.objects.get(username=by),
        indicator=indicator,
        measured_on=measured_on,
        value=Decimal(value),
        comment=comment,
        evidence=evidence,
    )


def owned_benefit(
    municipality: Municipality,
    title: str,
    *,
    owners: tuple[str, ...] = ("gevinsteier",),
    responsible: str | None = None,
    **fields: Any,
) -> Benefit:
    """Another benefit of the dispensers' initiative, owned by ``owners``."""
    return benefit_create(
        actor=None,
        initiative=fields.pop("initiative", None) or dispensers(municipality),
        title=title,
        dimension="quality",
        category="quality",
        kind="qualitative",
        owners=list(User.objects.filter(username__in=owners)),
        responsible=User.objects.get(username=responsible) if responsible else None,
        **fields,
    )


def indicator_on(
    benefit: Benefit,
    name: str = "Fornøyde brukere",
    *,
    frequency: str = "quarterly",
    baseline_date: date = BASELINE_DAY,
    **fields: Any,
) -> Indicator:
    values: dict[str, Any] = {
        "unit": "percent",
        "baseline_value": Decimal(60),
        "target_value": Decimal(80),
        "target_date": date(2027, 12, 31),
    }
    values.update(fields)
    return indicator_create(
        actor=None,
        benefit=benefit,
        name=name,
        frequency=frequency,
        baseline_date=baseline_date,
        **values,
    )


def measurement_form(**fields: Any) -> dict[str, Any]:
    """A valid measurement form as a browser posts it: 50 visits a day, some weeks ago."""
    data: dict[str, Any] = {
        "measured_on": days_ago(30).isoformat(),
        "value": "50",
        "comment": "Telt i turnuslisten.",
    }
    data.update(fields)
    return data
