from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from helhet.core.text import TOO_LONG


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field it names, else on the form."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class StyledForm(forms.Form):
    """A form whose widgets carry Designsystemet's classes (render with includes/_field.html),
    and whose texts over their ``max_length`` are refused with the limit in the message."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            classes = field.widget.attrs.get("class", "")
            field.widget.attrs["class"] = f"{classes} ds-input".strip()

    def full_clean(self) -> None:
        # Here rather than in __init__, so that fields a subclass adds after it count too.
        for field in self.fields.values():
            if getattr(field, "max_length", None):
                field.error_messages.setdefault("max_length", TOO_LONG)
        super().full_clean()
