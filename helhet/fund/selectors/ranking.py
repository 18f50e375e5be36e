"""The ranked list of a round (or of the applications received continuously): the applications
waiting for a decision by weighted score, then by net present value per invested krone, with
the running sum of the amounts applied for against what the fund has available, so the decider
sees where the money runs out. Applications that fail the formal requirements and those already
decided are listed apart. A handful of queries, whatever the number of applications."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.db.models import Prefetch

from helhet.fund.economics import AnalysisRow, analyse
from helhet.fund.models import (
    Application,
    ApplicationStatus,
    CriterionScore,
    Fund,
    FundCriterion,
    FundRound,
)
from helhet.fund.selectors.assessment import amount_applied, amount_granted, weighted_score
from helhet.fund.selectors.balance import fund_balance

ZERO = Decimal("0.00")
WAITING = (ApplicationStatus.SUBMITTED, ApplicationStatus.DEFERRED)
DECIDED = (
    ApplicationStatus.GRANTED,
    ApplicationStatus.PARTLY_GRANTED,
    ApplicationStatus.REJECTED,
)


@dataclass(frozen=True)
class RankedApplication:
    application: Application
    applied: Decimal
    granted: Decimal
    weighted: Decimal | None  # None until every criterion is scored
    npv_per_krone: Decimal | None  # None without costs in the analysis
    running_sum: Decimal = ZERO
    over: bool = False  # the running sum passes what the fund has available


@dataclass(frozen=True)
class Ranking:
    fund: Fund
    round: FundRound | None  # None: the applications received continuously
    available: Decimal
    ranked: list[RankedApplication]  # waiting for a decision, best first
    not_met: list[RankedApplication]  # the formal requirements not met
    decided: list[RankedApplication]
    first_over: int | None = field(default=None)  # index in ``ranked`` where the money runs out

    @property
    def total_applied(self) -> Decimal:
        return sum((row.applied for row in self.ranked), ZERO)


def _weighted(application: Application) -> Decimal | None:
    if application.rules is None:
        return None
    criteria = list(application.rules.criteria.all())
    scores = {score.criterion_id: score.score for score in application.scores.all()}
    if any(criterion.pk not in scores for criterion in criteria):
        return None
    return weighted_score((criterion.weight, scores[criterion.pk]) for criterion in criteria)


def _npv_per_krone(application: Application) -> Decimal | None:
    """From the analysis saved at submission, at the rules version's discount rate."""
    rows = list(application.analysis_years.all())
    if application.rules is None or not rows:
        return None
    years = [year.year for year in application.years.all()]
    start = min(years) if years else 0
    analysis = analyse(
        [AnalysisRow(row.index, start + row.index, row.cost, row.benefit) for row in rows],
        application.rules.discount_rate,
    )
    return analysis.npv_per_krone


def _row(application: Application) -> RankedApplication:
    return RankedApplication(
        application=application,
        applied=amount_applied(application),
        granted=amount_granted(application),
        weighted=_weighted(application),
        npv_per_krone=_npv_per_krone(application),
    )


def _rank_key(row: RankedApplication) -> tuple[bool, Decimal, bool, Decimal, str]:
    """Scored before unscored, higher weighted score first, then higher NPV per krone, then the
    first submitted."""
    submitted = row.application.submitted_at
    return (
        row.weighted is None,
        -(row.weighted or ZERO),
        row.npv_per_krone is None,
        -(row.npv_per_krone or ZERO),
        submitted.isoformat() if submitted else "",
    )


def fund_ranking(fund: Fund, round_: FundRound | None) -> Ranking:
    """The ranked list of ``round_`` (None: continuous intake) in ``fund``. The running sum
    counts the applications waiting for a decision whose formal requirements are met or not yet
    checked, against the fund's available balance now."""
    applications = (
        Application.objects.filter(fund=fund, round=round_, status__in=[*WAITING, *DECIDED])
        .select_related("initiative", "initiative__owning_unit", "rules")
        .prefetch_related(
            "years",
            "analysis_years",
            Prefetch(
                "scores",
                queryset=CriterionScore.objects.only("application_id", "criterion_id", "score"),
            ),
            Prefetch("rules__criteria", queryset=FundCriterion.objects.order_by("position")),
        )
    )
    available = fund_balance(fund).available
    waiting: list[RankedApplication] = []
    not_met: list[RankedApplication] = []
    decided: list[RankedApplication] = []
    for application in applications:
        row = _row(application)
        if application.status in DECIDED:
            decided.append(row)
        elif application.formal_check_passed is False:
            not_met.append(row)
        else:
            waiting.append(row)
    ranked: list[RankedApplication] = []
    running = ZERO
    first_over = None
    for index, row in enumerate(sorted(waiting, key=_rank_key)):
        running += row.applied
        over = running > available
        if over and first_over is None:
            first_over = index
        ranked.append(replace(row, running_sum=running, over=over))
    decided.sort(key=_rank_key)
    return Ranking(fund, round_, available, ranked, not_met, decided, first_over)
