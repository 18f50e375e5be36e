"""The start page: what waits for the person, gathered from every module."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import ROLE_DESCRIPTIONS, Capability, Role
from helhet.benefits.selectors.follow_up import my_benefits
from helhet.ideas.selectors import ideas_waiting
from helhet.organization.selectors import organization_counts, organization_tree
from helhet.portfolio.selectors import initiatives_of_person
from helhet.projects.selectors.gates import decisions_sent_back_to, decisions_waiting_for


@member_required()
def home(request: MemberRequest) -> HttpResponse:
    """The start page: who you are, where, and what your role lets you do here."""
    membership = request.membership
    municipality = membership.municipality
    return render(
        request,
        "home/home.html",
        {
            "municipality": municipality,
            "role": Role(membership.role),
            "role_description": ROLE_DESCRIPTIONS[Role(membership.role)],
            "counts": organization_counts(municipality=municipality),
            "tree": organization_tree(municipality=municipality),
            "my_initiatives": initiatives_of_person(membership=membership),
            "decisions_waiting": decisions_waiting_for(membership),
            "sent_back": decisions_sent_back_to(membership),
            "ideas_waiting": ideas_waiting(membership),
            # A reader records nothing, whatever they were made owner of: no offer to measure.
            "my_benefits": my_benefits(membership, today=timezone.localdate())
            if membership.can(Capability.RECORD_MEASUREMENTS)
            else None,
        },
    )
