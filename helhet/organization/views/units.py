from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from helhet.accounts.http import MemberRequest
from helhet.accounts.models import Membership
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.core.forms import add_service_errors
from helhet.core.history import history_entries
from helhet.organization import services
from helhet.organization.access import get_org_unit_for_user, get_rw_org_unit_for_user
from helhet.organization.forms import MunicipalityForm, OrgUnitForm
from helhet.organization.selectors import organization_counts, organization_tree, unit_path


@member_required(Capability.VIEW_ORGANIZATION)
def unit_tree(request: MemberRequest) -> HttpResponse:
    municipality = request.membership.municipality
    return render(
        request,
        "organization/tree.html",
        {
            "tree": organization_tree(municipality=municipality),
            "counts": organization_counts(municipality=municipality),
        },
    )


@member_required(Capability.VIEW_ORGANIZATION)
def unit_detail(request: MemberRequest, pk: int) -> HttpResponse:
    unit = get_org_unit_for_user(request.membership, pk)
    members = Membership.objects.filter(unit=unit).select_related("user")
    return render(
        request,
        "organization/unit_detail.html",
        {
            "unit": unit,
            "path": unit_path(unit),
            "children": unit.children.order_by("name"),
            "members": members,
        },
    )


@member_required(Capability.MANAGE_ORGANIZATION)
@require_http_methods(["GET", "POST"])
def unit_create(request: MemberRequest) -> HttpResponse:
    municipality = request.membership.municipality
    initial = {}
    parent_id = request.GET.get("parent", "")
    if parent_id.isdecimal():  # what int() accepts; isdigit() also takes '²'
        initial["parent"] = get_org_unit_for_user(request.membership, int(parent_id))
    form = OrgUnitForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        municipality=municipality,
    )
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.org_unit_create(
                actor=request.user, municipality=municipality, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The unit “%(name)s” was created.") % {"name": unit.name})
            return redirect("organization:unit_detail", pk=unit.pk)
    status = 400 if form.is_bound else 200
    return render(
        request, "organization/unit_form.html", {"form": form, "unit": None}, status=status
    )


@member_required(Capability.MANAGE_ORGANIZATION)
@require_http_methods(["GET", "POST"])
def unit_edit(request: MemberRequest, pk: int) -> HttpResponse:
    unit = get_rw_org_unit_for_user(request.membership, pk)
    initial = {
        "name": unit.name,
        "kind": unit.kind,
        "parent": unit.parent,
        "description": unit.description,
        "offers_help": unit.offers_help,
    }
    form = OrgUnitForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        municipality=unit.municipality,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.org_unit_update(actor=request.user, unit=unit, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            unit.refresh_from_db()
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("organization:unit_detail", pk=unit.pk)
    status = 400 if form.is_bound else 200
    return render(
        request, "organization/unit_form.html", {"form": form, "unit": unit}, status=status
    )


@member_required(Capability.MANAGE_ORGANIZATION)
@require_http_methods(["GET", "POST"])
def unit_delete(request: MemberRequest, pk: int) -> HttpResponse:
    unit = get_rw_org_unit_for_user(request.membership, pk)
    error = None
    if request.method == "POST":
        try:
            services.org_unit_delete(actor=request.user, unit=unit)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, _("The unit “%(name)s” was deleted.") % {"name": unit.name})
            return redirect("organization:tree")
    status = 400 if error else 200
    return render(
        request, "organization/unit_delete.html", {"unit": unit, "error": error}, status=status
    )


@member_required(Capability.VIEW_HISTORY)
def unit_history(request: MemberRequest, pk: int) -> HttpResponse:
    unit = get_org_unit_for_user(request.membership, pk)
    return render(
        request,
        "core/history.html",
        {
            "object": unit,
            "entries": history_entries(unit),
            "back_url": reverse("organization:unit_detail", args=[unit.pk]),
        },
    )


@member_required(Capability.MANAGE_ORGANIZATION)
@require_http_methods(["GET", "POST"])
def municipality_edit(request: MemberRequest) -> HttpResponse:
    municipality = request.membership.municipality
    form = MunicipalityForm(
        request.POST if request.method == "POST" else None,
        initial={"name": municipality.name, "org_number": municipality.org_number},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.municipality_update(
                actor=request.user, municipality=municipality, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
            municipality.refresh_from_db()
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("organization:tree")
    status = 400 if form.is_bound else 200
    return render(request, "organization/municipality_form.html", {"form": form}, status=status)


@member_required(Capability.VIEW_HISTORY)
def municipality_history(request: MemberRequest) -> HttpResponse:
    municipality = request.membership.municipality
    return render(
        request,
        "core/history.html",
        {
            "object": municipality,
            "entries": history_entries(municipality),
            "back_url": reverse("organization:tree"),
        },
    )
