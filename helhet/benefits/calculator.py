"""The before/after calculator of a benefit (the dispensers' table 4): from the quantity and the
cost of one unit before and after, per day or per year, it gives the daily, yearly and per-user
costs and the difference (after - before), and checks the totals the source states against them.

Real input has inconsistencies: the dispensers' final report says 33 users, yet its per-user
figures divide by 30. Helhet shows such differences instead of hiding them:

- a stated total agrees with the computed one when they differ by less than one krone, or one
  hour for a calculation in hours (sources round to whole kroner: 3 085 162,50 computed and
  3 085 163 stated agree);
- when a stated per-user figure disagrees, the number of users it implies (the stated yearly
  cost, or the computed one when none is stated, divided by the stated per-user cost, to one
  decimal) is given beside it.

The "cost of one" is in kroner, or in hours for a benefit planned in hours (``Calculation.unit``);
the arithmetic is the same, only the words and the rounding shown differ.

Everything is ``Decimal``; rounding happens only in ``core.formats.figure_text``, for display."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from helhet.benefits.models import (
    Calculation,
    CalculationPeriod,
    CalculationUnit,
)
from helhet.core.formats import figure_text

# Stated and computed totals agree when they are closer than this (kroner).
TOLERANCE = Decimal(1)
IMPLIED_USERS_DECIMALS = Decimal("0.1")

DAILY, YEARLY, PER_USER = "daily", "yearly", "per_user"
BEFORE, AFTER = "before", "after"


@dataclass(frozen=True)
class Side:
    """One column of the calculation: before, after, or the difference between them."""

    quantity_per_day: Decimal
    quantity_per_year: Decimal
    cost_per_day: Decimal
    cost_per_year: Decimal
    cost_per_user: Decimal | None  # None when the number of users is not given


@dataclass(frozen=True)
class Check:
    """A total the source states, against what the inputs give. ``difference`` is stated minus
    computed. ``computed``, ``difference`` and ``agrees`` are ``None`` for a per-user figure
    when the number of users is not given; ``implied_users`` is set only for a per-user figure
    that disagrees (or cannot be checked)."""

    figure: str  # DAILY, YEARLY or PER_USER
    side: str  # BEFORE or AFTER
    stated: Decimal
    computed: Decimal | None
    difference: Decimal | None
    agrees: bool | None
    implied_users: Decimal | None = None


@dataclass(frozen=True)
class CalculationResult:
    calculation: Calculation
    before: Side
    after: Side
    difference: Side
    checks: tuple[Check, ...]

    @property
    def saving_per_year(self) -> Decimal:
        """What the change saves a year (before - after); negative when it costs more."""
        return self.before.cost_per_year - self.after.cost_per_year

    @property
    def disagreements(self) -> tuple[Check, ...]:
        """The stated totals that do not agree with the inputs (or cannot be checked)."""
        return tuple(check for check in self.checks if not check.agrees)

    @property
    def check_by_key(self) -> dict[str, Check]:
        """The checks by "<figure>_<side>" ("yearly_after"), for templates."""
        return {f"{check.figure}_{check.side}": check for check in self.checks}

    def side(self, name: str) -> Side:
        return self.before if name == BEFORE else self.after

    @property
    def in_hours(self) -> bool:
        """Whether the "cost of one" is in hours (a benefit planned in hours), not kroner."""
        return self.calculation.unit == CalculationUnit.HOURS

    @property
    def unit(self) -> str:
        """The symbol after a figure of cost: "kr", or "t" (hours)."""
        return str(_("h")) if self.in_hours else "kr"

    def amount_text(self, value: Decimal) -> str:
        """A figure of cost as shown: kroner with øre when there are any, or hours."""
        return figure_text(value, money=not self.in_hours)

    def explanations(self) -> list[str]:
        """Every disagreement in plain words, in the active language (see ``explain``)."""
        return [text for check in self.disagreements for text in explain(self, check)]


def _side(calc: Calculation, quantity: Decimal, unit_cost: Decimal) -> Side:
    days = Decimal(calc.days_per_year)
    if calc.period == CalculationPeriod.DAY:
        per_day = quantity
        per_year = quantity * days
        cost_per_day = quantity * unit_cost
        cost_per_year = cost_per_day * days
    else:
        per_year = quantity
        per_day = quantity / days
        cost_per_year = quantity * unit_cost
        cost_per_day = cost_per_year / days
    per_user = None if calc.users is None else cost_per_year / Decimal(calc.users)
    return Side(per_day, per_year, cost_per_day, cost_per_year, per_user)


def _minus(after: Side, before: Side) -> Side:
    per_user = (
        None
        if after.cost_per_user is None or before.cost_per_user is None
        else after.cost_per_user - before.cost_per_user
    )
    return Side(
        after.quantity_per_day - before.quantity_per_day,
        after.quantity_per_year - before.quantity_per_year,
        after.cost_per_day - before.cost_per_day,
        after.cost_per_year - before.cost_per_year,
        per_user,
    )


def agrees(stated: Decimal, computed: Decimal) -> bool:
    """Whether a stated total agrees with the computed one: less than one krone apart."""
    return abs(stated - computed) < TOLERANCE


def implied_users(yearly: Decimal, stated_per_user: Decimal) -> Decimal | None:
    """How many users a stated per-user cost implies, to one decimal; ``None`` for a per-user
    cost of zero (it implies nothing)."""
    if stated_per_user == 0:
        return None
    return (yearly / stated_per_user).quantize(IMPLIED_USERS_DECIMALS, rounding=ROUND_HALF_UP)


def _stated(calc: Calculation, figure: str, side: str) -> Decimal | None:
    value: Decimal | None = getattr(calc, f"stated_{side}_{figure}")
    return value


def _check(calc: Calculation, figure: str, side_name: str, side: Side) -> Check | None:
    stated = _stated(calc, figure, side_name)
    if stated is None:
        return None
    computed = {
        DAILY: side.cost_per_day,
        YEARLY: side.cost_per_year,
        PER_USER: side.cost_per_user,
    }[figure]
    if computed is None:  # a per-user figure with no number of users to check it by
        yearly = _stated(calc, YEARLY, side_name)
        implied = implied_users(side.cost_per_year if yearly is None else yearly, stated)
        return Check(figure, side_name, stated, None, None, None, implied)
    ok = agrees(stated, computed)
    implied = None
    if figure == PER_USER and not ok:
        yearly = _stated(calc, YEARLY, side_name)
        implied = implied_users(side.cost_per_year if yearly is None else yearly, stated)
    return Check(figure, side_name, stated, computed, stated - computed, ok, implied)


def calculate(calc: Calculation) -> CalculationResult:
    """The calculation's figures before, after and the difference (after - before), and a check
    of every total the source states (daily, yearly, then per user; before, then after)."""
    before = _side(calc, calc.before_quantity, calc.before_unit_cost)
    after = _side(calc, calc.after_quantity, calc.after_unit_cost)
    checks = tuple(
        check
        for figure in (DAILY, YEARLY, PER_USER)
        for side_name, side in ((BEFORE, before), (AFTER, after))
        if (check := _check(calc, figure, side_name, side)) is not None
    )
    return CalculationResult(calc, before, after, _minus(after, before), checks)


# --- display ---


def _label(figure: str, side: str, in_hours: bool) -> str:
    if in_hours:
        return {
            (DAILY, BEFORE): _("Stated hours per day before"),
            (DAILY, AFTER): _("Stated hours per day after"),
            (YEARLY, BEFORE): _("Stated hours per year before"),
            (YEARLY, AFTER): _("Stated hours per year after"),
            (PER_USER, BEFORE): _("Stated hours per user before"),
            (PER_USER, AFTER): _("Stated hours per user after"),
        }[(figure, side)]
    labels = {
        (DAILY, BEFORE): _("Stated cost per day before"),
        (DAILY, AFTER): _("Stated cost per day after"),
        (YEARLY, BEFORE): _("Stated yearly cost before"),
        (YEARLY, AFTER): _("Stated yearly cost after"),
        (PER_USER, BEFORE): _("Stated cost per user before"),
        (PER_USER, AFTER): _("Stated cost per user after"),
    }
    return labels[(figure, side)]


def formula(result: CalculationResult, figure: str, side: str) -> str:
    """How the computed figure came about, e.g. "31,5 × 128 kr × 365 days"."""
    calc = result.calculation
    quantity = calc.before_quantity if side == BEFORE else calc.after_quantity
    cost = calc.before_unit_cost if side == BEFORE else calc.after_unit_cost
    days = calc.days_per_year
    unit = result.unit
    numbers = {
        "quantity": figure_text(quantity),
        "cost": result.amount_text(cost),
        "days": days,
        "unit": unit,
    }
    by_day = calc.period == CalculationPeriod.DAY
    yearly = result.amount_text(result.side(side).cost_per_year)
    if figure == PER_USER:
        users = calc.users or 0
        return ngettext(
            "%(yearly)s %(unit)s ÷ %(users)s user", "%(yearly)s %(unit)s ÷ %(users)s users", users
        ) % {"yearly": yearly, "users": users, "unit": unit}
    if figure == DAILY and not by_day:
        return ngettext(
            "%(yearly)s %(unit)s ÷ %(days)s day", "%(yearly)s %(unit)s ÷ %(days)s days", days
        ) % {"yearly": yearly, "days": days, "unit": unit}
    if figure == YEARLY and by_day:
        return (
            ngettext(
                "%(quantity)s × %(cost)s %(unit)s × %(days)s day",
                "%(quantity)s × %(cost)s %(unit)s × %(days)s days",
                days,
            )
            % numbers
        )
    return _("%(quantity)s × %(cost)s %(unit)s") % numbers


def explain(result: CalculationResult, check: Check) -> list[str]:
    """A disagreement in plain words: what the source states, what the inputs give and how,
    and the difference; for a per-user figure also the number of users the source's figure
    implies."""
    label = _label(check.figure, check.side, result.in_hours)
    amount, unit = result.amount_text, result.unit
    texts = []
    if check.computed is not None and check.difference is not None:
        texts.append(
            _(
                "%(label)s: %(stated)s %(unit)s. Computed: %(computed)s %(unit)s (%(formula)s). "
                "Difference: %(difference)s %(unit)s."
            )
            % {
                "label": label,
                "stated": amount(check.stated),
                "computed": amount(check.computed),
                "formula": formula(result, check.figure, check.side),
                "difference": amount(check.difference),
                "unit": unit,
            }
        )
    if check.figure == PER_USER:
        users = result.calculation.users
        # No sentence when the stated figure implies the users given: then the yearly total is
        # what is off, and its own sentence says so.
        if check.implied_users is None or check.implied_users == users:
            pass
        elif users is None:
            texts.append(
                _(
                    "%(label)s (%(stated)s %(unit)s) implies %(implied)s users; the number of "
                    "users is not given."
                )
                % {
                    "label": label,
                    "stated": amount(check.stated),
                    "implied": figure_text(check.implied_users),
                    "unit": unit,
                }
            )
        else:
            texts.append(
                _("%(label)s (%(stated)s %(unit)s) implies %(implied)s users, not %(users)s.")
                % {
                    "label": label,
                    "stated": amount(check.stated),
                    "implied": figure_text(check.implied_users),
                    "users": users,
                    "unit": unit,
                }
            )
    return texts


def summary_text(result: CalculationResult) -> str:
    """The saving (or extra cost) a year in one sentence, in kroner or in hours."""
    if result.in_hours:
        if result.saving_per_year >= 0:
            return _("Computed hours saved a year: %(amount)s hours.") % {
                "amount": figure_text(result.saving_per_year)
            }
        return _("Computed extra hours a year: %(amount)s hours.") % {
            "amount": figure_text(result.difference.cost_per_year)
        }
    if result.saving_per_year >= 0:
        return _("Computed saving a year: %(amount)s kr.") % {
            "amount": figure_text(result.saving_per_year, money=True)
        }
    return _("Computed extra cost a year: %(amount)s kr.") % {
        "amount": figure_text(result.difference.cost_per_year, money=True)
    }


def agreement_text(result: CalculationResult) -> str:
    """That the source's totals agree with the inputs, to within the tolerance."""
    if result.in_hours:
        return _(
            "The totals the source states agree with what its inputs give (to within one hour)."
        )
    return _("The totals the source states agree with what its inputs give (to within one krone).")
