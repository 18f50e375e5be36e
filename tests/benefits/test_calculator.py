"""The before/after calculator on the dispensers' table 4 ("Kilde: Sluttrapporten", 33 users, per
day): the daily totals agree, the yearly cost before agrees within a krone, the yearly cost after
is 281 kr off, and the per-user figures divide by 30 users, not 33."""

from decimal import Decimal

from django.utils import translation

from helhet.benefits.calculator import (
    AFTER,
    BEFORE,
    DAILY,
    PER_USER,
    YEARLY,
    Check,
    agrees,
    calculate,
)
from helhet.benefits.models import Calculation, CalculationUnit
from helhet.core.formats import figure_text
from tests.benefits.cuts_calculator_helpers import table_4


def _check(figure: str, side: str, **fields: object) -> Check:
    return calculate(table_4(**fields)).check_by_key[f"{figure}_{side}"]


def test_the_daily_costs_are_the_visits_times_the_cost_of_one() -> None:
    result = calculate(table_4())

    assert result.before.cost_per_day == Decimal("8452.5")
    assert result.after.cost_per_day == Decimal(4032)


def test_the_stated_daily_costs_agree() -> None:
    assert _check(DAILY, BEFORE).agrees is True
    assert _check(DAILY, AFTER).agrees is True


def test_the_yearly_costs_are_the_daily_costs_times_365() -> None:
    result = calculate(table_4())

    assert result.before.cost_per_year == Decimal("3085162.5")
    assert result.after.cost_per_year == Decimal(1471680)


def test_the_yearly_cost_before_agrees_within_a_krone() -> None:
    check = _check(YEARLY, BEFORE)

    assert check.computed == Decimal("3085162.5")
    assert check.stated == Decimal(3085163)
    assert check.difference == Decimal("0.5")
    assert check.agrees is True


def test_the_yearly_cost_after_is_281_kroner_off() -> None:
    check = _check(YEARLY, AFTER)

    assert check.computed == Decimal(1471680)
    assert check.stated == Decimal(1471399)
    assert check.difference == Decimal(-281)
    assert check.agrees is False


def test_the_per_user_costs_divide_by_33_users() -> None:
    result = calculate(table_4())

    assert result.before.cost_per_user == Decimal("3085162.5") / 33
    assert result.after.cost_per_user == Decimal(1471680) / 33


def test_both_stated_per_user_costs_disagree_and_imply_30_users() -> None:
    before, after = _check(PER_USER, BEFORE), _check(PER_USER, AFTER)

    assert (before.agrees, after.agrees) == (False, False)
    assert before.implied_users == Decimal("30.0")
    assert after.implied_users == Decimal("30.0")


def test_the_disagreements_are_the_yearly_cost_after_and_both_per_user_costs() -> None:
    result = calculate(table_4())

    assert [(check.figure, check.side) for check in result.disagreements] == [
        (YEARLY, AFTER),
        (PER_USER, BEFORE),
        (PER_USER, AFTER),
    ]


def test_the_difference_column_is_after_minus_before() -> None:
    difference = calculate(table_4()).difference

    assert difference.quantity_per_day == Decimal("-37.5")
    assert difference.quantity_per_year == Decimal("-13687.5")
    assert difference.cost_per_day == Decimal("-4420.5")
    assert difference.cost_per_year == Decimal("-1613482.5")
    assert difference.cost_per_user == Decimal("-1613482.5") / 33


def test_the_saving_a_year_is_before_minus_after() -> None:
    assert calculate(table_4()).saving_per_year == Decimal("1613482.5")


def test_stated_totals_agree_when_less_than_a_krone_apart() -> None:
    assert agrees(Decimal("100.99"), Decimal(100))
    assert agrees(Decimal("99.01"), Decimal(100))
    assert not agrees(Decimal(101), Decimal(100))
    assert not agrees(Decimal(99), Decimal(100))


def test_quantities_per_year_give_the_daily_figures_by_dividing() -> None:
    # Robin: 160 000 invoices a year, at 5 kr each, 365 days.
    result = calculate(
        table_4(
            period="year",
            before_quantity=Decimal(160000),
            after_quantity=Decimal(0),
            before_unit_cost=Decimal(5),
            after_unit_cost=Decimal(5),
            users=None,
            **{name: None for name in _stated_fields()},
        )
    )

    assert result.before.quantity_per_year == Decimal(160000)
    assert result.before.cost_per_year == Decimal(800000)
    assert result.before.cost_per_day == Decimal(800000) / 365
    assert result.before.quantity_per_day == Decimal(160000) / 365
    assert result.checks == ()


def test_a_year_of_working_days_counts_fewer_days() -> None:
    result = calculate(table_4(days_per_year=230))

    assert result.before.cost_per_year == Decimal("8452.5") * 230


def test_without_users_there_is_no_cost_per_user() -> None:
    result = calculate(table_4(users=None, stated_before_per_user=None, stated_after_per_user=None))

    assert result.before.cost_per_user is None
    assert result.difference.cost_per_user is None
    assert all(check.figure != PER_USER for check in result.checks)


def test_a_stated_per_user_cost_without_users_cannot_be_checked_but_implies_users() -> None:
    check = _check(PER_USER, BEFORE, users=None)

    assert check.computed is None
    assert check.agrees is None
    assert check.implied_users == Decimal("30.0")


def test_implied_users_use_the_computed_yearly_cost_when_none_is_stated() -> None:
    check = _check(PER_USER, BEFORE, stated_before_yearly=None)

    assert check.implied_users == Decimal("30.0")  # 3 085 162,5 / 102 839 = 29,99...


def test_a_stated_per_user_cost_of_zero_implies_nothing() -> None:
    assert _check(PER_USER, BEFORE, stated_before_per_user=Decimal(0)).implied_users is None


def test_a_figure_is_rounded_only_for_display() -> None:
    result = calculate(table_4())

    assert result.before.cost_per_user == Decimal("3085162.5") / 33  # not rounded
    assert figure_text(result.before.cost_per_user) == "93\u00a0489,77"
    assert figure_text(Decimal(-281)) == "\u2212281"
    assert figure_text(Decimal("-0.001")) == "0"


def test_the_disagreements_are_explained_in_plain_words() -> None:
    # In English, the numbers are written the English way too (one locale on the page).
    with translation.override("en"):
        texts = calculate(table_4()).explanations()

    assert texts == [
        "Stated yearly cost after: 1,471,399 kr. Computed: 1,471,680 kr "
        "(31.5 × 128 kr × 365 days). Difference: \u2212281 kr.",
        "Stated cost per user before: 102,839 kr. Computed: 93,489.77 kr "
        "(3,085,162.50 kr ÷ 33 users). Difference: 9,349.23 kr.",
        "Stated cost per user before (102,839 kr) implies 30 users, not 33.",
        "Stated cost per user after: 49,047 kr. Computed: 44,596.36 kr "
        "(1,471,680 kr ÷ 33 users). Difference: 4,450.64 kr.",
        "Stated cost per user after (49,047 kr) implies 30 users, not 33.",
    ]


def test_with_30_users_no_per_user_cost_is_said_to_imply_other_users() -> None:
    with translation.override("en"):
        texts = calculate(table_4(users=30)).explanations()

    assert len(texts) == 2
    assert texts[0].startswith("Stated yearly cost after:")
    assert texts[1].startswith("Stated cost per user after: 49,047 kr. Computed: 49,056 kr")


def _stated_fields() -> list[str]:
    return [
        f"stated_{side}_{figure}"
        for side in ("before", "after")
        for figure in ("daily", "yearly", "per_user")
    ]


def test_an_amount_with_ore_has_two_decimals_and_whole_kroner_none() -> None:
    assert figure_text(Decimal("8452.5"), money=True) == "8\u00a0452,50"
    assert figure_text(Decimal("4032"), money=True) == "4\u00a0032"
    assert figure_text(Decimal("-4420.5"), money=True) == "\u22124\u00a0420,50"
    assert figure_text(Decimal("93489.7727"), money=True) == "93\u00a0489,77"
    assert figure_text(Decimal("31.5")) == "31,5"  # a quantity is not money


def _in_hours() -> Calculation:
    """Case handling: 400 cases a year at 1,5 hours each before, 0,25 after (stated 610 h)."""
    return Calculation(
        quantity_label="Saker",
        unit=CalculationUnit.HOURS,
        period="year",
        days_per_year=230,
        before_quantity=Decimal(400),
        after_quantity=Decimal(400),
        before_unit_cost=Decimal("1.5"),
        after_unit_cost=Decimal("0.25"),
        stated_before_yearly=Decimal(610),
    )


def test_a_calculation_in_hours_computes_hours() -> None:
    result = calculate(_in_hours())

    assert result.in_hours
    assert (result.before.cost_per_year, result.after.cost_per_year) == (600, 100)
    assert result.saving_per_year == 500


def test_a_calculation_in_hours_explains_in_hours() -> None:
    with translation.override("nb"):
        texts = calculate(_in_hours()).explanations()

    assert texts == [
        "Oppgitte timer per år før: 610 t. Regnet ut: 600 t (400 × 1,5 t). Avvik: 10 t."
    ]
