"""Bearer-token authentication for the JSON API: a token acts as its user in one municipality,
until its last day, and a read-only token only reads."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.security import HttpBearer

from helhet.accounts.models import ApiToken, Membership

# Methods that change nothing: all a read-only token may use.
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class ReadOnlyTokenError(Exception):
    """A read-only token asked to change something."""


def add_token_exception_handlers(api: NinjaAPI) -> None:
    """Answer a read-only token's write with 403 in the API's error shape, saying why."""

    @api.exception_handler(ReadOnlyTokenError)
    def read_only(request: HttpRequest, exc: ReadOnlyTokenError) -> HttpResponse:
        detail = _("This API token has read access only: make a token with write access.")
        return api.create_response(request, {"detail": detail}, status=403)


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        api_token = (
            ApiToken.objects.usable()
            .select_related("user", "municipality")
            .filter(key_hash=ApiToken.hash_key(token), user__is_active=True)
            .first()
        )
        if api_token is None:
            return None
        # The token is only as good as the membership behind it: a person taken out of the
        # municipality loses API access at once.
        membership = (
            Membership.objects.select_related("municipality", "unit", "user")
            .filter(user=api_token.user, municipality=api_token.municipality)
            .first()
        )
        if membership is None:
            return None
        if api_token.scope == ApiToken.Scope.READ and request.method not in READ_METHODS:
            # Checked before the body is read: nothing of the request is acted on.
            raise ReadOnlyTokenError
        now = timezone.now()
        if api_token.last_used_at is None or (now - api_token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        request.user = api_token.user
        request.membership = membership  # type: ignore[attr-defined]
        return membership
