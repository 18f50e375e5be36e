from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from helhet.accounts.roles import Role
from helhet.core.forms import StyledForm
from helhet.organization.forms import OrgUnitChoiceField
from helhet.organization.models import Municipality


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Wrong username or password. Note that the password is case-sensitive."),
        "inactive": _("This account is deactivated."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Username")
        self.fields["password"].label = _("Password")
        for field in self.fields.values():
            field.widget.attrs["class"] = "ds-input"


class _MembershipFields(StyledForm):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    unit = OrgUnitChoiceField(label=_("Works in"), required=False)
    title = forms.CharField(label=_("Job title"), max_length=150, required=False)

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, OrgUnitChoiceField)
        field.limit_to(municipality)


class MemberCreateForm(_MembershipFields):
    username = forms.CharField(label=_("Username"), max_length=150)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    password = forms.CharField(
        label=_("First password"),
        widget=forms.PasswordInput(render_value=False),
        help_text=_("At least 8 characters, not only digits. Give it to the person safely."),
    )

    field_order = [
        "username",
        "first_name",
        "last_name",
        "email",
        "password",
        "role",
        "unit",
        "title",
    ]


class MembershipForm(_MembershipFields):
    pass
