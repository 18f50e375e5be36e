"""``kroner_text`` writes an amount directly (the fund's review writes hundreds a page) and must
write exactly what Django's number formatting writes (``number_text``), in both languages."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from helhet.core.formats import kroner_text, number_text

AMOUNTS = [
    "0",
    "0.00",
    "-0.00",
    "0.01",
    "-0.01",
    "0.5",
    "1",
    "-1",
    "999",
    "1000",
    "-1000.00",
    "8452.50",
    "-8452.5",
    "12345.67",
    "1613764",
    "1613764.00",
    "-1613764.01",
    "999999.99",
    "1000000",
    "123456789012.34",
    "-99999999999999.99",
    "1E+3",
    "2.0",
    # Trailing zeros, as sums come from SQLite.
    "1234.5000",
    "-1234.5600000",
    "1000.000000",
    "-0.000",
    # Finer than øre: written as Django writes it (cut, not rounded).
    "0.001",
    "-0.001",
    "1234.5678",
    "-1234.999",
]


def _django_way(value: Decimal) -> str:
    return number_text(value, None if value == value.to_integral_value() else 2)


@pytest.mark.parametrize("language", ["nb", "en"])
def test_kroner_text_writes_what_django_writes(language: str) -> None:
    with translation.override(language):
        for text in AMOUNTS:
            value = Decimal(text)
            assert kroner_text(value) == _django_way(value), text
        # Every amount from -10 000,00 to 10 000,00 in steps of 3,37 kr, and larger ones.
        for cents in range(-1_000_000, 1_000_001, 337):
            value = Decimal(cents).scaleb(-2)
            assert kroner_text(value) == _django_way(value), value
        for power in range(0, 15):
            for value in (Decimal(10) ** power, -(Decimal(10) ** power) - Decimal("0.07")):
                assert kroner_text(value) == _django_way(value), value


def test_kroner_text_in_bokmal() -> None:
    with translation.override("nb"):
        assert kroner_text(Decimal("-1613764.50")) == "-1\xa0613\xa0764,50"
        assert kroner_text(Decimal("8452.00")) == "8\xa0452"
    with translation.override("en"):
        assert kroner_text(Decimal("-1613764.50")) == "-1,613,764.50"
