"""The assessment of and decision on fund applications in the JSON API: the portfolio office's
formal check and criteria scores, the decider's decision, and a round's ranked list. Writes go
through the fund's services; another municipality's application is 404; a role that does not
assess or decide is 403, and so is a person the segregation of duties keeps from this one (the
applicant, the initiative's owner or leader, the assessor, a leader the fund does not name)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from helhet.api.errors import BODY_ERRORS, ERRORS, invalid, service_errors, status_message
from helhet.api.members import request_membership
from helhet.api.schemas import Id, Money, PersonRef, money, text
from helhet.fund.access import (
    get_application_for_user,
    get_application_to_assess,
    get_application_to_decide,
    get_fund_for_user,
)
from helhet.fund.duties import assessment_refusal, decision_refusal
from helhet.fund.models import Application, ApplicationDecision, CriterionScore
from helhet.fund.selectors.assessment import Assessment, application_assessment
from helhet.fund.selectors.decisions import application_decisions
from helhet.fund.selectors.ranking import RankedApplication, fund_ranking
from helhet.fund.services import assessment as assessment_services
from helhet.fund.services import decisions as decision_services

router = Router(tags=["fund"])

Score = Annotated[int, Field(ge=1, le=5)]
BudgetYear = Annotated[int, Field(ge=2000, le=2100)]


class RuleCheckOut(Schema):
    label: str
    met: bool
    detail: str


class CriterionScoreOut(Schema):
    criterion_id: int
    name: str
    weight: int
    score: int | None
    comment: str


class ApplicationAssessmentOut(Schema):
    application_id: int
    formal_check_passed: bool | None = Field(description="null until checked")
    formal_check_note: str
    assessed_by: PersonRef | None
    assessed_at: datetime | None
    weighted_score: str | None = Field(
        description="Σ weight·score / Σ weight, two decimals; null until every criterion is scored"
    )
    checks: list[RuleCheckOut] = Field(
        description="The system's checks against the rules version the application was "
        "submitted under"
    )
    criteria: list[CriterionScoreOut]


def _assessment_out(application: Application) -> dict[str, Any]:
    found: Assessment = application_assessment(application)
    return {
        "application_id": application.pk,
        "formal_check_passed": application.formal_check_passed,
        "formal_check_note": application.formal_check_note,
        "assessed_by": application.assessed_by,
        "assessed_at": application.assessed_at,
        "weighted_score": None if found.weighted is None else str(found.weighted),
        "checks": [check.__dict__ for check in found.checks],
        "criteria": [
            {
                "criterion_id": item.criterion.pk,
                "name": item.criterion.name,
                "weight": item.criterion.weight,
                "score": item.score.score if item.score else None,
                "comment": item.score.comment if item.score else "",
            }
            for item in found.criteria
        ],
    }


class FormalCheckIn(Schema):
    """Step one: whether the application meets the formal requirements; a note is required
    when it does not."""

    passed: bool
    note: str = text(Application, "formal_check_note")


class CriterionScoreIn(Schema):
    criterion_id: Id
    score: Score
    comment: str = text(CriterionScore, "comment")


class CriterionScoresIn(Schema):
    """Step two: scores 1–5 on criteria of the application's rules version; a score already
    given is replaced."""

    scores: list[CriterionScoreIn] = Field(max_length=100)


class GrantedYearIn(Schema):
    year: BudgetYear
    amount: Money


class FundDecisionIn(Schema):
    """The decision. ``granted`` (per budget year) counts only for ``partly_granted``;
    ``reason`` is required for ``rejected`` and ``deferred``, ``case_reference`` for every
    outcome but ``deferred``."""

    outcome: str = text(
        ApplicationDecision,
        "outcome",
        ...,
        description="granted, partly_granted, rejected, deferred",
    )
    case_reference: str = text(ApplicationDecision, "case_reference")
    reason: str = text(ApplicationDecision, "reason")
    conditions: str = text(ApplicationDecision, "conditions")
    granted: list[GrantedYearIn] = Field([], max_length=10)


class FundDecisionOut(Schema):
    id: int
    application_id: int
    outcome: str
    outcome_label: str
    reason: str
    conditions: str
    case_reference: str
    decided_by: PersonRef
    decided_at: datetime

    @staticmethod
    def resolve_outcome_label(decision: ApplicationDecision) -> str:
        return str(decision.get_outcome_display())


class DecisionResultOut(FundDecisionOut):
    status: str = Field(description="The application's status after the decision")
    granted: dict[str, str | None] = Field(description="Amount granted per budget year (NOK)")

    @staticmethod
    def resolve_status(decision: ApplicationDecision) -> str:
        return decision.application.status

    @staticmethod
    def resolve_granted(decision: ApplicationDecision) -> dict[str, str | None]:
        years = decision.application.years.order_by("year")
        return {str(year.year): money(year.amount_granted) for year in years}


@router.get(
    "/fund-applications/{application_id}/assessment",
    response={200: ApplicationAssessmentOut, **ERRORS},
    summary="An application's assessment: formal check, the system's checks, scores",
    operation_id="helhet_api_fund_assessment_read",
)
def fund_assessment_read(request: HttpRequest, application_id: Id) -> Any:
    return _assessment_out(get_application_for_user(request_membership(request), application_id))


def _to_assess(request: HttpRequest, application_id: Id) -> tuple[Application, str | None]:
    membership = request_membership(request)
    application = get_application_to_assess(membership, application_id)
    return application, assessment_refusal(membership.user, application)


@router.post(
    "/fund-applications/{application_id}/assessment/formal-check",
    response={200: ApplicationAssessmentOut, **BODY_ERRORS},
    summary="Record whether a submitted application meets the formal requirements",
    description="The portfolio office, never for an application they wrote or submitted nor "
    "one for an initiative they own or lead (403, the detail says which). 422 for a draft or "
    "a decided application, or a failed check without a note.",
    operation_id="helhet_api_fund_formal_check",
)
def fund_formal_check(request: HttpRequest, application_id: Id, payload: FormalCheckIn) -> Any:
    application, refusal = _to_assess(request, application_id)
    if refusal is not None:
        return Status(403, {"detail": refusal})
    try:
        done = assessment_services.application_formal_check(
            actor=request_membership(request).user,
            application=application,
            passed=payload.passed,
            note=payload.note,
        )
    except ValidationError as error:
        return invalid(service_errors(error))
    return _assessment_out(done)


@router.post(
    "/fund-applications/{application_id}/assessment/scores",
    response={200: ApplicationAssessmentOut, **BODY_ERRORS},
    summary="Score an application on the criteria of its rules version (1–5)",
    description="The portfolio office, once the formal requirements are found met (422 "
    "before); 403 for those the segregation of duties keeps from assessing it.",
    operation_id="helhet_api_fund_scores",
)
def fund_scores(request: HttpRequest, application_id: Id, payload: CriterionScoresIn) -> Any:
    application, refusal = _to_assess(request, application_id)
    if refusal is not None:
        return Status(403, {"detail": refusal})
    try:
        done = assessment_services.application_score(
            actor=request_membership(request).user,
            application=application,
            scores={row.criterion_id: (row.score, row.comment) for row in payload.scores},
        )
    except ValidationError as error:
        return invalid(service_errors(error))
    return _assessment_out(done)


@router.get(
    "/fund-applications/{application_id}/decisions",
    response={200: list[FundDecisionOut], **ERRORS},
    summary="The decisions on an application, oldest first",
    operation_id="helhet_api_fund_decision_list",
)
def fund_decision_list(request: HttpRequest, application_id: Id) -> Any:
    application = get_application_for_user(request_membership(request), application_id)
    return list(application_decisions(application))


@router.post(
    "/fund-applications/{application_id}/decisions",
    response={201: DecisionResultOut, **BODY_ERRORS},
    summary="Decide an application: grant (in full or in part per year), reject or defer",
    description="The fund's decider: the person the fund names, else a leader; never the "
    "applicant, the initiative's owner or leader, nor the assessor (403, the detail says "
    "which). A grant commits each budget year's amount in the fund's ledger. 422, nothing "
    "written: a second decision on a decided application, a grant beyond the fund's available "
    "balance or above what was applied for, a grant before the assessment, a rejection or "
    "deferral without a reason, a final decision without a case reference.",
    operation_id="helhet_api_fund_decide",
)
def fund_decide(request: HttpRequest, application_id: Id, payload: FundDecisionIn) -> Any:
    membership = request_membership(request)
    application = get_application_to_decide(membership, application_id)
    refusal = decision_refusal(membership.user, application)
    if refusal is not None:
        return Status(403, {"detail": refusal})
    try:
        decision = decision_services.application_decide(
            actor=membership.user,
            application=application,
            outcome=payload.outcome,
            case_reference=payload.case_reference,
            reason=payload.reason,
            conditions=payload.conditions,
            granted={row.year: row.amount for row in payload.granted},
        )
    except ValidationError as error:
        return invalid(service_errors(error))
    return Status(201, decision)


class RankedOut(Schema):
    application_id: int
    initiative: str
    status: str
    weighted_score: str | None
    npv_per_krone: str | None = Field(description="Net present value per invested krone, 2 dp")
    applied: str
    running_sum: str
    over_available: bool = Field(description="The running sum passes the available balance")


class RankingOut(Schema):
    fund_id: int
    round_id: int | None = Field(description="null: the continuous intake")
    available: str
    ranked: list[RankedOut]


class RankingQuery(Schema):
    round: Id | None = Field(None, description="A round of the fund; without it, continuous")


def _ranked(row: RankedApplication) -> dict[str, Any]:
    npv = row.npv_per_krone
    return {
        "application_id": row.application.pk,
        "initiative": row.application.initiative.name,
        "status": row.application.status,
        "weighted_score": None if row.weighted is None else str(row.weighted),
        "npv_per_krone": None if npv is None else str(npv.quantize(Decimal("0.01"))),
        "applied": money(row.applied),
        "running_sum": money(row.running_sum),
        "over_available": row.over,
    }


@router.get(
    "/funds/{fund_id}/ranking",
    response={200: RankingOut, **ERRORS},
    summary="The ranked list of a round, or of the continuous intake",
    description="The applications waiting for a decision, by weighted score then NPV per "
    "invested krone, with the running sum of the amounts applied for against the fund's "
    "available balance. A round of another fund is 404.",
    operation_id="helhet_api_fund_ranking",
)
def fund_ranking_read(request: HttpRequest, fund_id: Id, filters: Query[RankingQuery]) -> Any:
    fund = get_fund_for_user(request_membership(request), fund_id)
    round_ = None
    if filters.round is not None:
        round_ = fund.rounds.filter(pk=filters.round).first()
        if round_ is None:
            return Status(404, {"detail": status_message(404)})
    found = fund_ranking(fund, round_)
    return {
        "fund_id": fund.pk,
        "round_id": None if round_ is None else round_.pk,
        "available": money(found.available),
        "ranked": [_ranked(row) for row in found.ranked],
    }
