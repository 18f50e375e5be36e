"""Output schemas and number formats the API's modules share. Schemas read model objects
directly (``resolve_<field>`` where the field is not an attribute of the same name)."""

from decimal import Decimal
from typing import Any

from ninja import Schema

CENTS = Decimal("0.01")
FOUR_PLACES = Decimal("0.0001")


def money(amount: Decimal | None) -> str | None:
    """NOK as a decimal string with øre ("1613764.00"), the same from every database."""
    return None if amount is None else str(Decimal(amount).quantize(CENTS))


def sum_of_money(amount: Decimal) -> str:
    """A sum that is never null (zero when nothing is counted), as :func:`money` writes it."""
    return str(Decimal(amount).quantize(CENTS))


def four_places(value: Decimal) -> str:
    """A measured value, a fraction or a full-time equivalent with the four decimals it is kept
    with."""
    return str(Decimal(value).quantize(FOUR_PLACES))


class MunicipalityOut(Schema):
    id: int
    name: str
    slug: str
    org_number: str


class UnitRef(Schema):
    id: int
    name: str
    kind: str


class PersonRef(Schema):
    id: int
    username: str
    name: str

    @staticmethod
    def resolve_name(user: Any) -> str:
        return str(user.get_full_name())


class NamedRef(Schema):
    id: int
    name: str
