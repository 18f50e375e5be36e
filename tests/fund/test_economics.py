"""The economic analysis against a case computed by hand, and the proposal drawn from the
application and the benefits plan."""

from __future__ import annotations

from decimal import Decimal

from helhet.fund.economics import AnalysisRow, DirectBenefit, analyse, prefilled_rows, spread_costs


def _rows(costs: list[int], benefits: list[int]) -> list[AnalysisRow]:
    return [
        AnalysisRow(index=t, year=2027 + t, cost=Decimal(c), benefit=Decimal(b))
        for t, (c, b) in enumerate(zip(costs, benefits, strict=True))
    ]


def test_npv_and_npv_per_krone_match_the_hand_computed_case() -> None:
    """Four years at 4 % (DFØ's real rate), year 0 undiscounted:

    t  cost       benefit   net         factor 1/1.04^t      present value of net
    0  1 000 000        0   -1 000 000  1                    -1 000 000.00
    1    500 000  500 000            0  1/1.04     = 0.9615           0.00
    2          0  700 000      700 000  1/1.0816   = 0.9246     647 189.35  (700 000 / 1.0816)
    3          0  700 000      700 000  1/1.124864 = 0.8890     622 297.45  (700 000 / 1.124864)
    NPV = -1 000 000 + 0 + 647 189.35 + 622 297.45 = 269 486.80
    present value of the costs = 1 000 000 + 500 000 / 1.04 = 1 000 000 + 480 769.23
                               = 1 480 769.23
    NPV per invested krone = 269 486.80 / 1 480 769.23 = 0.18
    """
    analysis = analyse(
        _rows([1_000_000, 500_000, 0, 0], [0, 500_000, 700_000, 700_000]), Decimal("4.00")
    )

    assert analysis.npv.quantize(Decimal("0.01")) == Decimal("269486.80")
    assert analysis.present_cost.quantize(Decimal("0.01")) == Decimal("1480769.23")
    assert analysis.npv_per_krone is not None
    assert analysis.npv_per_krone.quantize(Decimal("0.01")) == Decimal("0.18")
    assert analysis.npv_per_krone.quantize(Decimal("0.0001")) == Decimal("0.1820")
    assert [line.present_net.quantize(Decimal("0.01")) for line in analysis.lines] == [
        Decimal("-1000000.00"),
        Decimal("0.00"),
        Decimal("647189.35"),
        Decimal("622297.45"),
    ]
    assert analysis.total_cost == Decimal(1_500_000)
    assert analysis.total_benefit == Decimal(1_900_000)


def test_without_costs_there_is_no_npv_per_krone_and_at_0_percent_nothing_is_discounted() -> None:
    assert analyse(_rows([0, 0], [100, 100]), Decimal(4)).npv_per_krone is None
    flat = analyse(_rows([300, 0], [0, 400]), Decimal(0))
    assert flat.npv == Decimal(100)
    assert flat.npv_per_krone == Decimal(100) / Decimal(300)


def test_costs_are_the_total_cost_spread_over_the_budget_years_as_applied_for() -> None:
    # 600 000 applied (400 000 + 200 000) of a 900 000 project: the other 300 000 follow the
    # same 2:1 split, 200 000 and 100 000.
    applied = [(2027, Decimal(400_000)), (2028, Decimal(200_000))]
    assert spread_costs(applied, Decimal(900_000)) == {
        2027: Decimal(600_000),
        2028: Decimal(300_000),
    }
    assert spread_costs(applied, None) == {2027: Decimal(400_000), 2028: Decimal(200_000)}


def test_benefits_count_from_the_year_each_is_due_and_from_year_1_without_a_date() -> None:
    rows = prefilled_rows(
        first_year=2027,
        years=4,
        applied=[(2027, Decimal(1_000))],
        total_cost=Decimal(1_000),
        benefits=[
            DirectBenefit(amount=Decimal(100), due_year=2029),  # from year 2
            DirectBenefit(amount=Decimal(10), due_year=None),  # from year 1
            DirectBenefit(amount=Decimal(1), due_year=2020),  # due before the start: year 0
        ],
    )

    assert [row.year for row in rows] == [2027, 2028, 2029, 2030]
    assert [row.cost for row in rows] == [Decimal(1_000), 0, 0, 0]
    assert [row.benefit for row in rows] == [Decimal(1), Decimal(11), Decimal(111), Decimal(111)]
