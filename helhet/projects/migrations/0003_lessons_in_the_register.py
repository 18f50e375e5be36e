"""The log entry's lesson fields go: learning's migration 0003 has moved every marked entry
into the lessons register (one table for lessons)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0002_text_limits"),
        ("learning", "0003_lessons_from_the_log"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="logentry",
            name="log_entry_lesson_has_text",
        ),
        migrations.RemoveIndex(
            model_name="logentry",
            name="projects_lo_municip_1a0946_idx",
        ),
        migrations.RemoveField(
            model_name="historicallogentry",
            name="is_lesson",
        ),
        migrations.RemoveField(
            model_name="historicallogentry",
            name="lesson",
        ),
        migrations.RemoveField(
            model_name="historicallogentry",
            name="lesson_marked_at",
        ),
        migrations.RemoveField(
            model_name="historicallogentry",
            name="lesson_marked_by",
        ),
        migrations.RemoveField(
            model_name="logentry",
            name="is_lesson",
        ),
        migrations.RemoveField(
            model_name="logentry",
            name="lesson",
        ),
        migrations.RemoveField(
            model_name="logentry",
            name="lesson_marked_at",
        ),
        migrations.RemoveField(
            model_name="logentry",
            name="lesson_marked_by",
        ),
    ]
