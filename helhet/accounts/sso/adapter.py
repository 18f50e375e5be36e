"""django-allauth wired to Helhet: the providers are each municipality's ``SsoProvider`` rows,
and a sign-in the provider accepted is finished here (matched, linked, logged in) instead of in
allauth's own account flow, so nobody signs up and no allauth page is shown."""

from __future__ import annotations

import contextlib
from typing import Any, cast

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialApp, SocialLogin
from django.contrib.auth import login as django_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from helhet.accounts.middleware import LOGIN_METHOD_KEY, SESSION_KEY
from helhet.accounts.models import SsoProvider, User
from helhet.accounts.services import membership_update
from helhet.accounts.sso.matching import SsoRefused, mapped_role, sso_match
from helhet.accounts.sso.secrets import provider_secret
from helhet.accounts.sso.services import sso_account_link
from helhet.core.security_log import security_event

PROVIDER_PREFIX = "helhet-"


def social_app(provider: SsoProvider) -> SocialApp:
    """The provider as allauth's (unsaved) app. The issuer is pinned: the ID token must name
    exactly the issuer the administrator configured, whatever the discovery document says."""
    return SocialApp(
        provider="openid_connect",
        provider_id=provider.provider_id,
        name=provider.name,
        client_id=provider.client_id,
        secret=provider_secret(provider),
        settings={
            "server_url": provider.issuer.rstrip("/"),
            "openid_configuration_overrides": {"issuer": provider.issuer},
            # PKCE too: a stolen authorization code is worthless without this browser's
            # verifier (Entra ID, Keycloak and Ansattporten support it).
            "oauth_pkce_enabled": True,
        },
    )


def _provider_for(provider_id: str) -> SsoProvider | None:
    pk = provider_id.removeprefix(PROVIDER_PREFIX)
    if not provider_id.startswith(PROVIDER_PREFIX) or not pk.isdecimal():
        return None
    return (
        SsoProvider.objects.select_related("municipality").filter(pk=int(pk), enabled=True).first()
    )


def _claims(extra_data: dict[str, Any]) -> dict[str, Any]:
    """What the provider said about the person: the ID token's claims and userinfo's together."""
    claims = dict(extra_data.get("id_token") or {})
    claims.update(extra_data.get("userinfo") or {})
    return claims


def refused(
    request: HttpRequest, provider: SsoProvider | None, reason: str
) -> ImmediateHttpResponse:
    """The sign-in ends on the "ask your administrator" page, and in the security log."""
    security_event(
        "sso.login.refused",
        request=request,
        provider_id=provider.pk if provider else None,
        municipality_id=provider.municipality_id if provider else None,
        reason=reason,
    )
    context = {"provider": provider, "reason": reason}
    return ImmediateHttpResponse(render(request, "accounts/sso_refused.html", context, status=403))


class SingleSignOnAdapter(DefaultSocialAccountAdapter):
    def list_apps(
        self, request: HttpRequest, provider: str | None = None, client_id: str | None = None
    ) -> list[SocialApp]:
        providers = SsoProvider.objects.filter(enabled=True)
        if provider and provider != "openid_connect":
            found = _provider_for(provider)
            providers = providers.filter(pk=found.pk) if found else providers.none()
        if client_id:
            providers = providers.filter(client_id=client_id)
        return [social_app(p) for p in providers]

    def is_open_for_signup(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        return False

    def on_authentication_error(
        self,
        request: HttpRequest,
        provider: Any,
        error: Any = None,
        exception: Any = None,
        extra_context: Any = None,
    ) -> None:
        """A failed exchange with the provider (cancelled, a wrong or replayed state, an ID
        token for another issuer or client, an expired one): a Norwegian page, never allauth's."""
        ours = _provider_for(getattr(getattr(provider, "app", None), "provider_id", "") or "")
        detail = f"{error}: {exception}" if exception else str(error)
        security_event(
            "sso.login.refused",
            request=request,
            provider_id=ours.pk if ours else None,
            municipality_id=ours.municipality_id if ours else None,
            reason="provider_error",
            detail=detail[:200],
        )
        raise ImmediateHttpResponse(
            render(request, "accounts/sso_failed.html", {"provider": ours}, status=400)
        )

    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        """Finish the sign-in here: match the person, link them the first time, apply the
        group mapping when it is on, log them in to the provider's municipality."""
        provider = _provider_for(sociallogin.account.provider)
        if provider is None:
            raise refused(request, None, "unknown_provider")
        claims = _claims(sociallogin.account.extra_data)
        linked = cast(User, sociallogin.user) if sociallogin.is_existing else None
        try:
            match = sso_match(provider=provider, linked_user=linked, claims=claims)
            role = mapped_role(provider=provider, claims=claims)
        except SsoRefused as refusal:
            raise refused(request, provider, refusal.reason) from refusal
        membership = match.membership
        user = membership.user
        if match.first_time:
            sso_account_link(
                user=user, provider=provider, subject=sociallogin.account.uid, claims=claims
            )
            security_event(
                "sso.linked",
                request=request,
                user_id=user.pk,
                provider_id=provider.pk,
                municipality_id=provider.municipality_id,
            )
        if role is not None and role != membership.role:
            # The last administrator keeps the role: the mapping cannot leave the municipality
            # without one.
            with contextlib.suppress(ValidationError):
                membership_update(
                    actor=None,
                    membership=membership,
                    role=role,
                    unit=membership.unit,
                    title=membership.title,
                )
        django_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        request.session[SESSION_KEY] = provider.municipality_id
        request.session[LOGIN_METHOD_KEY] = "sso"
        security_event(
            "sso.login.ok",
            request=request,
            user_id=user.pk,
            provider_id=provider.pk,
            municipality_id=provider.municipality_id,
        )
        next_url = sociallogin.get_redirect_url(request) or ""
        if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            next_url = reverse("home:home")
        raise ImmediateHttpResponse(redirect(next_url))


class ClosedAccountAdapter(DefaultAccountAdapter):
    """allauth's own accounts: nobody signs up through them."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False
