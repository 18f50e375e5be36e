"""Reads for fund applications: the rules an application is measured against, its economic
analysis (saved, or prefilled from the benefits plan), the benefits that are not money, what
keeps it from being submitted, and the list of a fund's applications."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import DecimalField, F, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from helhet.accounts.models import Membership
from helhet.accounts.roles import Capability
from helhet.benefits.figures import hours_to_fte
from helhet.benefits.models import Benefit, BenefitKind, BenefitStatus
from helhet.benefits.selectors.totals import hours_per_fte
from helhet.core.formats import long_date
from helhet.fund.economics import Analysis, AnalysisRow, DirectBenefit, analyse, prefilled_rows
from helhet.fund.models import (
    Application,
    ApplicationFunding,
    ApplicationStatus,
    ApplicationYear,
    Fund,
    FundRules,
)
from helhet.fund.rules import rule_breaches
from helhet.portfolio.access import editable_initiatives_q
from helhet.portfolio.models import Initiative

ZERO = Decimal(0)


def newest_rules(fund: Fund) -> FundRules | None:
    """The fund's newest version of its rules (what a draft is measured against and what an
    application is submitted under); None when it has none yet."""
    return FundRules.objects.filter(fund=fund).order_by("-version").first()


def application_rules(application: Application) -> FundRules | None:
    """The rules version the application keeps once submitted; before that, the fund's newest."""
    if application.rules_id is not None:
        return application.rules
    return newest_rules(application.fund)


def applied_by_year(application: Application) -> list[tuple[int, Decimal]]:
    return [(row.year, row.amount_applied) for row in application.years.all()]


def amount_applied(application: Application) -> Decimal:
    return sum((row.amount_applied for row in application.years.all()), ZERO)


def other_funding_total(application: Application) -> Decimal:
    return sum((row.amount for row in application.other_funding.all()), ZERO)


def _active_benefits(application: Application) -> QuerySet[Benefit]:
    return Benefit.objects.filter(initiative_id=application.initiative_id).exclude(
        status=BenefitStatus.ABANDONED
    )


def first_year(application: Application) -> int:
    """The calendar year of the analysis' year 0: the first budget year applied for, or the
    year the application was made when it names none yet."""
    years = [row.year for row in application.years.all()]
    if years:
        return min(years)
    return (application.created_at or date.today()).year


@dataclass(frozen=True)
class ApplicationAnalysis:
    analysis: Analysis
    prefilled: bool  # True: drawn from the application and the benefits plan, not saved


def application_analysis(application: Application, rules: FundRules) -> ApplicationAnalysis:
    """The application's economic analysis under ``rules`` (its period and discount rate): the
    saved years when someone has saved them (years of the period left unsaved count as 0),
    otherwise the prefilled proposal from the budget years, the total cost and the initiative's
    direct benefits (abandoned ones left out)."""
    start = first_year(application)
    saved = {row.index: row for row in application.analysis_years.all()}
    if saved:
        rows = [
            AnalysisRow(
                index=index,
                year=start + index,
                cost=saved[index].cost if index in saved else ZERO,
                benefit=saved[index].benefit if index in saved else ZERO,
            )
            for index in range(rules.analysis_years)
        ]
        return ApplicationAnalysis(analyse(rows, rules.discount_rate), prefilled=False)
    benefits = [
        DirectBenefit(
            amount=benefit.planned_amount or ZERO,
            due_year=benefit.due_date.year if benefit.due_date else None,
        )
        for benefit in _active_benefits(application).filter(kind=BenefitKind.DIRECT)
    ]
    rows = prefilled_rows(
        first_year=start,
        years=rules.analysis_years,
        applied=applied_by_year(application),
        total_cost=application.total_cost,
        benefits=benefits,
    )
    return ApplicationAnalysis(analyse(rows, rules.discount_rate), prefilled=True)


@dataclass(frozen=True)
class NonMonetaryBenefit:
    title: str
    kind: str  # BenefitKind
    hours: Decimal | None  # hours a year, for an indirect benefit
    fte: Decimal | None  # the same as full-time equivalents


def non_monetary_benefits(application: Application) -> list[NonMonetaryBenefit]:
    """The initiative's benefits that are not counted in kroner: freed time (hours a year and
    full-time equivalents) and qualitative benefits by title. They are listed beside the
    analysis and never turned into money."""
    found = list(
        _active_benefits(application)
        .exclude(kind=BenefitKind.DIRECT)
        .order_by("kind", "title", "pk")
        .only("title", "kind", "planned_amount")
    )
    hours_in_fte = hours_per_fte(application.fund.municipality) if found else Decimal(1)
    return [
        NonMonetaryBenefit(
            title=benefit.title,
            kind=benefit.kind,
            hours=benefit.planned_amount,
            fte=(
                hours_to_fte(benefit.planned_amount, hours_in_fte)
                if benefit.planned_amount is not None
                else None
            ),
        )
        for benefit in found
    ]


def submission_problems(
    application: Application, rules: FundRules | None, *, today: date
) -> list[str]:
    """What keeps the application from being submitted, in the order a user fixes it: what the
    audit requires (a project description, a benefits realisation plan with at least one
    benefit, the total cost, an amount applied for), the round's dates, then the fund's rules
    (``fund.rules``). Empty when it may be submitted."""
    if rules is None:
        return [_("The fund has no rules yet. The portfolio office must set them first.")]
    problems = []
    if not application.project_description.strip():
        problems.append(_("A project description."))
    if not Benefit.objects.filter(initiative_id=application.initiative_id).exists():
        problems.append(
            _("A benefits realisation plan with at least one benefit (in the benefits module).")
        )
    if application.total_cost is None:
        problems.append(_("The total project cost."))
    years = applied_by_year(application)
    if not any(amount > 0 for _year, amount in years):
        problems.append(_("An amount applied for, above 0 kroner in at least one budget year."))
    if application.round is not None:
        round_ = application.round
        if round_.opens_on is not None and today < round_.opens_on:
            problems.append(
                _("The round %(round)s opens %(day)s.")
                % {"round": round_.name, "day": long_date(round_.opens_on)}
            )
        if round_.closed_at is not None:
            problems.append(
                _(
                    "The round %(round)s was closed %(day)s. Choose an open round or "
                    "continuous intake."
                )
                % {
                    "round": round_.name,
                    "day": long_date(timezone.localdate(round_.closed_at)),
                }
            )
        elif today > round_.deadline:
            problems.append(
                _(
                    "The deadline of the round %(round)s was %(day)s. Choose an open round or "
                    "continuous intake."
                )
                % {"round": round_.name, "day": long_date(round_.deadline)}
            )
    for breach in rule_breaches(
        rules,
        use_kind=application.use_kind,
        years=years,
        total_cost=application.total_cost,
        other_funding=other_funding_total(application),
    ).values():
        problems.extend(breach)
    return problems


_MONEY: DecimalField[Decimal, Decimal] = DecimalField(max_digits=16, decimal_places=2)


def fund_applications(fund: Fund) -> QuerySet[Application]:
    """The fund's applications, newest first, each with ``applied`` (the sum of its budget
    years) and its initiative and round, in one query."""
    applied = (
        ApplicationYear.objects.filter(application=OuterRef("pk"))
        .values("application")
        .annotate(total=Sum("amount_applied"))
        .values("total")
    )
    return (
        Application.objects.filter(fund=fund)
        .select_related("initiative", "round", "initiative__owning_unit")
        .annotate(applied=Coalesce(Subquery(applied, output_field=_MONEY), Value(ZERO)))
        .order_by(F("submitted_at").desc(nulls_last=True), "-created_at", "-pk")
    )


@dataclass(frozen=True)
class ApplicationSummary:
    """What the application page shows: the rules it is measured against, the amounts, the
    analysis, the benefits beside it and, for a draft, what keeps it from being submitted."""

    rules: FundRules | None
    years: list[ApplicationYear]
    applied: Decimal
    other_funding: list[ApplicationFunding]
    other_total: Decimal
    share: Decimal | None  # the amount applied for as a percentage of the total cost
    unfunded: Decimal | None  # the total cost neither applied for nor funded elsewhere
    analysis: ApplicationAnalysis | None
    non_monetary: list[NonMonetaryBenefit]
    problems: list[str]


def application_summary(application: Application, *, today: date) -> ApplicationSummary:
    """Everything :class:`ApplicationSummary` holds, for one application."""
    rules = application_rules(application)
    years = list(application.years.all())
    funding = list(application.other_funding.all())
    applied = sum((row.amount_applied for row in years), ZERO)
    other_total = sum((row.amount for row in funding), ZERO)
    cost = application.total_cost
    share = applied * 100 / cost if cost else None
    unfunded = cost - applied - other_total if cost is not None else None
    is_draft = application.status == ApplicationStatus.DRAFT
    return ApplicationSummary(
        rules=rules,
        years=years,
        applied=applied,
        other_funding=funding,
        other_total=other_total,
        share=share,
        unfunded=unfunded,
        analysis=application_analysis(application, rules) if rules is not None else None,
        non_monetary=non_monetary_benefits(application),
        problems=submission_problems(application, rules, today=today) if is_draft else [],
    )


def initiative_applications(initiative_id: int) -> QuerySet[Application]:
    """An initiative's applications to any fund, newest first."""
    return (
        Application.objects.filter(initiative_id=initiative_id)
        .select_related("fund", "round")
        .order_by("-created_at", "-pk")
    )


def applications_listed(fund: Fund, membership: Membership) -> QuerySet[Application]:
    """The fund's applications as the member may list them (:func:`fund_applications`): every
    one that is submitted or further along, and the drafts of initiatives the member applies
    for."""
    rows = fund_applications(fund)
    if not membership.can(Capability.APPLY_FOR_FUNDING):
        return rows.exclude(status=ApplicationStatus.DRAFT)
    mine = Initiative.objects.filter(editable_initiatives_q(membership)).values("pk")
    return rows.filter(~Q(status=ApplicationStatus.DRAFT) | Q(initiative__in=mine))
