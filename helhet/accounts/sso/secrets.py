"""Secrets Helhet keeps in its database, encrypted (Fernet) with a key derived from
HELHET_ENCRYPTION_KEY, or from SECRET_KEY when that is not set, so a copy of the database alone
gives none away: single sign-on providers' client secrets (unless read from the environment
variable a provider names) and the authenticator apps' keys (helhet/accounts/mfa.py). Changing
the key the encryption uses makes them unreadable: set HELHET_ENCRYPTION_KEY once and keep it."""

from __future__ import annotations

import base64
import hashlib
import os
from typing import TYPE_CHECKING

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings

if TYPE_CHECKING:
    from helhet.accounts.models import SsoProvider


def _fernet() -> Fernet:
    key = settings.HELHET_ENCRYPTION_KEY or settings.SECRET_KEY
    digest = hashlib.sha256(f"helhet-sso-secret:{key}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def secret_encrypt(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


def secret_decrypt(encrypted: str) -> str:
    """The text ``secret_encrypt`` gave; "" when it cannot be read (SECRET_KEY changed)."""
    try:
        return _fernet().decrypt(encrypted.encode()).decode()
    except InvalidToken:
        return ""


def provider_secret(provider: SsoProvider) -> str:
    """The client secret to send to the provider: the environment variable's value when one is
    named, else the stored secret decrypted; "" when neither gives one."""
    if provider.secret_variable:
        return os.environ.get(provider.secret_variable, "")
    return secret_decrypt(provider.secret_encrypted) if provider.secret_encrypted else ""
