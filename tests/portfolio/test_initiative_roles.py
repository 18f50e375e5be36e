"""The POST half of the role and tenancy matrices for the initiative's pages and the goals.

tests/accounts/test_role_matrix.py and tests/core/test_tenancy.py walk these URLs too, but judge
"nothing changed" by a snapshot that does not include the portfolio; here every role POSTs a valid
form and the portfolio itself is compared."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from helhet.accounts.roles import Role
from helhet.demo.municipalities import STAVANGER_USERS
from helhet.organization.models import Municipality
from helhet.portfolio.models import InitiativeKind, RelationKind
from tests.matrix import Target
from tests.portfolio.initiative_fixtures import edit_form, portfolio_state
from tests.portfolio.matrix_initiative import (
    EDITORS_OF_LED,
    TENANCY_HTML,
    goal,
    led_initiative,
    link,
    relation,
    unled_initiative,
)

USERNAME_BY_ROLE = {user.role: user.username for user in STAVANGER_USERS}
EDIT_ANY = frozenset({Role.ADMIN.value, Role.PORTFOLIO_OFFICE.value})
REGISTER = frozenset({*EDIT_ANY, Role.PROJECT_OWNER.value, Role.PROJECT_LEADER.value})
RATINGS = {aspect: "green" for aspect in ("progress", "economy", "quality", "risk", "benefits")}
PERIOD = {"period_start": "2026-11-01", "period_end": "2026-11-30"}


def _create(stavanger: Municipality) -> tuple[str, dict[str, Any]]:
    unit = led_initiative(stavanger).owning_unit_id
    form = {"name": "Smarte sluk", "kind": InitiativeKind.PROJECT, "owning_unit": str(unit)}
    return reverse("portfolio:initiative_create"), form


def _edit(stavanger: Municipality) -> tuple[str, dict[str, Any]]:
    initiative = led_initiative(stavanger)
    url = reverse("portfolio:initiative_edit", args=[initiative.pk])
    return url, edit_form(initiative, need="Raskere hjelp.")


def _delete(stavanger: Municipality) -> tuple[str, dict[str, Any]]:
    return reverse("portfolio:initiative_delete", args=[unled_initiative(stavanger).pk]), {}


def _report(stavanger: Municipality) -> tuple[str, dict[str, Any]]:
    url = reverse("portfolio:status_report_create", args=[led_initiative(stavanger).pk])
    return url, {**RATINGS, **PERIOD, "summary": "I rute."}


def _relation_add(stavanger: Municipality) -> tuple[str, dict[str, Any]]:
    url = reverse("portfolio:relation_add", args=[led_initiative(stavanger).pk])
    return url, {"kind": RelationKind.OVERLAPS, "target": str(unled_initiative(stavanger).pk)}


def _relation_remove(stavanger: Municipality) -> tuple[str, dict[str, Any]]:
    return reverse("portfolio:relation_remove", args=[relation(stavanger).pk]), {}


def _link_add(stavanger: Municipality) -> tuple[str, dict[str, Any]]:
    url = reverse("portfolio:link_create", args=[led_initiative(stavanger).pk])
    return url, {"title": "Sluttrapport", "url": "https://example.org/sluttrapport"}


def _link_remove(stavanger: Municipality) -> tuple[str, dict[str, Any]]:
    return reverse("portfolio:link_delete", args=[link(stavanger).pk]), {}


GOAL_FORM = {"name": "Åpenhet", "parent": "", "level": "municipal", "kind": "goal", "position": "1"}


def _goal_create(stavanger: Municipality) -> tuple[str, dict[str, Any]]:
    return reverse("portfolio:goal_create"), GOAL_FORM


def _goal_edit(stavanger: Municipality) -> tuple[str, dict[str, Any]]:
    return reverse("portfolio:goal_edit", args=[goal(stavanger).pk]), GOAL_FORM


def _goal_delete(stavanger: Municipality) -> tuple[str, dict[str, Any]]:
    return reverse("portfolio:goal_delete", args=[goal(stavanger).pk]), {}


POSTS: list[tuple[str, Callable[[Municipality], tuple[str, dict[str, Any]]], frozenset[str]]] = [
    ("create", _create, REGISTER),
    ("edit", _edit, EDITORS_OF_LED),
    ("delete", _delete, EDIT_ANY),
    ("status_report", _report, EDITORS_OF_LED),
    ("relation_add", _relation_add, EDITORS_OF_LED),
    ("relation_remove", _relation_remove, EDITORS_OF_LED),
    ("link_create", _link_add, EDITORS_OF_LED),
    ("link_delete", _link_remove, EDITORS_OF_LED),
    ("goal_create", _goal_create, EDIT_ANY),
    ("goal_edit", _goal_edit, EDIT_ANY),
    ("goal_delete", _goal_delete, EDIT_ANY),
]


@pytest.mark.parametrize("role", list(Role), ids=lambda role: role.value)
@pytest.mark.parametrize(("name", "make", "allowed"), POSTS, ids=[post[0] for post in POSTS])
def test_a_valid_post_changes_the_portfolio_only_for_the_roles_allowed(
    name: str,
    make: Callable[[Municipality], tuple[str, dict[str, Any]]],
    allowed: frozenset[str],
    role: Role,
    stavanger: Municipality,
    login: Callable[[str], Client],
) -> None:
    url, form = make(stavanger)
    client = login(USERNAME_BY_ROLE[role])
    before = portfolio_state()

    response = client.post(url, form)

    if role.value in allowed:
        assert response.status_code == 302
        assert portfolio_state() != before
    else:
        assert response.status_code == 403
        assert portfolio_state() == before


@pytest.mark.parametrize("url_name", sorted(TENANCY_HTML))
def test_another_municipalitys_post_changes_nothing_in_the_portfolio(
    url_name: str, stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    target: Target = TENANCY_HTML[url_name](stavanger)
    before = portfolio_state()
    response = login("bergen-admin").post(reverse(url_name, args=[target.pk]), target.post)
    assert response.status_code == 404
    assert portfolio_state() == before
