"""The solutions' pages in the role and tenancy matrices (see tests/matrix.py), asked about
medicine dispensers whose operations owner is the project leader, used at Hundvåg (where the
benefits owner works, under the project owner's Helse og velferd) and Hinna."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from helhet.accounts.roles import Capability, Role
from helhet.adoption.models import AdoptionCount, Solution, SolutionUnit
from helhet.adoption.services.counts import adoption_count_record
from helhet.organization.models import Municipality
from tests.adoption.helpers import dispensers, person
from tests.matrix import Target, View
from tests.projects.matrix_projects import OWNED_BY_EIER, owned_by_eier

NAME = "Medisindispensere (test)"
# Who keeps the solution: the portfolio office and its operations owner.
KEEPERS = frozenset({Role.PORTFOLIO_OFFICE.value, Role.PROJECT_LEADER.value})
# Who counts for Hundvåg: the keepers, its own people (the benefits owner) and the project
# owner, whose Helse og velferd is above it.
COUNTERS = KEEPERS | {Role.BENEFITS_OWNER.value, Role.PROJECT_OWNER.value}


def _solution(stavanger: Municipality) -> Solution:
    found = Solution.objects.filter(municipality=stavanger, name=NAME).first()
    return found or dispensers(stavanger)[0]


def _solution_pk(stavanger: Municipality) -> int:
    return _solution(stavanger).pk


def _hundvag(stavanger: Municipality) -> SolutionUnit:
    return SolutionUnit.objects.get(solution=_solution(stavanger), unit__name__startswith="Hundv")


def _hundvag_pk(stavanger: Municipality) -> int:
    return _hundvag(stavanger).pk


def _count(stavanger: Municipality) -> AdoptionCount:
    solution_unit = _hundvag(stavanger)
    return solution_unit.counts.first() or adoption_count_record(
        actor=person("portefolje"),
        solution_unit=solution_unit,
        counted_on=date(2024, 1, 31),
        value=Decimal(40),
    )


def count_pk(stavanger: Municipality) -> int:
    return _count(stavanger).pk


def _initiative_pk(stavanger: Municipality) -> int:
    # The project matrix's own initiative: made once however many matrices name it.
    return owned_by_eier(stavanger).pk


def _a_count(stavanger: Municipality) -> dict[str, str]:
    return {"counted_on": "2024-02-29", "value": "48", "comment": "Etter gjennomgang av lister."}


def _unit_form(stavanger: Municipality) -> dict[str, str]:
    return {"eligible_base": "125", "target_percent": "45"}


VIEW = (Capability.VIEW_SOLUTIONS,)
ROLE_VIEWS = [
    View("adoption:list", VIEW),
    View("adoption:attention", VIEW),
    View("adoption:create", (Capability.MANAGE_SOLUTIONS,)),
    View("adoption:from_initiative", (Capability.MANAGE_SOLUTIONS,), _initiative_pk),
    View("adoption:detail", VIEW, _solution_pk),
    View("adoption:history", (Capability.VIEW_HISTORY,), _solution_pk),
    View("adoption:edit", VIEW, _solution_pk, allowed_roles=KEEPERS),
    View("adoption:unit_add", VIEW, _solution_pk, allowed_roles=KEEPERS),
    View(
        "adoption:unit_edit",
        VIEW,
        _hundvag_pk,
        _unit_form,
        "/losninger/",
        allowed_roles=KEEPERS,
    ),
    View(
        "adoption:count",
        (Capability.RECORD_ADOPTION,),
        _hundvag_pk,
        _a_count,
        "/losninger/",
        allowed_roles=COUNTERS,
    ),
    View(
        "adoption:count_correct",
        (Capability.RECORD_ADOPTION,),
        count_pk,
        allowed_roles=COUNTERS,
    ),
    View("adoption:import", (Capability.RECORD_ADOPTION,)),
    View("adoption:import_confirm", (Capability.RECORD_ADOPTION,)),
]


def _solution_target(stavanger: Municipality) -> Target:
    return Target(_solution_pk(stavanger), NAME, viewer="portefolje")


def _unit_target(stavanger: Municipality) -> Target:
    return Target(_hundvag_pk(stavanger), "Hundvåg", _a_count(stavanger), viewer="portefolje")


def _count_target(stavanger: Municipality) -> Target:
    return Target(count_pk(stavanger), NAME, _a_count(stavanger), viewer="portefolje")


def _initiative_target(stavanger: Municipality) -> Target:
    return Target(_initiative_pk(stavanger), OWNED_BY_EIER, viewer="portefolje")


TENANCY_HTML = {
    "adoption:detail": _solution_target,
    "adoption:history": _solution_target,
    "adoption:edit": _solution_target,
    "adoption:unit_add": _solution_target,
    "adoption:unit_edit": _unit_target,
    "adoption:count": _unit_target,
    "adoption:count_correct": _count_target,
    "adoption:from_initiative": _initiative_target,
}


def _api_solution(stavanger: Municipality) -> Target:
    return Target(_solution_pk(stavanger), NAME, {"version": 1}, kwarg="solution_id")


def _api_unit(stavanger: Municipality) -> Target:
    post = {"counted_on": "2024-02-29", "value": "3"}
    return Target(_hundvag_pk(stavanger), "Hundv", post, kwarg="solution_unit_id")


def _api_count(stavanger: Municipality) -> Target:
    post = {"counted_on": "2024-01-31", "value": "3"}
    return Target(count_pk(stavanger), "2024-01-31", post, kwarg="count_id")


TENANCY_API = {
    "api-v1:solution_read": _api_solution,
    "api-v1:unit_list": _api_solution,
    "api-v1:unit_read": _api_unit,
    "api-v1:count_list": _api_unit,
    "api-v1:count_read": _api_count,
    "api-v1:solution_update": _api_solution,
    "api-v1:unit_create": _api_solution,
    "api-v1:unit_update": _api_unit,
    "api-v1:count_create": _api_unit,
    "api-v1:count_correct": _api_count,
}
