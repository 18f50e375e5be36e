"""The public maturity page: anyone, without logging in, sees the current maturity of a
municipality's services, if the municipality has switched the page on (404 otherwise, as for a
municipality that does not exist). Only the answers and the counts per service area are shown:
no comments, no planned steps, no people."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from helhet.maturity.models import MaturitySettings
from helhet.maturity.selectors.overview import maturity_summary
from helhet.organization.models import Municipality


@require_GET
def services(request: HttpRequest, municipality: str) -> HttpResponse:
    found = get_object_or_404(Municipality, slug=municipality)
    if not MaturitySettings.objects.filter(municipality=found, public_page=True).exists():
        raise Http404
    return render(
        request,
        "maturity/public_services.html",
        {"municipality": found, "summary": maturity_summary(found, timezone.localdate())},
    )
