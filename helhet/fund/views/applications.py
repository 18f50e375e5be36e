"""Fund applications: applying from an initiative, writing the application and its economic
analysis, submitting and withdrawing it (those who may change the initiative, with
APPLY_FOR_FUNDING); reading one and a fund's list (everyone in the municipality). Every view
lets every member in and leaves the refusal to the access helpers, so that another
municipality's object is 404 before a role is 403."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.core.forms import add_service_errors
from helhet.fund.access import (
    get_application_for_user,
    get_fund_for_user,
    get_fund_to_apply_to,
    get_initiative_to_apply_for,
    get_rw_application_for_user,
    may_apply_for,
)
from helhet.fund.forms.applications import (
    AnalysisForm,
    ApplicationForm,
    application_initial,
    new_application_initial,
)
from helhet.fund.models import ApplicationStatus, Fund
from helhet.fund.selectors.applications import (
    application_analysis,
    application_summary,
    applications_listed,
    initiative_applications,
    newest_rules,
)
from helhet.fund.services import applications as services
from helhet.portfolio.access import editable_initiatives_q
from helhet.portfolio.models import Initiative


def _initiatives_to_apply_for(request: MemberRequest) -> QuerySet[Initiative]:
    return (
        Initiative.objects.filter(municipality=request.membership.municipality)
        .filter(editable_initiatives_q(request.membership))
        .distinct()
        .order_by("name")
    )


@member_required(Capability.VIEW_FUNDS)
def apply(request: MemberRequest, pk: int) -> HttpResponse:
    """From the initiative's page: its applications so far and the funds it may apply to."""
    initiative = get_initiative_to_apply_for(request.membership, pk)
    funds = [
        (fund, newest_rules(fund))
        for fund in Fund.objects.filter(municipality=request.membership.municipality)
    ]
    return render(
        request,
        "fund/application_apply.html",
        {
            "initiative": initiative,
            "applications": list(initiative_applications(initiative.pk)),
            "funds": funds,
        },
    )


@member_required(Capability.VIEW_FUNDS)
def application_list(request: MemberRequest, pk: int) -> HttpResponse:
    """The fund's applications. Drafts are listed for those who may write them."""
    fund = get_fund_for_user(request.membership, pk)
    rows = applications_listed(fund, request.membership)
    return render(
        request,
        "fund/application_list.html",
        {
            "fund": fund,
            "applications": list(rows),
            "may_apply": request.membership.can(Capability.APPLY_FOR_FUNDING),
        },
    )


@member_required(Capability.VIEW_FUNDS)
@require_http_methods(["GET", "POST"])
def application_create(request: MemberRequest, pk: int) -> HttpResponse:
    fund = get_fund_to_apply_to(request.membership, pk)
    rules = newest_rules(fund)
    if rules is None:
        return render(request, "fund/application_no_rules.html", {"fund": fund})
    initiatives = _initiatives_to_apply_for(request)
    asked = request.GET.get("tiltak", "")
    # Preselected from the initiative's page; an id that is no number (or too large to be one)
    # preselects nothing.
    chosen = None
    if asked.isdigit() and len(asked) < 19:
        chosen = initiatives.filter(pk=int(asked)).first()
    form = ApplicationForm(
        request.POST if request.method == "POST" else None,
        initial=new_application_initial(chosen, rules, today_year=timezone.localdate().year),
        fund=fund,
        rules=rules,
        initiatives=initiatives,
    )
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_create(
                actor=request.user,
                fund=fund,
                initiative=form.cleaned_data["initiative"],
                **form.service_arguments(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The application is saved as a draft."))
            return redirect("fund:application_detail", application.pk)
    return render(
        request,
        "fund/application_form.html",
        {"form": form, "fund": fund, "rules": rules, "application": None},
        status=400 if form.is_bound else 200,
    )


@member_required(Capability.VIEW_FUNDS)
def application_detail(request: MemberRequest, pk: int) -> HttpResponse:
    application = get_application_for_user(request.membership, pk)
    return render(
        request,
        "fund/application_detail.html",
        {
            "application": application,
            "fund": application.fund,
            "summary": application_summary(application, today=timezone.localdate()),
            "may_apply": may_apply_for(request.membership, application.initiative),
        },
    )


def _not_a_draft(request: MemberRequest, application_pk: int, status_label: str) -> HttpResponse:
    messages.error(
        request,
        _("The application is %(status)s and can no longer be changed.")
        % {"status": status_label.lower()},
    )
    return redirect("fund:application_detail", application_pk)


@member_required(Capability.VIEW_FUNDS)
@require_http_methods(["GET", "POST"])
def application_edit(request: MemberRequest, pk: int) -> HttpResponse:
    application = get_rw_application_for_user(request.membership, pk)
    if application.status != ApplicationStatus.DRAFT:
        return _not_a_draft(request, application.pk, application.get_status_display())
    rules = newest_rules(application.fund)
    if rules is None:
        return render(request, "fund/application_no_rules.html", {"fund": application.fund})
    form = ApplicationForm(
        request.POST if request.method == "POST" else None,
        initial=application_initial(application),
        fund=application.fund,
        rules=rules,
        initiatives=None,
        application=application,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.application_update(
                actor=request.user,
                application=application,
                expected_version=form.cleaned_data.get("version"),
                **form.service_arguments(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("fund:application_detail", application.pk)
    return render(
        request,
        "fund/application_form.html",
        {"form": form, "fund": application.fund, "rules": rules, "application": application},
        status=400 if form.is_bound else 200,
    )


@member_required(Capability.VIEW_FUNDS)
@require_http_methods(["GET", "POST"])
def application_analysis_edit(request: MemberRequest, pk: int) -> HttpResponse:
    """The economic analysis, year by year, prefilled from the application and the benefits
    plan until someone saves it; "back to the proposal" forgets what was saved."""
    application = get_rw_application_for_user(request.membership, pk)
    if application.status != ApplicationStatus.DRAFT:
        return _not_a_draft(request, application.pk, application.get_status_display())
    rules = newest_rules(application.fund)
    if rules is None:
        return render(request, "fund/application_no_rules.html", {"fund": application.fund})
    current = application_analysis(application, rules)
    if request.method == "POST" and "reset" in request.POST:
        services.application_analysis_reset(actor=request.user, application=application)
        messages.success(request, _("The analysis is drawn from the benefits plan again."))
        return redirect("fund:application_detail", application.pk)
    form = AnalysisForm(
        request.POST if request.method == "POST" else None, rows=list(current.analysis.rows)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.application_analysis_set(
                actor=request.user, application=application, rows=form.service_rows()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The analysis was saved."))
            return redirect("fund:application_detail", application.pk)
    return render(
        request,
        "fund/application_analysis_form.html",
        {
            "form": form,
            "application": application,
            "fund": application.fund,
            "rules": rules,
            "current": current,
        },
        status=400 if form.is_bound else 200,
    )


@member_required(Capability.VIEW_FUNDS)
@require_http_methods(["GET", "POST"])
def application_submit(request: MemberRequest, pk: int) -> HttpResponse:
    application = get_rw_application_for_user(request.membership, pk)
    if application.status != ApplicationStatus.DRAFT:
        return _not_a_draft(request, application.pk, application.get_status_display())
    summary = application_summary(application, today=timezone.localdate())
    if request.method == "POST" and not summary.problems:
        try:
            services.application_submit(actor=request.user, application=application)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The application was submitted."))
            return redirect("fund:application_detail", application.pk)
    return render(
        request,
        "fund/application_submit.html",
        {"application": application, "fund": application.fund, "summary": summary},
        status=400 if request.method == "POST" else 200,
    )


@member_required(Capability.VIEW_FUNDS)
@require_http_methods(["GET", "POST"])
def application_withdraw(request: MemberRequest, pk: int) -> HttpResponse:
    application = get_rw_application_for_user(request.membership, pk)
    if request.method == "POST":
        try:
            services.application_withdraw(actor=request.user, application=application)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The application was withdrawn."))
        return redirect("fund:application_detail", application.pk)
    return render(
        request,
        "fund/application_withdraw.html",
        {"application": application, "fund": application.fund},
    )
