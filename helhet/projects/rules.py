"""Who makes a decision at a decision point: a rule the services, the access helpers and the views
ask alike, so that the page offers the form to exactly those the service lets decide. The
segregation of duties it applies is ``helhet.accounts.duties``."""

from __future__ import annotations

from django.utils.translation import gettext as _

from helhet.accounts.duties import refusal_to_decide
from helhet.accounts.models import Membership, User
from helhet.methodology.models import DECIDER_ROLES, Decider, DecisionRequest, ProjectMethod


def combined_roles_allowed(initiative_id: int) -> bool:
    """Whether the project's method level lets one person lead it and decide its gates."""
    return ProjectMethod.objects.filter(
        initiative_id=initiative_id, level__allows_combined_roles=True
    ).exists()


def _named_decider(user: User, request: DecisionRequest) -> bool:
    """Whether ``user`` is the one the decision point names: the project owner, a member with
    the role it names, or the person it names."""
    initiative, point = request.initiative, request.decision_point
    if point.decider == Decider.PROJECT_OWNER:
        return initiative.project_owner_id == user.pk
    if point.decider == Decider.PERSON:
        return point.decider_person_id == user.pk
    role = DECIDER_ROLES[Decider(point.decider)]
    return Membership.objects.filter(
        municipality_id=initiative.municipality_id, user=user, role=role
    ).exists()


def decision_refusal(user: User | None, request: DecisionRequest) -> str | None:
    """Why ``user`` may not decide ``request`` (None when they may): they are not the one its
    decision point names, or segregation of duties forbids it (their role decides nothing at
    gates, they asked for it, or they lead the project; see ``refusal_to_decide``)."""
    point = request.decision_point
    if user is None or not _named_decider(user, request):
        return _("You cannot make this decision. It is made by: %(decider)s.") % {
            "decider": point.decider_label
        }
    initiative = request.initiative
    return refusal_to_decide(
        user,
        municipality_id=initiative.municipality_id,
        requested_by_id=request.requested_by_id,
        project_leader_id=initiative.project_leader_id,
        allow_same_person=combined_roles_allowed(initiative.pk),
    )


def may_decide(user: User | None, request: DecisionRequest) -> bool:
    """Whether ``user`` makes the decision ``request`` waits for (see ``decision_refusal``)."""
    return decision_refusal(user, request) is None
