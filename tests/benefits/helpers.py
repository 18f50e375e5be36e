"""A believable benefits plan to test against: the medicine dispenser case from the audit
(home-care visits a day, 69 to 31.5), on an initiative the demo project owner (eier) owns and the
demo project leader (prosjektleder) leads."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from helhet.accounts.models import User
from helhet.benefits.models import Benefit, Indicator
from helhet.benefits.services.plan import benefit_create, indicator_create
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative
from tests.projects.matrix_projects import project

INITIATIVE = "Medisindispensere"
BENEFIT = "Færre hjemmebesøk"
INDICATOR = "Besøk per dag"


def dispensers(municipality: Municipality) -> Initiative:
    return project(municipality, INITIATIVE, method=None)


def benefit(municipality: Municipality, **fields: Any) -> Benefit:
    """The dispensers' benefit (made once per test), owned by the demo benefits owner."""
    initiative = dispensers(municipality)
    found = Benefit.objects.filter(initiative=initiative, title=BENEFIT).first()
    if found is not None:
        return found
    values: dict[str, Any] = {
        "title": BENEFIT,
        "dimension": "economy",
        "category": "efficiency",
        "kind": "direct",
        "planned_amount": Decimal("1613764"),
        "responsible": User.objects.get(username="eier"),
        "owners": [User.objects.get(username="gevinsteier")],
        "due_date": date(2027, 12, 31),
    }
    values.update(fields)
    return benefit_create(actor=None, initiative=initiative, **values)


def indicator(municipality: Municipality, **fields: Any) -> Indicator:
    """Visits a day, 69 to 31.5 (made once per test)."""
    owner = benefit(municipality)
    found = Indicator.objects.filter(benefit=owner, name=INDICATOR).first()
    if found is not None:
        return found
    values: dict[str, Any] = {
        "name": INDICATOR,
        "unit": "count",
        "baseline_value": Decimal(69),
        "baseline_date": date(2026, 1, 1),
        "target_value": Decimal("31.5"),
        "target_date": date(2027, 12, 31),
        "frequency": "quarterly",
    }
    values.update(fields)
    return indicator_create(actor=None, benefit=owner, **values)


def benefit_form(**fields: str) -> dict[str, Any]:
    """A valid benefit form as a browser posts it."""
    data: dict[str, Any] = {
        "title": "Spart kjøring",
        "description": "",
        "dimension": "climate_environment",
        "category": "efficiency",
        "kind": "indirect",
        "planned_amount": "2 000",
        "due_date": "2027-06-30",
        "preconditions": "",
        "realisation_method": "Flere besøk på samme tid.",
        "responsible": "",
        "status": "planned",
        "abandon_reason": "",
    }
    data.update(fields)
    return data


def indicator_form(**fields: str) -> dict[str, Any]:
    """A valid indicator form as a browser posts it."""
    data: dict[str, Any] = {
        "name": "Timer kjøring per år",
        "unit": "hours",
        "unit_label": "",
        "baseline_value": "2 500",
        "baseline_date": "2026-01-01",
        "target_value": "500",
        "target_date": "2027-06-30",
        "frequency": "yearly",
    }
    data.update(fields)
    return data
