"""A project's risk register and log in the JSON API (an entry marked as a lesson says so, with
its lesson from the lessons register; the register itself is ``helhet.api.lessons``).
Read-only; tenancy as in the HTML views (another municipality's initiative is 404)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from helhet.api.errors import ERRORS, invalid
from helhet.api.members import request_membership
from helhet.api.schemas import Id, PersonRef
from helhet.portfolio.access import get_initiative_for_user
from helhet.projects.models import LogEntry, LogKind, Risk
from helhet.projects.selectors.log import project_log
from helhet.projects.selectors.risks import project_risks

router = Router(tags=["project work"])


def _lesson_of(entry: LogEntry) -> Any:
    """The entry's lesson in the register, or None (fetched with the log, see project_log)."""
    return getattr(entry, "register_lesson", None)


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

    @staticmethod
    def resolve_kind_label(risk: Risk) -> str:
        return risk.get_kind_display()

    @staticmethod
    def resolve_status_label(risk: Risk) -> str:
        return risk.get_status_display()


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
    is_lesson: bool = Field(description="Marked as a lesson: its lesson is in the register")
    lesson: str = Field(description="What was learned (the register's lesson), or empty")
    lesson_id: int | None = Field(description="The lesson in the register (/lessons/{id})")
    lesson_marked_by: PersonRef | None
    lesson_marked_at: datetime | None
    created_at: datetime

    @staticmethod
    def resolve_is_lesson(entry: LogEntry) -> bool:
        return _lesson_of(entry) is not None

    @staticmethod
    def resolve_lesson(entry: LogEntry) -> str:
        lesson = _lesson_of(entry)
        return lesson.learned if lesson is not None else ""

    @staticmethod
    def resolve_lesson_id(entry: LogEntry) -> int | None:
        lesson = _lesson_of(entry)
        return lesson.pk if lesson is not None else None

    @staticmethod
    def resolve_lesson_marked_by(entry: LogEntry) -> Any:
        lesson = _lesson_of(entry)
        return lesson.author if lesson is not None else None

    @staticmethod
    def resolve_lesson_marked_at(entry: LogEntry) -> datetime | None:
        lesson = _lesson_of(entry)
        return lesson.written_at if lesson is not None else None

    @staticmethod
    def resolve_kind_label(entry: LogEntry) -> str:
        return entry.get_kind_display()

    @staticmethod
    def resolve_status_label(entry: LogEntry) -> str:
        return entry.get_status_display() if entry.status else ""


class LogFilters(Schema):
    kind: str = Field("", description="decision, change_request, deviation or event")
    lessons: bool = Field(False, description="true: only the entries marked as lessons")


@router.get(
    "/initiatives/{initiative_id}/risks",
    response={200: list[RiskOut], **ERRORS},
    summary="The initiative's risk register: risks and opportunities, highest score first",
    operation_id="helhet_api_projects_risk_list",
)
def risk_list(request: HttpRequest, initiative_id: Id, filters: Query[RiskFilters]) -> Any:
    initiative = get_initiative_for_user(request_membership(request), initiative_id)
    return project_risks(initiative, include_closed=filters.include_closed)


@router.get(
    "/initiatives/{initiative_id}/log",
    response={200: list[LogEntryOut], **ERRORS},
    summary="The initiative's project log, newest first",
    operation_id="helhet_api_projects_log_entry_list",
)
def log_entry_list(request: HttpRequest, initiative_id: Id, filters: Query[LogFilters]) -> Any:
    initiative = get_initiative_for_user(request_membership(request), initiative_id)
    if filters.kind and filters.kind not in LogKind.values:
        return invalid(
            {"kind": [_("Choose one of: %(values)s.") % {"values": ", ".join(LogKind.values)}]}
        )
    return project_log(initiative, kind=filters.kind, lessons_only=filters.lessons)
