"""The fund's rules applied to an application: the one place that says whether an application
keeps a version of the rules. The services refuse a draft that breaks them
(``rule_breaches``), the submission lists what breaks them, and the assessment page shows each
rule as met or not (``rule_tests``): all three read the same tests, so they cannot disagree.

A rule is tested on what the application asks for: the kind of use, the amount applied for in
each budget year, the total project cost and the other funding."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from helhet.core.formats import money_text, number_text
from helhet.fund.models import FundRules, UseKind

ZERO = Decimal(0)
TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class RuleTest:
    """One rule of a version, tested on an application: what the rule says (``label``), what
    the application has (``detail``), whether it is met, and when it is not, the field the
    refusal concerns and what to do (``refusal``)."""

    field: str
    label: str
    met: bool
    detail: str
    refusal: str


def _kind(rules: FundRules, use_kind: str) -> RuleTest:
    label = str(UseKind(use_kind).label)
    return RuleTest(
        "use_kind",
        _("The fund finances this kind of use"),
        rules.finances(use_kind),
        label,
        _("The fund does not finance %(kind)s under its current rules. Choose another kind of use.")
        % {"kind": label.lower()},
    )


def _budget_years(rules: FundRules, count: int) -> RuleTest:
    return RuleTest(
        "years",
        _("At most %(count)s budget years") % {"count": rules.max_budget_years},
        count <= rules.max_budget_years,
        _("%(count)s budget years") % {"count": count},
        _("The fund supports at most %(count)s budget years. Spread the amount over fewer years.")
        % {"count": rules.max_budget_years},
    )


def _smallest(rules: FundRules, smallest: Decimal, applied: Decimal) -> RuleTest:
    return RuleTest(
        "years",
        _("At least %(amount)s") % {"amount": money_text(smallest)},
        # Nothing applied for is the audit's "an amount applied for", not this rule.
        not applied or applied >= smallest,
        money_text(applied),
        _("%(applied)s is less than the fund's smallest amount, %(min)s.")
        % {"applied": money_text(applied), "min": money_text(smallest)},
    )


def _largest(rules: FundRules, largest: Decimal, applied: Decimal) -> RuleTest:
    return RuleTest(
        "years",
        _("At most %(amount)s") % {"amount": money_text(largest)},
        applied <= largest,
        money_text(applied),
        _("%(applied)s is more than the fund's largest amount, %(max)s. Apply for less.")
        % {"applied": money_text(applied), "max": money_text(largest)},
    )


def _share(rules: FundRules, share: Decimal, applied: Decimal, cost: Decimal) -> RuleTest:
    detail = (
        _("%(share)s %% of %(cost)s")
        % {
            "share": number_text((applied * 100 / cost).quantize(TWO_PLACES)),
            "cost": money_text(cost),
        }
        if cost
        else money_text(applied)
    )
    return RuleTest(
        "total_cost",
        _("At most %(share)s %% of the project cost") % {"share": number_text(share)},
        applied * 100 <= share * cost,
        detail,
        _(
            "The fund pays at most %(share)s %% of the project cost: at most %(most)s of "
            "%(cost)s. Apply for less, or find other funding for the rest."
        )
        % {
            "share": number_text(share),
            "most": money_text((share * cost / 100).quantize(TWO_PLACES)),
            "cost": money_text(cost),
        },
    )


def _within_cost(applied: Decimal, other_funding: Decimal, cost: Decimal) -> RuleTest:
    funded = applied + other_funding
    return RuleTest(
        "total_cost",
        _("The amount applied for and the other funding within the project cost"),
        funded <= cost,
        _("%(sum)s of %(cost)s") % {"sum": money_text(funded), "cost": money_text(cost)},
        _(
            "The amount applied for and the other funding, %(sum)s together, are more than the "
            "project costs (%(cost)s). Correct the cost or the amounts."
        )
        % {"sum": money_text(funded), "cost": money_text(cost)},
    )


def rule_tests(
    rules: FundRules,
    *,
    use_kind: str,
    years: Sequence[tuple[int, Decimal]],
    total_cost: Decimal | None,
    other_funding: Decimal,
) -> list[RuleTest]:
    """Every rule of ``rules`` that applies, tested on the application: the kind of use, at
    most so many budget years (those with an amount above 0), the smallest and the largest
    amount (all years together), and once the total cost is known, the largest share of it and
    no more funding than it."""
    applied = sum((amount for _year, amount in years), ZERO)
    tests = [
        _kind(rules, use_kind),
        _budget_years(rules, sum(1 for _year, amount in years if amount > 0)),
    ]
    if rules.min_amount is not None:
        tests.append(_smallest(rules, rules.min_amount, applied))
    if rules.max_amount is not None:
        tests.append(_largest(rules, rules.max_amount, applied))
    if total_cost is not None:
        if rules.max_share is not None and applied:
            tests.append(_share(rules, rules.max_share, applied, total_cost))
        tests.append(_within_cost(applied, other_funding, total_cost))
    return tests


def rule_breaches(
    rules: FundRules,
    *,
    use_kind: str,
    years: Sequence[tuple[int, Decimal]],
    total_cost: Decimal | None,
    other_funding: Decimal,
) -> dict[str, list[str]]:
    """What breaks the rules (:func:`rule_tests` not met), as refusals by the field they
    concern; empty when nothing does."""
    breaches: dict[str, list[str]] = {}
    tested = rule_tests(
        rules,
        use_kind=use_kind,
        years=years,
        total_cost=total_cost,
        other_funding=other_funding,
    )
    for test in tested:
        if not test.met:
            breaches.setdefault(test.field, []).append(test.refusal)
    return breaches
