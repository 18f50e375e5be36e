"""The municipality's funds: the list with each fund's balances, the fund's page (its decision,
balances, rules and rounds), and the portfolio office's forms for a fund, a new version of its
rules and its application rounds. Everyone in the municipality reads the funds (public money);
the portfolio office keeps them.
A view that names a fund or an entry asks the decorator only for VIEW_FUNDS: the access helper
answers 404 for another municipality's object before 403 for a role that does not keep funds."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.core.forms import add_service_errors
from helhet.fund.access import get_fund_for_user, get_rw_fund_for_user, get_rw_round_for_user
from helhet.fund.forms.funds import (
    CriterionFormSet,
    FundForm,
    RoundForm,
    RulesForm,
    criteria_initial,
    fund_initial,
    rules_initial,
)
from helhet.fund.models import Fund, FundCriterion, FundRules
from helhet.fund.selectors.balance import EMPTY_BALANCE, fund_balance, fund_balances
from helhet.fund.services import funds as fund_services


@member_required(Capability.VIEW_FUNDS)
@require_GET
def fund_list(request: MemberRequest) -> HttpResponse:
    funds = list(Fund.objects.filter(municipality=request.membership.municipality).order_by("name"))
    balances = fund_balances(funds)
    rows = [(fund, balances.get(fund.pk, EMPTY_BALANCE)) for fund in funds]
    return render(request, "fund/fund_list.html", {"rows": rows})


@member_required(Capability.MANAGE_FUNDS)
@require_http_methods(["GET", "POST"])
def fund_create(request: MemberRequest) -> HttpResponse:
    municipality = request.membership.municipality
    form = FundForm(
        request.POST if request.method == "POST" else None, municipality=municipality, keep=None
    )
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        fields.pop("version")
        try:
            fund = fund_services.fund_create(
                actor=request.user, municipality=municipality, **fields
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The fund was registered. Give it rules and its first capital.")
            )
            return redirect("fund:detail", fund.pk)
    status = 400 if form.is_bound else 200
    return render(request, "fund/fund_form.html", {"form": form, "fund": None}, status=status)


@member_required(Capability.VIEW_FUNDS)
def fund_detail(request: MemberRequest, pk: int) -> HttpResponse:
    fund = get_fund_for_user(request.membership, pk)
    rules = fund.rule_versions.prefetch_related("criteria").select_related("created_by").first()
    rounds = fund.rounds.annotate(
        applications_in=Count("applications", filter=~Q(applications__status="draft"))
    ).order_by("-deadline")
    context = {
        "fund": fund,
        "decider": fund.decider,
        "balance": fund_balance(fund),
        "rules": rules,
        "versions": fund.rule_versions.count(),
        # The demo's amounts say so in their note (no field for it): the page says so too.
        "examples": fund.ledger.filter(note__icontains="eksempel").count(),
        "rounds": rounds,
        "latest_entries": fund.ledger.select_related("application__initiative").order_by(
            "-entry_date", "-pk"
        )[:5],
    }
    return render(request, "fund/fund_detail.html", context)


@member_required(Capability.VIEW_FUNDS)
@require_http_methods(["GET", "POST"])
def fund_edit(request: MemberRequest, pk: int) -> HttpResponse:
    fund = get_rw_fund_for_user(request.membership, pk)
    form = FundForm(
        request.POST if request.method == "POST" else None,
        initial=fund_initial(fund),
        municipality=request.membership.municipality,
        keep=fund.decider_id,
    )
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        try:
            fund_services.fund_update(
                actor=request.user, fund=fund, expected_version=fields.pop("version"), **fields
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("fund:detail", fund.pk)
    status = 400 if form.is_bound else 200
    return render(request, "fund/fund_form.html", {"form": form, "fund": fund}, status=status)


@member_required(Capability.VIEW_FUNDS)
def rules_list(request: MemberRequest, pk: int) -> HttpResponse:
    """Every version of the fund's rules, newest first, each with its criteria and how many
    applications were submitted under it."""
    fund = get_fund_for_user(request.membership, pk)
    versions = (
        FundRules.objects.filter(fund=fund)
        .select_related("created_by")
        .prefetch_related(Prefetch("criteria", queryset=FundCriterion.objects.order_by("position")))
        .annotate(applications_under=Count("applications"))
        .order_by("-version")
    )
    return render(request, "fund/rules_list.html", {"fund": fund, "versions": versions})


@member_required(Capability.VIEW_FUNDS)
@require_http_methods(["GET", "POST"])
def rules_create(request: MemberRequest, pk: int) -> HttpResponse:
    """A new version of the rules, prefilled from the current one."""
    fund = get_rw_fund_for_user(request.membership, pk)
    current = fund_services.current_rules(fund)
    data = request.POST if request.method == "POST" else None
    form = RulesForm(data, initial=rules_initial(current))
    criteria = CriterionFormSet(data, initial=criteria_initial(current), prefix="criteria")
    if request.method == "POST" and form.is_valid() and criteria.is_valid():
        try:
            rules = fund_services.fund_rules_create(
                actor=request.user,
                fund=fund,
                criteria=criteria.lines(),
                note=form.cleaned_data["note"],
                **form.changes(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Version %(version)s of the rules applies to applications submitted from now.")
                % {"version": rules.version},
            )
            return redirect("fund:rules", fund.pk)
    status = 400 if form.is_bound else 200
    context = {"fund": fund, "form": form, "criteria": criteria, "previous": current}
    return render(request, "fund/rules_form.html", context, status=status)


@member_required(Capability.VIEW_FUNDS)
@require_http_methods(["GET", "POST"])
def round_create(request: MemberRequest, pk: int) -> HttpResponse:
    fund = get_rw_fund_for_user(request.membership, pk)
    form = RoundForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        fields.pop("version")
        try:
            fund_services.fund_round_create(actor=request.user, fund=fund, **fields)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The application round was added."))
            return redirect("fund:detail", fund.pk)
    status = 400 if form.is_bound else 200
    context = {"fund": fund, "form": form, "round": None}
    return render(request, "fund/round_form.html", context, status=status)


@member_required(Capability.VIEW_FUNDS)
@require_http_methods(["GET", "POST"])
def round_edit(request: MemberRequest, pk: int) -> HttpResponse:
    round_ = get_rw_round_for_user(request.membership, pk)
    form = RoundForm(
        request.POST if request.method == "POST" else None,
        initial={
            "name": round_.name,
            "opens_on": round_.opens_on,
            "deadline": round_.deadline,
            "version": round_.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        try:
            fund_services.fund_round_update(
                actor=request.user,
                round_=round_,
                expected_version=fields.pop("version"),
                **fields,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("fund:detail", round_.fund_id)
    status = 400 if form.is_bound else 200
    context = {"fund": round_.fund, "form": form, "round": round_}
    return render(request, "fund/round_form.html", context, status=status)
