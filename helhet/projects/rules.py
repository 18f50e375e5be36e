"""Who makes a decision at a decision point: a rule the services, the access helpers and the views
ask alike, so that the page offers the form to exactly those the service lets decide."""

from __future__ import annotations

from typing import TYPE_CHECKING

from helhet.accounts.models import Membership, User
from helhet.methodology.models import DECIDER_ROLES, Decider, DecisionPoint

if TYPE_CHECKING:
    from helhet.portfolio.models import Initiative


def may_decide(user: User | None, initiative: Initiative, point: DecisionPoint) -> bool:
    """Whether ``user`` makes ``point``'s decision for ``initiative``: its project owner, a
    member with the role the point names, or the person it names."""
    if user is None:
        return False
    if point.decider == Decider.PROJECT_OWNER:
        return initiative.project_owner_id == user.pk
    if point.decider == Decider.PERSON:
        return point.decider_person_id == user.pk
    role = DECIDER_ROLES[Decider(point.decider)]
    return Membership.objects.filter(
        municipality_id=initiative.municipality_id, user=user, role=role
    ).exists()
