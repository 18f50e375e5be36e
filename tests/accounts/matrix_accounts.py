"""The accounts module's own pages in the role matrix (tests/accounts/test_role_matrix.py) and
the tenancy matrix (tests/core/test_tenancy.py)."""

import datetime

from django.utils import timezone

from helhet.accounts.roles import Capability
from helhet.accounts.services import api_token_create
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
    View("accounts:municipality_tokens", (Capability.MANAGE_API_TOKENS,)),
]


def _readers_token(stavanger: Municipality) -> Target:
    token, _key = api_token_create(membership=membership_of("leser"), name="Lesers Power BI")
    return Target(token.pk, "Lesers Power BI")


TENANCY_HTML = {"accounts:token_revoke": _readers_token}
