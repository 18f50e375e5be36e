"""Password rules beyond Django's own validators' wording."""

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's minimum length, with a message Django 5.2's Norwegian catalogue lacks (its
    message id changed and the translation was not carried over)."""

    def get_error_message(self) -> str:
        return ngettext(
            "The password is too short. Use at least %(min_length)d character.",
            "The password is too short. Use at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}
