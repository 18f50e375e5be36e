"""Budget cuts: a benefit taken out as a cut in a unit's budget frame from a budget year. Recorded
by those who may change the initiative; shown on the plan to everyone who sees the portfolio."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.benefits.access import get_rw_benefit_for_user, get_rw_budget_cut_for_user
from helhet.benefits.forms.budget_cuts import BudgetCutForm, budget_cut_initial
from helhet.benefits.services import budget_cuts as budget_cut_services
from helhet.core.forms import add_service_errors


@member_required(Capability.VIEW_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def budget_cut_create(request: MemberRequest, pk: int) -> HttpResponse:
    benefit = get_rw_benefit_for_user(request.membership, pk)
    form = BudgetCutForm(
        request.POST if request.method == "POST" else None,
        initial={"budget_year": timezone.localdate().year + 1},
        municipality=request.membership.municipality,
    )
    if request.method == "POST" and form.is_valid():
        try:
            budget_cut_services.budget_cut_create(
                actor=request.user, benefit=benefit, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The budget cut was added."))
            return redirect("benefits:plan", benefit.initiative_id)
    status = 400 if form.is_bound else 200
    return render(
        request,
        "benefits/budget_cut_form.html",
        {"form": form, "benefit": benefit, "cut": None},
        status=status,
    )


@member_required(Capability.VIEW_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def budget_cut_edit(request: MemberRequest, pk: int) -> HttpResponse:
    cut = get_rw_budget_cut_for_user(request.membership, pk)
    form = BudgetCutForm(
        request.POST if request.method == "POST" else None,
        initial=budget_cut_initial(cut),
        municipality=request.membership.municipality,
    )
    if request.method == "POST" and form.is_valid():
        try:
            budget_cut_services.budget_cut_update(actor=request.user, cut=cut, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("benefits:plan", cut.benefit.initiative_id)
    status = 400 if form.is_bound else 200
    return render(
        request,
        "benefits/budget_cut_form.html",
        {"form": form, "benefit": cut.benefit, "cut": cut},
        status=status,
    )


@member_required(Capability.VIEW_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def budget_cut_delete(request: MemberRequest, pk: int) -> HttpResponse:
    cut = get_rw_budget_cut_for_user(request.membership, pk)
    if request.method == "POST":
        budget_cut_services.budget_cut_delete(actor=request.user, cut=cut)
        messages.success(request, _("The budget cut was deleted."))
        return redirect("benefits:plan", cut.benefit.initiative_id)
    return render(request, "benefits/budget_cut_delete.html", {"cut": cut})
