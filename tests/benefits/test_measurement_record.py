"""measurement_record: the benefits owner records a measurement; every refusal says why, on the
field it concerns, and changes nothing (no row, no history, no file)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from pytest_django.fixtures import Settings

from helhet.benefits.models import Benefit, BenefitStatus, Measurement
from helhet.organization.models import Municipality
from helhet.portfolio.models import InitiativeStatus
from tests.benefits.follow_up import days_ago, indicator_on, owned_benefit, record
from tests.benefits.helpers import benefit, dispensers, indicator
from tests.conftest import database_state
from tests.documents import files
from tests.documents.helpers import stored_files

pytestmark = pytest.mark.django_db


def _refusal(call: object) -> dict[str, list[str]]:
    before = database_state(), stored_files()
    with pytest.raises(ValidationError) as refused:
        call()  # type: ignore[operator]
    assert (database_state(), stored_files()) == before
    error = refused.value
    return error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}


def test_the_benefits_owner_records_a_measurement(stavanger: Municipality) -> None:
    found = indicator(stavanger)

    measurement = record(found, days_ago(10), "50", comment="Telt i turnuslisten.")

    assert measurement.value == Decimal(50)
    assert measurement.recorded_by is not None
    assert measurement.recorded_by.username == "gevinsteier"
    assert measurement.comment == "Telt i turnuslisten."
    assert measurement.history.get().history_user == measurement.recorded_by


def test_the_responsible_line_manager_records_a_measurement(stavanger: Municipality) -> None:
    found = indicator(stavanger)  # the demo project owner (eier) answers for the benefit

    measurement = record(found, days_ago(10), "50", by="eier")

    assert measurement.indicator == found


def test_the_first_measurement_marks_a_planned_benefit_as_being_realised(
    stavanger: Municipality,
) -> None:
    found = indicator(stavanger)

    record(found, days_ago(10), "50")

    assert Benefit.objects.get(pk=found.benefit_id).status == BenefitStatus.BEING_REALISED


@pytest.mark.parametrize("username", ["direktor", "admin", "portefolje", "leser"])
def test_someone_who_neither_owns_nor_answers_for_the_benefit_cannot_record(
    stavanger: Municipality, username: str
) -> None:
    found = indicator(stavanger)
    before = database_state()

    with pytest.raises(PermissionDenied):
        record(found, days_ago(10), "50", by=username)

    assert database_state() == before


def test_a_measurement_dated_before_the_baseline_is_refused(stavanger: Municipality) -> None:
    found = indicator(stavanger)

    errors = _refusal(lambda: record(found, date(2025, 12, 31), "50"))

    assert list(errors) == ["measured_on"]


def test_a_measurement_dated_in_the_future_is_refused(stavanger: Municipality) -> None:
    found = indicator(stavanger)
    tomorrow = timezone.localdate() + timedelta(days=1)

    errors = _refusal(lambda: record(found, tomorrow, "50"))

    assert list(errors) == ["measured_on"]


def test_a_second_measurement_on_the_same_date_is_refused(stavanger: Municipality) -> None:
    found = indicator(stavanger)
    record(found, days_ago(10), "50")

    errors = _refusal(lambda: record(found, days_ago(10), "45"))

    assert list(errors) == ["measured_on"]
    assert Measurement.objects.get(indicator=found).value == Decimal(50)


def test_a_negative_count_is_refused(stavanger: Municipality) -> None:
    found = indicator(stavanger)

    errors = _refusal(lambda: record(found, days_ago(10), "-3"))

    assert errors == {"value": [_("The value cannot be negative in this unit.")]}


def test_a_percent_over_100_is_refused(stavanger: Municipality) -> None:
    percent = indicator_on(owned_benefit(stavanger, "Tryggere brukere"))

    errors = _refusal(lambda: record(percent, days_ago(10), "100.5"))

    assert errors == {"value": [_("A percentage is between 0 and 100.")]}


def test_a_negative_value_is_accepted_in_a_unit_the_user_names(stavanger: Municipality) -> None:
    custom = indicator_on(
        owned_benefit(stavanger, "Bedre saldo"),
        unit="custom",
        unit_label="avvik i kroner",
        baseline_value=Decimal(-50),
        target_value=Decimal(0),
    )

    assert record(custom, days_ago(10), "-20").value == Decimal(-20)


@pytest.mark.parametrize("status", [BenefitStatus.REALISED, BenefitStatus.ABANDONED])
def test_a_benefit_whose_follow_up_has_ended_is_not_measured(
    stavanger: Municipality, status: str
) -> None:
    found = indicator(stavanger)
    Benefit.objects.filter(pk=found.benefit_id).update(status=status, abandon_reason="Stoppet.")
    found.refresh_from_db()

    errors = _refusal(lambda: record(found, days_ago(10), "50"))

    assert "__all__" in errors


def test_a_closed_projects_benefit_is_still_measured(stavanger: Municipality) -> None:
    initiative = dispensers(stavanger)
    initiative.status = InitiativeStatus.COMPLETED
    initiative.save()
    found = indicator(stavanger)

    assert record(found, days_ago(10), "40").value == Decimal(40)


def test_evidence_is_kept_with_its_name_kind_and_checksum(stavanger: Municipality) -> None:
    found = indicator(stavanger)

    measurement = record(
        found, days_ago(10), "50", evidence=files.upload("turnusliste.pdf", files.pdf())
    )

    assert measurement.evidence_name == "turnusliste.pdf"
    assert measurement.evidence_type == "pdf"
    assert measurement.evidence_size == len(files.pdf())
    assert len(measurement.evidence_sha256) == 64
    assert stored_files() == [measurement.evidence_stored_name]


def test_evidence_that_is_not_an_accepted_kind_is_refused(stavanger: Municipality) -> None:
    found = indicator(stavanger)
    program = files.upload("turnusliste.pdf", files.executable())

    errors = _refusal(lambda: record(found, days_ago(10), "50", evidence=program))

    assert list(errors) == ["evidence"]


def test_evidence_over_the_size_limit_is_refused(
    stavanger: Municipality, settings: Settings
) -> None:
    settings.HELHET_UPLOAD_MAX_BYTES = 100
    found = indicator(stavanger)
    large = files.upload("turnusliste.pdf", files.pdf() + b"0" * 200)

    errors = _refusal(lambda: record(found, days_ago(10), "50", evidence=large))

    assert errors == {
        "evidence": [
            _("The file is too large. Files may be at most %(limit)s.")
            % {"limit": filesizeformat(100)}
        ]
    }


def test_a_refused_measurement_leaves_its_evidence_file_behind_nowhere(
    stavanger: Municipality,
) -> None:
    found = indicator(stavanger)
    pdf = files.upload("turnusliste.pdf", files.pdf())

    _refusal(lambda: record(found, date(2025, 1, 1), "50", evidence=pdf))

    assert stored_files() == []


def test_the_evidence_file_is_removed_when_saving_fails(
    stavanger: Municipality, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = indicator(stavanger)

    def _fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(Measurement, "save", _fail)
    with pytest.raises(RuntimeError):
        record(found, days_ago(10), "50", evidence=files.upload("liste.pdf", files.pdf()))

    assert stored_files() == []


def test_another_benefit_of_the_same_owner_does_not_block_the_date(
    stavanger: Municipality,
) -> None:
    record(indicator(stavanger), days_ago(10), "50")
    other = indicator_on(owned_benefit(stavanger, "Tryggere brukere"))

    assert record(other, days_ago(10), "70").indicator == other
    assert benefit(stavanger).indicators.count() == 1


def test_the_indicator_keeps_its_newest_measurement_whatever_order_they_come_in(
    stavanger: Municipality,
) -> None:
    found = indicator(stavanger)

    record(found, days_ago(10), "40")
    record(found, days_ago(100), "60")  # an older one, recorded afterwards
    found.refresh_from_db()

    assert (found.latest_measured_on, found.latest_value) == (days_ago(10), Decimal(40))
