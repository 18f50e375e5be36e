"""The portfolio office keeps the screening criteria: the sets (the municipality's default, and
one per unit that wants its own), and the weighted criteria in each."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.core.forms import add_service_errors
from helhet.ideas.access import get_rw_criteria_set_for_user, get_rw_criterion_for_user
from helhet.ideas.forms import CriteriaSetForm, CriterionForm
from helhet.ideas.models import CriteriaSet, ScreeningCriterion
from helhet.ideas.services import criteria as services


@member_required(Capability.SCREEN_IDEAS)
def criteria_list(request: MemberRequest) -> HttpResponse:
    """Every criteria set of the municipality with its criteria and weights."""
    sets = (
        CriteriaSet.objects.filter(municipality=request.membership.municipality)
        .select_related("unit")
        .prefetch_related(
            Prefetch("criteria", queryset=ScreeningCriterion.objects.order_by("position", "pk"))
        )
        .order_by("unit__name", "name")
    )
    return render(request, "ideas/criteria_list.html", {"sets": sets})


@member_required(Capability.SCREEN_IDEAS)
@require_http_methods(["GET", "POST"])
def criteria_set_create(request: MemberRequest) -> HttpResponse:
    """A new set of criteria for the ideas of a unit (and the units under it)."""
    municipality = request.membership.municipality
    if request.method == "POST":
        form = CriteriaSetForm(request.POST, municipality=municipality)
        if form.is_valid():
            try:
                created = services.criteria_set_create(
                    actor=request.user, municipality=municipality, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The set “%(name)s” is made. Add its criteria.") % {"name": created.name},
                )
                return redirect("ideas:criterion_add", created.pk)
    else:
        form = CriteriaSetForm(municipality=municipality)
    return render(
        request,
        "ideas/criteria_set_form.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )


# Any member reaches the views naming a set or criterion, so that another municipality's is "not
# found" before "not allowed"; the access helpers refuse (403) all but the portfolio office.
@member_required(Capability.SUBMIT_IDEAS)
@require_http_methods(["GET", "POST"])
def criterion_add(request: MemberRequest, pk: int) -> HttpResponse:
    """Add a criterion to a set."""
    criteria_set = get_rw_criteria_set_for_user(request.membership, pk)
    if request.method == "POST":
        form = CriterionForm(request.POST)
        if form.is_valid():
            try:
                services.criterion_add(
                    actor=request.user, criteria_set=criteria_set, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("“%(name)s” is added to %(set)s.")
                    % {"name": form.cleaned_data["name"], "set": criteria_set.name},
                )
                return redirect("ideas:criteria")
    else:
        form = CriterionForm()
    return render(
        request,
        "ideas/criterion_form.html",
        {"form": form, "criteria_set": criteria_set, "criterion": None},
        status=400 if form.is_bound else 200,
    )


@member_required(Capability.SUBMIT_IDEAS)
@require_http_methods(["GET", "POST"])
def criterion_edit(request: MemberRequest, pk: int) -> HttpResponse:
    """Rename, describe or weigh a criterion anew; or remove one no idea is scored on."""
    criterion = get_rw_criterion_for_user(request.membership, pk)
    if request.method == "POST":
        form = CriterionForm(request.POST)
        if request.POST.get("action") == "delete":
            try:
                services.criterion_delete(actor=request.user, criterion=criterion)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect("ideas:criterion_edit", criterion.pk)
            else:
                messages.success(request, _("“%(name)s” is removed.") % {"name": criterion.name})
                return redirect("ideas:criteria")
        elif form.is_valid():
            try:
                services.criterion_update(
                    actor=request.user, criterion=criterion, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The criterion is saved."))
                return redirect("ideas:criteria")
    else:
        form = CriterionForm(initial=_initial(criterion))
    return render(
        request,
        "ideas/criterion_form.html",
        {"form": form, "criteria_set": criterion.criteria_set, "criterion": criterion},
        status=400 if form.is_bound else 200,
    )


def _initial(criterion: ScreeningCriterion) -> dict[str, object]:
    return {
        "name": criterion.name,
        "description": criterion.description,
        "weight": criterion.weight,
    }
