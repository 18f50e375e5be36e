"""The address a request came from, as Helhet counts it (lock-out, security log)."""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """Behind reverse proxies (``HELHET_PROXY_COUNT``) the address the outermost trusted proxy
    put in X-Forwarded-For; a client can add entries before it but not after, so only the last
    ones are trusted. Without proxies, the connection's own address."""
    proxies = settings.HELHET_PROXY_COUNT
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if len(forwarded) >= proxies and forwarded[-proxies]:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")
