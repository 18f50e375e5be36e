"""Probable overlaps for the portfolio office: two active initiatives in different departments
that look like the same work, judged related, merged or not an overlap (then not listed again)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from helhet.accounts.duties import refusal_to_judge_overlap
from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.learning.access import get_initiative_to_compare
from helhet.learning.forms_help import OverlapForm
from helhet.learning.overlaps import overlap_people, probable_overlaps, verdicts
from helhet.learning.services.overlaps import overlap_judge


@member_required(Capability.JUDGE_OVERLAPS)
def overlap_list(request: MemberRequest) -> HttpResponse:
    """The likest pairs not yet judged, each with why and a verdict form (or why the member may
    not judge it), and the verdicts given."""
    municipality_id = request.membership.municipality_id
    pairs = probable_overlaps(municipality_id)
    for pair in pairs:
        pair.refusal = refusal_to_judge_overlap(  # type: ignore[attr-defined]
            request.user,
            municipality_id=municipality_id,
            people_ids=overlap_people(pair.first, pair.second),
        )
    return render(
        request,
        "learning/overlap_list.html",
        {"pairs": pairs, "verdicts": verdicts(municipality_id), "form": OverlapForm()},
    )


@member_required(Capability.JUDGE_OVERLAPS)
@require_http_methods(["GET", "POST"])
def overlap_judge_view(request: MemberRequest) -> HttpResponse:
    """Judge one pair; back to the list with what was decided (or why not). Asked for, the list
    itself."""
    if request.method == "GET":
        return overlap_list(request)
    form = OverlapForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose related, merged or not an overlap."))
        return redirect("learning:overlaps")
    first = get_initiative_to_compare(request.membership, form.cleaned_data["first"])
    second = get_initiative_to_compare(request.membership, form.cleaned_data["second"])
    try:
        overlap_judge(
            actor=request.user,
            first=first,
            second=second,
            verdict=form.cleaned_data["verdict"],
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(first)s and %(second)s: judged, and not listed again.")
            % {"first": first.name, "second": second.name},
        )
    return redirect("learning:overlaps")
