"""An initiative registered by mistake can still be deleted when it has a board, risks and a
log: they go with it, and their history stays."""

import pytest

from helhet.learning.models import Lesson
from helhet.learning.services.lessons import lesson_from_log_entry
from helhet.organization.models import Municipality
from helhet.portfolio.services import initiative_delete
from helhet.projects.models import BoardMember, LogEntry, Risk
from tests.projects.projectwork import board_member, deviation, risk, user

pytestmark = pytest.mark.django_db


def test_deleting_the_initiative_takes_its_project_work_along(stavanger: Municipality) -> None:
    member, found, entry = board_member(stavanger), risk(stavanger), deviation(stavanger)
    lesson_from_log_entry(actor=None, entry=entry, learned="Tidlig.")
    initiative_delete(actor=user("admin"), initiative=member.initiative)
    assert not BoardMember.objects.exists()
    assert not Risk.objects.exists()
    assert not LogEntry.objects.exists()
    assert not Lesson.objects.exists()  # the lesson was about the initiative: it goes too
    assert Risk.history.filter(id=found.pk, history_type="-").exists()
