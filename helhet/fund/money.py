"""Money as the fund's pages and messages write it: "1 200 000 kr", "8 452,50 kr"."""

from decimal import Decimal

from helhet.core.formats import kroner_text


def money_text(value: Decimal) -> str:
    """An amount in NOK with its unit, in the active language's grouping."""
    return f"{kroner_text(value)} kr"
