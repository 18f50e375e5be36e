"""The member behind an API request: the token's membership (its user in one municipality),
and the check that its role allows what the endpoint does."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from helhet.accounts.models import Membership
from helhet.accounts.roles import Capability


def request_membership(request: HttpRequest) -> Membership:
    """The membership the token authenticated as (set by TokenAuth)."""
    return request.auth  # type: ignore[attr-defined]


def require(membership: Membership, capability: Capability) -> None:
    """Refuse (403) unless the member's role has the capability."""
    if not membership.can(capability):
        raise PermissionDenied
