"""Funds in the JSON API: the municipality's funds with their balances, registering one, the
versions of a fund's rules and making the next, the ledger (paginated) and recording capital, a
disbursement or a release, and correcting an entry. Everyone in the municipality reads (public
money); the portfolio office writes (403 otherwise); another municipality's fund or entry is 404.
Grants are committed by decisions on applications and gains come back by settling them, each
through its own endpoint, never written here."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from helhet.accounts.roles import Capability
from helhet.api.errors import BODY_ERRORS, ERRORS, InvalidRequest, invalid, service_errors
from helhet.api.lookups import object_by_id, person_by_username
from helhet.api.members import request_membership, require
from helhet.api.pagination import Page, PageParams, paginate
from helhet.api.schemas import (
    Day,
    Id,
    Money,
    NamedRef,
    PersonRef,
    Username,
    WholeNumber,
    money,
    text,
)
from helhet.fund.access import get_fund_for_user, get_ledger_entry_for_user, get_rw_fund_for_user
from helhet.fund.models import (
    Application,
    EntryKind,
    Fund,
    FundCriterion,
    FundRules,
    LedgerEntry,
)
from helhet.fund.selectors.balance import EMPTY_BALANCE, Balance, fund_balance, fund_balances
from helhet.fund.services import funds as fund_services
from helhet.fund.services.ledger import ledger_entry_correct, ledger_entry_record
from helhet.fund.services.versions import StaleEditError

router = Router(tags=["fund"])

Percent = Annotated[Decimal, Field(ge=0, le=100, max_digits=5, decimal_places=2)]
BudgetYear = Annotated[int, Field(ge=2000, le=2100)]


class BalanceOut(Schema):
    capital: str = Field(description="Allocations to the fund, NOK")
    returned: str = Field(description="Gains returned to the fund, NOK")
    committed: str = Field(description="Grants committed less what was released, NOK")
    disbursed: str = Field(description="Paid out of the grants, NOK")
    available: str = Field(description="May still be committed: capital + returned - committed")
    undisbursed: str = Field(description="Committed but not yet paid out")


def _balance(balance: Balance) -> dict[str, str | None]:
    return {
        "capital": money(balance.capital),
        "returned": money(balance.returned),
        "committed": money(balance.committed),
        "disbursed": money(balance.disbursed),
        "available": money(balance.available),
        "undisbursed": money(balance.undisbursed),
    }


class FundOut(Schema):
    id: int
    name: str
    purpose: str
    decision_reference: str = Field(description="Case reference of the decision that set it up")
    decision_date: date | None
    decision_body: str
    decider: PersonRef | None = Field(description="null: any leader decides")
    version: int = Field(description="Send it back with PATCH (optimistic concurrency)")
    balance: BalanceOut


def _fund_out(fund: Fund, balance: Balance) -> dict[str, Any]:
    return {
        "id": fund.pk,
        "name": fund.name,
        "purpose": fund.purpose,
        "decision_reference": fund.decision_reference,
        "decision_date": fund.decision_date,
        "decision_body": fund.decision_body,
        "decider": fund.decider,
        "version": fund.version,
        "balance": _balance(balance),
    }


class FundIn(Schema):
    name: str = text(Fund, "name", ...)
    purpose: str = text(Fund, "purpose")
    decision_reference: str = text(Fund, "decision_reference")
    decision_date: Day | None = None
    decision_body: str = text(Fund, "decision_body")
    decider: Username | None = Field(
        None, description="Username of a person whose role decides fund grants; none: any leader"
    )


class FundPatch(Schema):
    """What changes in the fund; what is left out stays as it is. Its rules change through
    ``POST /funds/{fund_id}/rules`` (a new version), never here."""

    version: WholeNumber = Field(description="The version you started from (from GET)")
    name: str | None = text(Fund, "name", None)
    purpose: str | None = text(Fund, "purpose", None)
    decision_reference: str | None = text(Fund, "decision_reference", None)
    decision_date: Day | None = None
    decision_body: str | None = text(Fund, "decision_body", None)
    decider: Username | None = Field(
        None, description="Username of a person whose role decides fund grants; null: any leader"
    )


class FundConflictOut(Schema):
    detail: str
    version: int = Field(description="The version saved now: start again from it")


class CriterionIO(Schema):
    name: str = text(FundCriterion, "name", ...)
    weight: int = Field(1, ge=1, le=100)
    description: str = text(FundCriterion, "description")


class RulesOut(Schema):
    version: int
    finances: list[str] = Field(description="Kinds of use: one_off, entry_ticket, project")
    min_amount: str | None
    max_amount: str | None
    max_share: str | None = Field(description="Percent of the total project cost")
    max_budget_years: int
    gain_return: str = Field(description="none or share")
    gain_return_share: str = Field(description="Percent of realised monetary gains a year")
    gain_return_years: int
    analysis_years: int
    discount_rate: str = Field(description="Real, in percent")
    criteria: list[CriterionIO]
    note: str
    created_at: datetime
    created_by: PersonRef | None

    @staticmethod
    def resolve_finances(rules: FundRules) -> list[str]:
        return [kind for kind in ("one_off", "entry_ticket", "project") if rules.finances(kind)]

    @staticmethod
    def resolve_min_amount(rules: FundRules) -> str | None:
        return money(rules.min_amount)

    @staticmethod
    def resolve_max_amount(rules: FundRules) -> str | None:
        return money(rules.max_amount)

    @staticmethod
    def resolve_max_share(rules: FundRules) -> str | None:
        return money(rules.max_share)

    @staticmethod
    def resolve_gain_return_share(rules: FundRules) -> str | None:
        return money(rules.gain_return_share)

    @staticmethod
    def resolve_discount_rate(rules: FundRules) -> str | None:
        return money(rules.discount_rate)

    @staticmethod
    def resolve_criteria(rules: FundRules) -> list[FundCriterion]:
        return list(rules.criteria.all())


class RulesIn(Schema):
    """The next version of the rules: what is left out is copied from the current version (the
    defaults for the first), the criteria too when none are given."""

    finances: list[Literal["one_off", "entry_ticket", "project"]] | None = Field(None, max_length=3)
    min_amount: Money | None = None
    max_amount: Money | None = None
    max_share: Percent | None = None
    max_budget_years: int | None = Field(None, ge=1, le=10)
    gain_return: Literal["none", "share"] | None = None
    gain_return_share: Percent | None = None
    gain_return_years: int | None = Field(None, ge=0, le=30)
    analysis_years: int | None = Field(None, ge=1, le=40)
    discount_rate: Annotated[Decimal, Field(ge=0, le=20, max_digits=5, decimal_places=2)] | None = (
        None
    )
    criteria: list[CriterionIO] | None = Field(None, max_length=30)
    note: str = text(FundRules, "note")


class EntryOut(Schema):
    id: int
    kind: str = Field(
        description="capital, commitment, disbursement, release or returned_gain; a correction "
        "has its entry's kind and the opposite amount"
    )
    amount: str = Field(description="NOK; negative only in a correction")
    application: NamedRef | None = Field(description="The application, named by its initiative")
    budget_year: int | None
    entry_date: date
    reference: str = Field(description="Case or voucher reference")
    note: str
    corrects: int | None = Field(description="The entry this one reverses")
    corrected_by: int | None = Field(description="The entry that reverses this one")
    recorded_by: PersonRef
    recorded_at: datetime

    @staticmethod
    def resolve_amount(entry: LedgerEntry) -> str | None:
        return money(entry.amount)

    @staticmethod
    def resolve_application(entry: LedgerEntry) -> dict[str, Any] | None:
        if entry.application is None:
            return None
        return {"id": entry.application.pk, "name": entry.application.initiative.name}

    @staticmethod
    def resolve_corrects(entry: LedgerEntry) -> int | None:
        return entry.corrects_id

    @staticmethod
    def resolve_corrected_by(entry: LedgerEntry) -> int | None:
        correction = getattr(entry, "corrected_by", None)
        return correction.pk if correction is not None else None


class EntryPage(Page):
    results: list[EntryOut]


class EntryIn(Schema):
    kind: Literal["capital", "disbursement", "release"] = Field(
        description="Grants are committed by decisions, gains returned by settling them"
    )
    amount: Money = Field(description="NOK above 0")
    application: Id | None = Field(None, description="The granted application (not for capital)")
    budget_year: BudgetYear | None = None
    entry_date: Day | None = Field(None, description="Today when left out")
    reference: str = text(
        LedgerEntry, "reference", description="Case or voucher reference (required to pay out)"
    )
    note: str = text(LedgerEntry, "note")


class CorrectionIn(Schema):
    reason: str = text(LedgerEntry, "note", ..., description="Why the entry is corrected")
    entry_date: Day | None = Field(None, description="Today when left out")


def _entries(fund: Fund) -> Any:
    return LedgerEntry.objects.filter(fund=fund).order_by("-entry_date", "-pk")


def _entry_details(rows: Any) -> Any:
    return rows.select_related("application__initiative", "recorded_by", "corrected_by")


@router.get(
    "/funds",
    response={200: list[FundOut], **ERRORS},
    summary="The municipality's funds with their balances",
    operation_id="helhet_api_fund_list",
)
def fund_list(request: HttpRequest) -> Any:
    membership = request_membership(request)
    require(membership, Capability.VIEW_FUNDS)
    funds = list(
        Fund.objects.filter(municipality=membership.municipality)
        .select_related("decider")
        .order_by("name")
    )
    balances = fund_balances(funds)
    return [_fund_out(fund, balances.get(fund.pk, EMPTY_BALANCE)) for fund in funds]


@router.post(
    "/funds",
    response={201: FundOut, **BODY_ERRORS},
    summary="Register a fund (the portfolio office)",
    operation_id="helhet_api_fund_create",
)
def fund_create(request: HttpRequest, payload: FundIn) -> Any:
    membership = request_membership(request)
    require(membership, Capability.MANAGE_FUNDS)
    try:
        decider = person_by_username(membership.municipality, payload.decider, "decider")
        fund = fund_services.fund_create(
            actor=membership.user,
            municipality=membership.municipality,
            **payload.model_dump(exclude={"decider"}),
            decider=decider,
        )
    except InvalidRequest as error:
        return invalid(error.errors)
    except ValidationError as error:
        return invalid(service_errors(error))
    return Status(201, _fund_out(fund, EMPTY_BALANCE))


@router.get(
    "/funds/{fund_id}",
    response={200: FundOut, **ERRORS},
    summary="A fund with its balances",
    operation_id="helhet_api_fund_read",
)
def fund_read(request: HttpRequest, fund_id: Id) -> Any:
    fund = get_fund_for_user(request_membership(request), fund_id)
    return _fund_out(fund, fund_balance(fund))


@router.patch(
    "/funds/{fund_id}",
    response={200: FundOut, 409: FundConflictOut, **BODY_ERRORS},
    summary="Change a fund's name, purpose, decision or decider (the portfolio office)",
    description=(
        "Send the version you started from: when someone saved the fund since, nothing is "
        "written and the answer is 409 with the version saved now. A decider whose role does "
        "not decide fund grants, or a name another fund has, gives 422. The rules are changed "
        "by making a new version (POST /funds/{fund_id}/rules)."
    ),
    operation_id="helhet_api_fund_update",
)
def fund_update(request: HttpRequest, fund_id: Id, payload: FundPatch) -> Any:
    membership = request_membership(request)
    fund = get_rw_fund_for_user(membership, fund_id)
    changes = payload.model_dump(exclude_unset=True, exclude={"version", "decider"})
    # A text sent as null stays as it was; the decider may be set to null (any leader).
    changes = {name: value for name, value in changes.items() if value is not None}
    if "decision_date" in payload.model_fields_set:
        changes["decision_date"] = payload.decision_date
    try:
        if "decider" in payload.model_fields_set:
            changes["decider"] = person_by_username(
                membership.municipality, payload.decider, "decider"
            )
        fund_services.fund_update(
            actor=membership.user, fund=fund, expected_version=payload.version, **changes
        )
    except InvalidRequest as error:
        return invalid(error.errors)
    except StaleEditError as stale:
        return Status(409, {"detail": stale.messages[0], "version": stale.current_version})
    except ValidationError as error:
        return invalid(service_errors(error))
    return _fund_out(fund, fund_balance(fund))


@router.get(
    "/funds/{fund_id}/balance",
    response={200: BalanceOut, **ERRORS},
    summary="A fund's balances now: capital, returned, committed, disbursed, available",
    operation_id="helhet_api_fund_balance",
)
def fund_balance_read(request: HttpRequest, fund_id: Id) -> Any:
    fund = get_fund_for_user(request_membership(request), fund_id)
    return _balance(fund_balance(fund))


@router.get(
    "/funds/{fund_id}/rules",
    response={200: list[RulesOut], **ERRORS},
    summary="Every version of a fund's rules, newest first, with its criteria",
    operation_id="helhet_api_fund_rules_list",
)
def fund_rules_list(request: HttpRequest, fund_id: Id) -> Any:
    fund = get_fund_for_user(request_membership(request), fund_id)
    return (
        FundRules.objects.filter(fund=fund)
        .select_related("created_by")
        .prefetch_related("criteria")
        .order_by("-version")
    )


@router.post(
    "/funds/{fund_id}/rules",
    response={201: RulesOut, **BODY_ERRORS},
    summary="Make the next version of a fund's rules (the portfolio office)",
    description=(
        "Rules are never changed in place: this makes the next version, copied from the current "
        "one with what the request gives. Applications keep the version they were submitted "
        "under."
    ),
    operation_id="helhet_api_fund_rules_create",
)
def fund_rules_create(request: HttpRequest, fund_id: Id, payload: RulesIn) -> Any:
    membership = request_membership(request)
    fund = get_rw_fund_for_user(membership, fund_id)
    changes = payload.model_dump(exclude_unset=True, exclude={"finances", "criteria", "note"})
    if payload.finances is not None:
        changes.update(
            finances_one_off="one_off" in payload.finances,
            finances_entry_ticket="entry_ticket" in payload.finances,
            finances_project="project" in payload.finances,
        )
    nullable = {"min_amount", "max_amount", "max_share"}
    # A setting that cannot be empty, sent as null, stays as it was.
    changes = {k: v for k, v in changes.items() if v is not None or k in nullable}
    criteria = (
        None
        if payload.criteria is None
        else [
            fund_services.CriterionLine(c.name, c.weight, c.description) for c in payload.criteria
        ]
    )
    try:
        rules = fund_services.fund_rules_create(
            actor=membership.user, fund=fund, criteria=criteria, note=payload.note, **changes
        )
    except ValidationError as error:
        return invalid(service_errors(error))
    return Status(
        201,
        FundRules.objects.select_related("created_by")
        .prefetch_related("criteria")
        .get(pk=rules.pk),
    )


@router.get(
    "/funds/{fund_id}/ledger",
    response={200: EntryPage, **ERRORS},
    summary="A fund's ledger, newest first (paginated)",
    operation_id="helhet_api_fund_ledger_list",
)
def fund_ledger_list(request: HttpRequest, fund_id: Id, paging: Query[PageParams]) -> Any:
    fund = get_fund_for_user(request_membership(request), fund_id)
    return paginate(request, _entries(fund), paging, details=_entry_details)


@router.post(
    "/funds/{fund_id}/ledger",
    response={201: EntryOut, **BODY_ERRORS},
    summary="Record capital, a disbursement or a release in a fund's ledger (the portfolio office)",
    description=(
        "A disbursement or a release names its granted application and never exceeds what is "
        "left unpaid of the grant; a disbursement needs its voucher reference. Refused with "
        "422, nothing written."
    ),
    operation_id="helhet_api_fund_ledger_entry_create",
)
def fund_ledger_entry_create(request: HttpRequest, fund_id: Id, payload: EntryIn) -> Any:
    membership = request_membership(request)
    fund = get_rw_fund_for_user(membership, fund_id)
    try:
        application = (
            None
            if payload.application is None
            else object_by_id(
                Application.objects.filter(fund=fund),
                payload.application,
                "application",
                _("The fund has no application with this id."),
            )
        )
        entry = ledger_entry_record(
            fund=fund,
            kind=EntryKind(payload.kind),
            amount=payload.amount,
            actor=membership.user,
            application=application,
            budget_year=payload.budget_year,
            entry_date=payload.entry_date,
            reference=payload.reference,
            note=payload.note,
        )
    except InvalidRequest as error:
        return invalid(error.errors)
    except ValidationError as error:
        return invalid(service_errors(error))
    return Status(201, _entry_details(LedgerEntry.objects.filter(pk=entry.pk)).get())


@router.post(
    "/ledger-entries/{entry_id}/correction",
    response={201: EntryOut, **BODY_ERRORS},
    summary="Correct a ledger entry with a reversing entry (the portfolio office)",
    description=(
        "Adds an entry of the same kind with the opposite amount; the entry itself is never "
        "changed. Refused with 422 for a correction, an entry already corrected, or when the "
        "fund or the grant would be left with less than is committed or paid out."
    ),
    operation_id="helhet_api_fund_ledger_entry_correct",
)
def ledger_entry_correction(request: HttpRequest, entry_id: Id, payload: CorrectionIn) -> Any:
    entry = get_ledger_entry_for_user(request_membership(request), entry_id)
    try:
        correction = ledger_entry_correct(
            entry=entry,
            actor=request_membership(request).user,
            reason=payload.reason,
            entry_date=payload.entry_date,
        )
    except ValidationError as error:
        return invalid(service_errors(error))
    return Status(201, _entry_details(LedgerEntry.objects.filter(pk=correction.pk)).get())
