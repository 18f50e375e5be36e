"""The initiative's own pages and the strategic goals in the role and tenancy matrices.

Who may change an initiative depends on the initiative: the portfolio office (and the
administrator) change any; a project owner or leader only those they own, lead or are contact for.
So the targets are set up with the demo users' relation to them known:

- "Legevaktprosjektet" is led by the demo project leader (prosjektleder), and nobody else's;
- "Datasjø" has no owner, leader or contact.

The views that change something are walked with GET here (the shared ``database_state`` does not
see the portfolio); tests/portfolio/test_initiative_roles.py POSTs to them, role by role."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Model

from helhet.accounts.models import User
from helhet.accounts.roles import Capability, Role
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.models import (
    GoalKind,
    GoalLevel,
    Initiative,
    InitiativeKind,
    InitiativeLink,
    InitiativeRelation,
    RelationKind,
    StrategicGoal,
)
from helhet.portfolio.services import goal_create, initiative_create, link_create, relation_add
from tests.matrix import Target, View

LED_BY_PROJECT_LEADER = "Legevaktprosjektet"
LED_BY_NOBODY = "Datasjø"
GOAL = "Digitalt førstevalg"

# The initiative's own project leader may change it, as the portfolio office and admin may.
EDITORS_OF_LED = frozenset(
    {Role.ADMIN.value, Role.PORTFOLIO_OFFICE.value, Role.PROJECT_LEADER.value}
)


def led_initiative(stavanger: Municipality) -> Initiative:
    """Legevaktprosjektet, led by the demo project leader (made once per test)."""
    found = Initiative.objects.filter(municipality=stavanger, name=LED_BY_PROJECT_LEADER).first()
    if found is not None:
        return found
    return initiative_create(
        actor=None,
        municipality=stavanger,
        name=LED_BY_PROJECT_LEADER,
        kind=InitiativeKind.PROJECT,
        owning_unit=OrgUnit.objects.get(municipality=stavanger, name="Stavanger legevakt"),
        project_leader=User.objects.get(username="prosjektleder"),
    )


def unled_initiative(stavanger: Municipality) -> Initiative:
    """Datasjø, with no owner, leader or contact: only the portfolio office may change it."""
    found = Initiative.objects.filter(municipality=stavanger, name=LED_BY_NOBODY).first()
    if found is not None:
        return found
    return initiative_create(
        actor=None,
        municipality=stavanger,
        name=LED_BY_NOBODY,
        kind=InitiativeKind.PROJECT,
        owning_unit=OrgUnit.objects.get(
            municipality=stavanger, name="Innovasjon og digitalisering"
        ),
    )


def relation(stavanger: Municipality) -> InitiativeRelation:
    """Legevaktprosjektet depends on Datasjø."""
    source, target = led_initiative(stavanger), unled_initiative(stavanger)
    found = InitiativeRelation.objects.filter(source=source, target=target).first()
    if found is not None:
        return found
    return relation_add(actor=None, source=source, target=target, kind=RelationKind.DEPENDS_ON)


def link(stavanger: Municipality) -> InitiativeLink:
    initiative = led_initiative(stavanger)
    found = InitiativeLink.objects.filter(initiative=initiative).first()
    if found is not None:
        return found
    return link_create(
        actor=None,
        initiative=initiative,
        title="Prosjektmandat legevakt",
        url="https://dokumenter.stavanger.kommune.example/legevakt/mandat",
    )


def goal(stavanger: Municipality) -> StrategicGoal:
    found = StrategicGoal.objects.filter(municipality=stavanger, name=GOAL).first()
    if found is not None:
        return found
    return goal_create(
        actor=None,
        municipality=stavanger,
        name=GOAL,
        level=GoalLevel.MUNICIPAL,
        kind=GoalKind.GOAL,
    )


def _pk(of: Callable[[Municipality], Model]) -> Callable[[Municipality], int]:
    return lambda stavanger: of(stavanger).pk


ROLE_VIEWS = [
    View("portfolio:initiative_create", (Capability.REGISTER_INITIATIVE,)),
    View("portfolio:initiative_detail", (Capability.VIEW_PORTFOLIO,), _pk(led_initiative)),
    View(
        "portfolio:initiative_edit",
        (Capability.REGISTER_INITIATIVE,),
        _pk(led_initiative),
        allowed_roles=EDITORS_OF_LED,
    ),
    # Nobody leads Datasjø: only those who may change any initiative may delete it.
    View("portfolio:initiative_delete", (Capability.EDIT_ANY_INITIATIVE,), _pk(unled_initiative)),
    View(
        "portfolio:initiative_history",
        (Capability.VIEW_PORTFOLIO, Capability.VIEW_HISTORY),
        _pk(led_initiative),
    ),
    View(
        "portfolio:status_report_create",
        (Capability.REGISTER_INITIATIVE,),
        _pk(led_initiative),
        allowed_roles=EDITORS_OF_LED,
    ),
    View(
        "portfolio:relation_add",
        (Capability.REGISTER_INITIATIVE,),
        _pk(led_initiative),
        allowed_roles=EDITORS_OF_LED,
    ),
    View(
        "portfolio:relation_remove",
        (Capability.REGISTER_INITIATIVE,),
        _pk(relation),
        allowed_roles=EDITORS_OF_LED,
    ),
    View(
        "portfolio:link_create",
        (Capability.REGISTER_INITIATIVE,),
        _pk(led_initiative),
        allowed_roles=EDITORS_OF_LED,
    ),
    View(
        "portfolio:link_delete",
        (Capability.REGISTER_INITIATIVE,),
        _pk(link),
        allowed_roles=EDITORS_OF_LED,
    ),
    View("portfolio:goal_list", (Capability.VIEW_PORTFOLIO,)),
    View("portfolio:goal_create", (Capability.MANAGE_GOALS,)),
    View("portfolio:goal_edit", (Capability.MANAGE_GOALS,), _pk(goal)),
    View("portfolio:goal_delete", (Capability.MANAGE_GOALS,), _pk(goal)),
    View("portfolio:goal_history", (Capability.VIEW_PORTFOLIO, Capability.VIEW_HISTORY), _pk(goal)),
]


def _initiative_target(stavanger: Municipality) -> Target:
    initiative = led_initiative(stavanger)
    form = {
        "name": "Bergen var her",
        "kind": InitiativeKind.PROJECT,
        "owning_unit": str(initiative.owning_unit_id),
        "status": "active",
        "version": str(initiative.version),
        "funding-TOTAL_FORMS": "0",
        "funding-INITIAL_FORMS": "0",
        "summary": "Bergen var her",
        "progress": "red",
        "economy": "red",
        "quality": "red",
        "risk": "red",
        "benefits": "red",
        "title": "Bergen var her",
        "url": "https://bergen.example/",
        "target": str(unled_initiative(stavanger).pk),
    }
    return Target(initiative.pk, initiative.name, form)


def _relation_target(stavanger: Municipality) -> Target:
    found = relation(stavanger)
    return Target(found.pk, found.target.name)


def _link_target(stavanger: Municipality) -> Target:
    found = link(stavanger)
    return Target(found.pk, found.title)


def _goal_target(stavanger: Municipality) -> Target:
    found = goal(stavanger)
    form = {"name": "Bergen var her", "level": "municipal", "kind": "goal", "position": "0"}
    return Target(found.pk, found.name, form)


TENANCY_HTML = {
    "portfolio:initiative_detail": _initiative_target,
    "portfolio:initiative_edit": _initiative_target,
    "portfolio:initiative_delete": _initiative_target,
    "portfolio:initiative_history": _initiative_target,
    "portfolio:status_report_create": _initiative_target,
    "portfolio:relation_add": _initiative_target,
    "portfolio:link_create": _initiative_target,
    "portfolio:relation_remove": _relation_target,
    "portfolio:link_delete": _link_target,
    "portfolio:goal_edit": _goal_target,
    "portfolio:goal_delete": _goal_target,
    "portfolio:goal_history": _goal_target,
}
