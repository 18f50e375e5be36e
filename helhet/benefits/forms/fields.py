"""Fields the benefits forms share: numbers as Norwegians write them ("1 613 764" or
"8452,50") and dates."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from helhet.portfolio.forms import (
    DateInput,
)

NUMBER_ERROR = _("Enter a number, e.g. 1 613 764 or 31,5.")


class NumberField(forms.DecimalField):
    """A number as people type it: spaces between thousands, comma or point for decimals."""

    widget = forms.TextInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            max_digits=kwargs.pop("max_digits", 16),
            decimal_places=kwargs.pop("decimal_places", 4),
            error_messages={"invalid": NUMBER_ERROR},
            **kwargs,
        )

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {"inputmode": "decimal"}

    def prepare_value(self, value: Any) -> Any:
        # Always as ``to_python`` reads it back (spaces, decimal comma), whatever the language.
        if isinstance(value, Decimal) and value.is_finite():
            normal = value.normalize()
            whole = normal == normal.to_integral_value()
            text = f"{normal:,.0f}" if whole else f"{normal:,f}"
            return text.replace(",", "\u00a0").replace(".", ",")
        return value

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str):
            value = value.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
        if value in self.empty_values:
            return None
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise ValidationError(NUMBER_ERROR, code="invalid") from None
        if not number.is_finite():
            raise ValidationError(NUMBER_ERROR, code="invalid")
        return number


def date_field(label: Any, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput(), help_text=help_text)
