from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from helhet.accounts.roles import ROLE_DESCRIPTIONS, Role
from helhet.benefits.selectors import my_benefits
from helhet.core.http import MemberRequest
from helhet.core.permissions import member_required
from helhet.methodology.selectors import decisions_waiting_for
from helhet.organization.selectors import organization_counts, organization_tree
from helhet.portfolio.selectors import initiatives_of_person


@member_required()
def home(request: MemberRequest) -> HttpResponse:
    """The start page: who you are, where, and what your role lets you do here."""
    membership = request.membership
    municipality = membership.municipality
    return render(
        request,
        "core/home.html",
        {
            "municipality": municipality,
            "role": Role(membership.role),
            "role_description": ROLE_DESCRIPTIONS[Role(membership.role)],
            "counts": organization_counts(municipality=municipality),
            "tree": organization_tree(municipality=municipality),
            "my_initiatives": initiatives_of_person(membership=membership),
            "decisions_waiting": decisions_waiting_for(membership),
            "my_benefits": my_benefits(membership, today=timezone.localdate()),
        },
    )


def health(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"status": "ok"})


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors: whatever broke may be what they depend on.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render({}), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)
