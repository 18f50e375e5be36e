"""A project's risk register: read by everyone who sees the portfolio, kept by those who may
change the initiative."""

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
from helhet.portfolio.access import (
    can_edit_initiative,
    get_initiative_for_user,
    get_rw_initiative_for_user,
)
from helhet.projects.access import get_risk_for_user, get_rw_risk_for_user
from helhet.projects.forms.risks import RiskForm
from helhet.projects.models import Risk, RiskKind
from helhet.projects.selectors.risks import project_risks, risk_matrix
from helhet.projects.services import risks as risk_services
from helhet.projects.views.pages import form_page, history_page


@member_required(Capability.VIEW_PORTFOLIO)
def risk_list(request: MemberRequest, pk: int) -> HttpResponse:
    """The risks and opportunities, highest score first, and the matrix of those not closed.
    ``?show=all`` lists the closed ones too."""
    initiative = get_initiative_for_user(request.membership, pk)
    show_all = request.GET.get("show") == "all"
    risks = project_risks(initiative, include_closed=True)
    matrices = [risk_matrix(risks, RiskKind.RISK)]
    opportunities = risk_matrix(risks, RiskKind.OPPORTUNITY)
    if opportunities.total:
        matrices.append(opportunities)
    shown = risks if show_all else [risk for risk in risks if not risk.is_closed]
    return render(
        request,
        "projects/risk_list.html",
        {
            "initiative": initiative,
            "risks": shown,
            "closed_count": sum(1 for risk in risks if risk.is_closed),
            "show_all": show_all,
            "matrices": matrices,
            "can_edit": can_edit_initiative(request.membership, initiative),
        },
    )


def _risk_fields(form: RiskForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        name: data[name]
        for name in (
            "kind",
            "title",
            "description",
            "probability",
            "consequence",
            "owner",
            "measures",
            "status",
        )
    }


@member_required(Capability.REGISTER_INITIATIVE)
@require_http_methods(["GET", "POST"])
def risk_create(request: MemberRequest, pk: int) -> HttpResponse:
    membership = request.membership
    initiative = get_rw_initiative_for_user(membership, pk)
    form = RiskForm(
        request.POST if request.method == "POST" else None,
        municipality=membership.municipality,
        initial={"kind": request.GET.get("kind", RiskKind.RISK)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            risk_services.risk_create(
                actor=request.user, initiative=initiative, **_risk_fields(form)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("It was added to the risk register."))
            return redirect("projects:risk_list", initiative.pk)
    return form_page(request, "projects/risk_form.html", form, {"initiative": initiative})


def _risk_initial(risk: Risk) -> dict[str, Any]:
    return {
        "kind": risk.kind,
        "title": risk.title,
        "description": risk.description,
        "probability": risk.probability,
        "consequence": risk.consequence,
        "owner": risk.owner_id,
        "measures": risk.measures,
        "status": risk.status,
    }


@member_required(Capability.REGISTER_INITIATIVE)
@require_http_methods(["GET", "POST"])
def risk_edit(request: MemberRequest, pk: int) -> HttpResponse:
    membership = request.membership
    risk = get_rw_risk_for_user(membership, pk)
    form = RiskForm(
        request.POST if request.method == "POST" else None,
        municipality=membership.municipality,
        initial=_risk_initial(risk),
    )
    if request.method == "POST" and form.is_valid():
        try:
            risk_services.risk_update(actor=request.user, risk=risk, **_risk_fields(form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("projects:risk_list", risk.initiative_id)
    return form_page(
        request, "projects/risk_form.html", form, {"initiative": risk.initiative, "risk": risk}
    )


@member_required(Capability.VIEW_HISTORY)
def risk_history(request: MemberRequest, pk: int) -> HttpResponse:
    risk = get_risk_for_user(request.membership, pk)
    return history_page(request, risk, "projects:risk_list", risk.initiative)
