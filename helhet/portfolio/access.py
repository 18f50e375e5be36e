"""Access helpers: the only way a request reaches an initiative, a status report, a strategic goal
or a saved view."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from helhet.accounts.models import Membership
from helhet.accounts.roles import Capability
from helhet.portfolio.models import (
    Initiative,
    InitiativeLink,
    InitiativeRelation,
    SavedView,
    StrategicGoal,
)


def can_edit_initiative(membership: Membership, initiative: Initiative) -> bool:
    """The portfolio office edits every initiative; project owners and leaders edit those they
    own, lead or are contact for."""
    if membership.can(Capability.EDIT_ANY_INITIATIVE):
        return True
    if not membership.can(Capability.REGISTER_INITIATIVE):
        return False
    user_id = membership.user_id
    return (
        initiative.project_owner_id == user_id
        or initiative.project_leader_id == user_id
        or initiative.contacts.filter(pk=user_id).exists()
    )


def get_initiative_for_user(membership: Membership, pk: int) -> Initiative:
    """The initiative, if it belongs to the member's municipality and the member may see the
    portfolio; 404 for another municipality's."""
    if not membership.can(Capability.VIEW_PORTFOLIO):
        raise PermissionDenied
    return get_object_or_404(
        Initiative.objects.select_related(
            "owning_unit", "programme", "project_owner", "project_leader"
        ),
        pk=pk,
        municipality=membership.municipality,
    )


def get_rw_initiative_for_user(membership: Membership, pk: int) -> Initiative:
    """As ``get_initiative_for_user``, and 403 unless the member may change it."""
    initiative = get_initiative_for_user(membership, pk)
    if not can_edit_initiative(membership, initiative):
        raise PermissionDenied
    return initiative


def editable_initiatives_q(membership: Membership) -> Q:
    """A filter for the initiatives the member may change (for "my initiatives" lists)."""
    if membership.can(Capability.EDIT_ANY_INITIATIVE):
        return Q()
    user_id = membership.user_id
    return Q(project_owner_id=user_id) | Q(project_leader_id=user_id) | Q(contacts=user_id)


def get_goal_for_user(membership: Membership, pk: int) -> StrategicGoal:
    if not membership.can(Capability.VIEW_PORTFOLIO):
        raise PermissionDenied
    return get_object_or_404(StrategicGoal, pk=pk, municipality=membership.municipality)


def get_rw_goal_for_user(membership: Membership, pk: int) -> StrategicGoal:
    goal = get_goal_for_user(membership, pk)
    if not membership.can(Capability.MANAGE_GOALS):
        raise PermissionDenied
    return goal


def get_saved_view_for_user(membership: Membership, pk: int) -> SavedView:
    """A saved view the member owns, or one shared in their municipality."""
    return get_object_or_404(
        SavedView.objects.filter(Q(owner_id=membership.user_id) | Q(shared=True)),
        pk=pk,
        municipality=membership.municipality,
    )


def get_own_saved_view_for_user(membership: Membership, pk: int) -> SavedView:
    """A saved view only its owner may change or delete (404 for others, as if it did not
    exist)."""
    return get_object_or_404(
        SavedView, pk=pk, municipality=membership.municipality, owner_id=membership.user_id
    )


def get_rw_relation_for_user(membership: Membership, pk: int) -> InitiativeRelation:
    """A relation between two initiatives in the member's municipality (404 otherwise), if the
    member may change the initiative it starts from (403 otherwise)."""
    if not membership.can(Capability.VIEW_PORTFOLIO):
        raise PermissionDenied
    relation = get_object_or_404(
        InitiativeRelation.objects.select_related("source", "target"),
        pk=pk,
        municipality=membership.municipality,
    )
    if not can_edit_initiative(membership, relation.source):
        raise PermissionDenied
    return relation


def get_rw_link_for_user(membership: Membership, pk: int) -> InitiativeLink:
    """A document link of an initiative in the member's municipality (404 otherwise), if the
    member may change that initiative (403 otherwise)."""
    if not membership.can(Capability.VIEW_PORTFOLIO):
        raise PermissionDenied
    link = get_object_or_404(
        InitiativeLink.objects.select_related("initiative"),
        pk=pk,
        municipality=membership.municipality,
    )
    if not can_edit_initiative(membership, link.initiative):
        raise PermissionDenied
    return link
