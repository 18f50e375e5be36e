"""The service catalogue: the services by service area with their newest maturity, a service's
page with its assessments over the years, keeping services and service areas, recording an
assessment, and importing a maturity table."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.core.forms import add_service_errors
from helhet.core.history import history_entries
from helhet.maturity import imports, services
from helhet.maturity.access import (
    get_rw_area_for_user,
    get_rw_service_for_user,
    get_service_for_user,
)
from helhet.maturity.catalogue import answer_cells, service_catalogue
from helhet.maturity.forms import (
    AssessmentForm,
    ImportConfirmForm,
    ImportForm,
    ServiceAreaForm,
    ServiceForm,
    assessment_initial,
)
from helhet.maturity.models import Answer, Service, ServiceArea
from helhet.portfolio import exchange

# --- The catalogue and a service -----------------------------------------------------------------


@member_required(Capability.VIEW_PORTFOLIO)
def catalogue(request: MemberRequest) -> HttpResponse:
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
            service = services.service_create(
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
            services.service_update(actor=request.user, service=service, **_service_fields(form))
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


# --- Assessments ---------------------------------------------------------------------------------


@member_required(Capability.MANAGE_SERVICES)
@require_http_methods(["GET", "POST"])
def assessment_create(request: MemberRequest, pk: int) -> HttpResponse:
    """Record the service's maturity at a date. The form starts from the newest assessment (or,
    with ?date=YYYY-MM-DD, the assessment of that date, to correct it or classify its answers)
    and today's date."""
    service = get_rw_service_for_user(request.membership, pk)
    newest = service.assessments.order_by("-assessed_on").first()
    # A new date starts from the newest answers, not from where they came from.
    initial = {k: v for k, v in assessment_initial(newest).items() if k != "source"}
    chosen = _parse_date(request.GET.get("date", ""))
    if chosen is not None:
        earlier = service.assessments.filter(assessed_on=chosen).first()
        if earlier is not None:
            initial = {**assessment_initial(earlier), "assessed_on": earlier.assessed_on}
    form = AssessmentForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assessment = services.assessment_record(
                actor=request.user,
                service=service,
                assessed_on=data["assessed_on"],
                application=data["application"],
                application_comment=data["application_comment"],
                transfer=data["transfer"],
                transfer_comment=data["transfer_comment"],
                answer=data["answer"],
                answer_comment=data["answer_comment"],
                source=data["source"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The assessment of %(date)s was saved.")
                % {"date": assessment.assessed_on.strftime("%d.%m.%Y")},
            )
            return redirect("maturity:service_detail", pk=service.pk)
    return render(
        request,
        "maturity/assessment_form.html",
        {"form": form, "service": service, "existing_dates": _dates(service)},
        status=400 if form.is_bound else 200,
    )


def _parse_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _dates(service: Service) -> list[date]:
    return list(service.assessments.order_by("-assessed_on").values_list("assessed_on", flat=True))


# --- Service areas -------------------------------------------------------------------------------


@member_required(Capability.VIEW_PORTFOLIO)
def area_list(request: MemberRequest) -> HttpResponse:
    areas = (
        ServiceArea.objects.filter(municipality=request.membership.municipality)
        .select_related("org_unit")
        .annotate(service_count=Count("services"))
    )
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
            area = services.service_area_create(
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
            services.service_area_update(actor=request.user, area=area, **_area_fields(form))
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


# --- Import --------------------------------------------------------------------------------------


def _upload_page(
    request: MemberRequest, form: ImportForm, status: int = 200, expired: bool = False
) -> HttpResponse:
    return render(
        request, "maturity/import_upload.html", {"form": form, "expired": expired}, status=status
    )


def _preview_page(
    request: MemberRequest,
    form: ImportConfirmForm,
    preview: imports.ImportPreview,
    name: str,
    token: str,
) -> HttpResponse:
    return render(
        request,
        "maturity/import_preview.html",
        {
            "form": form,
            "preview": preview,
            "file_name": name,
            "token": token,
            "assessed_on": form.cleaned_data["assessed_on"],
            "source": form.cleaned_data["source"],
            "problems": [str(problem) for problem in preview.problems],
            "upload_form": ImportForm(
                initial={
                    "assessed_on": form.cleaned_data["assessed_on"],
                    "source": form.cleaned_data["source"],
                }
            ),
        },
        status=200 if preview.ok else 400,
    )


@member_required(Capability.MANAGE_SERVICES)
@require_http_methods(["GET", "POST"])
def import_upload(request: MemberRequest) -> HttpResponse:
    """GET: the form. POST: read and check the file, and show what the import would do, every
    problem by row and column, and the answers it cannot classify. Nothing is written here."""
    if request.method != "POST":
        return _upload_page(request, ImportForm())
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _upload_page(request, form, status=400)
    upload = form.cleaned_data["file"]
    name, data = upload.name or "", upload.read()
    preview = imports.check_service_maturity(
        municipality=request.membership.municipality,
        data=data,
        assessed_on=form.cleaned_data["assessed_on"],
    )
    token = ""
    if preview.ok:
        token = exchange.pending_save(membership=request.membership, name=name, data=data)
    return _preview_page(request, form, preview, name, token)


@member_required(Capability.MANAGE_SERVICES)
@require_http_methods(["GET", "POST"])
def import_confirm(request: MemberRequest) -> HttpResponse:
    """POST: import the file kept since the preview, checked again, all in one transaction.
    GET (a reload, a bookmark): the upload form."""
    if request.method != "POST":
        return _upload_page(request, ImportForm())
    pending = exchange.pending_load(
        membership=request.membership, token=request.POST.get("token", "")
    )
    form = ImportConfirmForm(request.POST)
    if pending is None or not form.is_valid():
        return _upload_page(request, ImportForm(), status=400, expired=True)
    try:
        result = imports.import_service_maturity(
            municipality=request.membership.municipality,
            data=pending.data,
            assessed_on=form.cleaned_data["assessed_on"],
            actor=request.user,
            source=form.cleaned_data["source"],
        )
    except imports.ImportRefused as refused:
        preview = imports.ImportPreview(problems=refused.problems)
        return _preview_page(request, form, preview, pending.name, "")
    exchange.pending_delete(pending.token)
    messages.success(
        request,
        ngettext(
            "%(count)s service was assessed from %(file)s (%(new)s new in the catalogue).",
            "%(count)s services were assessed from %(file)s (%(new)s new in the catalogue).",
            result.assessments,
        )
        % {"count": result.assessments, "file": pending.name, "new": result.services_created},
    )
    if result.unclassified:
        messages.warning(
            request,
            ngettext(
                "%(count)s answer could not be classified; it is marked “Not classified” in the "
                "catalogue.",
                "%(count)s answers could not be classified; they are marked “Not classified” in "
                "the catalogue.",
                len(result.unclassified),
            )
            % {"count": len(result.unclassified)},
        )
    return redirect("maturity:catalogue")
