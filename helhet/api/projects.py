"""A project's risk register and log in the JSON API, and the lessons marked across the
municipality. Read-only; tenancy as in the HTML views (another municipality's initiative is
404)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from helhet.accounts.roles import Capability
from helhet.api.portfolio import (
    ERRORS,
    InvalidOut,
    NamedRef,
    PageParams,
    PersonRef,
    _invalid,
    _membership,
    _page_url,
    _person,
    _require,
)
from helhet.portfolio.access import get_initiative_for_user
from helhet.projects.models import LogEntry, LogKind, Risk
from helhet.projects.selectors import lessons_of, log_of, risks_of

router = Router(tags=["project work"])


# --- Schemas -------------------------------------------------------------------------------------


class RiskOut(Schema):
    id: int
    kind: str = Field(description="risk or opportunity")
    kind_label: str
    title: str
    description: str
    probability: int = Field(description="1–5")
    consequence: int = Field(description="1–5")
    score: int = Field(description="probability × consequence")
    level: str = Field(description="low (1–4), medium (5–12) or high (15–25)")
    owner: PersonRef | None
    measures: str
    status: str = Field(description="open, handling or closed")
    status_label: str
    identified_on: date
    closed_on: date | None
    updated_at: datetime


class RiskFilters(Schema):
    include_closed: bool = Field(True, description="false: only those not closed")


class LogEntryOut(Schema):
    id: int
    initiative_id: int
    kind: str = Field(description="decision, change_request, deviation or event")
    kind_label: str
    occurred_on: date
    title: str
    description: str
    author: PersonRef | None
    consequence: str = Field(description="Change requests and deviations only")
    status: str = Field(description="Change requests and deviations only: open, approved, …")
    status_label: str
    decision_id: int | None = Field(description="The decision at a decision point it records")
    is_lesson: bool
    lesson: str
    lesson_marked_by: PersonRef | None
    lesson_marked_at: datetime | None
    created_at: datetime


class LogFilters(Schema):
    kind: str = Field("", description="decision, change_request, deviation or event")
    lessons: bool = Field(False, description="true: only the entries marked as lessons")


class LessonOut(LogEntryOut):
    initiative: NamedRef


class LessonPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[LessonOut]


# --- Helpers -------------------------------------------------------------------------------------


def _risk(risk: Risk) -> dict[str, Any]:
    return {
        "id": risk.pk,
        "kind": risk.kind,
        "kind_label": risk.get_kind_display(),
        "title": risk.title,
        "description": risk.description,
        "probability": risk.probability,
        "consequence": risk.consequence,
        "score": risk.score,
        "level": risk.level,
        "owner": _person(risk.owner),
        "measures": risk.measures,
        "status": risk.status,
        "status_label": risk.get_status_display(),
        "identified_on": risk.identified_on,
        "closed_on": risk.closed_on,
        "updated_at": risk.updated_at,
    }


def _entry(entry: LogEntry) -> dict[str, Any]:
    return {
        "id": entry.pk,
        "initiative_id": entry.initiative_id,
        "kind": entry.kind,
        "kind_label": entry.get_kind_display(),
        "occurred_on": entry.occurred_on,
        "title": entry.title,
        "description": entry.description,
        "author": _person(entry.author),
        "consequence": entry.consequence,
        "status": entry.status,
        "status_label": entry.get_status_display() if entry.status else "",
        "decision_id": entry.decision_id,
        "is_lesson": entry.is_lesson,
        "lesson": entry.lesson,
        "lesson_marked_by": _person(entry.lesson_marked_by),
        "lesson_marked_at": entry.lesson_marked_at,
        "created_at": entry.created_at,
    }


# --- Endpoints -----------------------------------------------------------------------------------


@router.get(
    "/initiatives/{initiative_id}/risks",
    response={200: list[RiskOut], **ERRORS},
    summary="The initiative's risk register: risks and opportunities, highest score first",
)
def risk_list(request: HttpRequest, initiative_id: int, filters: Query[RiskFilters]) -> Any:
    initiative = get_initiative_for_user(_membership(request), initiative_id)
    return [_risk(risk) for risk in risks_of(initiative, include_closed=filters.include_closed)]


@router.get(
    "/initiatives/{initiative_id}/log",
    response={200: list[LogEntryOut], 422: InvalidOut, **ERRORS},
    summary="The initiative's project log, newest first",
)
def log_entry_list(request: HttpRequest, initiative_id: int, filters: Query[LogFilters]) -> Any:
    initiative = get_initiative_for_user(_membership(request), initiative_id)
    if filters.kind and filters.kind not in LogKind.values:
        return _invalid(
            {"kind": [_("Choose one of: %(values)s.") % {"values": ", ".join(LogKind.values)}]}
        )
    entries = log_of(initiative, kind=filters.kind, lessons_only=filters.lessons)
    return [_entry(entry) for entry in entries]


@router.get(
    "/lessons",
    response={200: LessonPage, **ERRORS},
    summary="Every log entry marked as a lesson in the municipality, newest first",
)
def lesson_list(request: HttpRequest, paging: Query[PageParams]) -> Any:
    membership = _membership(request)
    _require(membership, Capability.VIEW_PORTFOLIO)
    lessons = lessons_of(membership.municipality)
    count = lessons.count()
    start = (paging.page - 1) * paging.page_size
    rows = lessons[start : start + paging.page_size] if start < count else []
    return {
        "count": count,
        "next": _page_url(request, paging.page + 1) if start + paging.page_size < count else None,
        "previous": _page_url(request, paging.page - 1) if paging.page > 1 else None,
        "results": [
            {
                **_entry(entry),
                "initiative": {"id": entry.initiative.pk, "name": entry.initiative.name},
            }
            for entry in rows
        ],
    }
