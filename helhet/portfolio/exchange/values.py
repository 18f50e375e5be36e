"""A cell's value as the initiative field needs it: dates, amounts, yes/no, choices, lists, and
the municipality's units, people and goals by name.
A value that cannot be used raises RowError with a message for the person who wrote it."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from helhet.accounts.models import Membership, User
from helhet.organization.models import Municipality, OrgUnit
from helhet.portfolio.exchange.columns import (
    CHOICE_LOOKUP,
    CHOICES,
    LIST_SEPARATOR,
    Column,
    comparable,
    labels_text,
)
from helhet.portfolio.exchange.problems import RowError
from helhet.portfolio.exchange.reading import cell_as_text
from helhet.portfolio.models import Initiative, StrategicGoal


def split_list(text: str) -> list[str]:
    """The parts of a list cell ("a; b; c")."""
    return [part.strip() for part in text.split(LIST_SEPARATOR) if part.strip()]


def clean_choice(key: str, text: str) -> str:
    if not text:
        return ""
    value = CHOICE_LOOKUP[key].get(comparable(text))
    if value is None:
        messages = {
            "kind": _("“%(value)s” is not a kind. Use one of: %(allowed)s."),
            "status": _("“%(value)s” is not a status. Use one of: %(allowed)s."),
            "ros_status": _("“%(value)s” is not a ROS status. Use one of: %(allowed)s."),
            "dpia_status": _("“%(value)s” is not a DPIA status. Use one of: %(allowed)s."),
            "dpa_status": _(
                "“%(value)s” is not a status of a data processing agreement. Use one of: "
                "%(allowed)s."
            ),
        }
        raise RowError(messages[key] % {"value": text, "allowed": labels_text(CHOICES[key])})
    return value


def clean_bool(raw: Any, text: str) -> bool:
    if isinstance(raw, bool):
        return raw
    word = comparable(text)
    if word in ("", "nei", "n", "no", "false", "usann", "0"):
        return False
    if word in ("ja", "j", "yes", "true", "sann", "1", "x"):
        return True
    raise RowError(_("“%(value)s” is not yes or no. Write Ja or Nei.") % {"value": text})


_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_NORWEGIAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def parse_date(raw: Any) -> date | None:
    """A date from an Excel date cell, 2024-03-31 or 31.03.2024. 31.02.2024 is an error."""
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = cell_as_text(raw)
    if not text:
        return None
    if match := _ISO_DATE.match(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := _NORWEGIAN_DATE.match(text):
        day, month, year = (int(part) for part in match.groups())
    else:
        raise RowError(
            _("“%(value)s” is not a date. Write it as 31.03.2024 or 2024-03-31.") % {"value": text}
        )
    try:
        return date(year, month, day)
    except ValueError as error:
        raise RowError(_("“%(value)s” is not a date that exists.") % {"value": text}) from error


_AMOUNT = re.compile(r"^\d+(?:\.\d+)?$")
_MAX_AMOUNT = Decimal("999999999999.99")  # what the database column holds (14 digits, 2 decimals)


def parse_money(raw: Any) -> Decimal | None:
    """An amount in NOK from an Excel number, "1 234 567,50", "1234567.50", "1.234.567,50" or
    "1 000,-". Text, negative amounts and amounts too large to store are errors."""
    if isinstance(raw, bool):
        raise RowError(_not_an_amount(cell_as_text(raw)))
    if isinstance(raw, int | float | Decimal):
        try:
            amount = Decimal(str(raw))
        except InvalidOperation as error:
            raise RowError(_not_an_amount(str(raw))) from error
        if not amount.is_finite():
            raise RowError(_not_an_amount(str(raw)))
    else:
        text = cell_as_text(raw)
        if not text:
            return None
        amount = _amount_from_text(text)
    if amount < 0:
        raise RowError(_("The amount cannot be negative."))
    amount = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if amount > _MAX_AMOUNT:
        raise RowError(_("The amount is too large."))
    return amount


def _not_an_amount(text: str) -> str:
    return _("“%(value)s” is not an amount. Write it as 1 234 567,50 or 1234567.50.") % {
        "value": text
    }


def _amount_from_text(text: str) -> Decimal:
    number = re.sub(r"\s+", "", text.replace("\xa0", " ").replace("\u202f", " "))
    number = re.sub(r"^(?:kr\.?|nok)", "", number, flags=re.IGNORECASE)
    number = re.sub(r"(?:kr\.?|nok|,-|\.-)$", "", number, flags=re.IGNORECASE)
    negative = number[:1] in ("-", "−")
    if negative:
        number = number[1:]
    if "," in number and "." in number:
        decimal_mark = "," if number.rfind(",") > number.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        number = number.replace(thousands, "").replace(decimal_mark, ".")
    elif number.count(",") > 1 or number.count(".") > 1:
        number = number.replace(",", "").replace(".", "")
    else:
        number = number.replace(",", ".")
    if not _AMOUNT.match(number):
        raise RowError(_not_an_amount(text))
    return -Decimal(number) if negative else Decimal(number)


def full_name(first_name: str, last_name: str) -> str:
    """A person's name as Helhet shows it (User.get_full_name)."""
    return f"{first_name} {last_name}".strip()


def person_label(first_name: str, last_name: str, username: str, shared: set[str]) -> str:
    """A person as the export writes them: the name, with the username in brackets when
    another member of the municipality has the same name (``shared``, compared), the username
    alone for a person without a name."""
    name = full_name(first_name, last_name)
    if not name:
        return username
    return f"{name} ({username})" if comparable(name) in shared else name


_NAME_AND_USERNAME = re.compile(r"^(.*)\(([^()]+)\)$")


class Lookup:
    """The municipality's units, people, goals and initiatives, read once (a fixed number of
    queries), so checking a file takes the same number of queries whatever its length."""

    def __init__(self, municipality: Municipality) -> None:
        self.units: dict[str, list[OrgUnit]] = {}
        for unit in OrgUnit.objects.filter(municipality=municipality):
            self.units.setdefault(comparable(unit.name), []).append(unit)
        self.users: dict[str, User] = {}
        self.people: dict[str, list[User]] = {}
        for membership in Membership.objects.filter(municipality=municipality).select_related(
            "user"
        ):
            user = membership.user
            self.users[comparable(user.username)] = user
            if name := full_name(user.first_name, user.last_name):
                self.people.setdefault(comparable(name), []).append(user)
        self.shared_names = {name for name, users in self.people.items() if len(users) > 1}
        self.goals: dict[str, list[StrategicGoal]] = {}
        for goal in StrategicGoal.objects.filter(municipality=municipality):
            self.goals.setdefault(comparable(goal.name), []).append(goal)
        initiatives = (
            Initiative.objects.filter(municipality=municipality)
            .select_related("owning_unit", "project_owner", "project_leader")
            .prefetch_related("participating_units", "goals", "tags")
        )
        self.by_id: dict[int, Initiative] = {i.pk: i for i in initiatives}
        self.by_name = {comparable(i.name): i for i in self.by_id.values()}

    def person(self, text: str) -> User:
        """The member with this username, name, or "name (username)"; RowError if none or
        several."""
        if user := self.users.get(comparable(text)):
            return user
        if (match := _NAME_AND_USERNAME.match(text)) and (
            user := self.users.get(comparable(match.group(2)))
        ):
            return user
        found = self.people.get(comparable(text), [])
        if len(found) > 1:
            raise RowError(
                _(
                    "Several people in the municipality are named “%(name)s”. Write the "
                    "username instead."
                )
                % {"name": text}
            )
        if not found:
            raise RowError(
                _("No person in the municipality has the name or username “%(name)s”.")
                % {"name": text}
            )
        return found[0]

    def person_text(self, user: User | None) -> str:
        """A person as the export writes them."""
        if user is None:
            return ""
        return person_label(user.first_name, user.last_name, user.username, self.shared_names)

    def initiative(self, text: str) -> Initiative | None:
        """The municipality's initiative with this ID, None if it has none (deleted, or written
        by another municipality's export: the row is then matched by name); RowError for text
        that is not an ID."""
        if not text.isdigit():
            raise RowError(
                _("“%(value)s” is not an ID. Leave the ID the export wrote, or leave it empty.")
                % {"value": text}
            )
        return self.by_id.get(int(text))


def _field_limit(key: str) -> int | None:
    """The most characters the initiative's field takes (helhet.core.text), None if unlimited."""
    limit = getattr(Initiative._meta.get_field(key), "max_length", None)
    return int(limit) if limit else None


def clean_cell(column: Column, raw: Any, lookup: Lookup) -> Any:
    """A cell's value as the column's field needs it; RowError if it cannot be used."""
    text = cell_as_text(raw)
    kind = column.kind
    if kind == "text":
        limit = column.max_length or _field_limit(column.key)
        if limit and len(text) > limit:
            raise RowError(
                _("The text is too long (at most %(limit)s characters).") % {"limit": limit}
            )
        return text
    if kind == "choice":
        return clean_choice(column.key, text)
    if kind == "unit":
        return _unit(text, lookup) if text else None
    if kind == "units":
        return list(dict.fromkeys(_unit(name, lookup) for name in split_list(text)))
    if kind == "user":
        return lookup.person(text) if text else None
    if kind == "id":
        return lookup.initiative(text) if text else None
    if kind == "version":
        if not text:
            return None
        if not text.isdigit():
            raise RowError(
                _("“%(value)s” is not a version. Leave the version the export wrote.")
                % {"value": text}
            )
        return int(text)
    if kind == "goals":
        return list(dict.fromkeys(_goal(name, lookup) for name in split_list(text)))
    if kind == "tags":
        tags = list(dict.fromkeys(split_list(text)))
        if any(len(tag) > 60 for tag in tags):
            raise RowError(_("A tag can be at most 60 characters long."))
        return tags
    if kind == "date":
        return parse_date(raw)
    if kind == "money":
        return parse_money(raw)
    if kind == "bool":
        return clean_bool(raw, text)
    raise AssertionError(kind)


def _unit(name: str, lookup: Lookup) -> OrgUnit:
    units = lookup.units.get(comparable(name), [])
    if not units:
        raise RowError(_("No unit named “%(name)s” in the municipality.") % {"name": name.strip()})
    if len(units) > 1:
        raise RowError(
            _("Several units are named “%(name)s”, so the import cannot tell which one is meant.")
            % {"name": name.strip()}
        )
    return units[0]


def _goal(name: str, lookup: Lookup) -> StrategicGoal:
    goals = lookup.goals.get(comparable(name), [])
    if not goals:
        raise RowError(
            _("No strategic goal named “%(name)s” in the municipality.") % {"name": name}
        )
    if len(goals) > 1:
        raise RowError(
            _(
                "Several strategic goals are named “%(name)s”, so the import cannot tell which "
                "one is meant."
            )
            % {"name": name}
        )
    return goals[0]
