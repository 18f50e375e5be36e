"""The project log: entries dated today in Oslo unless another date is given, written by the one
who logs them; only change requests and deviations have a consequence and a status, and only the
statuses that make sense for them."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helhet.organization.models import Municipality
from helhet.projects.models import LogEntry
from helhet.projects.services.log import log_entry_create, log_entry_update
from tests.projects.projectwork import deviation, projects_state, the_project, user

pytestmark = pytest.mark.django_db


def test_an_event_is_dated_today_and_written_by_the_one_who_logs_it(
    stavanger: Municipality,
) -> None:
    entry = log_entry_create(
        actor=user("prosjektleder"),
        initiative=the_project(stavanger),
        kind="event",
        title="Oppstartsmøte med leverandøren",
    )
    assert entry.occurred_on == timezone.localdate()
    assert entry.author == user("prosjektleder")
    assert (entry.status, entry.consequence) == ("", "")
    assert not hasattr(entry, "register_lesson")  # not a lesson until marked


def test_an_entry_may_be_dated_back(stavanger: Municipality) -> None:
    entry = log_entry_create(
        actor=None,
        initiative=the_project(stavanger),
        kind="decision",
        title="Styringsgruppen valgte leverandør",
        occurred_on=date(2026, 3, 2),
    )
    assert entry.occurred_on == date(2026, 3, 2)


@pytest.mark.parametrize("kind", ["change_request", "deviation"])
def test_a_change_request_or_deviation_starts_open(stavanger: Municipality, kind: str) -> None:
    entry = log_entry_create(
        actor=None,
        initiative=the_project(stavanger),
        kind=kind,
        title="Utvide til Hinna",
        consequence="Tre måneder lenger og 400 000 kroner mer.",
    )
    assert entry.status == "open"
    assert entry.consequence == "Tre måneder lenger og 400 000 kroner mer."


def test_a_change_request_can_be_approved(stavanger: Municipality) -> None:
    entry = log_entry_create(
        actor=None,
        initiative=the_project(stavanger),
        kind="change_request",
        title="Utvide til Hinna",
        status="approved",
    )
    assert entry.get_status_display() == _("Approved")


def test_a_deviation_cannot_be_approved(stavanger: Municipality) -> None:
    the_project(stavanger)
    before = projects_state()
    with pytest.raises(ValidationError) as refused:
        log_entry_create(
            actor=None,
            initiative=the_project(stavanger),
            kind="deviation",
            title="Forsinket",
            status="approved",
        )
    assert list(refused.value.message_dict) == ["status"]
    assert projects_state() == before


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("status", "open", "Only change requests and deviations have a status."),
        ("consequence", "Noe", "Only change requests and deviations have a consequence."),
    ],
)
def test_an_event_has_no_status_or_consequence(
    stavanger: Municipality, field: str, value: str, message: str
) -> None:
    the_project(stavanger)
    before = projects_state()
    with pytest.raises(ValidationError) as refused:
        log_entry_create(
            actor=None,
            initiative=the_project(stavanger),
            kind="event",
            title="Møte",
            status=value if field == "status" else "",
            consequence=value if field == "consequence" else "",
        )
    assert refused.value.message_dict == {field: [_(message)]}
    assert projects_state() == before


def test_an_unknown_kind_is_refused(stavanger: Municipality) -> None:
    the_project(stavanger)
    before = projects_state()
    with pytest.raises(ValidationError) as refused:
        log_entry_create(actor=None, initiative=the_project(stavanger), kind="rumour", title="?")
    assert "kind" in refused.value.message_dict
    assert projects_state() == before


def test_a_reader_may_not_write_in_the_log(stavanger: Municipality) -> None:
    initiative = the_project(stavanger)
    before = projects_state()
    with pytest.raises(PermissionDenied):
        log_entry_create(actor=user("leser"), initiative=initiative, kind="event", title="Nei")
    assert projects_state() == before


def test_the_database_refuses_a_status_on_an_event(stavanger: Municipality) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        LogEntry.objects.create(
            municipality=stavanger,
            initiative=the_project(stavanger),
            kind="event",
            title="Møte",
            status="approved",
        )


def test_a_deviation_is_followed_up_and_closed(stavanger: Municipality) -> None:
    entry = deviation(stavanger)
    log_entry_update(
        actor=user("eier"),
        entry=entry,
        kind=entry.kind,
        title=entry.title,
        occurred_on=entry.occurred_on,
        description=entry.description,
        consequence=entry.consequence,
        status="closed",
    )
    entry.refresh_from_db()
    assert entry.status == "closed"
    assert entry.author == user("prosjektleder")  # the author stays
    assert entry.history.order_by("-history_date").first().history_user == user("eier")
