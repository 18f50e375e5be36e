"""Status reports in the JSON API: an initiative's reports, newest first, and writing one.
Writes go through the portfolio services; another municipality's initiative is 404."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from helhet.api.errors import BODY_ERRORS, ERRORS, invalid, service_errors
from helhet.api.members import request_membership
from helhet.api.schemas import Day, Id, Moment, PersonRef, text
from helhet.portfolio import services
from helhet.portfolio.access import get_initiative_for_user, get_rw_initiative_for_user
from helhet.portfolio.models import StatusReport

router = Router(tags=["portfolio"])

ASPECTS = ("progress", "economy", "quality", "risk", "benefits")


class StatusReportOut(Schema):
    id: int
    reported_at: datetime
    author: PersonRef | None
    progress: str
    progress_comment: str
    economy: str
    economy_comment: str
    quality: str
    quality_comment: str
    risk: str
    risk_comment: str
    benefits: str
    benefits_comment: str
    summary: str
    period_start: date | None = Field(description="The first day the report covers")
    period_end: date | None = Field(description="The last day the report covers")


class StatusReportIn(Schema):
    """A red aspect needs its comment (why, and what is being done)."""

    progress: str = text(StatusReport, "progress", ..., description="green, yellow or red")
    progress_comment: str = text(StatusReport, "progress_comment")
    economy: str = text(StatusReport, "economy", ..., description="green, yellow or red")
    economy_comment: str = text(StatusReport, "economy_comment")
    quality: str = text(StatusReport, "quality", ..., description="green, yellow or red")
    quality_comment: str = text(StatusReport, "quality_comment")
    risk: str = text(StatusReport, "risk", ..., description="green, yellow or red")
    risk_comment: str = text(StatusReport, "risk_comment")
    benefits: str = text(StatusReport, "benefits", ..., description="green, yellow or red")
    benefits_comment: str = text(StatusReport, "benefits_comment")
    summary: str = text(StatusReport, "summary", ...)
    period_start: Day | None = Field(None, description="Required: the first day it covers")
    period_end: Day | None = Field(None, description="Required: the last day it covers")
    reported_at: Moment | None = None


@router.get(
    "/initiatives/{initiative_id}/status-reports",
    response={200: list[StatusReportOut], **ERRORS},
    summary="An initiative's status reports, newest first",
    operation_id="helhet_api_portfolio_status_report_list",
)
def status_report_list(request: HttpRequest, initiative_id: Id) -> Any:
    initiative = get_initiative_for_user(request_membership(request), initiative_id)
    return initiative.status_reports.select_related("author").order_by("-reported_at", "-pk")


@router.post(
    "/initiatives/{initiative_id}/status-reports",
    response={201: StatusReportOut, **BODY_ERRORS},
    summary="Write a status report",
    operation_id="helhet_api_portfolio_status_report_create",
)
def status_report_create(request: HttpRequest, initiative_id: Id, payload: StatusReportIn) -> Any:
    membership = request_membership(request)
    initiative = get_rw_initiative_for_user(membership, initiative_id)
    data = payload.model_dump()
    try:
        report = services.status_report_create(
            actor=membership.user,
            initiative=initiative,
            ratings={aspect: data[aspect] for aspect in ASPECTS},
            comments={aspect: data[f"{aspect}_comment"] for aspect in ASPECTS},
            summary=payload.summary,
            period_start=payload.period_start,
            period_end=payload.period_end,
            reported_at=payload.reported_at,
        )
    except ValidationError as error:
        return invalid(service_errors(error))
    return Status(201, report)
