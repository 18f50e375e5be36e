"""Assessing and deciding an application: the portfolio office's two steps (the formal
requirements, then the criteria's scores), the ranked list of a round, and the decision by the
fund's decider."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from helhet.accounts.http import MemberRequest
from helhet.accounts.permissions import member_required
from helhet.accounts.roles import Capability
from helhet.core.forms import add_service_errors
from helhet.fund.access import (
    get_application_to_assess,
    get_application_to_decide,
    get_fund_for_user,
)
from helhet.fund.duties import assessment_refusal, decision_refusal, state_refusal
from helhet.fund.forms.decisions import DecisionForm, FormalCheckForm, ScoresForm
from helhet.fund.models import FINAL_STATUSES
from helhet.fund.selectors.assessment import application_assessment
from helhet.fund.selectors.balance import fund_balance
from helhet.fund.selectors.decisions import application_decisions
from helhet.fund.selectors.ranking import fund_ranking
from helhet.fund.services import assessment as assessment_services
from helhet.fund.services import decisions as decision_services


@member_required(Capability.VIEW_FUNDS)
@require_http_methods(["GET", "POST"])
def application_assess(request: MemberRequest, pk: int) -> HttpResponse:
    """The portfolio office assesses a submitted application: step one, the formal
    requirements (the system's checks of the rules beside the office's judgement); step two,
    a score 1–5 on each criterion of the application's rules version."""
    application = get_application_to_assess(request.membership, pk)
    refusal = state_refusal(application) or assessment_refusal(request.user, application)
    assessment = application_assessment(application)
    step = request.POST.get("step") if request.method == "POST" else None
    passed = application.formal_check_passed
    formal_form = FormalCheckForm(
        request.POST if step == "formal" else None,
        initial={
            "passed": None if passed is None else "yes" if passed else "no",
            "note": application.formal_check_note,
        },
    )
    scores_form = ScoresForm(
        request.POST if step == "scores" else None,
        criteria=[item.criterion for item in assessment.criteria],
        scores={item.criterion.pk: item.score for item in assessment.criteria if item.score},
    )
    bound = formal_form if step == "formal" else scores_form if step == "scores" else None
    if bound is not None and not refusal and bound.is_valid():
        try:
            if bound is formal_form:
                assessment_services.application_formal_check(
                    actor=request.user,
                    application=application,
                    passed=formal_form.cleaned_data["passed"],
                    note=formal_form.cleaned_data["note"],
                )
                messages.success(request, _("The formal check is recorded."))
            else:
                assessment_services.application_score(
                    actor=request.user, application=application, scores=scores_form.scores()
                )
                messages.success(request, _("The scores are recorded."))
        except ValidationError as error:
            add_service_errors(bound, error)
        else:
            return redirect(reverse("fund:application_assess", args=[application.pk]))
    elif bound is not None and refusal:
        bound.is_valid()
        bound.add_error(None, refusal)
    return render(
        request,
        "fund/application_assess.html",
        {
            "application": application,
            "fund": application.fund,
            "assessment": assessment,
            "refusal": refusal,
            "formal_form": formal_form,
            "scores_form": scores_form,
        },
        status=400 if bound is not None else 200,
    )


@member_required(Capability.VIEW_FUNDS)
@require_http_methods(["GET", "POST"])
def application_decide(request: MemberRequest, pk: int) -> HttpResponse:
    """The fund's decider grants (in full, or in part per budget year, with conditions),
    rejects or defers; the page shows the assessment, what was applied for and what the fund
    has available."""
    application = get_application_to_decide(request.membership, pk)
    refusal = state_refusal(application) or decision_refusal(request.user, application)
    years = list(application.years.order_by("year"))
    form = DecisionForm(request.POST if request.method == "POST" else None, years=years)
    if request.method == "POST" and refusal:
        form.is_valid()
        form.add_error(None, refusal)
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision_services.application_decide(
                actor=request.user,
                application=application,
                outcome=data["outcome"],
                case_reference=data["case_reference"],
                reason=data["reason"],
                conditions=data["conditions"],
                granted=form.granted(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The decision on the application is recorded."))
            return redirect(reverse("fund:application_decide", args=[application.pk]))
    return render(
        request,
        "fund/application_decide.html",
        {
            "application": application,
            "fund": application.fund,
            "assessment": application_assessment(application),
            "years": years,
            "decisions": application_decisions(application),
            "balance": fund_balance(application.fund),
            "refusal": refusal,
            "decided": application.status in FINAL_STATUSES,
            "form": form,
        },
        status=400 if form.is_bound else 200,
    )


CONTINUOUS = "lopende"


@member_required(Capability.VIEW_FUNDS)
def ranking(request: MemberRequest, pk: int) -> HttpResponse:
    """The ranked list of a round (``?runde=<id>``) or of the continuous intake
    (``?runde=lopende``): by weighted score, then NPV per invested krone, with the running sum
    against the fund's available balance. Without a choice, the round with the latest
    deadline, or the continuous intake when the fund has no rounds."""
    fund = get_fund_for_user(request.membership, pk)
    rounds = list(fund.rounds.order_by("-deadline"))
    asked = request.GET.get("runde", "")
    if asked == CONTINUOUS or (not asked and not rounds):
        chosen = None
    elif not asked:
        chosen = rounds[0]
    else:
        chosen = next((r for r in rounds if str(r.pk) == asked), None)
        if chosen is None:
            raise Http404
    return render(
        request,
        "fund/ranking.html",
        {
            "fund": fund,
            "rounds": rounds,
            "chosen": CONTINUOUS if chosen is None else str(chosen.pk),
            "continuous": CONTINUOUS,
            "ranking": fund_ranking(fund, chosen),
            "may_decide": request.membership.can(Capability.DECIDE_FUND_GRANTS),
            "may_assess": request.membership.can(Capability.ASSESS_APPLICATIONS),
        },
    )
