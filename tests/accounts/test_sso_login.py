"""Single sign-on through a real OpenID Connect provider on localhost (tests/accounts/
oidc_provider.py, started once for the module, ~0.1 s): the first sign-in matches a member by
verified e-mail and links the provider's subject, later ones go by the subject; nobody unknown
gets in or gets an account; a token for another client or issuer, a replayed or expired state are
refused; the optional group mapping. Each refusal and link is in the security log."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from allauth.socialaccount.models import SocialAccount
from django.test import Client

from helhet.accounts.middleware import SESSION_KEY
from helhet.accounts.models import Membership, SsoProvider, User
from helhet.accounts.sso.services import sso_provider_create
from helhet.organization.models import Municipality
from tests.accounts.oidc_provider import Provider, path_of, running_provider
from tests.conftest import membership_of


@pytest.fixture(scope="module")
def oidc() -> Iterator[Provider]:
    with running_provider() as provider:
        yield provider


@pytest.fixture
def sso(oidc: Provider, stavanger: Municipality) -> SsoProvider:
    oidc.tamper = {}
    return sso_provider_create(
        actor=None,
        municipality=stavanger,
        name="Stavanger kommune (Entra ID)",
        issuer=oidc.url,
        client_id="helhet-stavanger",
        secret="hemmelig-klienthemmelighet",
    )


def _start(client: Client, sso: SsoProvider, next_url: str = "") -> str:
    answer = client.post(f"/sso/{sso.provider_id}/login/", {"next": next_url} if next_url else {})
    assert answer.status_code == 302, answer.content
    return str(answer["Location"])


def sign_in(client: Client, oidc: Provider, sso: SsoProvider, sub: str, next_url: str = "") -> Any:
    """The browser's round trip: Helhet → the provider (sign in as ``sub``) → Helhet's callback."""
    back = oidc.authorize(_start(client, sso, next_url), sub)
    return client.get(path_of(back))


def _events(caplog: pytest.LogCaptureFixture) -> list[dict[str, Any]]:
    return [r.security for r in caplog.records if r.name == "helhet.security"]  # type: ignore[attr-defined]


def _user_id(client: Client) -> int | None:
    value = client.session.get("_auth_user_id")
    return int(value) if value else None


def test_first_sign_in_links_the_member_by_verified_email_later_ones_go_by_subject(
    oidc: Provider, sso: SsoProvider, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="helhet.security")
    leser = membership_of("leser").user
    # Added by the administrator with a password they chose: never asked to change it when
    # they log in without it.
    User.objects.filter(pk=leser.pk).update(must_change_password=True)
    oidc.set_person("entra-oid-1", email=leser.email.upper(), email_verified=True, name="Gunn Bø")

    client = Client()
    to_provider = _start(client, sso, "/portefolje/")
    assert to_provider.startswith(f"{oidc.url}/oauth2/authorize?")
    assert "code_challenge_method=S256" in to_provider  # PKCE
    answer = client.get(path_of(oidc.authorize(to_provider, "entra-oid-1")))

    assert (answer.status_code, answer["Location"]) == (302, "/portefolje/")
    assert _user_id(client) == leser.pk
    assert client.session[SESSION_KEY] == sso.municipality_id
    link = SocialAccount.objects.get(user=leser)
    assert (link.provider, link.uid) == (sso.provider_id, "entra-oid-1")
    # Every login is logged as login.ok (helhet/accounts/lockout.py); sso.login.ok names the
    # login service and municipality.
    events = _events(caplog)
    assert [e["event"] for e in events] == ["sso.linked", "login.ok", "sso.login.ok"]
    assert events[-1]["provider_id"] == sso.pk
    assert client.get("/").status_code == 200

    # Her e-mail changes at the provider: the subject still signs her in, no new link is made.
    oidc.set_person("entra-oid-1", email="gunn.bo@annet.example", email_verified=True)
    again = Client()
    assert sign_in(again, oidc, sso, "entra-oid-1").status_code == 302
    assert _user_id(again) == leser.pk
    assert SocialAccount.objects.filter(user=leser).count() == 1

    # Another subject with her e-mail is not her.
    oidc.set_person("entra-oid-2", email=leser.email, email_verified=True)
    intruder = Client()
    assert sign_in(intruder, oidc, sso, "entra-oid-2").status_code == 403
    assert _user_id(intruder) is None
    assert _events(caplog)[-1]["reason"] == "linked_to_another_subject"


def test_someone_unknown_is_asked_to_see_their_administrator_and_gets_no_account(
    oidc: Provider, sso: SsoProvider, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="helhet.security")
    users_before = User.objects.count()
    oidc.set_person("ukjent", email="ny.ansatt@stavanger.kommune.example", email_verified=True)
    # A member's e-mail the provider does not vouch for, and a member of another municipality.
    oidc.set_person("uverifisert", email=membership_of("admin").user.email, email_verified=False)
    bergen_person = Membership.objects.filter(municipality__slug="bergen").first()
    assert bergen_person is not None
    oidc.set_person("bergenser", email=bergen_person.user.email, email_verified=True)

    for sub, reason in [
        ("ukjent", "unknown_person"),
        ("uverifisert", "no_verified_email"),
        ("bergenser", "unknown_person"),
    ]:
        client = Client()
        answer = sign_in(client, oidc, sso, sub)
        assert answer.status_code == 403, sub
        assert "accounts/sso_refused.html" in [t.name for t in answer.templates]
        assert "Spør administratoren" in answer.content.decode()
        assert _user_id(client) is None
        assert _events(caplog)[-1] == {
            "event": "sso.login.refused",
            "provider_id": sso.pk,
            "municipality_id": sso.municipality_id,
            "reason": reason,
            "address": "127.0.0.1",
        }
    assert User.objects.count() == users_before
    assert not SocialAccount.objects.exists()


@pytest.mark.parametrize("claim", [{"aud": "another-client"}, {"iss": "https://idp.example"}])
def test_an_id_token_for_another_client_or_from_another_issuer_is_refused(
    oidc: Provider, sso: SsoProvider, claim: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="helhet.security")
    oidc.set_person("entra-oid-3", email=membership_of("admin").user.email, email_verified=True)
    oidc.tamper = claim
    client = Client()

    answer = sign_in(client, oidc, sso, "entra-oid-3")

    assert answer.status_code == 400
    assert "Innloggingen lyktes ikke" in answer.content.decode()
    assert _user_id(client) is None
    assert not SocialAccount.objects.exists()
    assert _events(caplog)[-1]["reason"] == "provider_error"


def test_a_replayed_or_expired_state_is_refused(oidc: Provider, sso: SsoProvider) -> None:
    oidc.set_person("entra-oid-4", email=membership_of("admin").user.email, email_verified=True)
    client = Client()
    back = path_of(oidc.authorize(_start(client, sso), "entra-oid-4"))
    assert client.get(back).status_code == 302
    client.logout()

    # The same answer again, in the same browser or another one: the state was used.
    assert client.get(back).status_code == 400
    assert Client().get(back).status_code == 400
    assert _user_id(client) is None

    # A login left waiting longer than allauth's state lifetime (10 minutes).
    slow = Client()
    back = path_of(oidc.authorize(_start(slow, sso), "entra-oid-4"))
    session = slow.session
    states = session["socialaccount_states"]
    for state_id, (state, started, provider_id) in states.items():
        states[state_id] = (state, started - 601, provider_id)
    session.save()
    assert slow.get(back).status_code == 400
    assert _user_id(slow) is None


def test_the_group_mapping_gives_the_role_and_refuses_those_it_names_no_role_for(
    oidc: Provider, sso: SsoProvider
) -> None:
    sso.group_roles = "grp-portefolje = portfolio_office\ngrp-alle = reader"
    sso.save()
    leser = membership_of("leser")
    oidc.set_person(
        "entra-oid-5", email=leser.user.email, email_verified=True, groups=["grp-portefolje"]
    )
    assert sign_in(Client(), oidc, sso, "entra-oid-5").status_code == 302
    leser.refresh_from_db()
    assert leser.role == "portfolio_office"

    oidc.set_person("entra-oid-5", email=leser.user.email, email_verified=True, groups=["annet"])
    client = Client()
    assert sign_in(client, oidc, sso, "entra-oid-5").status_code == 403
    assert _user_id(client) is None


def test_the_login_page_offers_each_provider_in_use(sso: SsoProvider) -> None:
    page = Client().get("/logg-inn/").content.decode()
    assert "Logg inn med Stavanger kommune (Entra ID)" in page
    assert f'action="/sso/{sso.provider_id}/login/"' in page


def test_the_administrator_removes_a_link_and_the_next_sign_in_matches_by_email_again(
    oidc: Provider, sso: SsoProvider, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="helhet.security")
    leser = membership_of("leser")
    oidc.set_person("entra-oid-6", email=leser.user.email, email_verified=True)
    assert sign_in(Client(), oidc, sso, "entra-oid-6").status_code == 302
    admin = Client()
    admin.force_login(membership_of("admin").user)
    assert "Koblet til Stavanger kommune (Entra ID)" in (
        admin.get(f"/personer/{leser.pk}/endre/").content.decode()
    )

    removed = admin.post(f"/personer/{leser.pk}/innlogging/")

    assert removed["Location"] == f"/personer/{leser.pk}/endre/"
    assert not SocialAccount.objects.filter(user=leser.user).exists()
    assert _events(caplog)[-1]["event"] == "sso.unlinked"
    oidc.set_person("entra-oid-7", email=leser.user.email, email_verified=True)
    client = Client()
    assert sign_in(client, oidc, sso, "entra-oid-7").status_code == 302
    assert _user_id(client) == leser.user.pk


def test_a_sign_in_link_opened_directly_asks_before_leaving_for_the_provider(
    oidc: Provider, sso: SsoProvider
) -> None:
    client = Client()
    page = client.get(f"/sso/{sso.provider_id}/login/?next=/portefolje/")
    assert page.status_code == 200
    assert "Du blir sendt til Stavanger kommune (Entra ID)" in page.content.decode()
    onwards = client.post(f"/sso/{sso.provider_id}/login/?next=/portefolje/")
    assert onwards["Location"].startswith(f"{oidc.url}/oauth2/authorize?")
    assert Client().get("/sso/helhet-999999/login/").status_code == 404


def test_a_person_added_without_a_password_logs_in_only_through_the_provider(
    oidc: Provider, sso: SsoProvider
) -> None:
    admin = Client()
    admin.force_login(membership_of("admin").user)
    person = {"username": "kari.nord", "first_name": "Kari", "last_name": "Nord", "role": "reader"}
    refused = admin.post("/personer/ny/", {**person, "password": ""})
    assert refused.status_code == 400  # the login service finds people by e-mail: it is needed
    email = "kari.nord@stavanger.kommune.example"
    assert (
        admin.post("/personer/ny/", {**person, "email": email, "password": ""}).status_code == 302
    )
    kari = User.objects.get(username="kari.nord")
    assert not kari.has_usable_password() and not kari.must_change_password
    assert Client().post("/logg-inn/", {"username": "kari.nord", "password": ""}).status_code == 400

    oidc.set_person("entra-kari", email=email, email_verified=True)
    client = Client()
    assert sign_in(client, oidc, sso, "entra-kari").status_code == 302
    assert _user_id(client) == kari.pk
