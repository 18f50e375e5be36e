"""The administrator's forms for single sign-on: a provider, and the municipality's login
policy."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from helhet.accounts.models import Membership, SsoProvider, User
from helhet.accounts.roles import Role
from helhet.core.forms import StyledForm
from helhet.core.text import max_length_of


class SsoProviderForm(StyledForm):
    name = forms.CharField(
        label=_("Name on the login button"),
        max_length=60,
        help_text=_("Shown as “Logg inn med …”, e.g. “Stavanger kommune (Entra ID)”."),
    )
    issuer = forms.URLField(
        label=_("Issuer"),
        max_length=300,
        # An address typed without its scheme is the provider's https:// one (Django 6's default).
        assume_scheme="https",
        help_text=_(
            "Exactly as the provider's discovery document says, e.g. "
            "https://login.microsoftonline.com/<tenant id>/v2.0. It cannot be changed later."
        ),
    )
    client_id = forms.CharField(label=_("Client id"), max_length=200)
    secret = forms.CharField(
        label=_("Client secret"),
        required=False,
        max_length=500,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=_(
            "Stored encrypted and never shown again. Leave it empty to keep the one you gave "
            "before, or name an environment variable below instead."
        ),
    )
    secret_variable = forms.RegexField(
        label=_("Or: environment variable with the secret"),
        regex=r"^[A-Z][A-Z0-9_]*$",
        required=False,
        max_length=100,
        help_text=_("For example HELHET_SSO_STAVANGER_SECRET, set on every web server."),
        error_messages={"invalid": _("Capital letters, digits and _ only.")},
    )
    group_claim = forms.CharField(label=_("Claim with the groups"), max_length=60, initial="groups")
    group_roles = forms.CharField(
        label=_("Groups and roles"),
        required=False,
        max_length=max_length_of(SsoProvider, "group_roles"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Off while empty: people keep the role the administrator gives them. One line per "
            "group, “group id = role”, e.g. “5f1c… = project_leader”; the first line whose "
            "group the person is in gives the role, and someone in none of them is not let in."
        ),
    )
    enabled = forms.BooleanField(label=_("In use"), required=False, initial=True)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["issuer"].disabled = True
            self.fields["issuer"].required = False
        else:
            del self.fields["enabled"]


class LoginPolicyForm(StyledForm):
    local_passwords = forms.BooleanField(
        label=_("People may log in with a local password"),
        required=False,
        help_text=_("Switched off, only the break-glass administrator below keeps a password."),
    )
    break_glass = forms.ModelChoiceField(
        label=_("Break-glass administrator"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Keeps a local password for the day single sign-on fails."),
    )
    require_mfa = forms.BooleanField(
        label=_("A local password also needs a code from an authenticator app"),
        required=False,
    )

    def __init__(self, *args: Any, municipality: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        admins = Membership.objects.filter(municipality=municipality, role=Role.ADMIN)
        field = self.fields["break_glass"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = User.objects.filter(pk__in=admins.values("user_id")).order_by(
            "last_name", "first_name"
        )
