"""Fund applications in the JSON API: a fund's applications (paginated), one application with
its budget years, other funding, economic analysis and what keeps it from being submitted,
writing a draft from an initiative, changing it (optimistic concurrency: 409 on a stale version)
and its economic analysis, submitting and withdrawing it. Writes go through the fund's services;
another municipality's fund or application is 404; applying takes APPLY_FOR_FUNDING and an
initiative the person may change (403 otherwise)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from helhet.api.errors import BODY_ERRORS, ERRORS, InvalidRequest, invalid, service_errors
from helhet.api.lookups import object_by_id
from helhet.api.members import request_membership
from helhet.api.pagination import Page, PageParams, paginate
from helhet.api.schemas import (
    Id,
    Money,
    NamedRef,
    PersonRef,
    WholeNumber,
    four_places,
    money,
    text,
)
from helhet.fund.access import (
    get_application_for_user,
    get_fund_for_user,
    get_fund_to_apply_to,
    get_rw_application_for_user,
)
from helhet.fund.models import (
    Application,
    ApplicationFunding,
    ApplicationStatus,
    FundRound,
    OtherFundingSource,
    UseKind,
)
from helhet.fund.selectors.applications import (
    ApplicationSummary,
    application_summary,
    applications_listed,
)
from helhet.fund.services import applications as services
from helhet.fund.services.versions import StaleEditError
from helhet.portfolio.access import editable_initiatives_q
from helhet.portfolio.models import Initiative

router = Router(tags=["fund"])

BudgetYear = Annotated[int, Field(ge=2000, le=2100)]


class YearOut(Schema):
    year: int
    amount_applied: str
    amount_granted: str | None

    @staticmethod
    def resolve_amount_applied(row: Any) -> str | None:
        return money(row.amount_applied)

    @staticmethod
    def resolve_amount_granted(row: Any) -> str | None:
        return money(row.amount_granted)


class OtherFundingOut(Schema):
    source: str = Field(description="own_budget, digdir, ks, eu, state_grant or other")
    amount: str
    note: str

    @staticmethod
    def resolve_amount(row: Any) -> str | None:
        return money(row.amount)


class AnalysisYearOut(Schema):
    index: int = Field(description="0 is the first budget year, not discounted")
    year: int
    cost: str
    benefit: str
    present_value: str = Field(description="(benefit - cost) / (1 + r)^index")


class NonMonetaryOut(Schema):
    title: str
    kind: str = Field(description="indirect (freed time) or qualitative")
    hours_a_year: str | None
    fte: str | None = Field(description="The hours as full-time equivalents")


class AnalysisOut(Schema):
    prefilled: bool = Field(
        description="true: proposed from the application and the benefits plan, not saved"
    )
    discount_rate: str = Field(description="Real, in percent")
    years: list[AnalysisYearOut]
    npv: str = Field(description="Net present value, NOK")
    present_cost: str = Field(description="Present value of the costs, NOK")
    npv_per_krone: str | None = Field(
        description="Net present value per invested krone (NPV / present cost); null without costs"
    )
    non_monetary: list[NonMonetaryOut] = Field(
        description="Benefits not counted in kroner, listed beside the analysis"
    )


class ApplicationOut(Schema):
    id: int
    fund: NamedRef
    initiative: NamedRef
    round: NamedRef | None = Field(description="null: received continuously")
    use_kind: str = Field(description="one_off, entry_ticket or project")
    status: str = Field(
        description="draft, submitted, deferred, granted, partly_granted, rejected or withdrawn"
    )
    total_cost: str | None
    amount_applied: str
    rules_version: int | None = Field(description="The rules version it was submitted under")
    created_by: PersonRef
    created_at: datetime
    submitted_by: PersonRef | None
    submitted_at: datetime | None

    @staticmethod
    def resolve_total_cost(application: Application) -> str | None:
        return money(application.total_cost)

    @staticmethod
    def resolve_amount_applied(application: Application) -> str | None:
        applied = getattr(application, "applied", None)
        if applied is None:
            applied = sum(row.amount_applied for row in application.years.all())
        return money(applied)

    @staticmethod
    def resolve_rules_version(application: Application) -> int | None:
        return application.rules.version if application.rules is not None else None


class ApplicationDetailOut(ApplicationOut):
    project_description: str
    years: list[YearOut]
    other_funding: list[OtherFundingOut]
    analysis: AnalysisOut | None = Field(description="null while the fund has no rules")
    missing: list[str] = Field(
        description="What keeps a draft from being submitted; empty when it may be"
    )

    @staticmethod
    def resolve_amount_applied(application: Any) -> str | None:
        return money(application.summary.applied)

    @staticmethod
    def resolve_years(application: Any) -> list[Any]:
        return list(application.summary.years)

    @staticmethod
    def resolve_other_funding(application: Any) -> list[Any]:
        return list(application.summary.other_funding)

    @staticmethod
    def resolve_analysis(application: Any) -> dict[str, Any] | None:
        return _analysis(application.summary)

    @staticmethod
    def resolve_missing(application: Any) -> list[str]:
        return list(application.summary.problems)


class ApplicationPage(Page):
    results: list[ApplicationOut]


class ApplicationFilters(Schema):
    status: Literal[tuple(ApplicationStatus.values)] | None = None  # type: ignore[valid-type]


class YearIn(Schema):
    year: BudgetYear
    amount_applied: Money


class OtherFundingIn(Schema):
    source: Literal[tuple(OtherFundingSource.values)]  # type: ignore[valid-type]
    amount: Money
    note: str = text(ApplicationFunding, "note")


class ApplicationIn(Schema):
    """A draft application. Amounts are NOK, never negative; the total applied for keeps the
    fund's rules (largest amount, largest share of the total cost, budget years, kinds of
    use). Without a project description it starts from the initiative's short description and
    need."""

    initiative_id: Id
    use_kind: Literal[tuple(UseKind.values)] = UseKind.PROJECT  # type: ignore[valid-type]
    round_id: Id | None = Field(None, description="null: continuous intake")
    project_description: str | None = text(Application, "project_description", None)
    total_cost: Money | None = None
    years: list[YearIn] = Field([], max_length=10)
    other_funding: list[OtherFundingIn] = Field([], max_length=20)


def _detail(application: Application) -> Application:
    """The application with its summary (``summary``), which ApplicationDetailOut reads."""
    application.summary = application_summary(  # type: ignore[attr-defined]
        application, today=timezone.localdate()
    )
    return application


def _analysis(summary: ApplicationSummary) -> dict[str, Any] | None:
    if summary.analysis is None:
        return None
    analysis = summary.analysis.analysis
    per_krone = analysis.npv_per_krone
    return {
        "prefilled": summary.analysis.prefilled,
        "discount_rate": money(analysis.discount_rate),
        "years": [
            {
                "index": line.row.index,
                "year": line.row.year,
                "cost": money(line.row.cost),
                "benefit": money(line.row.benefit),
                "present_value": money(line.present_net),
            }
            for line in analysis.lines
        ],
        "npv": money(analysis.npv),
        "present_cost": money(analysis.present_cost),
        "npv_per_krone": None if per_krone is None else four_places(per_krone),
        "non_monetary": [
            {
                "title": item.title,
                "kind": item.kind,
                "hours_a_year": None if item.hours is None else four_places(item.hours),
                "fte": None if item.fte is None else four_places(item.fte),
            }
            for item in summary.non_monetary
        ],
    }


@router.get(
    "/funds/{fund_id}/applications",
    response={200: ApplicationPage, **ERRORS},
    summary="A fund's applications, newest submitted first",
    description="Drafts are listed only for those who may write them.",
    operation_id="helhet_api_fund_application_list",
)
def fund_application_list(
    request: HttpRequest,
    fund_id: Id,
    filters: Query[ApplicationFilters],
    paging: Query[PageParams],
) -> Any:
    membership = request_membership(request)
    rows = applications_listed(get_fund_for_user(membership, fund_id), membership)
    if filters.status:
        rows = rows.filter(status=filters.status)
    return paginate(
        request,
        rows,
        paging,
        details=lambda rows: rows.select_related("fund", "rules", "created_by", "submitted_by"),
    )


@router.get(
    "/fund-applications/{application_id}",
    response={200: ApplicationDetailOut, **ERRORS},
    summary="One fund application, with its economic analysis",
    operation_id="helhet_api_fund_application_read",
)
def fund_application_read(request: HttpRequest, application_id: Id) -> Any:
    return _detail(get_application_for_user(request_membership(request), application_id))


@router.post(
    "/funds/{fund_id}/applications",
    response={201: ApplicationDetailOut, **BODY_ERRORS},
    summary="Write a draft application from an initiative",
    description="For an initiative the person may change (422 otherwise). Refused (422, "
    "nothing written) with a negative amount, above the fund's largest amount or share of the "
    "cost, more budget years than the rules allow, or a kind of use the fund does not finance.",
    operation_id="helhet_api_fund_application_create",
)
def fund_application_create(request: HttpRequest, fund_id: Id, payload: ApplicationIn) -> Any:
    membership = request_membership(request)
    fund = get_fund_to_apply_to(membership, fund_id)
    try:
        initiative = object_by_id(
            Initiative.objects.filter(municipality=membership.municipality)
            .filter(editable_initiatives_q(membership))
            .distinct(),
            payload.initiative_id,
            "initiative_id",
            _("Choose an initiative in the portfolio you may change."),
        )
        round_ = None
        if payload.round_id is not None:
            round_ = object_by_id(
                FundRound.objects.filter(fund=fund),
                payload.round_id,
                "round_id",
                _("Choose a round of this fund."),
            )
        application = services.application_create(
            actor=membership.user,
            fund=fund,
            initiative=initiative,
            use_kind=payload.use_kind,
            round_=round_,
            project_description=payload.project_description,
            total_cost=payload.total_cost,
            years=[services.YearAmount(row.year, row.amount_applied) for row in payload.years],
            other_funding=[
                services.FundingLine(row.source, row.amount, row.note)
                for row in payload.other_funding
            ],
        )
    except InvalidRequest as error:
        return invalid(error.errors)
    except ValidationError as error:
        return invalid(service_errors(error))
    return Status(201, _detail(application))


@router.post(
    "/fund-applications/{application_id}/submit",
    response={200: ApplicationDetailOut, **ERRORS},
    summary="Submit a draft application",
    description="Refused (422, nothing written) while anything the audit requires is missing "
    "(project description, a benefits realisation plan with at least one benefit, the total "
    "cost, an amount) or the amounts break the fund's newest rules, which the application keeps "
    "from now on; and when it is no longer a draft.",
    operation_id="helhet_api_fund_application_submit",
)
def fund_application_submit(request: HttpRequest, application_id: Id) -> Any:
    membership = request_membership(request)
    application = get_rw_application_for_user(membership, application_id)
    try:
        submitted = services.application_submit(actor=membership.user, application=application)
    except ValidationError as error:
        return invalid(service_errors(error))
    return _detail(submitted)


class ApplicationPatch(Schema):
    """What changes in a draft; what is left out stays as it is. ``years`` and
    ``other_funding``, when sent, replace the lists as a whole. The same rules as writing one."""

    version: WholeNumber = Field(description="The version you started from (from GET)")
    use_kind: Literal[tuple(UseKind.values)] | None = None  # type: ignore[valid-type]
    round_id: Id | None = Field(None, description="null: continuous intake")
    project_description: str | None = text(Application, "project_description", None)
    total_cost: Money | None = None
    years: list[YearIn] | None = Field(None, max_length=10)
    other_funding: list[OtherFundingIn] | None = Field(None, max_length=20)


class ApplicationConflictOut(Schema):
    detail: str
    version: int = Field(description="The version saved now: start again from it")


class AnalysisYearIn(Schema):
    cost: Money = Field(description="Costs that year, NOK, never negative")
    benefit: Money = Field(description="Monetary benefits that year, NOK, never negative")


class AnalysisIn(Schema):
    years: list[AnalysisYearIn] = Field(
        max_length=40,
        description="Year 0 (the first budget year) first; at most the fund's analysis period. "
        "Years of the period left out count as 0.",
    )


@router.patch(
    "/fund-applications/{application_id}",
    response={200: ApplicationDetailOut, 409: ApplicationConflictOut, **BODY_ERRORS},
    summary="Change a draft application (send the version you started from)",
    description="For those who may apply for its initiative (403 otherwise). When someone saved "
    "it since the version sent, nothing is written and the answer is 409 with the version saved "
    "now. Refused with 422, nothing written, once it is submitted, or with amounts that break "
    "the fund's rules, as when writing one.",
    operation_id="helhet_api_fund_application_update",
)
def fund_application_update(
    request: HttpRequest, application_id: Id, payload: ApplicationPatch
) -> Any:
    membership = request_membership(request)
    application = get_rw_application_for_user(membership, application_id)
    sent = payload.model_fields_set
    try:
        round_ = application.round
        if "round_id" in sent:
            round_ = None
            if payload.round_id is not None:
                round_ = object_by_id(
                    FundRound.objects.filter(fund_id=application.fund_id),
                    payload.round_id,
                    "round_id",
                    _("Choose a round of this fund."),
                )
        years = (
            [services.YearAmount(row.year, row.amount_applied) for row in payload.years]
            if payload.years is not None
            else [
                services.YearAmount(row.year, row.amount_applied) for row in application.years.all()
            ]
        )
        funding = (
            [
                services.FundingLine(row.source, row.amount, row.note)
                for row in payload.other_funding
            ]
            if payload.other_funding is not None
            else [
                services.FundingLine(row.source, row.amount, row.note)
                for row in application.other_funding.all()
            ]
        )
        changed = services.application_update(
            actor=membership.user,
            application=application,
            use_kind=payload.use_kind or application.use_kind,
            round_=round_,
            project_description=(
                payload.project_description
                if payload.project_description is not None
                else application.project_description
            ),
            total_cost=payload.total_cost if "total_cost" in sent else application.total_cost,
            years=years,
            other_funding=funding,
            expected_version=payload.version,
        )
    except InvalidRequest as error:
        return invalid(error.errors)
    except StaleEditError as stale:
        return Status(409, {"detail": stale.messages[0], "version": stale.current_version})
    except ValidationError as error:
        return invalid(service_errors(error))
    return _detail(changed)


@router.post(
    "/fund-applications/{application_id}/withdraw",
    response={200: ApplicationDetailOut, **ERRORS},
    summary="Withdraw an application that is not decided yet",
    description="A draft, submitted or deferred application is kept, marked withdrawn, and is "
    "not decided on. For those who may apply for its initiative (403 otherwise); 422 once it "
    "is decided or withdrawn.",
    operation_id="helhet_api_fund_application_withdraw",
)
def fund_application_withdraw(request: HttpRequest, application_id: Id) -> Any:
    membership = request_membership(request)
    application = get_rw_application_for_user(membership, application_id)
    try:
        withdrawn = services.application_withdraw(actor=membership.user, application=application)
    except ValidationError as error:
        return invalid(service_errors(error))
    return _detail(withdrawn)


@router.post(
    "/fund-applications/{application_id}/analysis",
    response={200: ApplicationDetailOut, **BODY_ERRORS},
    summary="Save a draft's economic analysis, year by year",
    description="Replaces the saved analysis as a whole: costs and monetary benefits for each "
    "year of the fund's analysis period, year 0 first; the answer's analysis gives the net "
    "present value and NPV per krone. Refused with 422, nothing written, with more years than "
    "the period, a negative amount, or once the application is submitted.",
    operation_id="helhet_api_fund_application_analysis_set",
)
def fund_application_analysis_set(
    request: HttpRequest, application_id: Id, payload: AnalysisIn
) -> Any:
    membership = request_membership(request)
    application = get_rw_application_for_user(membership, application_id)
    try:
        saved = services.application_analysis_set(
            actor=membership.user,
            application=application,
            rows=[services.CostBenefit(row.cost, row.benefit) for row in payload.years],
        )
    except ValidationError as error:
        return invalid(service_errors(error))
    return _detail(saved)


@router.delete(
    "/fund-applications/{application_id}/analysis",
    response={200: ApplicationDetailOut, **ERRORS},
    summary="Draw a draft's economic analysis from the benefits plan again",
    description="Forgets the saved years: the analysis is proposed from the budget years, the "
    "total cost and the benefits plan again. 422 once the application is submitted.",
    operation_id="helhet_api_fund_application_analysis_reset",
)
def fund_application_analysis_reset(request: HttpRequest, application_id: Id) -> Any:
    membership = request_membership(request)
    application = get_rw_application_for_user(membership, application_id)
    try:
        reset = services.application_analysis_reset(actor=membership.user, application=application)
    except ValidationError as error:
        return invalid(service_errors(error))
    return _detail(reset)
