from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from helhet.accounts.models import ApiToken, User
from helhet.accounts.services import api_token_default_expiry, user_password_set
from helhet.accounts.sso.policy import password_login_refusal
from helhet.core.forms import StyledForm
from helhet.core.security_log import security_event


def _style(form: forms.Form) -> None:
    for field in form.fields.values():
        field.widget.attrs["class"] = "ds-input"


class LoginForm(auth_forms.AuthenticationForm):
    error_messages = {
        "invalid_login": _("Wrong username or password. Note that the password is case-sensitive."),
        "inactive": _("This account is deactivated."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Username")
        self.fields["password"].label = _("Password")
        _style(self)

    def confirm_login_allowed(self, user: Any) -> None:
        super().confirm_login_allowed(user)
        refusal = password_login_refusal(user)
        if refusal is not None:
            security_event(
                "login.refused", request=self.request, user_id=user.pk, reason="local_passwords_off"
            )
            raise forms.ValidationError(refusal, code="single_sign_on_only")


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """Django's form (old password, the validators), saved through ``user_password_set``."""

    error_messages = {
        **auth_forms.PasswordChangeForm.error_messages,
        "password_incorrect": _(
            "The current password is wrong. Type the password you logged in with."
        ),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Current password")
        _style(self)

    def save(self, commit: bool = True) -> User:
        user_password_set(user=self.user, password=self.cleaned_data["new_password1"])
        return self.user


class SetPasswordForm(auth_forms.SetPasswordForm):
    """A new password from a reset link, saved through ``user_password_set``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)

    def save(self, commit: bool = True) -> User:
        user_password_set(user=self.user, password=self.cleaned_data["new_password1"])
        return self.user


class PasswordResetForm(auth_forms.PasswordResetForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Your e-mail address")
        _style(self)


class ApiTokenForm(StyledForm):
    """A new API token: what it is for, what it may do, its last day."""

    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “Rapportering til Power BI”."),
    )
    scope = forms.ChoiceField(
        label=_("Access"),
        choices=ApiToken.Scope.choices,
        initial=ApiToken.Scope.READ,
        widget=forms.RadioSelect(attrs={"class": "ds-input"}),
    )
    expires_on = forms.DateField(
        label=_("Valid until"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The last day the token works: at most a year ahead."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["expires_on"].initial = api_token_default_expiry()
