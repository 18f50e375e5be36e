"""The public maturity page: anyone, without logging in, sees the current maturity of a
municipality's services, if the municipality has switched the page on (404 otherwise, as for a
municipality that does not exist). Only the answers and the counts per service area are shown:
no comments, no planned steps, no people."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from helhet.maturity.access import get_municipality_with_public_page
from helhet.maturity.selectors.overview import maturity_summary


@require_GET
def public_services(request: HttpRequest, municipality: str) -> HttpResponse:
    found = get_municipality_with_public_page(municipality)
    return render(
        request,
        "maturity/public_services.html",
        {"municipality": found, "summary": maturity_summary(found, timezone.localdate())},
    )
