"""Similar work and probable overlaps in the JSON API: the initiatives and lessons like an
initiative with why and who to ask (helhet.learning.similarity), and for the portfolio office
the probable overlaps and their verdicts. Another municipality's initiative is 404."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from helhet.accounts.roles import Capability
from helhet.api.errors import BODY_ERRORS, ERRORS, InvalidRequest, invalid, service_errors
from helhet.api.lookups import object_by_id
from helhet.api.members import request_membership, require
from helhet.api.schemas import Id, NamedRef, PersonRef, UnitRef, text
from helhet.learning.access import get_initiative_to_compare
from helhet.learning.models import Overlap, OverlapVerdict
from helhet.learning.overlaps import probable_overlaps, verdicts
from helhet.learning.services.overlaps import overlap_judge
from helhet.learning.similarity import Likeness, similar_to_initiative
from helhet.portfolio.models import Initiative

router = Router(tags=["similar work"])


class SimilarInitiativeOut(Schema):
    initiative: NamedRef
    status: str
    owning_unit: UnitRef
    people: list[PersonRef] = Field(description="Leader, owner and contacts: who to ask")
    rank: int
    reasons: list[str]


class SimilarLessonOut(Schema):
    lesson: NamedRef
    initiative: NamedRef | None
    unit: UnitRef | None
    rank: int
    reasons: list[str]


class WhoOut(Schema):
    unit: UnitRef
    people: list[PersonRef]


class SimilarWorkOut(Schema):
    initiatives: list[SimilarInitiativeOut]
    lessons: list[SimilarLessonOut]
    who: list[WhoOut]


def _initiative(like: Likeness) -> dict[str, Any]:
    row = like.item
    return {
        "initiative": row,
        "status": row.status,
        "owning_unit": row.owning_unit,
        "people": row.people,
        "rank": like.rank,
        "reasons": like.reasons,
    }


def _lesson(like: Likeness) -> dict[str, Any]:
    row = like.item
    return {
        "lesson": {"id": row.pk, "name": row.title},
        "initiative": row.initiative,
        "unit": row.unit,
        "rank": like.rank,
        "reasons": like.reasons,
    }


@router.get(
    "/initiatives/{initiative_id}/similar",
    response={200: SimilarWorkOut, **ERRORS},
    summary="The initiatives and lessons most like an initiative, and who to ask",
    description="Alike by shared words of name, description and need (common words left out, "
    "æ, ø and å folded), service, themes, owning unit and method; each with its reasons.",
    operation_id="helhet_api_similar_work_similar_read",
)
def similar_read(request: HttpRequest, initiative_id: Id) -> Any:
    initiative = get_initiative_to_compare(request_membership(request), initiative_id)
    found = similar_to_initiative(initiative)
    return {
        "initiatives": [_initiative(like) for like in found.initiatives],
        "lessons": [_lesson(like) for like in found.lessons],
        "who": [{"unit": asked.unit, "people": asked.people} for asked in found.who],
    }


class ProbableOverlapOut(Schema):
    first: NamedRef
    second: NamedRef
    first_unit: UnitRef
    second_unit: UnitRef
    words: list[str]
    themes: list[str]
    score: int


class OverlapOut(Schema):
    id: int
    first: NamedRef
    second: NamedRef
    verdict: str = Field(description="related, merged or not_overlap")
    note: str
    judged_by: PersonRef | None
    judged_at: datetime


class OverlapsOut(Schema):
    probable: list[ProbableOverlapOut]
    judged: list[OverlapOut]


class OverlapIn(Schema):
    first_id: Id
    second_id: Id
    verdict: Literal[tuple(OverlapVerdict.values)]  # type: ignore[valid-type]
    note: str = text(Overlap, "note")


@router.get(
    "/overlaps",
    response={200: OverlapsOut, **ERRORS},
    summary="Probable overlaps not yet judged, and the verdicts (the portfolio office)",
    operation_id="helhet_api_similar_work_overlap_list",
)
def overlap_list(request: HttpRequest) -> Any:
    membership = request_membership(request)
    require(membership, Capability.JUDGE_OVERLAPS)
    pairs = probable_overlaps(membership.municipality_id)
    return {
        "probable": [
            {
                "first": pair.first,
                "second": pair.second,
                "first_unit": pair.first.owning_unit,
                "second_unit": pair.second.owning_unit,
                "words": pair.words,
                "themes": pair.themes,
                "score": pair.score,
            }
            for pair in pairs
        ],
        "judged": verdicts(membership.municipality_id),
    }


@router.post(
    "/overlaps",
    response={201: OverlapOut, **BODY_ERRORS},
    summary="Judge two initiatives: related, merged or not an overlap (the portfolio office)",
    description="Never by someone who owns or leads one of the two (403); a pair is judged once "
    "(422). related also relates them in the portfolio (overlaps with).",
    operation_id="helhet_api_similar_work_overlap_judge",
)
def overlap_create(request: HttpRequest, payload: OverlapIn) -> Any:
    membership = request_membership(request)
    require(membership, Capability.JUDGE_OVERLAPS)
    initiatives = Initiative.objects.filter(municipality=membership.municipality)
    message = _("Choose an initiative in your municipality.")
    try:
        first = object_by_id(initiatives, payload.first_id, "first_id", message)
        second = object_by_id(initiatives, payload.second_id, "second_id", message)
        judged = overlap_judge(
            actor=membership.user,
            first=first,
            second=second,
            verdict=payload.verdict,
            note=payload.note,
        )
    except InvalidRequest as error:
        return invalid(error.errors)
    except ValidationError as error:
        return invalid(service_errors(error))
    return Status(201, judged)
