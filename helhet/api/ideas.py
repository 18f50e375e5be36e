"""Ideas in the JSON API: the list (by status and unit, sortable, paginated), one idea with its
scores and questions, submitting one (every role), and screening by the portfolio office:
scores, a question to the submitter, and the decision (reject, park, merge, promote). Writes go
through the ideas' services; another municipality's idea is 404."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from helhet.accounts.roles import Capability
from helhet.api.errors import BODY_ERRORS, ERRORS, InvalidRequest, invalid, service_errors
from helhet.api.lookups import look_up_all, object_by_id
from helhet.api.members import request_membership, require
from helhet.api.pagination import Page, PageParams, paginate
from helhet.api.schemas import Id, NamedRef, PersonRef, UnitRef, text
from helhet.ideas.access import get_idea_for_user, get_idea_to_screen
from helhet.ideas.models import Idea, IdeaQuestion, IdeaStatus
from helhet.ideas.selectors import DEFAULT_SORT, SORTS, ideas_listed
from helhet.ideas.services import ideas as services
from helhet.maturity.models import Service
from helhet.organization.models import OrgUnit
from helhet.portfolio.models import Initiative

router = Router(tags=["ideas"])


class ScoreOut(Schema):
    criterion: NamedRef
    weight: int
    score: int

    @staticmethod
    def resolve_weight(row: Any) -> int:
        return int(row.criterion.weight)


class QuestionOut(Schema):
    id: int
    question: str
    asked_by: PersonRef | None
    asked_at: datetime
    answer: str
    answered_at: datetime | None


class IdeaOut(Schema):
    id: int
    title: str
    problem: str
    who_has_it: str
    solution: str
    unit: UnitRef
    service: NamedRef | None
    submitted_by: PersonRef | None
    submitted_at: datetime
    status: str = Field(description="submitted, screening, parked, rejected, merged or promoted")
    score: Decimal | None = Field(description="Σ weight·score / Σ weight over the criteria, 1-5")
    decision_reason: str
    decided_at: datetime | None
    initiative: NamedRef | None = Field(description="Merged into or promoted to")


class IdeaDetailOut(IdeaOut):
    scores: list[ScoreOut]
    questions: list[QuestionOut]

    @staticmethod
    def resolve_scores(idea: Idea) -> list[Any]:
        return list(idea.scores.select_related("criterion"))

    @staticmethod
    def resolve_questions(idea: Idea) -> list[Any]:
        return list(idea.questions.select_related("asked_by"))


class IdeaPage(Page):
    results: list[IdeaOut]


Sort = Literal[tuple(f"{sign}{key}" for key in SORTS for sign in ("", "-"))]  # type: ignore[valid-type]


class IdeaFilters(Schema):
    status: Literal[tuple(IdeaStatus.values)] | None = None  # type: ignore[valid-type]
    unit_id: Id | None = None
    sort: Sort = Field(  # type: ignore[valid-type]
        DEFAULT_SORT, description="submitted, title, status, unit or score; -key descending"
    )


class IdeaIn(Schema):
    title: str = text(Idea, "title", ...)
    problem: str = text(Idea, "problem", ...)
    who_has_it: str = text(Idea, "who_has_it")
    solution: str = text(Idea, "solution")
    unit_id: Id
    service_id: Id | None = None


class IdeaScoreIn(Schema):
    criterion_id: Id
    score: Annotated[int, Field(ge=1, le=5)]


class IdeaScoresIn(Schema):
    scores: list[IdeaScoreIn] = Field(..., max_length=100)


class QuestionIn(Schema):
    question: str = text(IdeaQuestion, "question", ...)


class IdeaDecisionIn(Schema):
    """reject needs a reason; merge names initiative_id; promote names name, kind (idea or
    project) and owning_unit_id, and registers a new initiative."""

    decision: Literal["reject", "park", "merge", "promote"]
    reason: str = text(Idea, "decision_reason")
    initiative_id: Id | None = None
    name: str = text(Initiative, "name")
    kind: Literal["idea", "project"] = "idea"
    owning_unit_id: Id | None = None


def _details(rows: Any) -> Any:
    return rows.select_related("unit", "service", "submitted_by", "initiative")


@router.get(
    "/ideas",
    response={200: IdeaPage, **ERRORS},
    summary="The municipality's ideas, by status and unit, sorted",
    operation_id="helhet_api_ideas_idea_list",
)
def idea_list(request: HttpRequest, filters: Query[IdeaFilters], paging: Query[PageParams]) -> Any:
    membership = request_membership(request)
    require(membership, Capability.SUBMIT_IDEAS)
    rows = ideas_listed(
        membership, status=filters.status or "", unit_id=filters.unit_id, sort=filters.sort
    )
    return paginate(request, rows, paging, details=_details)


@router.get(
    "/ideas/{idea_id}",
    response={200: IdeaDetailOut, **ERRORS},
    summary="One idea, with its scores and questions",
    operation_id="helhet_api_ideas_idea_read",
)
def idea_read(request: HttpRequest, idea_id: Id) -> Any:
    return get_idea_for_user(request_membership(request), idea_id)


@router.post(
    "/ideas",
    response={201: IdeaDetailOut, **BODY_ERRORS},
    summary="Submit an idea (every role)",
    operation_id="helhet_api_ideas_idea_create",
)
def idea_create(request: HttpRequest, payload: IdeaIn) -> Any:
    membership = request_membership(request)
    require(membership, Capability.SUBMIT_IDEAS)
    municipality = membership.municipality
    try:
        found = look_up_all(
            {
                "unit": lambda: object_by_id(
                    OrgUnit.objects.for_municipality(municipality),
                    payload.unit_id,
                    "unit_id",
                    _("Choose a unit in your municipality."),
                ),
                "service": lambda: (
                    None
                    if payload.service_id is None
                    else object_by_id(
                        Service.objects.filter(municipality=municipality),
                        payload.service_id,
                        "service_id",
                        _("Choose a service in your municipality."),
                    )
                ),
            }
        )
        idea = services.idea_submit(
            actor=membership.user,
            municipality=municipality,
            title=payload.title,
            problem=payload.problem,
            who_has_it=payload.who_has_it,
            solution=payload.solution,
            **found,
        )
    except InvalidRequest as error:
        return invalid(error.errors)
    except ValidationError as error:
        return invalid(service_errors(error))
    return Status(201, idea)


@router.post(
    "/ideas/{idea_id}/scores",
    response={200: IdeaDetailOut, **BODY_ERRORS},
    summary="Score an idea on every criterion of its set (the portfolio office)",
    description="Never by the one who submitted the idea (403). Every criterion of the idea's "
    "set must be scored 1-5; a decided idea is not scored again (422).",
    operation_id="helhet_api_ideas_idea_score",
)
def idea_score(request: HttpRequest, idea_id: Id, payload: IdeaScoresIn) -> Any:
    membership = request_membership(request)
    idea = get_idea_to_screen(membership, idea_id)
    try:
        scored = services.idea_score(
            actor=membership.user,
            idea=idea,
            scores={row.criterion_id: row.score for row in payload.scores},
        )
    except ValidationError as error:
        return invalid(service_errors(error))
    return scored


@router.post(
    "/ideas/{idea_id}/questions",
    response={201: QuestionOut, **BODY_ERRORS},
    summary="Ask the one who submitted the idea a question (the portfolio office)",
    operation_id="helhet_api_ideas_question_create",
)
def question_create(request: HttpRequest, idea_id: Id, payload: QuestionIn) -> Any:
    membership = request_membership(request)
    idea = get_idea_to_screen(membership, idea_id)
    try:
        asked = services.idea_question_ask(
            actor=membership.user, idea=idea, question=payload.question
        )
    except ValidationError as error:
        return invalid(service_errors(error))
    return Status(201, asked)


def _decide(membership: Any, idea: Idea, payload: IdeaDecisionIn) -> None:
    actor, municipality = membership.user, membership.municipality
    if payload.decision == "reject":
        services.idea_reject(actor=actor, idea=idea, reason=payload.reason)
    elif payload.decision == "park":
        services.idea_park(actor=actor, idea=idea, reason=payload.reason)
    elif payload.decision == "merge":
        if payload.initiative_id is None:
            raise InvalidRequest(
                {"initiative_id": [_("Choose the initiative to merge the idea into.")]}
            )
        initiative = object_by_id(
            Initiative.objects.filter(municipality=municipality),
            payload.initiative_id,
            "initiative_id",
            _("Choose an initiative in your municipality."),
        )
        services.idea_merge(actor=actor, idea=idea, initiative=initiative, reason=payload.reason)
    else:
        if payload.owning_unit_id is None or not payload.name.strip():
            raise InvalidRequest({"__all__": [_("Name the new initiative and its owning unit.")]})
        unit = object_by_id(
            OrgUnit.objects.for_municipality(municipality),
            payload.owning_unit_id,
            "owning_unit_id",
            _("Choose a unit in your municipality."),
        )
        services.idea_promote(
            actor=actor,
            idea=idea,
            kind=payload.kind,
            name=payload.name,
            owning_unit=unit,
            reason=payload.reason,
        )


@router.post(
    "/ideas/{idea_id}/decision",
    response={200: IdeaDetailOut, **BODY_ERRORS},
    summary="Decide what becomes of an idea (the portfolio office)",
    description="reject (with a reason the submitter reads), park, merge into an initiative, "
    "or promote to a new initiative of kind idea or project. Never by the one who submitted "
    "it (403); a rejected, merged or promoted idea is not decided again (422).",
    operation_id="helhet_api_ideas_idea_decide",
)
def idea_decide(request: HttpRequest, idea_id: Id, payload: IdeaDecisionIn) -> Any:
    membership = request_membership(request)
    idea = get_idea_to_screen(membership, idea_id)
    try:
        _decide(membership, idea, payload)
    except InvalidRequest as error:
        return invalid(error.errors)
    except ValidationError as error:
        return invalid(service_errors(error))
    return get_idea_for_user(membership, idea_id)
