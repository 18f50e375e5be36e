"""/api/v1/ideas: every role submits, lists and reads ideas; the portfolio office screens them
(scores, a question, the decision), never their own; bad input is refused with Norwegian field
errors and nothing written."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from helhet.ideas.models import CriteriaSet, Idea, IdeaStatus
from helhet.organization.models import Municipality
from helhet.portfolio.models import Initiative
from tests.conftest import database_state, unit_named
from tests.ideas.helpers import submit

pytestmark = pytest.mark.django_db


def _post(path: str, body: dict[str, object], headers: dict[str, str]) -> Any:
    return Client().post(path, body, content_type="application/json", headers=headers)


def test_a_reader_submits_an_idea_and_the_office_scores_asks_and_promotes_it(
    stavanger: Municipality, api_headers: Callable[[str], dict[str, str]]
) -> None:
    reader, office = api_headers("leser"), api_headers("portefolje")
    created = _post(
        "/api/v1/ideas",
        {
            "title": "Chatbot for byggesak",
            "problem": "Søkere ringer for å spørre hva som mangler i søknaden.",
            "unit_id": unit_named(stavanger, "Plan, bygg og geodata").pk,
        },
        reader,
    )
    assert created.status_code == 201
    idea_id = created.json()["id"]
    assert created.json()["submitted_by"]["username"] == "leser"

    criteria = CriteriaSet.objects.get(municipality=stavanger, unit=None).criteria.all()
    scores = [{"criterion_id": c.pk, "score": 5} for c in criteria]
    scored = _post(f"/api/v1/ideas/{idea_id}/scores", {"scores": scores}, office)
    assert scored.status_code == 200
    assert scored.json()["score"] == "5.00"
    asked = _post(f"/api/v1/ideas/{idea_id}/questions", {"question": "Hvor mange?"}, office)
    assert asked.status_code == 201
    promoted = _post(
        f"/api/v1/ideas/{idea_id}/decision",
        {
            "decision": "promote",
            "name": "Chatbot byggesak",
            "kind": "project",
            "owning_unit_id": unit_named(stavanger, "Plan, bygg og geodata").pk,
        },
        office,
    )
    assert promoted.status_code == 200
    body = promoted.json()
    assert body["status"] == "promoted"
    assert body["initiative"]["id"] == Initiative.objects.get(name="Chatbot byggesak").pk
    assert [q["question"] for q in body["questions"]] == ["Hvor mange?"]

    listed = Client().get("/api/v1/ideas?status=promoted&sort=-score", headers=reader).json()
    assert [row["id"] for row in listed["results"]] == [idea_id]
    again = _post(f"/api/v1/ideas/{idea_id}/decision", {"decision": "park"}, office)
    assert again.status_code == 422


def test_screening_is_refused_to_the_submitter_and_to_other_roles(
    stavanger: Municipality, api_headers: Callable[[str], dict[str, str]]
) -> None:
    own = submit(stavanger, by="portefolje")
    theirs = submit(stavanger, title="Annen idé")
    before = database_state()

    by_self = _post(
        f"/api/v1/ideas/{own.pk}/decision", {"decision": "park"}, api_headers("portefolje")
    )
    by_leader = _post(
        f"/api/v1/ideas/{theirs.pk}/decision", {"decision": "park"}, api_headers("direktor")
    )

    assert (by_self.status_code, by_leader.status_code) == (403, 403)
    assert database_state() == before


def test_bad_input_is_refused_with_field_errors_and_nothing_written(
    stavanger: Municipality, bergen: Municipality, api_headers: Callable[[str], dict[str, str]]
) -> None:
    idea = submit(stavanger)
    office = api_headers("portefolje")
    before = database_state()

    no_reason = _post(f"/api/v1/ideas/{idea.pk}/decision", {"decision": "reject"}, office)
    out_of_range = _post(
        f"/api/v1/ideas/{idea.pk}/scores", {"scores": [{"criterion_id": 1, "score": 6}]}, office
    )
    missing = _post(f"/api/v1/ideas/{idea.pk}/scores", {"scores": []}, office)
    bergen_unit = _post(
        "/api/v1/ideas",
        {
            "title": "x",
            "problem": "y",
            "unit_id": unit_named(bergen, "Finans").pk,
        },
        api_headers("leser"),
    )

    assert no_reason.status_code == 422
    assert "reason" in no_reason.json()["errors"]
    assert out_of_range.status_code == 422
    assert missing.status_code == 422
    assert bergen_unit.status_code == 422
    assert "unit_id" in bergen_unit.json()["errors"]
    assert database_state() == before
    assert Idea.objects.get(pk=idea.pk).status == IdeaStatus.SUBMITTED
    assert Idea.objects.get(pk=idea.pk).score is None
