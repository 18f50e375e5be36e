"""In English, numbers and dates follow one locale (British English) on every page: thousands
with commas, a decimal point, "1 January 2026"; in bokmål they stay Norwegian."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client

from helhet.organization.models import Municipality
from helhet.portfolio.services import initiative_update
from tests.benefits.helpers import benefit, dispensers, indicator
from tests.maturity.matrix_catalogue import catalogue_service

pytestmark = pytest.mark.django_db


def _in(language: str, client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def test_the_benefits_plan_in_english_writes_numbers_and_dates_the_english_way(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    indicator(stavanger)
    benefit(stavanger)

    page = _in("en", login("leser")).get(f"/gevinster/tiltak/{dispensers(stavanger).pk}/")
    body = page.content.decode()

    assert "1,613,764" in body  # the planned benefit
    assert "31.5" in body  # the indicator's target
    assert "31,5" not in body
    assert "1 January 2026" in body
    assert "1. January" not in body


def test_the_initiative_page_in_english_writes_money_and_dates_the_english_way(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    initiative = dispensers(stavanger)
    initiative_update(
        actor=None,
        initiative=initiative,
        expected_version=initiative.version,
        fields={"estimated_cost": Decimal("8452.50"), "planned_start": date(2026, 3, 1)},
    )

    body = _in("en", login("leser")).get(f"/portefolje/tiltak/{initiative.pk}/").content.decode()

    assert "8,452.50 kr" in body
    assert "1 March 2026" in body
    assert "1. March" not in body


def test_in_bokmal_numbers_and_dates_stay_norwegian(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    indicator(stavanger)
    body = login("leser").get(f"/gevinster/tiltak/{dispensers(stavanger).pk}/").content.decode()

    assert "1\u00a0613\u00a0764" in body
    assert "31,5" in body
    assert "1. januar 2026" in body


def test_short_dates_follow_the_language_too(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    service = catalogue_service(stavanger)
    english = _in("en", login("leser")).get(f"/tjenester/{service.pk}/").content.decode()
    bokmal = login("leser").get(f"/tjenester/{service.pk}/").content.decode()

    assert "30/06/2021" in english
    assert "30.06.2021" not in english
    assert "30.06.2021" in bokmal
