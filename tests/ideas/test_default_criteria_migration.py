"""The data migration that gives every municipality existing when ideas arrived the default
screening criteria (helhet/ideas/migrations/0002_default_criteria.py), run for real: a new
database migrated to ideas 0001, two municipalities added (one with a municipal set of its
own), then migrated forward. The test databases are built from the models (``--nomigrations``),
so nothing else runs this migration's code."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db.migrations.executor import MigrationExecutor
from pytest_django.fixtures import Settings

from tests.core.test_migrations import empty_database

BEFORE = [("ideas", "0001_ideas")]
AFTER = [("ideas", "0002_default_criteria")]


@pytest.mark.django_db
def test_existing_municipalities_get_the_default_criteria_unless_they_have_a_set(
    tmp_path: Path, settings: Settings
) -> None:
    settings.MIGRATION_MODULES = {}  # the real migrations, not --nomigrations' none
    with empty_database(tmp_path) as (database, _url):
        executor = MigrationExecutor(database)
        executor.migrate(BEFORE)
        old = executor.loader.project_state(BEFORE).apps
        municipality = old.get_model("organization", "Municipality").objects.using("migrated")
        sola = municipality.create(name="Sola kommune", slug="sola", org_number="964979758")
        sandnes = municipality.create(
            name="Sandnes kommune", slug="sandnes", org_number="964965226"
        )
        old.get_model("ideas", "CriteriaSet").objects.using("migrated").create(
            municipality_id=sandnes.pk, name="Sandnes' egne kriterier"
        )

        executor = MigrationExecutor(database)  # the graph as the database now records it
        executor.migrate(AFTER)

        new = executor.loader.project_state(AFTER).apps
        sets = new.get_model("ideas", "CriteriaSet").objects.using("migrated")
        criteria = new.get_model("ideas", "ScreeningCriterion").objects.using("migrated")
        assert [s.name for s in sets.filter(municipality_id=sola.pk)] == ["Kommunens kriterier"]
        assert list(
            criteria.filter(criteria_set__municipality_id=sola.pk)
            .order_by("position")
            .values_list("name", "weight", "position")
        ) == [
            ("Nytte for innbyggerne", 3, 1),
            ("Nytte for de ansatte", 2, 2),
            ("Strategisk forankring", 2, 3),
            ("Gjennomførbarhet", 2, 4),
            ("Hvor haster det", 1, 5),
        ]
        assert [s.name for s in sets.filter(municipality_id=sandnes.pk)] == [
            "Sandnes' egne kriterier"
        ]
        assert not criteria.filter(criteria_set__municipality_id=sandnes.pk).exists()

        executor = MigrationExecutor(database)
        executor.migrate(BEFORE)  # backwards it keeps the criteria (a no-op), and may go forward
        executor = MigrationExecutor(database)
        executor.migrate(AFTER)
        assert sets.filter(municipality_id=sola.pk).count() == 1  # not seeded twice
