"""API tokens in the app: a person makes (the token shown once), sees and revokes their own; the
administrator sees and revokes every token in the municipality, never another municipality's."""

import datetime
import re
from collections.abc import Callable

from django.test import Client
from django.utils import timezone

from helhet.accounts.models import ApiToken
from helhet.accounts.services import api_token_create
from helhet.organization.models import Municipality
from tests.conftest import count_queries, membership_of

OWN = "/konto/api-nokler/"
ALL = "/personer/api-nokler/"


def _token_of(username: str, name: str = "Power BI") -> ApiToken:
    return api_token_create(membership=membership_of(username), name=name)[0]


def _make(client: Client, **fields: str) -> object:
    expires = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    data = {"name": "Rapportering til Power BI", "scope": "read", "expires_on": expires}
    return client.post(OWN, {**data, **fields})


def test_a_person_makes_a_token_and_sees_it_once(login: Callable[[str], Client]) -> None:
    client = login("prosjektleder")

    response = _make(client)

    assert response.status_code == 200  # type: ignore[attr-defined]
    page = response.content.decode()  # type: ignore[attr-defined]
    key = re.search(r"(hh_[A-Za-z0-9_-]{20,})", page)
    assert key
    token = ApiToken.objects.get()
    assert (token.name, token.scope, token.user.username) == (
        "Rapportering til Power BI",
        "read",
        "prosjektleder",
    )
    assert token.key_hash == ApiToken.hash_key(key.group(1))
    assert key.group(1) not in client.get(OWN).content.decode()
    me = Client().get("/api/v1/me", headers={"Authorization": f"Bearer {key.group(1)}"})
    assert me.status_code == 200


def test_the_form_offers_90_days_and_read_only_first(login: Callable[[str], Client]) -> None:
    page = login("leser").get(OWN).content.decode()

    default = (timezone.localdate() + datetime.timedelta(days=90)).isoformat()
    assert f'value="{default}"' in page
    assert re.search(r'value="read"[^>]*checked', page)


def test_an_expiry_over_a_year_ahead_is_refused_in_norwegian(
    login: Callable[[str], Client],
) -> None:
    too_late = (timezone.localdate() + datetime.timedelta(days=400)).isoformat()

    response = _make(login("leser"), expires_on=too_late)

    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "senest ett år fram" in response.content.decode()  # type: ignore[attr-defined]
    assert not ApiToken.objects.exists()


def test_a_person_sees_only_their_own_tokens_with_last_use(
    login: Callable[[str], Client],
) -> None:
    mine = _token_of("leser", "Min nøkkel")
    ApiToken.objects.filter(pk=mine.pk).update(
        last_used_at=timezone.make_aware(datetime.datetime(2026, 11, 30, 14, 5))
    )
    _token_of("admin", "Administratorens nøkkel")

    page = login("leser").get(OWN).content.decode()

    assert "Min nøkkel" in page
    assert "30.11.2026" in page
    assert "Administratorens nøkkel" not in page


def test_a_person_revokes_their_own_token(login: Callable[[str], Client]) -> None:
    token = _token_of("leser")

    response = login("leser").post(f"{OWN}{token.pk}/trekk-tilbake/")

    assert (response.status_code, response["Location"]) == (302, OWN)
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_a_person_cannot_revoke_someone_elses_token(login: Callable[[str], Client]) -> None:
    token = _token_of("admin")

    response = login("leser").post(f"{OWN}{token.pk}/trekk-tilbake/")

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_administrator_sees_every_token_in_the_municipality(
    login: Callable[[str], Client],
) -> None:
    _token_of("leser", "Lesers nøkkel")
    _token_of("prosjektleder", "Prosjektleders nøkkel")
    _token_of("bergen-admin", "Bergens nøkkel")

    page = login("admin").get(ALL).content.decode()

    assert "Lesers nøkkel" in page
    assert "Prosjektleders nøkkel" in page
    assert "Bergens nøkkel" not in page


def test_the_administrator_revokes_someone_elses_token(login: Callable[[str], Client]) -> None:
    token = _token_of("leser")

    response = login("admin").post(f"{OWN}{token.pk}/trekk-tilbake/")

    assert (response.status_code, response["Location"]) == (302, ALL)
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert token.history.latest().history_user.username == "admin"


def test_the_administrator_cannot_revoke_another_municipalitys_token(
    login: Callable[[str], Client],
) -> None:
    token = _token_of("bergen-admin")

    assert login("admin").post(f"{OWN}{token.pk}/trekk-tilbake/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_only_the_administrator_sees_all_tokens(login: Callable[[str], Client]) -> None:
    assert login("portefolje").get(ALL).status_code == 403


def test_the_lists_use_as_many_queries_for_thirty_tokens_as_for_three(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    client = login("admin")
    for username in ("admin", "leser", "prosjektleder"):
        _token_of(username)
    client.get(OWN)
    own, everyone = count_queries(client, OWN), count_queries(client, ALL)

    for index in range(27):
        _token_of(["admin", "leser", "eier"][index % 3], f"Nøkkel {index}")

    assert (count_queries(client, OWN), count_queries(client, ALL)) == (own, everyone)


def test_the_page_with_the_new_token_is_never_cached(login: Callable[[str], Client]) -> None:
    response = _make(login("leser"))

    assert "no-store" in response["Cache-Control"]  # type: ignore[index]
