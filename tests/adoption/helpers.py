"""A solution in the demo municipality for the adoption tests: medicine dispensers in two
home-based service units, with the audit's 40 % target."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from helhet.accounts.models import User
from helhet.adoption.models import Solution, SolutionUnit
from helhet.adoption.services.solutions import solution_create
from helhet.adoption.services.units import solution_unit_add
from helhet.organization.models import Municipality, OrgUnit


def person(username: str) -> User:
    return User.objects.get(username=username)


def unit(municipality: Municipality, name: str) -> OrgUnit:
    return OrgUnit.objects.get(municipality=municipality, name=name)


def dispensers(
    municipality: Municipality, *, since: date = date(2020, 1, 1)
) -> tuple[Solution, SolutionUnit, SolutionUnit]:
    """Medicine dispensers (test), owned by E-helse's project leader, used at Hundvåg (120
    relevant users) and Hinna (80)."""
    office = person("portefolje")
    solution = solution_create(
        actor=office,
        municipality=municipality,
        name="Medisindispensere (test)",
        in_use_since=since,
        measure_name="dispensere i bruk",
        base_name="relevante brukere",
        target_percent=Decimal(40),
        owner_unit=unit(municipality, "E-helse og velferdsteknologi"),
        owner_person=person("prosjektleder"),
    )
    hundvag = solution_unit_add(
        actor=office,
        solution=solution,
        unit=unit(municipality, "Hundvåg hjemmebaserte tjenester"),
        eligible_base=120,
    )
    hinna = solution_unit_add(
        actor=office,
        solution=solution,
        unit=unit(municipality, "Hinna hjemmebaserte tjenester"),
        eligible_base=80,
    )
    return solution, hundvag, hinna
