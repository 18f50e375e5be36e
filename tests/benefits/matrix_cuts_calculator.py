"""Budget cuts and the before/after calculation in the role and tenancy matrices (see
tests/matrix.py).

They are changed by those who may change the initiative: "Medisindispensere" is owned by the demo
project owner (eier) and led by the demo project leader (prosjektleder), so they, the
administrator and the portfolio office may; the leader, the benefits owner and the reader may not
(they read cuts and calculations on the plan, which is in matrix_benefits.py)."""

from __future__ import annotations

from helhet.accounts.roles import Capability
from helhet.organization.models import Municipality
from tests.benefits.cuts_calculator_helpers import (
    budget_cut_form,
    calculation_form,
    cut,
    saved_table_4,
)
from tests.benefits.helpers import benefit
from tests.matrix import Target, View
from tests.projects.matrix_projects import EDITORS

PLAN = "/gevinster/tiltak/"


def _benefit_pk(stavanger: Municipality) -> int:
    return benefit(stavanger).pk


def _cut_pk(stavanger: Municipality) -> int:
    return cut(benefit(stavanger)).pk


def _calculated_benefit_pk(stavanger: Municipality) -> int:
    found = benefit(stavanger)
    saved_table_4(found)
    return found.pk


def _no_form(stavanger: Municipality) -> dict[str, str]:
    return {}


ROLE_VIEWS = [
    View(
        "benefits:budget_cut_create",
        (Capability.REGISTER_INITIATIVE,),
        _benefit_pk,
        budget_cut_form,
        PLAN,
        allowed_roles=EDITORS,
    ),
    View(
        "benefits:budget_cut_edit",
        (Capability.REGISTER_INITIATIVE,),
        _cut_pk,
        lambda stavanger: budget_cut_form(stavanger, amount="500 000"),
        PLAN,
        allowed_roles=EDITORS,
    ),
    View(
        "benefits:budget_cut_delete",
        (Capability.REGISTER_INITIATIVE,),
        _cut_pk,
        _no_form,
        PLAN,
        allowed_roles=EDITORS,
    ),
    View(
        "benefits:calculation",
        (Capability.REGISTER_INITIATIVE,),
        _benefit_pk,
        lambda stavanger: calculation_form(),
        PLAN,
        allowed_roles=EDITORS,
    ),
    View(
        "benefits:calculation_delete",
        (Capability.REGISTER_INITIATIVE,),
        _calculated_benefit_pk,
        _no_form,
        PLAN,
        allowed_roles=EDITORS,
    ),
]


def _benefit(stavanger: Municipality) -> Target:
    found = benefit(stavanger)
    return Target(found.pk, found.title, budget_cut_form(stavanger))


def _calculated_benefit(stavanger: Municipality) -> Target:
    found = benefit(stavanger)
    saved_table_4(found)
    return Target(found.pk, found.title, calculation_form(users="30"))


def _cut(stavanger: Municipality) -> Target:
    found = cut(benefit(stavanger))
    return Target(found.pk, found.comment, budget_cut_form(stavanger, comment="Bergen var her"))


TENANCY_HTML = {
    "benefits:budget_cut_create": _benefit,
    "benefits:budget_cut_edit": _cut,
    "benefits:budget_cut_delete": _cut,
    "benefits:calculation": _calculated_benefit,
    "benefits:calculation_delete": _calculated_benefit,
}
