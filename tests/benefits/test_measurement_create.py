"""The page /gevinster/indikatorer/<pk>/maalinger/ny/: the benefits owner records a measurement
as people write numbers, with an optional evidence file; a bad form answers 400 and changes
nothing; when saved, the owner is taken back and shown the new achievement."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.template.defaultfilters import filesizeformat
from django.test import Client
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from pytest_django.fixtures import Settings

from helhet.benefits.models import Measurement
from helhet.organization.models import Municipality
from tests.benefits.follow_up import measurement_form
from tests.benefits.helpers import dispensers, indicator
from tests.documents import files
from tests.documents.helpers import full_state, stored_files

pytestmark = pytest.mark.django_db


def _path(stavanger: Municipality) -> str:
    return f"/gevinster/indikatorer/{indicator(stavanger).pk}/maalinger/ny/"


def test_the_form_shows_the_baseline_and_target_to_measure_against(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    response = login("gevinsteier").get(_path(stavanger))

    page = response.content.decode()
    assert response.status_code == 200
    assert "69" in page and "31,5" in page
    assert 'enctype="multipart/form-data"' in page


def test_a_saved_measurement_takes_the_owner_back_with_the_new_achievement(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    client = login("gevinsteier")

    response = client.post(
        _path(stavanger), measurement_form(value="50", next="/gevinster/mine/"), follow=True
    )

    assert response.redirect_chain == [("/gevinster/mine/", 302)]
    message = str(next(iter(response.context["messages"])))
    assert _("Achievement is now %(achievement)s.") % {"achievement": "51\u00a0%"} in message
    assert Measurement.objects.get().comment == "Telt i turnuslisten."


def test_numbers_are_read_as_people_write_them(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    login("gevinsteier").post(_path(stavanger), measurement_form(value="31,5"))

    assert str(Measurement.objects.get().value.normalize()) == "31.5"


def test_text_in_the_number_field_is_refused_and_changes_nothing(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    path = _path(stavanger)
    client = login("gevinsteier")
    before = full_state()

    response = client.post(path, measurement_form(value="omtrent femti"))

    assert response.status_code == 400
    assert escape(_("Enter a number, e.g. 1 613 764 or 31,5.")) in response.content.decode()
    assert full_state() == before


def test_a_date_in_the_future_is_refused_on_the_date_field(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    path = _path(stavanger)
    client = login("gevinsteier")
    before = full_state()
    tomorrow = timezone.localdate() + timedelta(days=1)

    response = client.post(path, measurement_form(measured_on=tomorrow.isoformat()))

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["measured_on"]
    assert full_state() == before


def test_a_negative_count_is_refused_on_the_value_field(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    path = _path(stavanger)
    client = login("gevinsteier")
    before = full_state()

    response = client.post(path, measurement_form(value="-1"))

    assert response.status_code == 400
    assert response.context["form"].errors["value"] == [
        _("The value cannot be negative in this unit.")
    ]
    assert full_state() == before


def test_an_evidence_file_is_uploaded_with_the_measurement(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    response = login("gevinsteier").post(
        _path(stavanger),
        {**measurement_form(), "evidence": files.upload("turnus.png", files.png())},
    )

    assert response.status_code == 302
    assert Measurement.objects.get().evidence_name == "turnus.png"
    assert len(stored_files()) == 1


def test_evidence_of_a_kind_not_accepted_is_refused_and_not_kept(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    path = _path(stavanger)
    client = login("gevinsteier")
    before = full_state()

    response = client.post(
        path, {**measurement_form(), "evidence": files.upload("turnus.pdf", files.html())}
    )

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["evidence"]
    assert full_state() == before


def test_evidence_over_the_limit_is_stopped_while_it_is_read(
    stavanger: Municipality, login: Callable[[str], Client], settings: Settings
) -> None:
    settings.HELHET_UPLOAD_MAX_BYTES = 1000
    path = _path(stavanger)
    client = login("gevinsteier")
    before = full_state()

    response = client.post(
        path,
        {
            **measurement_form(),
            "evidence": files.upload("turnus.pdf", files.pdf() + b"0" * 200_000),
        },
    )

    assert response.status_code == 400
    assert response.context["form"].errors["evidence"] == [
        _("The file is too large. Files may be at most %(limit)s.")
        % {"limit": filesizeformat(1000)}
    ]
    assert full_state() == before


def test_the_form_checks_the_csrf_token(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    path = _path(stavanger)
    client = login("gevinsteier")
    client.handler.enforce_csrf_checks = True

    response = client.post(path, measurement_form())

    assert response.status_code == 403
    assert not Measurement.objects.exists()


def test_a_next_address_on_another_site_is_ignored(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    response = login("gevinsteier").post(_path(stavanger), measurement_form(next="//evil.example/"))

    assert response["Location"] == "/gevinster/mine/"


def test_the_project_leader_is_offered_the_form_and_someone_else_is_not(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    # The project's own leader records; what they record counts once confirmed
    # (tests/benefits/test_measurement_segregation.py).
    assert login("prosjektleder").get(_path(stavanger)).status_code == 200
    assert login("direktor").get(_path(stavanger)).status_code == 403


def test_the_plan_offers_the_owner_and_the_project_leader_to_record_but_not_a_reader(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    path = _path(stavanger)
    plan = f"/gevinster/tiltak/{dispensers(stavanger).pk}/"

    assert path in login("gevinsteier").get(plan).content.decode()
    assert path in login("prosjektleder").get(plan).content.decode()
    assert path not in login("leser").get(plan).content.decode()
