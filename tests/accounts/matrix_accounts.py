"""The accounts module's own pages in the role matrix (tests/accounts/test_role_matrix.py) and
the tenancy matrix (tests/core/test_tenancy.py)."""

import datetime

from allauth.mfa.totp.internal.auth import generate_totp_secret
from django.utils import timezone

from helhet.accounts.mfa import totp_activate
from helhet.accounts.models import Membership, SsoProvider
from helhet.accounts.roles import Capability
from helhet.accounts.services import api_token_create
from helhet.accounts.sso.services import sso_account_link, sso_provider_create
from helhet.organization.models import Municipality
from tests.conftest import membership_of
from tests.matrix import Target, View


def _new_token_form(stavanger: Municipality) -> dict[str, str]:
    expires = timezone.localdate() + datetime.timedelta(days=30)
    return {"name": "Rapportering", "scope": "read", "expires_on": expires.isoformat()}


ROLE_VIEWS = [
    # Every person changes their own password and keeps their own API tokens, whatever their role.
    View("accounts:password_change", ()),
    View("accounts:token_list", ()),
    View("accounts:mfa_setup", ()),  # one's own authenticator app
    View("accounts:municipality_tokens", (Capability.MANAGE_API_TOKENS,)),
    # How the municipality's people log in: the administrator's (single sign-on, issue 15).
    View(
        "accounts:login_settings",
        (Capability.MANAGE_MEMBERS,),
        valid_post=lambda stavanger: {"local_passwords": "on", "require_mfa": "on"},
        redirects_to="/personer/innlogging/",
    ),
    View(
        "accounts:sso_provider_create",
        (Capability.MANAGE_MEMBERS,),
        valid_post=lambda stavanger: _provider_form(),
        redirects_to="/personer/innlogging/",
    ),
    View(
        "accounts:sso_provider_edit",
        (Capability.MANAGE_MEMBERS,),
        target=lambda stavanger: _provider(stavanger).pk,
        valid_post=lambda stavanger: {**_provider_form(), "name": "Nytt navn"},
        redirects_to="/personer/innlogging/",
    ),
    View(
        "accounts:sso_unlink",
        (Capability.MANAGE_MEMBERS,),
        target=lambda stavanger: _linked_reader(stavanger).pk,
        valid_post=lambda stavanger: {},
        redirects_to="/personer/",
    ),
    View(
        "accounts:mfa_remove",
        (Capability.MANAGE_MEMBERS,),
        target=lambda stavanger: _reader_with_app(stavanger).pk,
        valid_post=lambda stavanger: {},
        redirects_to="/personer/",
    ),
]


def _provider_form() -> dict[str, str]:
    return {
        "name": "Stavanger kommune (Entra ID)",
        "issuer": "https://login.microsoftonline.com/3f1a0c7e/v2.0",
        "client_id": "helhet",
        "secret": "hemmelig",
        "group_claim": "groups",
        "enabled": "on",
    }


def _provider(stavanger: Municipality) -> SsoProvider:
    return sso_provider_create(
        actor=None,
        municipality=stavanger,
        name="Stavangers Entra ID",
        issuer="https://login.microsoftonline.com/3f1a0c7e/v2.0",
        client_id="helhet",
        secret="hemmelig",
    )


def _linked_reader(stavanger: Municipality) -> Membership:
    """The reader, linked to a Stavanger login service."""
    membership = membership_of("leser")
    provider = _provider(stavanger)
    sso_account_link(user=membership.user, provider=provider, subject="entra-leser", claims={})
    return membership


def _reader_with_app(stavanger: Municipality) -> Membership:
    """The reader, with an authenticator app."""
    membership = membership_of("leser")
    totp_activate(user=membership.user, secret=generate_totp_secret())
    return membership


def _reader_with_app_target(stavanger: Municipality) -> Target:
    membership = _reader_with_app(stavanger)
    return Target(membership.pk, membership.user.get_full_name(), post={})


def _linked_reader_target(stavanger: Municipality) -> Target:
    membership = _linked_reader(stavanger)
    return Target(membership.pk, membership.user.get_full_name(), post={})


def _stavangers_provider(stavanger: Municipality) -> Target:
    provider = _provider(stavanger)
    return Target(provider.pk, "Stavangers Entra ID", post={**_provider_form(), "name": "Bergen?"})


def _readers_token(stavanger: Municipality) -> Target:
    token, _key = api_token_create(membership=membership_of("leser"), name="Lesers Power BI")
    return Target(token.pk, "Lesers Power BI")


TENANCY_HTML = {
    "accounts:token_revoke": _readers_token,
    "accounts:sso_provider_edit": _stavangers_provider,
    "accounts:sso_unlink": _linked_reader_target,
    "accounts:mfa_remove": _reader_with_app_target,
}
