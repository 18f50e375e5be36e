"""A benefit's before/after calculation: set or changed by those who may change the initiative,
shown on the plan to everyone who sees the portfolio (``benefits/_calculation.html``)."""

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
from helhet.benefits.access import get_rw_benefit_for_user
from helhet.benefits.forms.calculations import CalculationForm, calculation_initial
from helhet.benefits.models import Benefit, Calculation
from helhet.benefits.services import calculations as calculation_services
from helhet.core.forms import add_service_errors


def _calculation_of(benefit: Benefit) -> Calculation | None:
    try:
        return benefit.calculation
    except Calculation.DoesNotExist:
        return None


@member_required(Capability.VIEW_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def calculation_edit(request: MemberRequest, pk: int) -> HttpResponse:
    benefit = get_rw_benefit_for_user(request.membership, pk)
    calculation = _calculation_of(benefit)
    form = CalculationForm(
        request.POST if request.method == "POST" else None,
        initial=calculation_initial(calculation, benefit),
    )
    if request.method == "POST" and form.is_valid():
        try:
            calculation_services.calculation_set(
                actor=request.user, benefit=benefit, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The before/after calculation was saved."))
            return redirect("benefits:plan", benefit.initiative_id)
    status = 400 if form.is_bound else 200
    return render(
        request,
        "benefits/calculation_form.html",
        {"form": form, "benefit": benefit, "calculation": calculation},
        status=status,
    )


@member_required(Capability.VIEW_PORTFOLIO)
@require_http_methods(["GET", "POST"])
def calculation_delete(request: MemberRequest, pk: int) -> HttpResponse:
    benefit = get_rw_benefit_for_user(request.membership, pk)
    calculation = _calculation_of(benefit)
    if calculation is None:
        messages.info(request, _("The benefit has no before/after calculation."))
        return redirect("benefits:plan", benefit.initiative_id)
    if request.method == "POST":
        calculation_services.calculation_delete(actor=request.user, calculation=calculation)
        messages.success(request, _("The before/after calculation was deleted."))
        return redirect("benefits:plan", benefit.initiative_id)
    return render(request, "benefits/calculation_delete.html", {"benefit": benefit})
