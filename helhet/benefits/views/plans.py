"""An initiative's benefits realisation plan (gevinstrealiseringsplan): read by everyone who sees
the portfolio, built by those who may change the initiative."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.benefits.access import get_rw_benefit_for_user, get_rw_indicator_for_user
from helhet.benefits.forms.plan import (
    BenefitForm,
    IndicatorForm,
    benefit_initial,
    indicator_initial,
)
from helhet.benefits.selectors.plan import benefits_plan, with_adoption
from helhet.benefits.services import plan as plan_services
from helhet.core.forms import add_service_errors
from helhet.portfolio.access import (
    can_edit_initiative,
    get_initiative_for_user,
    get_rw_initiative_for_user,
)


@member_required(Capability.VIEW_PORTFOLIO)
def plan(request: MemberRequest, pk: int) -> HttpResponse:
    initiative = get_initiative_for_user(request.membership, pk)
    benefits = list(benefits_plan(initiative))
    with_adoption(benefits)
    return render(
        request,
        "benefits/plan.html",
        {
            "initiative": initiative,
            "benefits": benefits,
            "can_edit": can_edit_initiative(request.membership, initiative),
        },
    )


@member_required(Capability.VIEW_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def benefit_create(request: MemberRequest, pk: int) -> HttpResponse:
    initiative = get_rw_initiative_for_user(request.membership, pk)
    form = BenefitForm(
        request.POST if request.method == "POST" else None,
        municipality=request.membership.municipality,
    )
    if request.method == "POST" and form.is_valid():
        try:
            benefit = plan_services.benefit_create(
                actor=request.user, initiative=initiative, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The benefit “%(title)s” was added.") % {"title": benefit.title}
            )
            return redirect("benefits:plan", initiative.pk)
    status = 400 if form.is_bound else 200
    return render(
        request,
        "benefits/benefit_form.html",
        {"form": form, "initiative": initiative, "benefit": None},
        status=status,
    )


@member_required(Capability.VIEW_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def benefit_edit(request: MemberRequest, pk: int) -> HttpResponse:
    benefit = get_rw_benefit_for_user(request.membership, pk)
    form = BenefitForm(
        request.POST if request.method == "POST" else None,
        initial=benefit_initial(benefit),
        municipality=request.membership.municipality,
    )
    if request.method == "POST" and form.is_valid():
        try:
            plan_services.benefit_update(actor=request.user, benefit=benefit, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("benefits:plan", benefit.initiative_id)
    status = 400 if form.is_bound else 200
    return render(
        request,
        "benefits/benefit_form.html",
        {"form": form, "initiative": benefit.initiative, "benefit": benefit},
        status=status,
    )


@member_required(Capability.VIEW_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def indicator_create(request: MemberRequest, pk: int) -> HttpResponse:
    benefit = get_rw_benefit_for_user(request.membership, pk)
    form = IndicatorForm(
        request.POST if request.method == "POST" else None,
        municipality=request.membership.municipality,
    )
    if request.method == "POST" and form.is_valid():
        try:
            indicator = plan_services.indicator_create(
                actor=request.user, benefit=benefit, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The indicator “%(name)s” was added.") % {"name": indicator.name}
            )
            return redirect("benefits:plan", benefit.initiative_id)
    status = 400 if form.is_bound else 200
    return render(
        request,
        "benefits/indicator_form.html",
        {"form": form, "benefit": benefit, "indicator": None},
        status=status,
    )


@member_required(Capability.VIEW_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def indicator_edit(request: MemberRequest, pk: int) -> HttpResponse:
    indicator = get_rw_indicator_for_user(request.membership, pk)
    form = IndicatorForm(
        request.POST if request.method == "POST" else None,
        initial=indicator_initial(indicator),
        municipality=request.membership.municipality,
    )
    if request.method == "POST" and form.is_valid():
        try:
            plan_services.indicator_update(
                actor=request.user, indicator=indicator, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("benefits:plan", indicator.benefit.initiative_id)
    status = 400 if form.is_bound else 200
    return render(
        request,
        "benefits/indicator_form.html",
        {"form": form, "benefit": indicator.benefit, "indicator": indicator},
        status=status,
    )


@member_required(Capability.VIEW_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def indicator_delete(request: MemberRequest, pk: int) -> HttpResponse:
    indicator = get_rw_indicator_for_user(request.membership, pk)
    if request.method == "POST":
        plan_services.indicator_delete(actor=request.user, indicator=indicator)
        messages.success(
            request, _("The indicator “%(name)s” was deleted.") % {"name": indicator.name}
        )
        return redirect("benefits:plan", indicator.benefit.initiative_id)
    return render(request, "benefits/indicator_delete.html", {"indicator": indicator})
