"""The service areas of the catalogue: the list, adding and changing one."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.core.forms import add_service_errors
from helhet.maturity.access import get_rw_area_for_user
from helhet.maturity.forms.catalogue import ServiceAreaForm
from helhet.maturity.selectors.catalogue import service_areas_with_counts
from helhet.maturity.services.catalogue import service_area_create, service_area_update


@member_required(Capability.VIEW_PORTFOLIO)
def area_list(request: MemberRequest) -> HttpResponse:
    areas = service_areas_with_counts(request.membership.municipality)
    return render(request, "maturity/area_list.html", {"areas": areas})


def _area_fields(form: ServiceAreaForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {"name": data["name"], "org_unit": data["org_unit"], "position": data["position"]}


@member_required(Capability.MANAGE_SERVICES)
@require_http_methods(["GET", "POST"])
def area_create(request: MemberRequest) -> HttpResponse:
    municipality = request.membership.municipality
    form = ServiceAreaForm(
        request.POST if request.method == "POST" else None, municipality=municipality
    )
    if request.method == "POST" and form.is_valid():
        try:
            area = service_area_create(
                actor=request.user, municipality=municipality, **_area_fields(form)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The service area “%(name)s” was added.") % {"name": area.name}
            )
            return redirect("maturity:area_list")
    return render(
        request,
        "maturity/area_form.html",
        {"form": form, "area": None},
        status=400 if form.is_bound else 200,
    )


@member_required(Capability.MANAGE_SERVICES)
@require_http_methods(["GET", "POST"])
def area_edit(request: MemberRequest, pk: int) -> HttpResponse:
    area = get_rw_area_for_user(request.membership, pk)
    form = ServiceAreaForm(
        request.POST if request.method == "POST" else None,
        initial={"name": area.name, "org_unit": area.org_unit, "position": area.position},
        municipality=request.membership.municipality,
    )
    if request.method == "POST" and form.is_valid():
        try:
            service_area_update(actor=request.user, area=area, **_area_fields(form))
        except ValidationError as error:
            add_service_errors(form, error)
            area.refresh_from_db()
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("maturity:area_list")
    return render(
        request,
        "maturity/area_form.html",
        {"form": form, "area": area},
        status=400 if form.is_bound else 200,
    )
