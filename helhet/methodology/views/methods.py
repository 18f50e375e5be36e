"""The methods the municipality uses: the list, and one method's current version phase by
phase."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from helhet.accounts.roles import Capability
from helhet.core.http import MemberRequest
from helhet.core.permissions import member_required
from helhet.methodology.access import get_method_for_user
from helhet.methodology.selectors import current_version, methods_overview, version_layout


@member_required(Capability.VIEW_PORTFOLIO)
def method_list(request: MemberRequest) -> HttpResponse:
    rows = methods_overview(request.membership.municipality)
    return render(request, "methodology/method_list.html", {"rows": rows})


@member_required(Capability.VIEW_PORTFOLIO)
def method_detail(request: MemberRequest, pk: int) -> HttpResponse:
    method = get_method_for_user(request.membership, pk)
    version = current_version(method)
    layout = version_layout(version) if version is not None else None
    return render(request, "methodology/method_detail.html", {"method": method, "layout": layout})
