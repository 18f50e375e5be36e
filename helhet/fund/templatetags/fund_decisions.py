"""What the application page shows of its assessment and decisions, and what the person
looking may do about them: ``{% application_assessment application request.membership as a %}``
and ``{% application_decisions application request.membership as d %}`` (the partials
fund/_application_assessment.html and fund/_application_decision.html use them)."""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.db.models import QuerySet

from helhet.accounts.models import Membership
from helhet.accounts.roles import Capability
from helhet.fund.duties import assessment_refusal, decision_refusal, state_refusal
from helhet.fund.models import Application, ApplicationDecision
from helhet.fund.selectors.assessment import Assessment, application_assessment
from helhet.fund.selectors.decisions import application_decisions as decisions_of

register = template.Library()


@dataclass(frozen=True)
class AssessmentPanel:
    assessment: Assessment
    may_assess: bool


@dataclass(frozen=True)
class DecisionPanel:
    decisions: QuerySet[ApplicationDecision]
    may_decide: bool
    # Why the person, whose role decides, may not decide this one (shown to them), or "".
    refusal: str


@register.simple_tag
def application_assessment_panel(
    application: Application, membership: Membership
) -> AssessmentPanel:
    """The assessment and whether ``membership`` may assess the application now."""
    may_assess = (
        membership.can(Capability.ASSESS_APPLICATIONS)
        and state_refusal(application) is None
        and assessment_refusal(membership.user, application) is None
    )
    return AssessmentPanel(application_assessment(application), may_assess)


@register.simple_tag
def application_decision_panel(application: Application, membership: Membership) -> DecisionPanel:
    """The decisions so far and whether ``membership`` may decide the application now."""
    refusal = ""
    if membership.can(Capability.DECIDE_FUND_GRANTS) and state_refusal(application) is None:
        refusal = decision_refusal(membership.user, application) or ""
        may_decide = not refusal
    else:
        may_decide = False
    return DecisionPanel(decisions_of(application), may_decide, refusal)
