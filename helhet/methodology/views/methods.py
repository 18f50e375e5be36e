"""The methods the municipality uses: the list, one method with its current version and its
version history, any version read-only, and, for the portfolio office, the method itself and its
draft (see ``helhet.methodology.editing``; the draft's parts are in ``draft_parts``)."""

from __future__ import annotations

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
from helhet.methodology.access import (
    get_draft_for_user,
    get_method_for_user,
    get_rw_method_for_user,
    get_version_for_user,
)
from helhet.methodology.editing import drafts
from helhet.methodology.forms import (
    MethodCreateForm,
    MethodForm,
)
from helhet.methodology.models import (
    MethodVersion,
)
from helhet.methodology.selectors import current_version, methods_overview, version_layout


@member_required(Capability.VIEW_PORTFOLIO)
def method_list(request: MemberRequest) -> HttpResponse:
    rows = methods_overview(request.membership.municipality)
    return render(
        request,
        "methodology/method_list.html",
        {"rows": rows, "can_manage": request.membership.can(Capability.MANAGE_METHODS)},
    )


@member_required(Capability.VIEW_PORTFOLIO)
def method_detail(request: MemberRequest, pk: int) -> HttpResponse:
    method = get_method_for_user(request.membership, pk)
    can_manage = request.membership.can(Capability.MANAGE_METHODS)
    version = current_version(method)
    layout = version_layout(version) if version is not None else None
    versions = drafts.version_history(method, with_draft=can_manage)
    draft = next((row for row in versions if row.published_at is None), None)
    return render(
        request,
        "methodology/method_detail.html",
        {
            "method": method,
            "layout": layout,
            "criteria": list(version.criteria.all()) if version is not None else [],
            "versions": versions,
            "draft": draft,
            "can_manage": can_manage,
        },
    )


@member_required(Capability.VIEW_PORTFOLIO)
def version_detail(request: MemberRequest, pk: int) -> HttpResponse:
    version = get_version_for_user(request.membership, pk)
    return render(
        request,
        "methodology/version_detail.html",
        {
            "method": version.method,
            "version": version,
            "layout": version_layout(version),
            "criteria": list(version.criteria.all()),
        },
    )


# --- The method itself -------------------------------------------------------------------------


@member_required(Capability.MANAGE_METHODS)
@require_http_methods(["GET", "POST"])
def method_create(request: MemberRequest) -> HttpResponse:
    municipality = request.membership.municipality
    form = MethodCreateForm(
        request.POST if request.method == "POST" else None,
        initial={"is_linear": True},
        municipality=municipality,
    )
    if request.method == "POST" and form.is_valid():
        try:
            draft = drafts.method_create(
                actor=request.user, municipality=municipality, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The method “%(name)s” was created as a draft. Publish it when it is ready.")
                % {"name": draft.method.name},
            )
            return redirect("methodology:version_edit", draft.pk)
    return render(
        request,
        "methodology/method_form.html",
        {"form": form, "method": None},
        status=400 if form.is_bound else 200,
    )


@member_required(Capability.MANAGE_METHODS)
@require_http_methods(["GET", "POST"])
def method_edit(request: MemberRequest, pk: int) -> HttpResponse:
    method = get_rw_method_for_user(request.membership, pk)
    form = MethodForm(
        request.POST if request.method == "POST" else None,
        initial={
            "name": method.name,
            "description": method.description,
            "is_linear": method.is_linear,
            "origin": method.origin,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            drafts.method_update(actor=request.user, method=method, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            method.refresh_from_db()
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("methodology:method_detail", method.pk)
    return render(
        request,
        "methodology/method_form.html",
        {"form": form, "method": method},
        status=400 if form.is_bound else 200,
    )


@member_required(Capability.MANAGE_METHODS)
@require_http_methods(["GET", "POST"])
def method_draft(request: MemberRequest, pk: int) -> HttpResponse:
    method = get_rw_method_for_user(request.membership, pk)
    if request.method == "POST":
        draft = drafts.method_version_draft_create(actor=request.user, method=method)
        return redirect("methodology:version_edit", draft.pk)
    return render(
        request,
        "methodology/method_draft.html",
        {
            "method": method,
            "draft": drafts.draft_of(method),
            "current": current_version(method),
        },
    )


# --- A draft -----------------------------------------------------------------------------------


def draft_url(version: MethodVersion, anchor: str = "") -> str:
    url = reverse("methodology:version_edit", args=[version.pk])
    return f"{url}#{anchor}" if anchor else url


@member_required(Capability.MANAGE_METHODS)
def version_edit(request: MemberRequest, pk: int) -> HttpResponse:
    version = get_draft_for_user(request.membership, pk)
    return render(
        request,
        "methodology/version_edit.html",
        {
            "method": version.method,
            "layout": version_layout(version),
            "criteria": list(version.criteria.order_by("position", "pk")),
            "problems": drafts.version_problems(version),
        },
    )


@member_required(Capability.MANAGE_METHODS)
@require_http_methods(["GET", "POST"])
def version_publish(request: MemberRequest, pk: int) -> HttpResponse:
    version = get_draft_for_user(request.membership, pk)
    problems = drafts.version_problems(version)
    if request.method == "POST":
        try:
            drafts.method_version_publish(actor=request.user, version=version)
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(
                request,
                _("Version %(number)s is published. New projects start on it.")
                % {"number": version.number},
            )
            return redirect("methodology:method_detail", version.method_id)
    return render(
        request,
        "methodology/version_publish.html",
        {
            "method": version.method,
            "version": version,
            "problems": problems,
            "current": current_version(version.method),
        },
        status=400 if request.method == "POST" else 200,
    )


@member_required(Capability.MANAGE_METHODS)
@require_http_methods(["GET", "POST"])
def version_discard(request: MemberRequest, pk: int) -> HttpResponse:
    version = get_draft_for_user(request.membership, pk)
    if request.method == "POST":
        drafts.method_version_discard(actor=request.user, version=version)
        messages.success(request, _("The draft was discarded."))
        return redirect("methodology:method_detail", version.method_id)
    return render(
        request,
        "methodology/version_discard.html",
        {"method": version.method, "version": version},
    )
