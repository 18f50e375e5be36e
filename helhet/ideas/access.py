"""Access helpers: the only way a request reaches an idea, its attachment or question, or a
screening criteria set. Everyone in the municipality reads its ideas (so the same idea is not
worked on twice); the portfolio office screens them and keeps the criteria; the one who
submitted an idea answers the questions about it."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from helhet.accounts.duties import refusal_to_screen_idea
from helhet.accounts.models import Membership
from helhet.accounts.roles import Capability
from helhet.ideas.models import CriteriaSet, Idea, IdeaAttachment, IdeaQuestion, ScreeningCriterion


def get_idea_for_user(membership: Membership, pk: int) -> Idea:
    """The idea, if it belongs to the member's municipality (404 otherwise)."""
    if not membership.can(Capability.SUBMIT_IDEAS):
        raise PermissionDenied
    return get_object_or_404(
        Idea.objects.select_related(
            "unit",
            "service",
            "submitted_by",
            "decided_by",
            "screened_by",
            "initiative",
            "criteria_set",
        ),
        pk=pk,
        municipality=membership.municipality,
    )


def get_idea_to_screen(membership: Membership, pk: int) -> Idea:
    """As ``get_idea_for_user``, and 403 unless the member may screen it: the portfolio office,
    but not the one who submitted it (``refusal_to_screen_idea``)."""
    idea = get_idea_for_user(membership, pk)
    refusal = refusal_to_screen_idea(
        membership.user,
        municipality_id=membership.municipality_id,
        submitted_by_id=idea.submitted_by_id,
    )
    if refusal is not None:
        raise PermissionDenied(refusal)
    return idea


def get_attachment_for_user(membership: Membership, pk: int) -> IdeaAttachment:
    """An idea's attachment in the member's municipality (404 otherwise)."""
    if not membership.can(Capability.SUBMIT_IDEAS):
        raise PermissionDenied
    return get_object_or_404(IdeaAttachment, pk=pk, municipality=membership.municipality)


def get_question_to_answer(membership: Membership, pk: int) -> IdeaQuestion:
    """A question about an idea the member submitted (404 for another municipality's, 403 for
    someone else's idea)."""
    if not membership.can(Capability.SUBMIT_IDEAS):
        raise PermissionDenied
    question = get_object_or_404(
        IdeaQuestion.objects.select_related("idea"), pk=pk, municipality=membership.municipality
    )
    if question.idea.submitted_by_id != membership.user_id:
        raise PermissionDenied
    return question


def get_rw_criteria_set_for_user(membership: Membership, pk: int) -> CriteriaSet:
    """A criteria set the member keeps: in their municipality (404), by the portfolio office
    (403)."""
    found = get_object_or_404(
        CriteriaSet.objects.select_related("unit"), pk=pk, municipality=membership.municipality
    )
    if not membership.can(Capability.SCREEN_IDEAS):
        raise PermissionDenied
    return found


def get_rw_criterion_for_user(membership: Membership, pk: int) -> ScreeningCriterion:
    """A criterion of a set the member keeps (404 for another municipality's, 403 without the
    right)."""
    found = get_object_or_404(
        ScreeningCriterion.objects.select_related("criteria_set"),
        pk=pk,
        municipality=membership.municipality,
    )
    if not membership.can(Capability.SCREEN_IDEAS):
        raise PermissionDenied
    return found
