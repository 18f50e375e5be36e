"""A project's method pages in the role and tenancy matrices (see tests/matrix.py).

Who may act depends on the initiative, so the target is set up with the demo users' relation to it
known: "Trygghetsalarm" is owned by the demo project owner (eier), led by the demo project leader
(prosjektleder), runs on Prosjektveiviseren at level Liten, and waits for its first decision.
Those who may change it (admin, portfolio office, its owner and leader) choose its method and ask
for decisions; only its project owner decides. For the tenancy check the decision page is asked
about an initiative Stavanger's leader (direktor) owns, so the other side (direktor) gets 200."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from helhet.accounts.models import User
from helhet.accounts.roles import Capability, Role
from helhet.methodology.models import Level, Method, MethodVersion, ProjectMethod
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.models import Initiative, InitiativeKind
from helhet.portfolio.services import initiative_create
from helhet.projects.services.enrolment import project_method_set
from helhet.projects.services.gates import decision_request_create
from tests.documents.helpers import fill_required_documents
from tests.matrix import Target, View

OWNED_BY_EIER = "Trygghetsalarm"
OWNED_BY_DIREKTOR = "Digital postkasse"

EDITORS = frozenset(
    {
        Role.ADMIN.value,
        Role.PORTFOLIO_OFFICE.value,
        Role.PROJECT_OWNER.value,
        Role.PROJECT_LEADER.value,
    }
)
DECIDERS = frozenset({Role.PROJECT_OWNER.value})


def current(municipality: Municipality, method: str = "Prosjektveiviseren") -> MethodVersion:
    return MethodVersion.objects.get(
        method=Method.objects.get(municipality=municipality, name=method), is_current=True
    )


def level(version: MethodVersion, code: str | None = None) -> Level:
    """The version's level ``code``, or its smallest."""
    if code is not None:
        return version.levels.get(code=code)
    found = version.levels.order_by("position").first()
    assert found is not None
    return found


def project(
    municipality: Municipality,
    name: str,
    *,
    owner: str | None = "eier",
    leader: str | None = "prosjektleder",
    method: str | None = "Prosjektveiviseren",
    pending: bool = False,
    **fields: Any,
) -> Initiative:
    """An initiative with the given owner and leader, on ``method`` (level Liten) unless None,
    with a waiting decision request if ``pending`` (its phase's documents filled in first). Made
    once per test."""
    found = Initiative.objects.filter(municipality=municipality, name=name).first()
    if found is not None:
        return found
    initiative = initiative_create(
        actor=None,
        municipality=municipality,
        name=name,
        kind=InitiativeKind.PROJECT,
        owning_unit=OrgUnit.objects.filter(municipality=municipality).order_by("pk").first(),  # type: ignore[arg-type]
        project_owner=User.objects.get(username=owner) if owner else None,
        project_leader=User.objects.get(username=leader) if leader else None,
        **fields,
    )
    if method is not None:
        version = current(municipality, method)
        # A method with criteria (Smartby's) takes the project only with each one answered.
        criteria = {c.pk: f"{name} oppfyller {c.name.lower()}." for c in version.criteria.all()}
        project_method_set(
            actor=None,
            initiative=initiative,
            version=version,
            level=level(version),
            criteria=criteria,
        )
        if pending:
            # The gate needs the phase's documents: give each a first version.
            fill_required_documents(initiative)
            decision_request_create(actor=None, initiative=initiative, note="Mandatet er klart.")
    return initiative


def owned_by_eier(stavanger: Municipality) -> Initiative:
    return project(stavanger, OWNED_BY_EIER, pending=True)


def owned_by_direktor(stavanger: Municipality) -> Initiative:
    return project(stavanger, OWNED_BY_DIREKTOR, owner="direktor", pending=True)


def _eier_pk(stavanger: Municipality) -> int:
    return owned_by_eier(stavanger).pk


ROLE_VIEWS = [
    View("projects:decisions_waiting", (Capability.VIEW_PORTFOLIO,)),
    View("projects:project_detail", (Capability.VIEW_PORTFOLIO,), _eier_pk),
    View(
        "projects:project_method_choose",
        (Capability.REGISTER_INITIATIVE,),
        _eier_pk,
        allowed_roles=EDITORS,
    ),
    View(
        "projects:decision_request_create",
        (Capability.REGISTER_INITIATIVE,),
        _eier_pk,
        allowed_roles=EDITORS,
    ),
    View(
        "projects:decision_make",
        (Capability.VIEW_PORTFOLIO,),
        _eier_pk,
        allowed_roles=DECIDERS,
    ),
]


def _target(initiative: Initiative) -> Target:
    run = ProjectMethod.objects.get(initiative=initiative)
    post = {
        "version": str(run.version_id),
        "level": str(run.level_id),
        "note": "Bergen var her",
        "outcome": "stopped",
        "comment": "Bergen var her",
    }
    return Target(initiative.pk, initiative.name, post)


TENANCY_HTML = {
    "projects:project_detail": lambda stavanger: _target(owned_by_eier(stavanger)),
    "projects:project_method_choose": lambda stavanger: _target(owned_by_eier(stavanger)),
    "projects:decision_request_create": lambda stavanger: _target(owned_by_eier(stavanger)),
    "projects:decision_make": lambda stavanger: replace(
        _target(owned_by_direktor(stavanger)), viewer="direktor"
    ),
}
