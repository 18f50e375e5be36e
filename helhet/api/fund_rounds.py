"""A fund's application rounds in the JSON API: the rounds (everyone in the municipality reads
them), and for the portfolio office opening one, changing it (optimistic concurrency: 409 on a
stale version) and closing it. Another municipality's fund or round is 404; writing takes
MANAGE_FUNDS (403 otherwise). Writes go through the fund's services."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from helhet.api.errors import BODY_ERRORS, ERRORS, invalid, service_errors
from helhet.api.members import request_membership
from helhet.api.schemas import Day, Id, WholeNumber, text
from helhet.fund.access import (
    get_fund_for_user,
    get_round_for_user,
    get_rw_fund_for_user,
    get_rw_round_for_user,
)
from helhet.fund.models import ApplicationStatus, Fund, FundRound
from helhet.fund.services import funds as fund_services
from helhet.fund.services.versions import StaleEditError

router = Router(tags=["fund"])


class FundRoundOut(Schema):
    id: int
    name: str
    opens_on: date | None = Field(description="null: open from when it was made")
    deadline: date = Field(description="The last day an application is submitted to it")
    closed_at: datetime | None = Field(description="When the portfolio office closed it")
    accepting: bool = Field(description="Whether an application may be submitted to it today")
    applications: int = Field(description="Applications submitted to it (drafts not counted)")
    version: int = Field(description="Send it back with PATCH (optimistic concurrency)")

    @staticmethod
    def resolve_accepting(round_: FundRound) -> bool:
        return round_.accepts_applications(timezone.localdate())

    @staticmethod
    def resolve_applications(round_: FundRound) -> int:
        return getattr(round_, "applications_in", 0)


class FundRoundIn(Schema):
    name: str = text(FundRound, "name", ...)
    opens_on: Day | None = Field(None, description="null: open at once")
    deadline: Day


class FundRoundPatch(Schema):
    """What changes in the round; what is left out stays as it is."""

    version: WholeNumber = Field(description="The version you started from (from GET)")
    name: str | None = text(FundRound, "name", None)
    opens_on: Day | None = None
    deadline: Day | None = None


class FundRoundConflictOut(Schema):
    detail: str
    version: int = Field(description="The version saved now: start again from it")


def _rounds(fund: Fund) -> Any:
    submitted = ~Q(applications__status=ApplicationStatus.DRAFT)
    return FundRound.objects.filter(fund=fund).annotate(
        applications_in=Count("applications", filter=submitted)
    )


def _round_out(round_: FundRound) -> FundRound:
    return _rounds(round_.fund).get(pk=round_.pk)


@router.get(
    "/funds/{fund_id}/rounds",
    response={200: list[FundRoundOut], **ERRORS},
    summary="A fund's application rounds, the latest deadline first",
    operation_id="helhet_api_fund_round_list",
)
def fund_round_list(request: HttpRequest, fund_id: Id) -> Any:
    fund = get_fund_for_user(request_membership(request), fund_id)
    return _rounds(fund).order_by("-deadline", "-pk")


@router.post(
    "/funds/{fund_id}/rounds",
    response={201: FundRoundOut, **BODY_ERRORS},
    summary="Open an application round (the portfolio office)",
    description="Refused with 422, nothing written, without a name or a deadline, with a name "
    "another round of the fund has, or opening after its deadline.",
    operation_id="helhet_api_fund_round_create",
)
def fund_round_create(request: HttpRequest, fund_id: Id, payload: FundRoundIn) -> Any:
    membership = request_membership(request)
    fund = get_rw_fund_for_user(membership, fund_id)
    try:
        round_ = fund_services.fund_round_create(
            actor=membership.user,
            fund=fund,
            name=payload.name,
            deadline=payload.deadline,
            opens_on=payload.opens_on,
        )
    except ValidationError as error:
        return invalid(service_errors(error))
    return Status(201, _round_out(round_))


@router.get(
    "/fund-rounds/{round_id}",
    response={200: FundRoundOut, **ERRORS},
    summary="One application round",
    operation_id="helhet_api_fund_round_read",
)
def fund_round_read(request: HttpRequest, round_id: Id) -> Any:
    return _round_out(get_round_for_user(request_membership(request), round_id))


@router.patch(
    "/fund-rounds/{round_id}",
    response={200: FundRoundOut, 409: FundRoundConflictOut, **BODY_ERRORS},
    summary="Change an application round's name, opening day or deadline (the portfolio office)",
    description="Send the version you started from: when someone saved the round since, nothing "
    "is written and the answer is 409 with the version saved now. A closed round is not "
    "changed (422).",
    operation_id="helhet_api_fund_round_update",
)
def fund_round_update(request: HttpRequest, round_id: Id, payload: FundRoundPatch) -> Any:
    membership = request_membership(request)
    round_ = get_rw_round_for_user(membership, round_id)
    sent = payload.model_fields_set
    try:
        fund_services.fund_round_update(
            actor=membership.user,
            round_=round_,
            name=payload.name if payload.name is not None else round_.name,
            deadline=payload.deadline if payload.deadline is not None else round_.deadline,
            opens_on=payload.opens_on if "opens_on" in sent else round_.opens_on,
            expected_version=payload.version,
        )
    except StaleEditError as stale:
        return Status(409, {"detail": stale.messages[0], "version": stale.current_version})
    except ValidationError as error:
        return invalid(service_errors(error))
    return _round_out(round_)


@router.post(
    "/fund-rounds/{round_id}/close",
    response={200: FundRoundOut, **ERRORS},
    summary="Close an application round now (the portfolio office)",
    description="From now on no application is submitted to it, also before its deadline; what "
    "was submitted stays in it and is assessed and ranked as before. 422 when it is closed "
    "already.",
    operation_id="helhet_api_fund_round_close",
)
def fund_round_close(request: HttpRequest, round_id: Id) -> Any:
    membership = request_membership(request)
    round_ = get_rw_round_for_user(membership, round_id)
    try:
        closed = fund_services.fund_round_close(actor=membership.user, round_=round_)
    except ValidationError as error:
        return invalid(service_errors(error))
    return _round_out(closed)
