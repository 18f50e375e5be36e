"""How long the decision points take: which gates hold projects up, for the organisation to see
where its decisions are slow."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.projects.selectors.gate_times import gate_times as gate_times_of


@member_required(Capability.VIEW_PORTFOLIO)
@require_GET
def gate_times(request: MemberRequest) -> HttpResponse:
    rows = gate_times_of(request.membership.municipality)
    return render(request, "projects/gate_times.html", {"rows": rows})
