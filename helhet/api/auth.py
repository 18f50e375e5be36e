"""Bearer-token authentication for the JSON API: a token acts as its user in one municipality."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from helhet.accounts.models import ApiToken, Membership


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        api_token = (
            ApiToken.objects.select_related("user", "municipality")
            .filter(
                key_hash=ApiToken.hash_key(token), revoked_at__isnull=True, user__is_active=True
            )
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
        now = timezone.now()
        if api_token.last_used_at is None or (now - api_token.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        request.user = api_token.user
        request.membership = membership  # type: ignore[attr-defined]
        return membership
