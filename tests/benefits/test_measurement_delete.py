"""measurement_delete and its page: the one who recorded a measurement, or the benefit's owners and
responsible line manager, delete it; the history keeps it, the evidence file goes."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from helhet.accounts.models import User
from helhet.benefits.models import Benefit, BenefitStatus, Measurement
from helhet.benefits.services.follow_up import measurement_delete
from helhet.organization.models import Municipality
from tests.benefits.follow_up import days_ago, record
from tests.benefits.helpers import indicator
from tests.conftest import database_state
from tests.documents import files
from tests.documents.helpers import stored_files

pytestmark = pytest.mark.django_db


def _measured(stavanger: Municipality) -> Measurement:
    return record(
        indicator(stavanger), days_ago(10), "50", evidence=files.upload("liste.pdf", files.pdf())
    )


def test_the_owner_deletes_a_measurement_and_its_file(
    stavanger: Municipality, django_capture_on_commit_callbacks: Callable[..., object]
) -> None:
    measurement = _measured(stavanger)

    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        measurement_delete(actor=User.objects.get(username="gevinsteier"), measurement=measurement)

    assert not Measurement.objects.exists()
    assert stored_files() == []
    assert Measurement.history.filter(history_type="-").count() == 1


def test_the_responsible_line_manager_may_delete_it(stavanger: Municipality) -> None:
    measurement = _measured(stavanger)

    measurement_delete(actor=User.objects.get(username="eier"), measurement=measurement)

    assert not Measurement.objects.exists()


def test_the_project_leader_may_not_delete_it(stavanger: Municipality) -> None:
    measurement = _measured(stavanger)
    before = database_state()

    with pytest.raises(PermissionDenied):
        measurement_delete(
            actor=User.objects.get(username="prosjektleder"), measurement=measurement
        )

    assert database_state() == before


def test_measurements_of_a_realised_benefit_are_kept(stavanger: Municipality) -> None:
    measurement = _measured(stavanger)
    Benefit.objects.update(status=BenefitStatus.REALISED)
    measurement = Measurement.objects.select_related("indicator__benefit").get()
    before = database_state()

    with pytest.raises(ValidationError):
        measurement_delete(actor=User.objects.get(username="gevinsteier"), measurement=measurement)

    assert database_state() == before


def test_the_page_asks_first_then_deletes_and_goes_back(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    measurement = _measured(stavanger)
    client = login("gevinsteier")
    path = f"/gevinster/maalinger/{measurement.pk}/slett/"

    assert client.get(path).status_code == 200
    assert Measurement.objects.exists()
    response = client.post(path, {"next": "/gevinster/mine/"})

    assert response["Location"] == "/gevinster/mine/"
    assert not Measurement.objects.exists()


def test_the_page_says_why_a_realised_benefits_measurement_stays(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    measurement = _measured(stavanger)
    Benefit.objects.update(status=BenefitStatus.REALISED)
    client = login("gevinsteier")
    before = database_state()

    response = client.post(f"/gevinster/maalinger/{measurement.pk}/slett/")

    assert response.status_code == 400
    assert 'id="refused"' in response.content.decode()
    assert database_state() == before


def test_deleting_the_newest_measurement_makes_the_one_before_the_latest(
    stavanger: Municipality,
) -> None:
    found = indicator(stavanger)
    record(found, days_ago(100), "60")
    newest = record(found, days_ago(10), "40")

    measurement_delete(actor=User.objects.get(username="gevinsteier"), measurement=newest)
    found.refresh_from_db()

    assert (found.latest_measured_on, found.latest_value) == (days_ago(100), Decimal(60))
