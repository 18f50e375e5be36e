"""A decision at a decision point is logged once in the project log: titled with the decision
point and the outcome, dated the day it was made in Oslo, written by the decider."""

from datetime import UTC, date, datetime

import pytest
from django.utils import translation

from helhet.methodology.models import Decision, DecisionRequest
from helhet.organization.models import Municipality
from helhet.projects.models import LogEntry
from helhet.projects.services.log import project_log_record_decision
from tests.projects.projectwork import the_project, user

pytestmark = pytest.mark.django_db


def _decide(stavanger: Municipality, outcome: str = "approved", comment: str = "") -> Decision:
    """A decision on the project's first decision point, made as the decider would have it
    recorded (built directly: who may decide and what approval needs are the method's tests)."""
    initiative = the_project(stavanger)  # waits for BP1
    request = DecisionRequest.objects.get(initiative=initiative, status="pending")
    phase = request.decision_point.phase
    next_phase = phase.version.phases.filter(position__gt=phase.position).order_by("position")
    return Decision.objects.create(
        municipality=stavanger,
        request=request,
        decided_by=user("eier"),
        outcome=outcome,
        comment=comment,
        from_phase=phase,
        to_phase=next_phase.first() if outcome == "approved" else None,
    )


def test_the_decision_is_logged_as_a_decision(stavanger: Municipality) -> None:
    decision = _decide(stavanger, comment="Mandatet er godt nok.")
    entry = project_log_record_decision(decision=decision)
    point = decision.request.decision_point
    with translation.override("nb"):
        outcome = decision.get_outcome_display()
    assert entry.kind == "decision"
    assert entry.title == f"{point.code} {point.name}: {outcome}"
    assert entry.description.startswith("Mandatet er godt nok.")
    assert decision.from_phase.name in entry.description
    assert decision.to_phase is not None
    assert decision.to_phase.name in entry.description
    assert (entry.author, entry.decision, entry.initiative) == (
        user("eier"),
        decision,
        the_project(stavanger),
    )


def test_recording_twice_gives_one_entry(stavanger: Municipality) -> None:
    decision = _decide(stavanger)
    first = project_log_record_decision(decision=decision)
    again = project_log_record_decision(decision=decision)
    assert first == again
    assert LogEntry.objects.filter(decision=decision).count() == 1


def test_the_entry_is_dated_the_day_in_oslo(stavanger: Municipality) -> None:
    decision = _decide(stavanger, outcome="sent_back", comment="Mer innsikt trengs.")
    # 23:30 in UTC on New Year's Eve is already New Year's Day in Oslo.
    Decision.objects.filter(pk=decision.pk).update(
        decided_at=datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
    )
    LogEntry.objects.filter(decision=decision).delete()  # if decision_make logged it already
    entry = project_log_record_decision(decision=Decision.objects.get(pk=decision.pk))
    assert entry.occurred_on == date(2027, 1, 1)
    assert entry.description == "Mer innsikt trengs."
