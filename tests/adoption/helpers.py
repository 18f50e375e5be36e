"""A solution in the demo municipality for the adoption tests: medicine dispensers in two
home-based service units, with the audit's 40 % target."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from helhet.accounts.models import User
from helhet.adoption.models import Solution, SolutionUnit
from helhet.adoption.services.solutions import solution_create
from helhet.adoption.services.units import solution_unit_add
from helhet.methodology.models import Decision, DecisionRequest, ProjectMethod
from helhet.organization.models import Municipality, OrgUnit
from helhet.projects.services.gates import decision_make, decision_request_create
from tests.documents.helpers import fill_required_documents
from tests.projects.matrix_projects import project


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


def handed_over(municipality: Municipality) -> Decision:
    """A small project taken through the light method to its gate into operation, approved with
    its four facts: the operations unit and person named there."""
    initiative = project(municipality, "Ny rutine", method="Lett metode for små forbedringer")
    for _gate in range(3):
        fill_required_documents(initiative)
        decision_request_create(actor=None, initiative=initiative)
        request = DecisionRequest.objects.get(initiative=initiative, status="pending")
        at_operation = ProjectMethod.objects.get(initiative=initiative).current_phase
        facts: dict[str, Any] = {}
        if at_operation.is_operation_gate:
            facts = {
                "operations_unit": unit(municipality, "E-helse og velferdsteknologi"),
                "operations_person": person("prosjektleder"),
                "handover_date": date(2024, 3, 1),
                "benefits_owner": person("gevinsteier"),
            }
        decision = decision_make(actor=person("eier"), request=request, outcome="approved", **facts)
        if facts:
            return decision
    raise AssertionError("the light method has a gate into operation")
