"""The project work in the API: an initiative's risk register and log (with only the lessons on
request, each with its lesson from the register), and the register's list costing a fixed number
of queries (the register's API: tests/learning/test_lessons_api.py). Read-only; another
municipality's initiative is 404."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from helhet.learning.models import Lesson
from helhet.learning.services.lessons import lesson_from_log_entry
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative
from helhet.projects.services.log import log_entry_create
from helhet.projects.services.risks import risk_create
from tests.conftest import count_queries
from tests.projects.projectwork import (
    DEVIATION_TITLE,
    RISK_TITLE,
    deviation,
    risk,
    the_project,
    user,
)

Headers = Callable[[str], dict[str, str]]


def test_the_risk_register_highest_score_first(
    stavanger: Municipality, api_headers: Headers
) -> None:
    found = risk(stavanger)
    risk_create(
        actor=None,
        initiative=found.initiative,
        title="Gjenbruk",
        kind="opportunity",
        probability=5,
        consequence=5,
        status="closed",
    )
    response = Client().get(
        f"/api/v1/initiatives/{found.initiative_id}/risks", headers=api_headers("leser")
    )
    assert response.status_code == 200
    body = response.json()
    assert [row["title"] for row in body] == ["Gjenbruk", RISK_TITLE]
    row = body[1]
    assert (row["probability"], row["consequence"], row["score"], row["level"]) == (
        3,
        4,
        12,
        "medium",
    )
    assert row["owner"]["username"] == "prosjektleder"
    assert (body[0]["status"], body[0]["closed_on"]) == ("closed", timezone.localdate().isoformat())


def test_the_risk_register_without_the_closed(
    stavanger: Municipality, api_headers: Headers
) -> None:
    found = risk(stavanger)
    risk_create(
        actor=None,
        initiative=found.initiative,
        title="Lukket",
        probability=1,
        consequence=1,
        status="closed",
    )
    response = Client().get(
        f"/api/v1/initiatives/{found.initiative_id}/risks?include_closed=false",
        headers=api_headers("leser"),
    )
    assert [row["title"] for row in response.json()] == [RISK_TITLE]


def test_the_log_newest_first_and_only_lessons_on_request(
    stavanger: Municipality, api_headers: Headers
) -> None:
    entry = deviation(stavanger)
    log_entry_create(
        actor=None,
        initiative=entry.initiative,
        kind="event",
        title="Tidligere møte",
        occurred_on=entry.occurred_on - timedelta(days=3),
    )
    lesson = lesson_from_log_entry(actor=user("eier"), entry=entry, learned="Bestill tidlig.")
    path = f"/api/v1/initiatives/{entry.initiative_id}/log"
    headers = api_headers("leser")

    everything = Client().get(path, headers=headers).json()
    assert [row["title"] for row in everything] == [DEVIATION_TITLE, "Tidligere møte"]
    lessons = Client().get(f"{path}?lessons=true", headers=headers).json()
    assert [row["title"] for row in lessons] == [DEVIATION_TITLE]
    row = lessons[0]
    assert (row["kind"], row["status"], row["is_lesson"], row["lesson"]) == (
        "deviation",
        "open",
        True,
        "Bestill tidlig.",
    )
    assert row["lesson_marked_by"]["username"] == "eier"
    assert row["lesson_id"] == lesson.pk  # the lesson in the register
    assert row["author"]["username"] == "prosjektleder"


def test_the_log_by_kind(stavanger: Municipality, api_headers: Headers) -> None:
    entry = deviation(stavanger)
    log_entry_create(actor=None, initiative=entry.initiative, kind="event", title="Møte")
    response = Client().get(
        f"/api/v1/initiatives/{entry.initiative_id}/log?kind=event", headers=api_headers("leser")
    )
    assert [row["title"] for row in response.json()] == ["Møte"]


def test_an_unknown_kind_answers_422(stavanger: Municipality, api_headers: Headers) -> None:
    response = Client().get(
        f"/api/v1/initiatives/{the_project(stavanger).pk}/log?kind=rumour",
        headers=api_headers("leser"),
    )
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["kind"]


def _lesson(initiative: Initiative, title: str, lesson: str) -> Lesson:
    entry = log_entry_create(actor=None, initiative=initiative, kind="event", title=title)
    return lesson_from_log_entry(actor=None, entry=entry, learned=lesson)


@pytest.mark.parametrize("path", ["/risks", "/log"])
def test_another_municipalitys_initiative_is_not_found(
    stavanger: Municipality, api_headers: Headers, path: str
) -> None:
    pk = the_project(stavanger).pk
    response = Client().get(f"/api/v1/initiatives/{pk}{path}", headers=api_headers("bergen-admin"))
    assert response.status_code == 404


def test_without_a_token_the_api_answers_401(stavanger: Municipality) -> None:
    assert Client().get("/api/v1/lessons").status_code == 401


def test_the_three_lists_make_a_fixed_number_of_queries(
    stavanger: Municipality, api_headers: Headers
) -> None:
    headers = api_headers("leser")
    initiative = the_project(stavanger)
    paths = [
        f"/api/v1/initiatives/{initiative.pk}/risks",
        f"/api/v1/initiatives/{initiative.pk}/log",
        "/api/v1/lessons",
    ]
    risk(stavanger)
    _lesson(initiative, "Første", "Lærdom")
    count_queries(Client(), paths[0], headers)  # the token's first use records it
    few = [count_queries(Client(), path, headers) for path in paths]
    for number in range(8):
        risk_create(
            actor=None,
            initiative=initiative,
            title=f"Risiko {number}",
            probability=number % 5 + 1,
            consequence=2,
            owner=user("eier"),
        )
        _lesson(initiative, f"Hendelse {number}", f"Lærdom {number}")
    assert [count_queries(Client(), path, headers) for path in paths] == few
