"""Client secrets and authenticator keys are stored encrypted with HELHET_ENCRYPTION_KEY (or
SECRET_KEY when it is unset); a secret from an environment variable is never stored."""

import pytest
from pytest_django.fixtures import Settings

from helhet.accounts.models import SsoProvider
from helhet.accounts.sso.secrets import provider_secret, secret_encrypt


def test_a_stored_secret_is_encrypted_and_readable_only_with_the_same_key(
    settings: Settings,
) -> None:
    settings.HELHET_ENCRYPTION_KEY = "nøkkel-som-aldri-endres-" * 3
    provider = SsoProvider(secret_encrypted=secret_encrypt("klienthemmelighet"))
    assert "klienthemmelighet" not in provider.secret_encrypted
    assert provider_secret(provider) == "klienthemmelighet"

    settings.SECRET_KEY = "rotert-" * 10  # rotating SECRET_KEY leaves it readable
    assert provider_secret(provider) == "klienthemmelighet"
    settings.HELHET_ENCRYPTION_KEY = "en-annen-nøkkel"
    assert provider_secret(provider) == ""


def test_a_secret_named_by_an_environment_variable_is_read_from_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HELHET_SSO_TEST_SECRET", "fra-miljøet")
    provider = SsoProvider(secret_variable="HELHET_SSO_TEST_SECRET")
    assert provider_secret(provider) == "fra-miljøet"
