"""Output schemas, number formats and the types of what a request sends that the API's modules
share. Schemas read model objects directly (``resolve_<field>`` where the field is not an
attribute of the same name).

Every id, whole number, amount and date a request sends (in the path, the query or the body) has
one of the types below, so what the database cannot hold is refused by the schema with 422 before
any query: SQLite cannot even bind a whole number beyond 64 bits, and pydantic on its own reads
``date=0`` as 1 January 1970."""

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from django.db.models import Model
from ninja import Field, Schema
from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from helhet.accounts.models import User
from helhet.core.text import max_length_of

CENTS = Decimal("0.01")
FOUR_PLACES = Decimal("0.0001")


def text(model: type[Model], field: str, default: Any = "", **kwargs: Any) -> Any:
    """A text in a request body, at most as long as ``model.field`` takes: the OpenAPI
    description states the limit (``maxLength``) and a longer text is refused with 422 before
    any service runs. ``default=...`` makes it required."""
    return Field(default, max_length=max_length_of(model, field), **kwargs)


# A person named in a request body, by username.
Username = Annotated[str, Field(max_length=max_length_of(User, "username"))]


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


# The largest id (a BigAutoField) and the largest whole number in an IntegerField, on both SQLite
# and PostgreSQL.
ID_MAX = 2**63 - 1
INTEGER_MAX = 2**31 - 1

Id = Annotated[int, Field(ge=1, le=ID_MAX)]
"""The id of an object: 1 and up, and no larger than a database id."""

WholeNumber = Annotated[int, Field(ge=0, le=INTEGER_MAX)]
"""A count kept in an integer column (cases a year, a version number)."""

Money = Annotated[Decimal, Field(max_digits=14, decimal_places=2, allow_inf_nan=False)]
"""NOK with øre, as the portfolio and benefits keep it (12 digits before the decimal point)."""

Measured = Annotated[Decimal, Field(max_digits=16, decimal_places=4, allow_inf_nan=False)]
"""A measured value, as indicators and measurements keep it (four decimals)."""

FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2100, 12, 31)
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _written_date(value: Any, pattern: re.Pattern[str], kind: type[date]) -> Any:
    """``value`` if it is a date of ``kind``, or text that starts as YYYY-MM-DD, within
    FIRST_DAY and LAST_DAY; anything else (a number of seconds since 1970, "2026-1-5") refused."""
    if isinstance(value, str) and pattern.match(value):
        try:
            parsed = kind.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            parsed = None
    else:
        parsed = value if isinstance(value, kind) else None
    if parsed is None:
        raise PydanticCustomError("date_parsing", "Enter a date as YYYY-MM-DD.")
    day = parsed.date() if isinstance(parsed, datetime) else parsed
    if not FIRST_DAY <= day <= LAST_DAY:
        raise PydanticCustomError("date_range", "Enter a date from 1900 to 2100.")
    return parsed


def _day(value: Any) -> Any:
    if isinstance(value, datetime):  # a datetime is a date too, but not the day it means
        value = None
    return _written_date(value, re.compile(f"{_ISO_DAY.pattern}$"), date)


def _moment(value: Any) -> Any:
    return _written_date(value, _ISO_DAY, datetime)


Day = Annotated[date, BeforeValidator(_day)]
"""A date written YYYY-MM-DD, from 1900 to 2100."""

Moment = Annotated[datetime, BeforeValidator(_moment)]
"""A date and time written as ISO 8601 (YYYY-MM-DDTHH:MM...), from 1900 to 2100."""


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
