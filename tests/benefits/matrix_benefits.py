"""The benefits realisation plan in the role and tenancy matrices (see tests/matrix.py).

Everyone who sees the portfolio reads the plan. Who may change it depends on the initiative:
"Medisindispensere" is owned by the demo project owner (eier) and led by the demo project leader
(prosjektleder), so they, the administrator and the portfolio office change its plan; the leader,
the benefits owner and the reader do not."""

from __future__ import annotations

from helhet.accounts.roles import Capability
from helhet.organization.models import Municipality
from tests.benefits.helpers import (
    benefit,
    benefit_form,
    dispensers,
    indicator,
    indicator_form,
)
from tests.matrix import Target, View
from tests.projects.matrix_projects import EDITORS

PLAN = "/gevinster/tiltak/"


def _initiative_pk(stavanger: Municipality) -> int:
    return dispensers(stavanger).pk


def _benefit_pk(stavanger: Municipality) -> int:
    return benefit(stavanger).pk


def _indicator_pk(stavanger: Municipality) -> int:
    return indicator(stavanger).pk


def _no_form(stavanger: Municipality) -> dict[str, str]:
    return {}


ROLE_VIEWS = [
    View("benefits:plan", (Capability.VIEW_PORTFOLIO,), _initiative_pk),
    View(
        "benefits:benefit_create",
        (Capability.REGISTER_INITIATIVE,),
        _initiative_pk,
        lambda stavanger: benefit_form(),
        PLAN,
        allowed_roles=EDITORS,
    ),
    View(
        "benefits:benefit_edit",
        (Capability.REGISTER_INITIATIVE,),
        _benefit_pk,
        lambda stavanger: benefit_form(title="Nytt navn"),
        PLAN,
        allowed_roles=EDITORS,
    ),
    View(
        "benefits:indicator_create",
        (Capability.REGISTER_INITIATIVE,),
        _benefit_pk,
        lambda stavanger: indicator_form(),
        PLAN,
        allowed_roles=EDITORS,
    ),
    View(
        "benefits:indicator_edit",
        (Capability.REGISTER_INITIATIVE,),
        _indicator_pk,
        lambda stavanger: indicator_form(),
        PLAN,
        allowed_roles=EDITORS,
    ),
    View(
        "benefits:indicator_delete",
        (Capability.REGISTER_INITIATIVE,),
        _indicator_pk,
        _no_form,
        PLAN,
        allowed_roles=EDITORS,
    ),
]


def _initiative(stavanger: Municipality) -> Target:
    initiative = dispensers(stavanger)
    return Target(initiative.pk, initiative.name, benefit_form())


def _benefit(stavanger: Municipality) -> Target:
    found = benefit(stavanger)
    return Target(found.pk, found.title, benefit_form(title="Bergen var her"))


def _indicator(stavanger: Municipality) -> Target:
    found = indicator(stavanger)
    return Target(found.pk, found.name, indicator_form(name="Bergen var her"))


TENANCY_HTML = {
    "benefits:plan": _initiative,
    "benefits:benefit_create": _initiative,
    "benefits:benefit_edit": _benefit,
    "benefits:indicator_create": _benefit,
    "benefits:indicator_edit": _indicator,
    "benefits:indicator_delete": _indicator,
}
