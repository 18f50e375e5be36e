"""The screening criteria every municipality starts with, as data: five criteria of equal weight
that the portfolio office changes, weighs or replaces on the criteria page."""

from __future__ import annotations

from django.db import transaction

from helhet.ideas.models import CriteriaSet, ScreeningCriterion
from helhet.organization.models import Municipality

DEFAULT_SET_NAME = "Kommunens kriterier"
# (name, what it asks, weight): stored in Norwegian, as the municipality's own words.
DEFAULT_CRITERIA = (
    ("Nytte for innbyggerne", "Hvor mye bedre blir tjenesten for dem som bruker den?", 3),
    ("Nytte for de ansatte", "Sparer det tid, gir det bedre arbeidsdager eller færre feil?", 2),
    ("Strategisk forankring", "Hvor godt støtter det kommunens digitaliseringsstrategi og mål?", 2),
    ("Gjennomførbarhet", "Finnes løsning, kompetanse og kapasitet til å gjennomføre det?", 2),
    ("Hvor haster det", "Hva koster det å vente (lovkrav, risiko, tapte gevinster)?", 1),
)


@transaction.atomic
def seed_screening_criteria(municipality: Municipality) -> CriteriaSet:
    """The municipality's default criteria set with the five criteria above; the existing one,
    untouched, when it has one already."""
    existing = CriteriaSet.objects.filter(municipality=municipality, unit__isnull=True).first()
    if existing is not None:
        return existing
    criteria_set = CriteriaSet.objects.create(municipality=municipality, name=DEFAULT_SET_NAME)
    ScreeningCriterion.objects.bulk_create(
        ScreeningCriterion(
            municipality=municipality,
            criteria_set=criteria_set,
            name=name,
            description=description,
            weight=weight,
            position=position,
        )
        for position, (name, description, weight) in enumerate(DEFAULT_CRITERIA, start=1)
    )
    return criteria_set
