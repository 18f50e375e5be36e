"""How long free text may be: the one home for the limits.

Every text a person types has a maximum, so that a pasted 2 MB text is refused with a message
instead of being stored, copied into the history on every save and sent back in every list. The
model holds the limit (``max_length`` and a validator, so ``full_clean`` refuses more, and
``save_with_history`` checks it before any save); forms and the API's schemas read it from the
model with :func:`max_length_of`, so the three never drift apart."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# A name or title: one line.
SHORT_TEXT = 200
# A comment, note, reason or short description: a few paragraphs.
TEXT = 5_000
# A description, the need, a summary: a page or two.
LONG_TEXT = 10_000
# One heading of a project document filled in as its structured form (a plan's chapter).
DOCUMENT_TEXT = 20_000

TOO_LONG = _("Write at most %(limit_value)s characters (the text has %(show_value)s).")


def limited_text(verbose_name: Any, limit: int, **kwargs: Any) -> "models.TextField[Any, Any]":
    """A TextField that refuses more than ``limit`` characters in ``full_clean`` (a plain
    TextField's ``max_length`` only reaches its form field), with the message saying the limit."""
    return models.TextField(
        verbose_name,
        max_length=limit,
        validators=[MaxLengthValidator(limit, message=TOO_LONG)],
        **kwargs,
    )


def max_length_of(model: type[models.Model], field: str) -> int:
    """The most characters ``model.field`` takes, for a form field or an API schema."""
    limit = model._meta.get_field(field).max_length  # type: ignore[union-attr]
    assert limit, f"{model.__name__}.{field} has no max_length"
    return int(limit)


def check_text_lengths(obj: models.Model, fields: list[str] | None = None) -> None:
    """ValidationError, per field, if a text of ``obj`` (or of its ``fields``) is longer than
    its field allows: the check every save makes, whether or not its service ran
    ``full_clean``."""
    errors: dict[str, list[str]] = {}
    for field in obj._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField) or not field.max_length:
            continue
        if fields is not None and field.name not in fields and field.attname not in fields:
            continue
        value = getattr(obj, field.attname)
        if isinstance(value, str) and len(value) > field.max_length:
            errors[field.name] = [
                str(TOO_LONG % {"limit_value": field.max_length, "show_value": len(value)})
            ]
    if errors:
        raise ValidationError(errors)
