"""Before you start: the work like an initiative, on a page of its own (more than the initiative
page shows), with the lessons and who to ask."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.learning.access import get_initiative_to_compare
from helhet.learning.similarity import similar_to_initiative

SHOWN = 15


@member_required(Capability.VIEW_LESSONS)
def similar_work_page(request: MemberRequest, pk: int) -> HttpResponse:
    """The initiatives and lessons most like the initiative, and the units and people to ask."""
    initiative = get_initiative_to_compare(request.membership, pk)
    return render(
        request,
        "learning/similar_work.html",
        {"initiative": initiative, "similar": similar_to_initiative(initiative, shown=SHOWN)},
    )
