"""A municipality's login policy (the administrator's page /personer/innlogging/): local
passwords switched off but for a break-glass administrator, and a code from an authenticator app
(TOTP, with recovery codes) required with a local password."""

from __future__ import annotations

import time
from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.exceptions import ValidationError
from django.test import Client

from helhet.accounts.middleware import LOGIN_METHOD_KEY
from helhet.accounts.models import SsoProvider
from helhet.accounts.sso.forms import SsoProviderForm
from helhet.accounts.sso.secrets import provider_secret
from helhet.accounts.sso.services import login_policy_set, sso_provider_create
from helhet.organization.models import Municipality
from tests.conftest import membership_of


def _provider(stavanger: Municipality) -> SsoProvider:
    return sso_provider_create(
        actor=None,
        municipality=stavanger,
        name="Stavanger kommune (Entra ID)",
        issuer="https://login.microsoftonline.com/3f1a0c7e/v2.0",
        client_id="helhet",
        secret_variable="HELHET_SSO_STAVANGER_SECRET",
    )


def _password_login(username: str, **extra: str) -> tuple[Client, object]:
    client = Client()
    return client, client.post("/logg-inn/", {"username": username, "password": "demo", **extra})


def test_local_passwords_off_lets_only_the_break_glass_administrator_in(
    stavanger: Municipality,
) -> None:
    admin = membership_of("admin").user
    with pytest.raises(ValidationError):  # not before a provider is there to log in with
        login_policy_set(
            actor=None,
            municipality=stavanger,
            local_passwords=False,
            break_glass=admin,
            require_mfa=False,
        )
    _provider(stavanger)
    with pytest.raises(ValidationError):  # the break-glass person must be an administrator
        login_policy_set(
            actor=None,
            municipality=stavanger,
            local_passwords=False,
            break_glass=membership_of("leser").user,
            require_mfa=False,
        )
    admin_client = Client()
    admin_client.force_login(admin)
    saved = admin_client.post("/personer/innlogging/", {"break_glass": admin.pk, "require_mfa": ""})
    assert (saved.status_code, saved["Location"]) == (302, "/personer/innlogging/")

    client, refused = _password_login("leser")
    assert refused.status_code == 400  # type: ignore[attr-defined]
    assert "Stavanger kommune logger inn med sin egen innloggingstjeneste" in (
        refused.content.decode()  # type: ignore[attr-defined]
    )
    assert "_auth_user_id" not in client.session
    assert _password_login("admin")[1].status_code == 302  # type: ignore[attr-defined]
    # Bergen keeps its passwords.
    assert _password_login("bergen-admin")[1].status_code == 302  # type: ignore[attr-defined]


def _code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_a_required_code_is_set_up_at_the_next_login_and_asked_after_the_password(
    stavanger: Municipality,
) -> None:
    login_policy_set(
        actor=None,
        municipality=stavanger,
        local_passwords=True,
        break_glass=None,
        require_mfa=True,
    )
    client, answer = _password_login("leser")
    assert answer["Location"] == "/"  # type: ignore[index]
    assert 'href="/konto/kode/"' in client.get("/konto/passord/").content.decode()
    # Every page leads to setting up the app first.
    assert client.get("/portefolje/")["Location"] == "/konto/kode/"
    setup = client.get("/konto/kode/")
    assert setup.status_code == 200
    secret = client.session["helhet_mfa_new_totp"]
    assert secret in setup.content.decode()
    assert client.post("/konto/kode/", {"code": "000000"}).status_code == 400
    done = client.post("/konto/kode/", {"code": _code(secret)})
    codes = done.context["codes"]
    assert done.status_code == 200 and len(codes) >= 8
    assert "no-store" in done["Cache-Control"]
    assert client.get("/portefolje/").status_code == 200

    # The next login asks for the code after the password.
    client, answer = _password_login("leser", next="/portefolje/")
    assert answer["Location"] == "/logg-inn/kode/"  # type: ignore[index]
    assert "_auth_user_id" not in client.session
    assert client.get("/").status_code == 302
    assert client.post("/logg-inn/kode/", {"code": "123456"}).status_code == 400
    # A recovery code works once.
    finished = client.post("/logg-inn/kode/", {"code": codes[0]})
    assert finished["Location"] == "/portefolje/"
    assert "_auth_user_id" in client.session
    again, _answer = _password_login("leser")
    assert again.post("/logg-inn/kode/", {"code": codes[0]}).status_code == 400

    # Five wrong codes (the used recovery code was the first) end the attempt: the password
    # must be given again.
    for _attempt in range(3):
        assert again.post("/logg-inn/kode/", {"code": "999999"}).status_code == 400
    assert again.post("/logg-inn/kode/", {"code": "999999"})["Location"] == "/logg-inn/"
    assert again.get("/logg-inn/kode/")["Location"] == "/logg-inn/"

    # A lost phone: the administrator removes the app; the next login sets up a new one.
    admin = Client()
    admin.force_login(membership_of("admin").user)
    leser = membership_of("leser")
    assert "Fjern autentiseringsappen" in admin.get(f"/personer/{leser.pk}/endre/").content.decode()
    assert admin.post(f"/personer/{leser.pk}/kode/")["Location"] == f"/personer/{leser.pk}/endre/"
    client, answer = _password_login("leser")
    assert answer["Location"] == "/"  # type: ignore[index]
    assert client.get("/")["Location"] == "/konto/kode/"


def test_the_administrator_adds_a_provider_whose_secret_is_never_shown_back(
    stavanger: Municipality,
) -> None:
    client = Client()
    client.force_login(membership_of("admin").user)
    assert 'href="/personer/innlogging/"' in client.get("/personer/").content.decode()
    form = {
        "name": "Stavanger kommune (Entra ID)",
        "issuer": "https://login.microsoftonline.com/3f1a0c7e/v2.0",
        "client_id": "9a8b-helhet",
        "secret": "s3cr3t-fra-entra",
        "group_claim": "groups",
    }
    assert client.post("/personer/innlogging/ny/", form)["Location"] == "/personer/innlogging/"
    provider = SsoProvider.objects.get(municipality=stavanger)
    assert "s3cr3t" not in provider.secret_encrypted
    assert provider_secret(provider) == "s3cr3t-fra-entra"

    page = client.get(f"/personer/innlogging/{provider.pk}/").content.decode()
    assert "s3cr3t" not in page
    assert f"http://testserver/sso/{provider.provider_id}/login/callback/" in page
    # Saved without a secret keeps the one given; the issuer cannot be changed.
    changed = client.post(
        f"/personer/innlogging/{provider.pk}/",
        {**form, "secret": "", "issuer": "https://idp.example", "enabled": "on"},
    )
    assert changed.status_code == 302
    provider.refresh_from_db()
    assert provider_secret(provider) == "s3cr3t-fra-entra"
    assert provider.issuer == form["issuer"]
    assert "Stavanger kommune (Entra ID)" in client.get("/personer/innlogging/").content.decode()


def test_an_issuer_typed_without_its_scheme_is_taken_as_https() -> None:
    form = SsoProviderForm(
        {
            "name": "Stavanger kommune (Entra ID)",
            "issuer": "login.microsoftonline.com/3f1a0c7e/v2.0",
            "client_id": "helhet",
            "group_claim": "groups",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["issuer"] == "https://login.microsoftonline.com/3f1a0c7e/v2.0"


def _sso_session(username: str) -> Client:
    """Logged in as the single sign-on adapter leaves a session (tests/accounts/test_sso_login.py
    walks the real sign-in)."""
    client = Client()
    client.force_login(membership_of(username).user)
    session = client.session
    session[LOGIN_METHOD_KEY] = "sso"
    session.save()
    return client


def _offers_password_change(client: Client) -> bool:
    return 'href="/konto/passord/"' in client.get("/").content.decode()


def test_switching_local_passwords_off_ends_the_logins_made_with_a_password(
    stavanger: Municipality,
    caplog: pytest.LogCaptureFixture,
    django_capture_on_commit_callbacks: Any,
) -> None:
    _provider(stavanger)
    reader, _answer = _password_login("leser")
    assert reader.session[LOGIN_METHOD_KEY] == "password"
    admin, _answer = _password_login("admin")
    through_sso = _sso_session("portefolje")
    in_bergen, _answer = _password_login("bergen-admin")

    with django_capture_on_commit_callbacks(execute=True):
        login_policy_set(
            actor=None,
            municipality=stavanger,
            local_passwords=False,
            break_glass=membership_of("admin").user,
            require_mfa=False,
        )

    assert reader.get("/portefolje/")["Location"].startswith("/logg-inn/")
    # The break-glass administrator keeps the password login, single sign-on stays, and Bergen
    # keeps its passwords.
    for client in (admin, through_sso, in_bergen):
        assert client.get("/portefolje/").status_code == 200
    ended = [r.security for r in caplog.records if r.name == "helhet.security"]  # type: ignore[attr-defined]
    assert {"event": "login.sessions_ended", "municipality_id": stavanger.pk, "sessions": 1} in (
        ended
    )


def test_only_those_who_may_use_a_password_are_offered_to_change_it(
    stavanger: Municipality,
) -> None:
    _provider(stavanger)
    login_policy_set(
        actor=None,
        municipality=stavanger,
        local_passwords=False,
        break_glass=membership_of("admin").user,
        require_mfa=False,
    )
    through_sso = _sso_session("portefolje")
    assert not _offers_password_change(through_sso)
    refused = through_sso.get("/konto/passord/")
    assert refused.status_code == 403
    assert "Stavanger kommune logger inn med sin egen innloggingstjeneste" in (
        refused.content.decode()
    )
    assert through_sso.post("/konto/passord/", {"old_password": "demo"}).status_code == 403
    # The break-glass administrator keeps the password, however they logged in.
    admin = _sso_session("admin")
    assert _offers_password_change(admin)
    assert admin.get("/konto/passord/").status_code == 200
    # Someone added without a password (they log in only through the service) has none to
    # change, whatever the policy; Bergen's people keep theirs.
    bergen = _sso_session("bergen-admin")
    assert _offers_password_change(bergen)
    user = membership_of("bergen-admin").user
    user.set_unusable_password()
    user.save()
    bergen.force_login(user)
    assert not _offers_password_change(bergen)
    assert "Du har ikke noe passord i Helhet" in bergen.get("/konto/passord/").content.decode()
