"""``api_token_create`` and ``api_token_revoke``: a named token with a scope and an expiry date
(90 days unless chosen, at most a year), only its hash stored, both changes in the history."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from helhet.accounts.models import ApiToken
from helhet.accounts.services import api_token_create, api_token_revoke
from helhet.organization.models import Municipality
from tests.conftest import membership_of


def _today() -> datetime.date:
    return timezone.localdate()


def test_a_token_expires_after_90_days_unless_chosen(demo: dict[str, Municipality]) -> None:
    token, _key = api_token_create(membership=membership_of("leser"), name="Power BI")

    assert token.expires_on == _today() + datetime.timedelta(days=90)
    assert token.scope == ApiToken.Scope.READ_WRITE


def test_a_token_gets_its_name_scope_and_expiry(demo: dict[str, Municipality]) -> None:
    expires = _today() + datetime.timedelta(days=30)
    token, key = api_token_create(
        membership=membership_of("leser"),
        name="Rapportering",
        scope=ApiToken.Scope.READ,
        expires_on=expires,
    )

    token.refresh_from_db()
    assert (token.name, token.scope, token.expires_on) == ("Rapportering", "read", expires)
    assert key not in token.key_hash


@pytest.mark.parametrize("days", [0, -1, 366])
def test_an_expiry_today_in_the_past_or_over_a_year_ahead_is_refused(
    days: int, demo: dict[str, Municipality]
) -> None:
    with pytest.raises(ValidationError) as refused:
        api_token_create(
            membership=membership_of("leser"),
            name="Power BI",
            expires_on=_today() + datetime.timedelta(days=days),
        )
    assert "expires_on" in refused.value.message_dict
    assert not ApiToken.objects.exists()


def test_a_year_ahead_is_the_longest_allowed(demo: dict[str, Municipality]) -> None:
    token, _key = api_token_create(
        membership=membership_of("leser"),
        name="Power BI",
        expires_on=_today() + datetime.timedelta(days=365),
    )
    assert token.pk


def test_a_token_needs_a_name(demo: dict[str, Municipality]) -> None:
    with pytest.raises(ValidationError) as refused:
        api_token_create(membership=membership_of("leser"), name="  ")
    assert "name" in refused.value.message_dict


def test_making_and_revoking_a_token_is_in_its_history_with_who_did_it(
    demo: dict[str, Municipality],
) -> None:
    admin = membership_of("admin").user
    token, _key = api_token_create(membership=membership_of("leser"), name="Power BI", actor=admin)
    api_token_revoke(token=token, actor=admin)

    rows = list(token.history.order_by("history_id"))
    assert [(row.history_type, row.history_user) for row in rows] == [("+", admin), ("~", admin)]
    assert rows[-1].revoked_at is not None
    assert not hasattr(rows[0], "key_hash")
