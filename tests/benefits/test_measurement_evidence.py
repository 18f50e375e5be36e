"""/gevinster/maalinger/<pk>/bevis/: a measurement's evidence file, downloaded as an attachment by
anyone who sees the portfolio, and listed with the measurement on the plan."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from helhet.organization.models import Municipality
from tests.benefits.follow_up import days_ago, record
from tests.benefits.helpers import dispensers, indicator
from tests.documents import files

pytestmark = pytest.mark.django_db


def test_a_reader_downloads_the_evidence_as_an_attachment(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    measurement = record(
        indicator(stavanger), days_ago(3), "50", evidence=files.upload("turnus.pdf", files.pdf())
    )

    response = login("leser").get(f"/gevinster/maalinger/{measurement.pk}/bevis/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "turnus.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == files.pdf()  # type: ignore[attr-defined]


def test_a_measurement_without_evidence_has_nothing_to_download(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    measurement = record(indicator(stavanger), days_ago(3), "50")

    response = login("leser").get(f"/gevinster/maalinger/{measurement.pk}/bevis/")

    assert response.status_code == 404


def test_the_plan_lists_each_measurement_with_comment_recorder_and_evidence(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    measurement = record(
        indicator(stavanger),
        days_ago(3),
        "50",
        comment="Telt i turnuslisten.",
        evidence=files.upload("turnus.pdf", files.pdf()),
    )

    page = login("leser").get(f"/gevinster/tiltak/{dispensers(stavanger).pk}/").content.decode()

    assert f'id="measurements-{measurement.indicator_id}"' in page
    assert "Telt i turnuslisten." in page
    assert f"/gevinster/maalinger/{measurement.pk}/bevis/" in page
    assert page.count("Tor Espeland") == 2  # the owner, and who recorded the measurement
