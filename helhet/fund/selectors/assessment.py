"""An application's assessment as the portfolio office sees it: the system's own checks against
the rules version it was submitted under (step one, the formal requirements, beside the
office's own judgement), and the criteria of that version with their scores 1–5 and the
weighted score (step two)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from helhet.core.formats import money_text
from helhet.fund.models import Application, CriterionScore, FundCriterion, FundRules
from helhet.fund.rules import rule_tests
from helhet.fund.selectors.applications import (
    amount_applied,
    applied_by_year,
    other_funding_total,
)

TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class RuleCheck:
    """One requirement of the rules (or of the audit's list) and whether the application meets
    it, with what the application has."""

    label: str
    met: bool
    detail: str


@dataclass(frozen=True)
class ScoredCriterion:
    criterion: FundCriterion
    score: CriterionScore | None


@dataclass(frozen=True)
class Assessment:
    checks: list[RuleCheck]
    criteria: list[ScoredCriterion]
    weighted: Decimal | None  # None until every criterion is scored

    @property
    def checks_met(self) -> bool:
        return all(check.met for check in self.checks)

    @property
    def scored(self) -> bool:
        """Every criterion of the rules version has its score."""
        return all(item.score is not None for item in self.criteria)


def weighted_score(pairs: Iterable[tuple[int, int]]) -> Decimal | None:
    """Σ weight·score / Σ weight over (weight, score) pairs, to two decimals (1–5); None when
    there are none."""
    pairs = list(pairs)
    total_weight = sum(weight for weight, _score in pairs)
    if not total_weight:
        return None
    value = Decimal(sum(weight * score for weight, score in pairs)) / Decimal(total_weight)
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def amount_granted(application: Application) -> Decimal:
    """The sum of the amounts granted over the budget years (prefetch ``years``)."""
    return sum((year.amount_granted or Decimal(0) for year in application.years.all()), Decimal(0))


def rule_checks(application: Application, rules: FundRules) -> list[RuleCheck]:
    """The application against the audit's list (project description, benefits realisation
    plan, total cost, an amount applied for) and against ``rules``, tested as the services
    test them (``fund.rules.rule_tests``). Reads the prefetched ``years`` and
    ``other_funding``."""
    applied = amount_applied(application)
    has_description = bool(application.project_description.strip())
    has_benefit = application.initiative.benefits.exists()
    cost = application.total_cost
    checks = [
        RuleCheck(
            _("Project description"),
            has_description,
            _("written") if has_description else _("missing"),
        ),
        RuleCheck(
            _("Benefits realisation plan with at least one benefit"),
            has_benefit,
            _("in the benefits module") if has_benefit else _("no benefit registered"),
        ),
        RuleCheck(
            _("Total project cost"),
            cost is not None and cost > 0,
            money_text(cost) if cost else _("missing"),
        ),
        RuleCheck(_("Amount applied for"), applied > 0, money_text(applied)),
    ]
    tested = rule_tests(
        rules,
        use_kind=application.use_kind,
        years=applied_by_year(application),
        total_cost=cost,
        other_funding=other_funding_total(application),
    )
    checks.extend(RuleCheck(test.label, test.met, test.detail) for test in tested)
    return checks


def application_assessment(application: Application) -> Assessment:
    """The application's assessment under its rules version (the fund's newest when it has
    none yet): the checks, each criterion with its score, and the weighted score once every
    criterion is scored."""
    rules = application.rules
    if rules is None:
        rules = application.fund.rule_versions.order_by("-version").first()
    if rules is None:
        return Assessment(checks=[], criteria=[], weighted=None)
    scores = {
        score.criterion_id: score
        for score in application.scores.select_related("scored_by").filter(criterion__rules=rules)
    }
    criteria = [
        ScoredCriterion(criterion, scores.get(criterion.pk))
        for criterion in rules.criteria.order_by("position", "pk")
    ]
    complete = all(item.score is not None for item in criteria)
    weighted = (
        weighted_score((item.criterion.weight, item.score.score) for item in criteria if item.score)
        if complete
        else None
    )
    return Assessment(checks=rule_checks(application, rules), criteria=criteria, weighted=weighted)
