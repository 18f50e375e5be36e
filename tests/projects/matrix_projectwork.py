"""A project's board, risk register and log in the role and tenancy matrices (see
tests/matrix.py).

Who may change them depends on the initiative: the target is Trygghetsalarm, owned by the demo
project owner (eier) and led by the demo project leader (prosjektleder), so those two, the
portfolio office and the administrator may change it; everyone reads. The views that change
something are walked with GET here; test_projectwork_roles.py POSTs to them, role by role."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Model

from helhet.accounts.roles import Capability
from helhet.organization.models import Municipality
from tests.matrix import Target, View
from tests.projects.matrix_projects import EDITORS
from tests.projects.projectwork import board_member, deviation, risk, the_project


def _pk(of: Callable[[Municipality], Model]) -> Callable[[Municipality], int]:
    return lambda stavanger: of(stavanger).pk


READ = (Capability.VIEW_PORTFOLIO,)
WRITE = (Capability.REGISTER_INITIATIVE,)
HISTORY = (Capability.VIEW_PORTFOLIO, Capability.VIEW_HISTORY)

ROLE_VIEWS = [
    View("projects:board", READ, _pk(the_project)),
    View("projects:board_member_add", WRITE, _pk(the_project), allowed_roles=EDITORS),
    View("projects:board_member_edit", WRITE, _pk(board_member), allowed_roles=EDITORS),
    View("projects:board_member_remove", WRITE, _pk(board_member), allowed_roles=EDITORS),
    View("projects:board_history", HISTORY, _pk(the_project)),
    View("projects:risk_list", READ, _pk(the_project)),
    View("projects:risk_create", WRITE, _pk(the_project), allowed_roles=EDITORS),
    View("projects:risk_edit", WRITE, _pk(risk), allowed_roles=EDITORS),
    View("projects:risk_history", HISTORY, _pk(risk)),
    View("projects:log_list", READ, _pk(the_project)),
    View("projects:log_entry_create", WRITE, _pk(the_project), allowed_roles=EDITORS),
    View("projects:log_entry_edit", WRITE, _pk(deviation), allowed_roles=EDITORS),
    View("projects:log_entry_history", HISTORY, _pk(deviation)),
]

# A POST every view would act on if it let Bergen through.
BERGEN_WAS_HERE = {
    "person": "",
    "role": "project_member",
    "note": "Bergen var her",
    "kind": "event",
    "title": "Bergen var her",
    "probability": "5",
    "consequence": "5",
    "status": "",
    "occurred_on": "2026-01-01",
    "learned": "Bergen var her",
}


def _project(stavanger: Municipality) -> Target:
    initiative = the_project(stavanger)
    return Target(initiative.pk, initiative.name, BERGEN_WAS_HERE)


def _board_member(stavanger: Municipality) -> Target:
    member = board_member(stavanger)
    return Target(member.pk, member.note, BERGEN_WAS_HERE)


def _risk(stavanger: Municipality) -> Target:
    found = risk(stavanger)
    return Target(found.pk, found.title, {**BERGEN_WAS_HERE, "status": "closed"})


def _entry(stavanger: Municipality) -> Target:
    found = deviation(stavanger)
    return Target(found.pk, found.title, BERGEN_WAS_HERE)


TENANCY_HTML = {
    "projects:board": _project,
    "projects:board_member_add": _project,
    "projects:board_history": _project,
    "projects:board_member_edit": _board_member,
    "projects:board_member_remove": _board_member,
    "projects:risk_list": _project,
    "projects:risk_create": _project,
    "projects:risk_edit": _risk,
    "projects:risk_history": _risk,
    "projects:log_list": _project,
    "projects:log_entry_create": _project,
    "projects:log_entry_edit": _entry,
    "projects:log_entry_history": _entry,
}


def _api_project(stavanger: Municipality) -> Target:
    initiative = the_project(stavanger)
    return Target(initiative.pk, initiative.name, {}, "initiative_id")


TENANCY_API = {
    "api-v1:risk_list": _api_project,
    "api-v1:log_entry_list": _api_project,
}
