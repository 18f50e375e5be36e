"""Writing and submitting fund applications. Who may apply (APPLY_FOR_FUNDING, for an initiative
they may change) is checked by the access helpers before a service runs; the services keep the
application's own rules: amounts never negative, the fund's rules (kind of use, budget years,
smallest and largest amount, share of the cost), and the audit's requirements before it is
submitted. A refusal is a ValidationError in Norwegian, and nothing is written."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helhet.accounts.models import User
from helhet.core.history import delete_with_history, save_with_history
from helhet.fund.models import (
    MAX_MONEY,
    AnalysisYear,
    Application,
    ApplicationFunding,
    ApplicationStatus,
    ApplicationYear,
    Fund,
    FundRound,
    OtherFundingSource,
)
from helhet.fund.rules import rule_breaches
from helhet.fund.selectors.applications import (
    application_analysis,
    newest_rules,
    submission_problems,
)
from helhet.fund.services.versions import StaleEditError
from helhet.portfolio.models import Initiative

YEAR_MIN, YEAR_MAX = 2000, 2100
CENTS = Decimal("0.01")
# Checked by the services themselves, or set by the assessment: not by ``full_clean``.
_SET_ELSEWHERE = [
    "fund",
    "initiative",
    "round",
    "rules",
    "created_by",
    "submitted_by",
    "formal_check_passed",
    "assessed_by",
]


@dataclass(frozen=True)
class YearAmount:
    year: int
    amount: Decimal


@dataclass(frozen=True)
class FundingLine:
    source: str
    amount: Decimal
    note: str = ""


@dataclass(frozen=True)
class CostBenefit:
    cost: Decimal
    benefit: Decimal


def _amount_error(amount: Decimal | None) -> str:
    if amount is None or not amount.is_finite():
        return _("Enter an amount in kroner, e.g. 1 500 000.")
    if amount < 0:
        return _("An amount cannot be negative.")
    if amount > MAX_MONEY:
        return _("The amount is too large.")
    if amount != amount.quantize(CENTS):
        return _("Enter kroner with at most two decimals (øre).")
    return ""


def _check_input(
    *,
    fund: Fund,
    round_: FundRound | None,
    use_kind: str,
    total_cost: Decimal | None,
    years: Sequence[YearAmount],
    other_funding: Sequence[FundingLine],
) -> None:
    """Refuse what no application may hold, then what breaks the fund's newest rules."""
    errors: dict[str, str] = {}
    rules = newest_rules(fund)
    if rules is None:
        raise ValidationError(
            _("The fund has no rules yet. The portfolio office must set them first.")
        )
    if round_ is not None and round_.fund_id != fund.pk:
        errors["round"] = _("Choose a round of this fund.")
    if total_cost is not None and (problem := _amount_error(total_cost)):
        errors["total_cost"] = problem
    seen: set[int] = set()
    for line in years:
        if not YEAR_MIN <= line.year <= YEAR_MAX:
            errors["years"] = _("A budget year is between 2000 and 2100.")
        elif line.year in seen:
            errors["years"] = _("Each budget year once.")
        elif problem := _amount_error(line.amount):
            errors["years"] = problem
        seen.add(line.year)
    for funding in other_funding:
        if funding.source not in OtherFundingSource.values:
            errors["other_funding"] = _("Choose where the other funding comes from.")
        elif problem := _amount_error(funding.amount):
            errors["other_funding"] = problem
    if errors:
        raise ValidationError(errors)
    breaches = rule_breaches(
        rules,
        use_kind=use_kind,
        years=[(line.year, line.amount) for line in years],
        total_cost=total_cost,
        other_funding=sum((funding.amount for funding in other_funding), Decimal(0)),
    )
    if breaches:
        raise ValidationError(breaches)


def _replace_lines(
    application: Application,
    actor: User,
    years: Sequence[YearAmount],
    other_funding: Sequence[FundingLine],
) -> None:
    for old_year in application.years.all():
        delete_with_history(old_year, actor=actor)
    for old_funding in application.other_funding.all():
        delete_with_history(old_funding, actor=actor)
    for line in sorted(years, key=lambda line: line.year):
        year = ApplicationYear(
            municipality_id=application.municipality_id,
            application=application,
            year=line.year,
            amount_applied=line.amount,
        )
        save_with_history(year, actor=actor)
    for funding in other_funding:
        row = ApplicationFunding(
            municipality_id=application.municipality_id,
            application=application,
            source=funding.source,
            amount=funding.amount,
            note=funding.note,
        )
        save_with_history(row, actor=actor)


def description_from(initiative: Initiative) -> str:
    """A first project description from the initiative's short description and need."""
    parts = [initiative.short_description.strip(), initiative.need.strip()]
    return "\n\n".join(part for part in parts if part)


@transaction.atomic
def application_create(
    *,
    actor: User,
    fund: Fund,
    initiative: Initiative,
    use_kind: str,
    round_: FundRound | None = None,
    project_description: str | None = None,
    total_cost: Decimal | None = None,
    years: Sequence[YearAmount] = (),
    other_funding: Sequence[FundingLine] = (),
) -> Application:
    """A draft application from the initiative to the fund, with its amounts per budget year and
    other funding. The project description starts from the initiative's short description and
    need when none is given. Refused when the initiative is of another municipality, an amount
    is negative or not a number, or the amounts break the fund's newest rules."""
    if initiative.municipality_id != fund.municipality_id:
        raise ValidationError({"initiative": _("Choose an initiative in the fund's municipality.")})
    _check_input(
        fund=fund,
        round_=round_,
        use_kind=use_kind,
        total_cost=total_cost,
        years=years,
        other_funding=other_funding,
    )
    application = Application(
        municipality_id=fund.municipality_id,
        fund=fund,
        initiative=initiative,
        round=round_,
        use_kind=use_kind,
        project_description=(
            description_from(initiative) if project_description is None else project_description
        ),
        total_cost=total_cost,
        created_by=actor,
    )
    application.full_clean(exclude=_SET_ELSEWHERE)
    save_with_history(application, actor=actor)
    _replace_lines(application, actor, years, other_funding)
    return application


def _locked_draft(application: Application, expected_version: int | None) -> Application:
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if locked.status != ApplicationStatus.DRAFT:
        raise ValidationError(
            _("The application is %(status)s and can no longer be changed.")
            % {"status": str(locked.get_status_display()).lower()}
        )
    if expected_version is not None and locked.version != expected_version:
        raise StaleEditError(
            _(
                "Someone else changed the application while you were writing. Open it again "
                "and make your changes there."
            ),
            current_version=locked.version,
        )
    return locked


@transaction.atomic
def application_update(
    *,
    actor: User,
    application: Application,
    use_kind: str,
    round_: FundRound | None,
    project_description: str,
    total_cost: Decimal | None,
    years: Sequence[YearAmount],
    other_funding: Sequence[FundingLine],
    expected_version: int | None = None,
) -> Application:
    """Change a draft application, on the same terms as ``application_create``. Refused once it
    is submitted, and when someone else saved it since ``expected_version``."""
    locked = _locked_draft(application, expected_version)
    _check_input(
        fund=locked.fund,
        round_=round_,
        use_kind=use_kind,
        total_cost=total_cost,
        years=years,
        other_funding=other_funding,
    )
    locked.use_kind = use_kind
    locked.round = round_
    locked.project_description = project_description
    locked.total_cost = total_cost
    locked.version += 1
    locked.full_clean(exclude=_SET_ELSEWHERE)
    save_with_history(locked, actor=actor)
    _replace_lines(locked, actor, years, other_funding)
    return locked


def _replace_analysis(application: Application, actor: User, rows: Sequence[CostBenefit]) -> None:
    for old in application.analysis_years.all():
        delete_with_history(old, actor=actor)
    for index, row in enumerate(rows):
        year = AnalysisYear(
            municipality_id=application.municipality_id,
            application=application,
            index=index,
            cost=row.cost,
            benefit=row.benefit,
        )
        save_with_history(year, actor=actor)


@transaction.atomic
def application_analysis_set(
    *, actor: User, application: Application, rows: Sequence[CostBenefit]
) -> Application:
    """Save the draft's economic analysis: costs and monetary benefits for each year of the
    analysis period, year 0 first. Refused with a negative or non-numeric amount, more years
    than the period, or once the application is submitted."""
    locked = _locked_draft(application, None)
    rules = newest_rules(locked.fund)
    if rules is None:
        raise ValidationError(
            _("The fund has no rules yet. The portfolio office must set them first.")
        )
    if len(rows) > rules.analysis_years:
        raise ValidationError(
            _("The analysis period is %(count)s years.") % {"count": rules.analysis_years}
        )
    errors = {}
    for row in rows:
        if problem := _amount_error(row.cost):
            errors["cost"] = problem
        if problem := _amount_error(row.benefit):
            errors["benefit"] = problem
    if errors:
        raise ValidationError(errors)
    _replace_analysis(locked, actor, rows)
    return locked


@transaction.atomic
def application_analysis_reset(*, actor: User, application: Application) -> Application:
    """Forget the draft's saved analysis: it is drawn from the application and the benefits
    plan again."""
    locked = _locked_draft(application, None)
    for old in locked.analysis_years.all():
        delete_with_history(old, actor=actor)
    return locked


@transaction.atomic
def application_submit(*, actor: User, application: Application) -> Application:
    """Submit the draft under the fund's newest rules, which it keeps from now on. Refused
    (nothing written) while anything in ``submission_problems`` is missing or breaks the rules,
    or when it is no longer a draft. The economic analysis is saved as it stands, so the
    assessment sees what was submitted even if the benefits plan changes later."""
    locked = _locked_draft(application, None)
    rules = newest_rules(locked.fund)
    problems = submission_problems(locked, rules, today=timezone.localdate())
    if problems:
        raise ValidationError(problems)
    assert rules is not None  # submission_problems reports a fund without rules
    current = application_analysis(locked, rules)
    if current.prefilled:
        # Saved with øre; the proposal may spread the cost over the years in fractions of øre.
        rows = [
            CostBenefit(row.cost.quantize(CENTS), row.benefit.quantize(CENTS))
            for row in current.analysis.rows
        ]
        _replace_analysis(locked, actor, rows)
    locked.rules = rules
    locked.status = ApplicationStatus.SUBMITTED
    locked.submitted_by = actor
    locked.submitted_at = timezone.now()
    locked.version += 1
    save_with_history(locked, actor=actor)
    return locked


@transaction.atomic
def application_withdraw(*, actor: User, application: Application) -> Application:
    """Withdraw an application that is not decided yet (a draft, submitted or deferred). It is
    kept, marked withdrawn, and cannot be decided on."""
    locked = Application.objects.select_for_update().get(pk=application.pk)
    open_statuses = (
        ApplicationStatus.DRAFT,
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.DEFERRED,
    )
    if locked.status not in open_statuses:
        raise ValidationError(
            _("The application is %(status)s and can no longer be withdrawn.")
            % {"status": str(locked.get_status_display()).lower()}
        )
    locked.status = ApplicationStatus.WITHDRAWN
    locked.version += 1
    save_with_history(locked, actor=actor)
    return locked
