"""Shared set-up for the project work tests: a Stavanger project with a board member, a risk and
a deviation in its log, and a snapshot of every project work row for "nothing changed"."""

from __future__ import annotations

from typing import Any

from django.apps import apps

from helhet.accounts.models import User
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative
from helhet.projects.models import BoardMember, LogEntry, Risk
from helhet.projects.services.board import board_member_add
from helhet.projects.services.log import log_entry_create
from helhet.projects.services.risks import risk_create
from tests.conftest import table_rows
from tests.projects.matrix_projects import owned_by_eier

BOARD_PERSON = "gevinsteier"
RISK_TITLE = "Leverandøren leverer alarmene for sent"
DEVIATION_TITLE = "Utrullingen i Hundvåg er forsinket"


def user(username: str) -> User:
    return User.objects.get(username=username)


def the_project(stavanger: Municipality) -> Initiative:
    """Trygghetsalarm: owned by the demo project owner (eier), led by the demo project leader
    (prosjektleder); the same initiative the method matrix uses."""
    return owned_by_eier(stavanger)


def board_member(stavanger: Municipality) -> BoardMember:
    initiative = the_project(stavanger)
    found = BoardMember.objects.filter(initiative=initiative).first()
    if found is not None:
        return found
    return board_member_add(
        actor=None,
        initiative=initiative,
        person=user(BOARD_PERSON),
        role="benefits_owner",
        note="Gevinstene i hjemmetjenesten",
    )


def risk(stavanger: Municipality) -> Risk:
    initiative = the_project(stavanger)
    found = Risk.objects.filter(initiative=initiative, title=RISK_TITLE).first()
    if found is not None:
        return found
    return risk_create(
        actor=None,
        initiative=initiative,
        title=RISK_TITLE,
        probability=3,
        consequence=4,
        owner=user("prosjektleder"),
        measures="Dagbøter i kontrakten; ukentlig oppfølging.",
    )


def deviation(stavanger: Municipality) -> LogEntry:
    initiative = the_project(stavanger)
    found = LogEntry.objects.filter(initiative=initiative, title=DEVIATION_TITLE).first()
    if found is not None:
        return found
    return log_entry_create(
        actor=user("prosjektleder"),
        initiative=initiative,
        kind="deviation",
        title=DEVIATION_TITLE,
        description="Alarmene kom tre uker for sent.",
        consequence="Gevinstene i Hundvåg kommer en måned senere.",
    )


def projects_state() -> dict[str, Any]:
    """Every row of the project work tables and of the lessons register (where a log entry's
    lesson lives), history included."""
    return {
        model._meta.label_lower: table_rows(model)
        for app in ("projects", "learning")
        for model in apps.get_app_config(app).get_models(include_auto_created=True)
    }
