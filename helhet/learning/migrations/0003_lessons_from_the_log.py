"""One register table: the project-log entries marked as lessons (``projects.LogEntry.is_lesson``
and its lesson text, who marked it and when) become lessons in the register, from the log, with
the entry's title and description, the initiative, its owning unit, the phase it stands in and
its tags as themes. projects' next migration then drops the fields from the log entry.

The search index becomes the model's own (``SearchVectorIndex``: GIN on PostgreSQL, plain
elsewhere) instead of 0002's PostgreSQL-only one, so that migrated tables and tables built from
the models are alike."""

from typing import Any

from django.db import migrations

import helhet.learning.models


def _phase(apps: Any, initiative_id: int) -> str:
    run = (
        apps.get_model("methodology", "ProjectMethod")
        .objects.filter(initiative_id=initiative_id)
        .select_related("current_phase")
        .first()
    )
    return run.current_phase.name if run is not None else ""


def move(apps: Any, schema_editor: Any) -> None:
    LogEntry = apps.get_model("projects", "LogEntry")
    Lesson = apps.get_model("learning", "Lesson")
    marked = LogEntry.objects.filter(is_lesson=True).select_related(
        "initiative", "initiative__owning_unit"
    )
    for entry in marked.order_by("pk").iterator():
        initiative = entry.initiative
        themes = list(initiative.tags.all())
        phase = _phase(apps, initiative.pk)
        words = [
            entry.title,
            entry.description,
            entry.lesson,
            " ".join(tag.name for tag in themes),
            initiative.name,
            initiative.owning_unit.name,
            phase,
        ]
        lesson = Lesson.objects.create(
            municipality_id=entry.municipality_id,
            source="log",
            title=entry.title,
            what_happened=entry.description,
            learned=entry.lesson,
            initiative=initiative,
            unit=initiative.owning_unit,
            phase_name=phase,
            log_entry=entry,
            author_id=entry.lesson_marked_by_id,
            written_at=entry.lesson_marked_at,
            search_text="\n".join(w.strip() for w in words if w and w.strip()).lower(),
        )
        lesson.themes.set(themes)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "UPDATE learning_lesson SET search_vector = to_tsvector('norwegian', search_text)"
        )


def move_back(apps: Any, schema_editor: Any) -> None:
    LogEntry = apps.get_model("projects", "LogEntry")
    Lesson = apps.get_model("learning", "Lesson")
    for lesson in Lesson.objects.filter(log_entry__isnull=False).iterator():
        LogEntry.objects.filter(pk=lesson.log_entry_id).update(
            is_lesson=True,
            lesson=lesson.learned,
            lesson_marked_by_id=lesson.author_id,
            lesson_marked_at=lesson.written_at,
        )
        lesson.delete()


def drop_index_of_0002(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS learning_lesson_search_gin")


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0002_lesson_search"),
        ("projects", "0002_text_limits"),
        ("methodology", "0005_level_allows_combined_roles"),
    ]

    operations = [
        migrations.RunPython(move, move_back),
        migrations.RunPython(drop_index_of_0002, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="lesson",
            index=helhet.learning.models.SearchVectorIndex(
                fields=["search_vector"], name="learning_lesson_search"
            ),
        ),
    ]
