"""``manage.py benefits_reminders``: who should measure what, listed. It sends nothing (the
worker's daily job reminds them as notifications, tests/notifications/test_who_is_told.py), and
the old --send is refused with the reason."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext as _
from pytest_django.fixtures import Settings

from helhet.accounts.models import User
from helhet.benefits.models import Benefit, BenefitStatus
from helhet.benefits.selectors.due_measurements import owners_with_due_measurements
from helhet.organization.models import Municipality
from helhet.portfolio.models import InitiativeStatus
from tests.benefits.follow_up import indicator_on, owned_benefit, record
from tests.benefits.helpers import dispensers, indicator
from tests.conftest import database_state

pytestmark = pytest.mark.django_db

JUNE = "2026-06-15"


@pytest.fixture(autouse=True)
def _locmem(settings: Settings) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.DEFAULT_FROM_EMAIL = "helhet@stavanger.kommune.example"


def _run(*args: str) -> str:
    out = StringIO()
    call_command("benefits_reminders", *args, stdout=out)
    return out.getvalue()


def _nb(message: str) -> str:
    with translation.override("nb"):
        return _(message)


def test_it_lists_the_owner_and_the_overdue_indicator(stavanger: Municipality) -> None:
    found = indicator(stavanger)

    output = _run("--date", JUNE)

    assert "Tor Espeland <gevinsteier@stavanger.kommune.example>" in output
    assert "Medisindispensere – Færre hjemmebesøk – Besøk per dag" in output
    assert f"/gevinster/indikatorer/{found.pk}/maalinger/ny/" in output
    assert mail.outbox == []


def test_send_is_refused_with_the_reason_and_sends_nothing(stavanger: Municipality) -> None:
    indicator(stavanger)

    with pytest.raises(CommandError, match="--send er fjernet"):
        _run("--date", JUNE, "--send")

    assert mail.outbox == []


def test_an_owner_without_an_e_mail_address_is_listed_by_name(stavanger: Municipality) -> None:
    indicator(stavanger)
    User.objects.filter(username="gevinsteier").update(email="")

    assert "Tor Espeland\n" in _run("--date", JUNE)


def test_a_benefit_without_owners_reminds_its_responsible_line_manager(
    stavanger: Municipality,
) -> None:
    indicator_on(owned_benefit(stavanger, "Uten eier", owners=(), responsible="direktor"))

    output = _run("--date", JUNE)

    assert "<direktor@stavanger.kommune.example>" in output


def test_a_measurement_not_yet_due_is_not_asked_for(stavanger: Municipality) -> None:
    record(indicator(stavanger), date(2026, 6, 1), "50")

    assert _run("--date", JUNE) == _nb("No measurements are due or overdue.") + "\n"


def test_realised_and_abandoned_benefits_are_not_asked_for(stavanger: Municipality) -> None:
    indicator(stavanger)
    Benefit.objects.update(status=BenefitStatus.ABANDONED, abandon_reason="Stoppet.")
    indicator_on(owned_benefit(stavanger, "Ferdig", status=BenefitStatus.REALISED))

    assert owners_with_due_measurements(today=date(2026, 6, 15)) == []


def test_a_closed_projects_benefits_are_still_asked_for(stavanger: Municipality) -> None:
    indicator(stavanger)
    initiative = dispensers(stavanger)
    initiative.status = InitiativeStatus.COMPLETED
    initiative.save()

    assert "Besøk per dag" in _run("--date", JUNE)


def test_it_can_be_limited_to_one_municipality(
    stavanger: Municipality, bergen: Municipality
) -> None:
    indicator(stavanger)

    assert "Besøk per dag" not in _run("--date", JUNE, "--municipality", bergen.slug)
    assert "Besøk per dag" in _run("--date", JUNE, "--municipality", stavanger.slug)


def test_an_unknown_municipality_is_an_error(stavanger: Municipality) -> None:
    with pytest.raises(CommandError):
        _run("--municipality", "atlantis")


def test_a_malformed_date_is_an_error(stavanger: Municipality) -> None:
    with pytest.raises(CommandError):
        _run("--date", "15.06.2026")


def test_it_changes_no_data(stavanger: Municipality) -> None:
    indicator(stavanger)
    before = database_state()

    _run("--date", JUNE)

    assert database_state() == before


def _queries(today: date) -> int:
    with CaptureQueriesContext(connection) as queries:
        owners_with_due_measurements(today=today)
    return len(queries.captured_queries)


def test_finding_who_to_remind_takes_as_many_queries_for_many_as_for_one(
    stavanger: Municipality,
) -> None:
    indicator(stavanger)
    few = _queries(date(2026, 6, 15))
    for number in range(12):
        owners = ("gevinsteier", "direktor") if number % 2 else ("portefolje",)
        indicator_on(owned_benefit(stavanger, f"Gevinst {number}", owners=owners))

    assert _queries(date(2026, 6, 15)) == few
    assert len(owners_with_due_measurements(today=date(2026, 6, 15))) == 3
