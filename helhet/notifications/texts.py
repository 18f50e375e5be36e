"""A notification's text as data: what to say (English source strings, the translation catalogue's
msgids) and its parameters, kept with the notification and put into words when someone reads it,
in the reader's language. A sender writes

    texts.gettext("%(initiative)s waits for your decision: %(point)s.", initiative=..., point=...)

with this module's ``gettext`` and ``ngettext`` (so ``makemessages`` finds the strings, as it
finds Django's), ``choice`` for a field's choice label, ``day`` for a date and ``money`` for an
amount, and a list for parts written one after another (``[message, " ", reason]``). Names and
text people wrote go in as they are; only Helhet's own words are translated.

A message is plain JSON, so it is stored in the notification's ``message`` field as it is."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db import models
from django.utils import translation

from helhet.core.formats import long_date, money_text

# A message: a str, a list of parts, or a dict (a translated string, a choice, a day, an amount).
Message = str | list[Any] | dict[str, Any]


def gettext(msgid: str, /, **params: Any) -> dict[str, Any]:
    """``msgid`` (an English source string) translated when read, ``%``-formatted with
    ``params`` (each a message, a number or a name)."""
    return {"msgid": msgid, "params": params}


def ngettext(singular: str, plural: str, count: int, /, **params: Any) -> dict[str, Any]:
    """The singular or plural form for ``count`` (also a parameter, ``%(count)s``)."""
    return {"msgid": singular, "plural": plural, "params": {"count": count, **params}}


def lower(message: dict[str, Any]) -> dict[str, Any]:
    """The message in lower case when read (a label inside a sentence)."""
    return {**message, "lower": True}


def choice(instance: models.Model, field: str) -> dict[str, Any]:
    """The label of the instance's choice in ``field`` (e.g. a decision's outcome), read from the
    model when read, so it is in the reader's language."""
    meta = instance._meta
    path = f"{meta.app_label}.{meta.model_name}.{field}"
    return {"choice": path, "value": getattr(instance, field)}


def day(value: date) -> dict[str, Any]:
    """A date, written the reader's way ("1. mars 2026", "1 March 2026")."""
    return {"day": value.isoformat()}


def money(amount: Decimal) -> dict[str, Any]:
    """An amount in kroner, written the one way ("1 200 000 kr")."""
    return {"money": str(amount)}


def _choice_label(path: str, value: Any) -> str:
    app_label, model_name, field = path.split(".")
    model = apps.get_model(app_label, model_name)
    return str(dict(model._meta.get_field(field).flatchoices).get(value, value))


def _parameter(value: Any) -> Any:
    return value if isinstance(value, int | float) else written(value)


def written(message: Message) -> str:
    """The message in words, in the active language."""
    if isinstance(message, str):
        return message
    if isinstance(message, list):
        return "".join(written(part) for part in message)
    text = _words(message)
    return text.lower() if message.get("lower") else text


def _words(message: dict[str, Any]) -> str:
    if "msgid" in message:
        params = {name: _parameter(value) for name, value in message.get("params", {}).items()}
        if "plural" in message:
            text = translation.ngettext(message["msgid"], message["plural"], params["count"])
        else:
            text = translation.gettext(message["msgid"])
        return text % params if params else text
    if "choice" in message:
        return _choice_label(message["choice"], message["value"])
    if "day" in message:
        return long_date(date.fromisoformat(message["day"]))
    if "money" in message:
        return money_text(Decimal(message["money"]))
    raise ValueError(f"Not a notification message: {message!r}")
