"""The dispensers' table 4 as the audit gives it ("Kilde: Sluttrapporten", 33 users, per day),
and valid forms for a budget cut and a before/after calculation as a browser posts them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from helhet.benefits.models import Benefit, BudgetCut, Calculation
from helhet.benefits.services.budget_cuts import budget_cut_create
from helhet.benefits.services.calculations import calculation_set
from helhet.organization.models import Municipality, OrgUnit

HOME_CARE = "Hjemmebaserte tjenester"

TABLE_4: dict[str, Any] = {
    "quantity_label": "Oppdrag",
    "period": "day",
    "days_per_year": 365,
    "users": 33,
    "before_quantity": Decimal(69),
    "after_quantity": Decimal("31.5"),
    "before_unit_cost": Decimal("122.5"),
    "after_unit_cost": Decimal(128),
    "stated_before_daily": Decimal("8452.5"),
    "stated_after_daily": Decimal(4032),
    "stated_before_yearly": Decimal(3085163),
    "stated_after_yearly": Decimal(1471399),
    "stated_before_per_user": Decimal(102839),
    "stated_after_per_user": Decimal(49047),
    "source": "Sluttrapporten",
}


def table_4(**fields: Any) -> Calculation:
    """Table 4 as an unsaved calculation (the calculator needs no database)."""
    return Calculation(**{**TABLE_4, **fields})


def saved_table_4(benefit: Benefit, **fields: Any) -> Calculation:
    return calculation_set(actor=None, benefit=benefit, **{**TABLE_4, **fields})


def cut(benefit: Benefit, **fields: Any) -> BudgetCut:
    """A cut of 806 882 kr a year in home care from 2026 (made once per test)."""
    found = BudgetCut.objects.filter(benefit=benefit).first()
    if found is not None:
        return found
    values: dict[str, Any] = {
        "unit": OrgUnit.objects.get(municipality=benefit.municipality, name=HOME_CARE),
        "amount": Decimal(806882),
        "budget_year": 2026,
        "comment": "Halve gevinsten.",
    }
    values.update(fields)
    return budget_cut_create(actor=None, benefit=benefit, **values)


def budget_cut_form(municipality: Municipality, **fields: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "unit": str(OrgUnit.objects.get(municipality=municipality, name=HOME_CARE).pk),
        "amount": "806 882",
        "budget_year": "2027",
        "comment": "Rammekutt.",
    }
    data.update(fields)
    return data


def calculation_form(**fields: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "quantity_label": "Oppdrag",
        "unit": "nok",
        "period": "day",
        "days_per_year": "365",
        "users": "33",
        "source": "Sluttrapporten",
        "before_quantity": "69",
        "before_unit_cost": "122,5",
        "after_quantity": "31,5",
        "after_unit_cost": "128",
        "stated_before_daily": "8 452,5",
        "stated_after_daily": "4 032",
        "stated_before_yearly": "3 085 163",
        "stated_after_yearly": "1 471 399",
        "stated_before_per_user": "102 839",
        "stated_after_per_user": "49 047",
    }
    data.update(fields)
    return data
