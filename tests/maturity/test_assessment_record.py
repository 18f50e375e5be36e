"""assessment_record: one assessment per service and date (a date again changes it, the history
keeps what it said), never in the future, and "not classified" only from an import."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from helhet.accounts.models import User
from helhet.maturity.models import Answer, Assessment, MaturityLevel
from helhet.maturity.services.assessments import assessment_record
from helhet.organization.models import Municipality
from tests.conftest import database_state
from tests.maturity.matrix_catalogue import catalogue_service
from tests.portfolio.exchange_files import t


def _record(service: Any, on: date, **answers: str) -> Assessment:
    values = {
        "application": Answer.NO,
        "application_comment": "",
        "transfer": Answer.NO,
        "transfer_comment": "",
        "answer": Answer.NO,
        "answer_comment": "",
        **answers,
    }
    return assessment_record(actor=None, service=service, assessed_on=on, **values)  # type: ignore[arg-type]


def test_an_assessment_records_the_three_answers_with_comments(stavanger: Municipality) -> None:
    service = catalogue_service(stavanger, "Deling/sammenslåing av grunneiendom", area="Plan")
    portefolje = User.objects.get(username="portefolje")

    assessment = assessment_record(
        actor=portefolje,
        service=service,
        assessed_on=date(2024, 3, 1),
        application=Answer.PARTLY,
        application_comment="E-skjema for private, ikke for meglere.",
        transfer=Answer.NO,
        transfer_comment="Kommer pr. post.",
        answer=Answer.YES,
        answer_comment="",
        source="Egenvurdering 2024",
    )

    saved = Assessment.objects.get(pk=assessment.pk)
    assert (saved.application, saved.transfer, saved.answer) == ("partly", "no", "yes")
    assert saved.transfer_comment == "Kommer pr. post."
    assert saved.recorded_by == portefolje
    assert saved.stops_at == MaturityLevel.ELECTRONIC_APPLICATION


def test_assessments_of_other_dates_are_kept_as_history(stavanger: Municipality) -> None:
    service = catalogue_service(stavanger)  # assessed 30.06.2021

    _record(service, date(2024, 6, 30), application=Answer.YES)

    assert list(service.assessments.values_list("assessed_on", flat=True)) == [
        date(2024, 6, 30),
        date(2021, 6, 30),
    ]


def test_recording_the_same_date_again_changes_it_and_the_history_says_so(
    stavanger: Municipality,
) -> None:
    service = catalogue_service(stavanger)
    admin = User.objects.get(username="admin")

    assessment_record(
        actor=admin,
        service=service,
        assessed_on=date(2021, 6, 30),
        application=Answer.YES,
        application_comment="",
        transfer=Answer.PARTLY,
        transfer_comment="Bare noen søknader.",
        answer=Answer.YES,
        answer_comment="",
    )

    assessment = service.assessments.get()
    assert assessment.transfer == Answer.PARTLY
    records = list(assessment.history.order_by("history_date"))
    assert [r.transfer for r in records] == [Answer.YES, Answer.PARTLY]
    assert records[-1].history_user == admin


def test_a_date_in_the_future_is_refused(stavanger: Municipality) -> None:
    service = catalogue_service(stavanger)
    before = database_state()

    with pytest.raises(ValidationError) as raised:
        _record(service, timezone.localdate() + timedelta(days=1))

    assert raised.value.message_dict["assessed_on"] == [t("The date cannot be in the future.")]
    assert database_state() == before


def test_today_is_accepted(stavanger: Municipality) -> None:
    assessment = _record(catalogue_service(stavanger), timezone.localdate())

    assert assessment.pk is not None


def test_an_answer_outside_the_choices_is_refused(stavanger: Municipality) -> None:
    service = catalogue_service(stavanger)
    before = database_state()

    with pytest.raises(ValidationError) as raised:
        _record(service, date(2024, 1, 1), transfer="maybe")

    assert raised.value.message_dict["transfer"] == [t("Choose yes, no, unsure or partly.")]
    assert database_state() == before


def test_a_person_cannot_record_an_answer_as_not_classified(stavanger: Municipality) -> None:
    service = catalogue_service(stavanger)

    with pytest.raises(ValidationError) as raised:
        _record(service, date(2024, 1, 1), answer=Answer.UNCLASSIFIED)

    assert list(raised.value.message_dict) == ["answer"]


def test_an_import_may_record_text_as_not_classified(stavanger: Municipality) -> None:
    service = catalogue_service(stavanger)

    assessment = assessment_record(
        actor=None,
        service=service,
        assessed_on=date(2024, 1, 1),
        application=Answer.YES,
        application_comment="",
        transfer=Answer.UNCLASSIFIED,
        transfer_comment="Registreres manuelt.",
        answer=Answer.YES,
        answer_comment="",
        imported=True,
    )

    assert assessment.transfer == Answer.UNCLASSIFIED
    assert assessment.stops_at == MaturityLevel.ELECTRONIC_TRANSFER


def test_classifying_an_imported_answer_replaces_it(stavanger: Municipality) -> None:
    service = catalogue_service(stavanger)
    on = date(2024, 1, 1)
    assessment_record(
        actor=None,
        service=service,
        assessed_on=on,
        application=Answer.YES,
        application_comment="",
        transfer=Answer.UNCLASSIFIED,
        transfer_comment="Registreres manuelt.",
        answer=Answer.YES,
        answer_comment="",
        imported=True,
    )

    _record(
        service,
        on,
        application=Answer.YES,
        transfer=Answer.NO,
        transfer_comment="Registreres manuelt.",
        answer=Answer.YES,
    )

    assert service.assessments.get(assessed_on=on).transfer == Answer.NO
