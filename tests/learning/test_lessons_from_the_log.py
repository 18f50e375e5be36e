"""A project-log entry marked as a lesson: the lesson lives in the register (one table), with the
entry's title and description, what was learned, who marked it and when; marking again changes
what was learned but not who marked it; the mark comes off again (the lesson stays in the
history); those who may change the initiative mark it, a reader does not. The log page shows
the lesson and the way to it; the register lists it as from the project log."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone
from django.utils.translation import gettext as _

from helhet.learning.models import Lesson, LessonSource
from helhet.learning.services.lessons import lesson_from_log_entry, lesson_unmark_log_entry
from helhet.organization.models import Municipality
from tests.projects.projectwork import DEVIATION_TITLE, deviation, user

Login = Callable[[str], Client]
LESSON = "Bestill utstyret før opplæringen planlegges."


def test_marking_puts_the_entry_in_the_register_and_again_changes_only_the_lesson(
    stavanger: Municipality,
) -> None:
    before = timezone.now()
    entry = deviation(stavanger)
    lesson = lesson_from_log_entry(actor=user("eier"), entry=entry, learned=LESSON)
    assert (lesson.source, lesson.title, lesson.learned, lesson.author) == (
        LessonSource.LOG,
        DEVIATION_TITLE,
        LESSON,
        user("eier"),
    )
    assert lesson.what_happened == entry.description
    assert (lesson.initiative, lesson.unit) == (entry.initiative, entry.initiative.owning_unit)
    assert lesson.written_at >= before
    again = lesson_from_log_entry(
        actor=user("prosjektleder"), entry=entry, learned="Bestill utstyret tidlig."
    )
    assert again.pk == lesson.pk
    assert (again.learned, again.author, again.written_at) == (
        "Bestill utstyret tidlig.",
        user("eier"),
        lesson.written_at,
    )
    lesson_unmark_log_entry(actor=user("prosjektleder"), entry=entry)
    assert not Lesson.objects.exists()
    assert Lesson.history.filter(learned=LESSON).exists()


@pytest.mark.parametrize("learned", ["", "   \n "])
def test_a_mark_without_a_lesson_is_refused(stavanger: Municipality, learned: str) -> None:
    with pytest.raises(ValidationError) as refused:
        lesson_from_log_entry(actor=user("eier"), entry=deviation(stavanger), learned=learned)
    assert refused.value.message_dict == {"learned": [_("Write what the lesson is.")]}
    with pytest.raises(PermissionDenied):
        lesson_from_log_entry(actor=user("leser"), entry=deviation(stavanger), learned=LESSON)
    assert not Lesson.objects.exists()


def test_a_lesson_is_marked_from_the_log_page_and_shown_there_and_in_the_register(
    stavanger: Municipality, login: Login
) -> None:
    entry = deviation(stavanger)
    log = f"/prosjekter/{entry.initiative_id}/logg/"
    mark = f"/laering/erfaringer/fra-loggen/{entry.pk}/"
    leader = login("prosjektleder")
    assert mark in leader.get(log).content.decode()
    assert leader.get(mark).status_code == 200
    refused = leader.post(mark, {"learned": " "})
    assert refused.status_code == 400
    assert refused.context["form"].errors["learned"] == [_("Write what the lesson is.")]
    assert not Lesson.objects.exists()
    assert leader.post(mark, {"learned": "Bestill utstyret tidlig."}).status_code == 302
    lesson = Lesson.objects.get(log_entry=entry)
    assert lesson.author == user("prosjektleder")

    reader = login("leser")
    body = reader.get(log).content.decode()
    assert "Bestill utstyret tidlig." in body
    assert "hh-log-entry--lesson" in body
    assert f"/laering/erfaringer/{lesson.pk}/" in body
    assert mark not in body  # the reader marks nothing
    listed = reader.get("/laering/erfaringer/", {"source": "log"})
    assert [found.title for found in listed.context["page"].object_list] == [DEVIATION_TITLE]

    owner = login("eier")
    assert owner.get(f"{mark}fjern/").status_code == 200
    assert owner.post(f"{mark}fjern/").status_code == 302
    assert not Lesson.objects.exists()
    assert "hh-log-entry--lesson" not in reader.get(log).content.decode()
