"""Who may change a project's board, risks and log, role by role, with a POST that would change
something: those who may change the initiative (its owner and leader, the portfolio office and
the administrator) may; everyone else gets 403 and nothing changes. Bergen's administrator gets
404 for every Stavanger object, and nothing changes."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from helhet.accounts.roles import Role
from helhet.demo.municipalities import STAVANGER_USERS
from helhet.organization.models import Municipality
from tests.projects.matrix_projects import EDITORS
from tests.projects.matrix_projectwork import TENANCY_HTML
from tests.projects.projectwork import (
    board_member,
    deviation,
    projects_state,
    risk,
    the_project,
    user,
)

USERNAME_BY_ROLE = {demo.role: demo.username for demo in STAVANGER_USERS}


def _add_member(stavanger: Municipality) -> tuple[str, dict[str, Any]]:
    path = f"/prosjekter/{the_project(stavanger).pk}/organisasjon/ny/"
    return path, {"person": str(user("direktor").pk), "role": "reference_group"}


def _remove_member(stavanger: Municipality) -> tuple[str, dict[str, Any]]:
    return f"/prosjekter/organisasjon/{board_member(stavanger).pk}/fjern/", {}


def _add_risk(stavanger: Municipality) -> tuple[str, dict[str, Any]]:
    path = f"/prosjekter/{the_project(stavanger).pk}/usikkerheter/ny/"
    form = {"kind": "risk", "title": "Ny", "probability": "2", "consequence": "2", "status": "open"}
    return path, form


def _close_risk(stavanger: Municipality) -> tuple[str, dict[str, Any]]:
    found = risk(stavanger)
    form = {
        "kind": found.kind,
        "title": found.title,
        "probability": "1",
        "consequence": "1",
        "status": "closed",
    }
    return f"/prosjekter/usikkerheter/{found.pk}/endre/", form


def _log_event(stavanger: Municipality) -> tuple[str, dict[str, Any]]:
    path = f"/prosjekter/{the_project(stavanger).pk}/logg/ny/"
    return path, {"kind": "event", "occurred_on": "2026-05-01", "title": "Møte"}


def _mark_lesson(stavanger: Municipality) -> tuple[str, dict[str, Any]]:
    return f"/laering/erfaringer/fra-loggen/{deviation(stavanger).pk}/", {"learned": "Tidlig."}


ACTIONS: dict[str, Callable[[Municipality], tuple[str, dict[str, Any]]]] = {
    "add a board member": _add_member,
    "remove a board member": _remove_member,
    "add a risk": _add_risk,
    "close a risk": _close_risk,
    "log an event": _log_event,
    "mark a lesson": _mark_lesson,
}


@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize("role", list(Role), ids=lambda role: role.value)
def test_only_those_who_may_change_the_initiative_change_its_project_work(
    stavanger: Municipality, login: Callable[[str], Client], role: Role, action: str
) -> None:
    path, form = ACTIONS[action](stavanger)
    before = projects_state()
    response = login(USERNAME_BY_ROLE[role]).post(path, form)
    if role.value in EDITORS:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert projects_state() != before
    else:
        assert response.status_code == 403
        assert projects_state() == before


@pytest.mark.parametrize("url_name", sorted(TENANCY_HTML))
def test_another_municipality_changes_nothing_in_the_project_work(
    stavanger: Municipality, login: Callable[[str], Client], url_name: str
) -> None:
    target = TENANCY_HTML[url_name](stavanger)
    before = projects_state()
    response = login("bergen-admin").post(reverse(url_name, args=[target.pk]), target.post)
    assert response.status_code == 404
    assert projects_state() == before
