"""``manage.py create_api_token``: prints a token once; the token works as a bearer token."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from helhet.accounts.models import ApiToken, Membership, User
from helhet.accounts.roles import Role
from helhet.organization.models import Municipality


def _create_token(*args: str) -> str:
    out = StringIO()
    call_command("create_api_token", *args, stdout=out)
    return out.getvalue().strip()


def test_the_printed_token_works_as_a_bearer_token(demo: dict[str, Municipality]) -> None:
    key = _create_token("prosjektleder")

    response = Client().get("/api/v1/me", headers={"Authorization": f"Bearer {key}"})

    assert response.status_code == 200
    assert response.json()["username"] == "prosjektleder"


def test_only_a_hash_of_the_token_is_stored(demo: dict[str, Municipality]) -> None:
    key = _create_token("admin", "--name", "Rapportering til Power BI")

    token = ApiToken.objects.get()
    assert key not in token.key_hash
    assert (token.key_hash, token.name) == (ApiToken.hash_key(key), "Rapportering til Power BI")


def test_an_unknown_username_is_an_error_that_names_it(demo: dict[str, Municipality]) -> None:
    with pytest.raises(CommandError, match="ukjentperson"):
        _create_token("ukjentperson")
    assert not ApiToken.objects.exists()


def test_a_person_in_several_municipalities_must_name_one(
    bergen: Municipality,
) -> None:
    Membership.objects.create(
        municipality=bergen, user=User.objects.get(username="admin"), role=Role.READER
    )

    with pytest.raises(CommandError, match="--municipality"):
        _create_token("admin")
    key = _create_token("admin", "--municipality", "bergen")

    me = Client().get("/api/v1/me", headers={"Authorization": f"Bearer {key}"}).json()
    assert (me["municipality"]["slug"], me["role"]) == ("bergen", Role.READER)


def test_a_municipality_the_person_is_not_in_is_an_error(demo: dict[str, Municipality]) -> None:
    with pytest.raises(CommandError, match="bergen"):
        _create_token("admin", "--municipality", "bergen")


def test_a_read_only_token_for_a_chosen_number_of_days(demo: dict[str, Municipality]) -> None:
    key = _create_token("admin", "--scope", "read", "--days", "30")

    token = ApiToken.objects.get()
    assert token.scope == ApiToken.Scope.READ
    assert token.expires_on == timezone.localdate() + datetime.timedelta(days=30)
    refused = Client().post(
        "/api/v1/initiatives",
        {},
        content_type="application/json",
        headers={"Authorization": f"Bearer {key}"},
    )
    assert refused.status_code == 403


def test_more_than_a_year_is_an_error(demo: dict[str, Municipality]) -> None:
    with pytest.raises(CommandError, match="ett år"):
        _create_token("admin", "--days", "400")
    assert not ApiToken.objects.exists()
