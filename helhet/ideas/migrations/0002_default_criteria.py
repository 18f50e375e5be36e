"""Every municipality that exists when ideas arrive gets the default screening criteria (new
municipalities get them from ``create_municipality``; see ``helhet.ideas.seed``)."""

from typing import Any

from django.db import migrations

# A copy of helhet.ideas.seed as it was when this migration was written: a migration must not
# change when the seed does.
DEFAULT_SET_NAME = "Kommunens kriterier"
DEFAULT_CRITERIA = (
    ("Nytte for innbyggerne", "Hvor mye bedre blir tjenesten for dem som bruker den?", 3),
    ("Nytte for de ansatte", "Sparer det tid, gir det bedre arbeidsdager eller færre feil?", 2),
    ("Strategisk forankring", "Hvor godt støtter det kommunens digitaliseringsstrategi og mål?", 2),
    ("Gjennomførbarhet", "Finnes løsning, kompetanse og kapasitet til å gjennomføre det?", 2),
    ("Hvor haster det", "Hva koster det å vente (lovkrav, risiko, tapte gevinster)?", 1),
)


def seed(apps: Any, schema_editor: Any) -> None:
    # The database being migrated, not always the default one (tests migrate a database of
    # their own: tests/ideas/test_default_criteria_migration.py).
    db = schema_editor.connection.alias
    municipality_model = apps.get_model("organization", "Municipality")
    criteria_set_model = apps.get_model("ideas", "CriteriaSet")
    criterion_model = apps.get_model("ideas", "ScreeningCriterion")
    for municipality in municipality_model.objects.using(db).all():
        sets = criteria_set_model.objects.using(db)
        if sets.filter(municipality=municipality, unit=None).exists():
            continue
        criteria_set = sets.create(municipality=municipality, name=DEFAULT_SET_NAME)
        for position, (name, description, weight) in enumerate(DEFAULT_CRITERIA, start=1):
            criterion_model.objects.using(db).create(
                municipality=municipality,
                criteria_set=criteria_set,
                name=name,
                description=description,
                weight=weight,
                position=position,
            )


class Migration(migrations.Migration):
    dependencies = [("ideas", "0001_ideas"), ("organization", "__first__")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
