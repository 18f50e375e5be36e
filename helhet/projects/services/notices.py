"""Who is told about a project's gate: the deciders when a decision waits for them, the
project's owner, leader and the one who asked when it is made (with the reason when sent back or
stopped), through ``helhet.notifications`` in each reader's language; called by
``services.gates``."""

from __future__ import annotations

from django.urls import reverse

from helhet.accounts.models import Membership, User
from helhet.methodology.models import (
    DECIDER_ROLES,
    Decider,
    Decision,
    DecisionOutcome,
    DecisionRequest,
)
from helhet.notifications import texts
from helhet.notifications.models import Kind
from helhet.notifications.services import notification_send
from helhet.projects.rules import may_decide


def deciders_of(request: DecisionRequest) -> list[User]:
    """Everyone who may make the decision ``request`` waits for (``rules.may_decide``): the
    project owner, the person the decision point names, or the members with the role it names."""
    point, initiative = request.decision_point, request.initiative
    if point.decider == Decider.PROJECT_OWNER:
        candidates = [initiative.project_owner]
    elif point.decider == Decider.PERSON:
        candidates = [point.decider_person]
    else:
        candidates = [
            membership.user
            for membership in Membership.objects.filter(
                municipality_id=initiative.municipality_id,
                role=DECIDER_ROLES[Decider(point.decider)],
            ).select_related("user")
        ]
    return [person for person in candidates if person is not None and may_decide(person, request)]


def tell_deciders(*, actor: User | None, request: DecisionRequest) -> None:
    """A decision waits: tell those who make it."""
    initiative = request.initiative
    text = texts.gettext(
        "%(initiative)s waits for your decision: %(point)s.",
        initiative=initiative.name,
        point=request.decision_point.name,
    )
    notification_send(
        recipients=deciders_of(request),
        actor=actor,
        municipality=initiative.municipality,
        kind=Kind.DECISION_WAITING,
        text=text,
        link=reverse("projects:decision_make", args=[initiative.pk]),
    )


def tell_project(*, actor: User, decision: Decision) -> None:
    """A decision is made: tell the project's owner and leader and the one who asked for it,
    with the reason when it sent the project back or stopped it."""
    request = decision.request
    initiative = request.initiative
    text: list[texts.Message] = [
        texts.gettext(
            "%(initiative)s, %(point)s: %(outcome)s.",
            point=request.decision_point.name,
            initiative=initiative.name,
            outcome=texts.choice(decision, "outcome"),
        )
    ]
    if decision.comment and decision.outcome in (
        DecisionOutcome.SENT_BACK,
        DecisionOutcome.STOPPED,
    ):
        text += [" ", texts.gettext("The reason: %(reason)s", reason=decision.comment)]
    notification_send(
        recipients=[initiative.project_owner, initiative.project_leader, request.requested_by],
        actor=actor,
        municipality=initiative.municipality,
        kind=Kind.DECISION_MADE,
        text=text,
        link=reverse("projects:project_detail", args=[initiative.pk]),
    )
