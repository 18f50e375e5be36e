"""The service catalogue: the municipal services by service area with their newest maturity, a
service's page with its assessments over the years and its history, and adding and changing a
service."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.core.forms import add_service_errors
from helhet.core.history import history_entries
from helhet.maturity.access import (
    get_rw_area_for_user,
    get_rw_service_for_user,
    get_service_for_user,
)
from helhet.maturity.forms.catalogue import ServiceForm
from helhet.maturity.models import Answer, ServiceArea
from helhet.maturity.selectors.catalogue import answer_cells, service_catalogue
from helhet.maturity.services import catalogue


@member_required(Capability.VIEW_PORTFOLIO)
def catalogue_list(request: MemberRequest) -> HttpResponse:
    """Every service by service area, with the three answers of its newest assessment and the
    level it stops at."""
    groups = service_catalogue(municipality=request.membership.municipality)
    return render(
        request,
        "maturity/catalogue_list.html",
        {"groups": groups, "service_count": sum(len(group.entries) for group in groups)},
    )


@member_required(Capability.VIEW_PORTFOLIO)
def service_detail(request: MemberRequest, pk: int) -> HttpResponse:
    service = get_service_for_user(request.membership, pk)
    assessments = list(service.assessments.select_related("recorded_by").order_by("-assessed_on"))
    return render(
        request,
        "maturity/service_detail.html",
        {
            "service": service,
            "assessments": [
                {
                    "assessment": assessment,
                    "cells": cells,
                    "unclassified": any(c.answer == Answer.UNCLASSIFIED for c in cells),
                }
                for assessment in assessments
                for cells in [answer_cells(assessment)]
            ],
            "newest": assessments[0] if assessments else None,
            "can_manage": request.membership.can(Capability.MANAGE_SERVICES),
        },
    )


@member_required(Capability.VIEW_HISTORY)
def service_history(request: MemberRequest, pk: int) -> HttpResponse:
    service = get_service_for_user(request.membership, pk)
    return render(
        request,
        "core/history.html",
        {
            "object": service,
            "entries": history_entries(service),
            "back_url": reverse("maturity:service_detail", args=[service.pk]),
        },
    )


def _service_fields(form: ServiceForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "name": data["name"],
        "area": data["area"],
        "responsible_unit": data["responsible_unit"],
        "description": data["description"],
        "case_system": data["case_system"],
        "national_solution": data["national_solution"],
        "yearly_volume": data["yearly_volume"],
    }


@member_required(Capability.MANAGE_SERVICES)
@require_http_methods(["GET", "POST"])
def service_create(request: MemberRequest) -> HttpResponse:
    municipality = request.membership.municipality
    initial = {}
    area_id = request.GET.get("area", "")
    if area_id.isdecimal():
        initial["area"] = get_rw_area_for_user(request.membership, int(area_id))
    form = ServiceForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        municipality=municipality,
    )
    if request.method == "POST" and form.is_valid():
        try:
            service = catalogue.service_create(
                actor=request.user, municipality=municipality, **_service_fields(form)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The service “%(name)s” was added.") % {"name": service.name}
            )
            return redirect("maturity:service_detail", pk=service.pk)
    has_areas = ServiceArea.objects.filter(municipality=municipality).exists()
    return render(
        request,
        "maturity/service_form.html",
        {"form": form, "service": None, "has_areas": has_areas},
        status=400 if form.is_bound else 200,
    )


@member_required(Capability.MANAGE_SERVICES)
@require_http_methods(["GET", "POST"])
def service_edit(request: MemberRequest, pk: int) -> HttpResponse:
    service = get_rw_service_for_user(request.membership, pk)
    form = ServiceForm(
        request.POST if request.method == "POST" else None,
        initial={
            "name": service.name,
            "area": service.area,
            "responsible_unit": service.responsible_unit,
            "description": service.description,
            "case_system": service.case_system,
            "national_solution": service.national_solution,
            "yearly_volume": service.yearly_volume,
        },
        municipality=request.membership.municipality,
    )
    if request.method == "POST" and form.is_valid():
        try:
            catalogue.service_update(actor=request.user, service=service, **_service_fields(form))
        except ValidationError as error:
            add_service_errors(form, error)
            service.refresh_from_db()
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("maturity:service_detail", pk=service.pk)
    return render(
        request,
        "maturity/service_form.html",
        {"form": form, "service": service, "has_areas": True},
        status=400 if form.is_bound else 200,
    )
