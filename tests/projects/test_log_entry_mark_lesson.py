"""Any log entry can be marked as a lesson for the municipality's lessons register, with what
the lesson is, who marked it and when; the mark can be taken off again."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helhet.organization.models import Municipality
from helhet.projects.services.log import log_entry_mark_lesson, log_entry_unmark_lesson
from tests.projects.projectwork import deviation, projects_state, user

pytestmark = pytest.mark.django_db

LESSON = "Bestill utstyret før opplæringen planlegges."


def test_marking_keeps_the_lesson_who_marked_it_and_when(stavanger: Municipality) -> None:
    before = timezone.now()
    entry = log_entry_mark_lesson(actor=user("eier"), entry=deviation(stavanger), lesson=LESSON)
    assert (entry.is_lesson, entry.lesson, entry.lesson_marked_by) == (True, LESSON, user("eier"))
    assert entry.lesson_marked_at is not None
    assert entry.lesson_marked_at >= before


@pytest.mark.parametrize("lesson", ["", "   \n "])
def test_a_mark_without_a_lesson_is_refused(stavanger: Municipality, lesson: str) -> None:
    entry = deviation(stavanger)
    before = projects_state()
    with pytest.raises(ValidationError) as refused:
        log_entry_mark_lesson(actor=user("eier"), entry=entry, lesson=lesson)
    assert refused.value.message_dict == {"lesson": [_("Write what the lesson is.")]}
    assert projects_state() == before


def test_marking_again_changes_the_lesson_but_not_who_marked_it(stavanger: Municipality) -> None:
    entry = log_entry_mark_lesson(actor=user("eier"), entry=deviation(stavanger), lesson=LESSON)
    marked_at = entry.lesson_marked_at
    entry = log_entry_mark_lesson(
        actor=user("prosjektleder"), entry=entry, lesson="Bestill utstyret tidlig."
    )
    assert entry.lesson == "Bestill utstyret tidlig."
    assert (entry.lesson_marked_by, entry.lesson_marked_at) == (user("eier"), marked_at)


def test_the_mark_can_be_taken_off_and_the_lesson_stays_in_the_history(
    stavanger: Municipality,
) -> None:
    entry = log_entry_mark_lesson(actor=user("eier"), entry=deviation(stavanger), lesson=LESSON)
    entry = log_entry_unmark_lesson(actor=user("prosjektleder"), entry=entry)
    assert (entry.is_lesson, entry.lesson, entry.lesson_marked_by, entry.lesson_marked_at) == (
        False,
        "",
        None,
        None,
    )
    assert entry.history.filter(lesson=LESSON).exists()


def test_a_reader_may_not_mark_a_lesson(stavanger: Municipality) -> None:
    entry = deviation(stavanger)
    before = projects_state()
    with pytest.raises(PermissionDenied):
        log_entry_mark_lesson(actor=user("leser"), entry=entry, lesson=LESSON)
    assert projects_state() == before


def test_the_database_refuses_a_mark_without_a_lesson(stavanger: Municipality) -> None:
    entry = deviation(stavanger)
    entry.is_lesson = True
    entry.lesson_marked_at = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        entry.save()
