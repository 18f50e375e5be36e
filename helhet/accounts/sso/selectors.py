"""Reads about single sign-on."""

from __future__ import annotations

from allauth.socialaccount.models import SocialAccount

from helhet.accounts.models import Membership, SsoProvider


def sso_links(membership: Membership) -> list[tuple[SsoProvider, SocialAccount]]:
    """The person's links to the login services of the membership's municipality."""
    providers = {
        p.provider_id: p for p in SsoProvider.objects.filter(municipality=membership.municipality)
    }
    accounts = SocialAccount.objects.filter(user=membership.user, provider__in=list(providers))
    return [(providers[account.provider], account) for account in accounts]
