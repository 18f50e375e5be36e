"""Æ, ø and å fold their case on SQLite as on PostgreSQL (helhet.core.folding): "Øvre" is found
by "øvre" among similar ideas and initiatives, "Ærlig" and "ærlig" sort together by title, and
"Økonomi" is the same criterion name as "økonomi". SQLite's own lower(), LIKE and icontains
fold only ASCII letters, so each of these failed on SQLite before."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from helhet.ideas.models import CriteriaSet
from helhet.ideas.selectors import ideas_listed, similar_to
from helhet.ideas.services.criteria import criterion_add
from helhet.organization.models import Municipality
from helhet.portfolio.models import InitiativeKind
from helhet.portfolio.services.initiatives import initiative_create
from tests.conftest import membership_of, unit_named
from tests.ideas.helpers import person, submit

pytestmark = pytest.mark.django_db


def test_similar_ideas_and_initiatives_are_found_whatever_the_case_of_æ_ø_å(
    stavanger: Municipality,
) -> None:
    idea = submit(stavanger, title="Øvre Ærlig-skole", problem="Ærlige svar om Øvre tomt.")
    initiative = initiative_create(
        actor=None,
        municipality=stavanger,
        name="ØVRE ÆRLIG BYDEL",
        kind=InitiativeKind.IDEA,
        owning_unit=unit_named(stavanger, "Smartby"),
    )

    found = similar_to(municipality_id=stavanger.pk, text="øvre ærlig", unit_id=None)

    assert [like.item.pk for like in found.ideas] == [idea.pk]
    assert found.ideas[0].words == ["ærlig", "øvre"]
    assert [like.item.pk for like in found.initiatives] == [initiative.pk]
    upper = similar_to(municipality_id=stavanger.pk, text="ØVRE ÆRLIG", unit_id=None)
    assert [like.item.pk for like in upper.ideas] == [idea.pk]


def test_titles_sort_with_their_case_folded_and_criterion_names_compare_folded(
    stavanger: Municipality,
) -> None:
    titles = ["øvre", "Ærlig", "Zebra", "Øvre", "ærlig", "apotek"]
    made = {submit(stavanger, title=title).pk: title for title in titles}

    listed = ideas_listed(membership_of("leser"), sort="title")
    order = [made[idea.pk] for idea in listed if idea.pk in made]

    assert order == ["apotek", "Zebra", "Ærlig", "ærlig", "øvre", "Øvre"]  # ties by age
    descending = ideas_listed(membership_of("leser"), sort="-title")
    assert [made[idea.pk] for idea in descending if idea.pk in made] == order[::-1]

    criteria = CriteriaSet.objects.filter(municipality=stavanger, unit__isnull=True).get()
    office = person("portefolje")
    criterion_add(actor=office, criteria_set=criteria, name="Økonomi", weight=1)
    with pytest.raises(ValidationError, match="allerede et kriterium med dette navnet"):
        criterion_add(actor=office, criteria_set=criteria, name="økonomi", weight=1)
