"""Which ideas and initiatives count as like a new one: two shared words, one and the same unit,
or the same service; never one common word alone, nor the same unit alone."""

from __future__ import annotations

import pytest

from helhet.ideas.selectors import similar_to
from helhet.learning.services.lessons import lesson_write
from helhet.learning.similarity import significant_words
from helhet.organization.models import Municipality
from helhet.portfolio.models import InitiativeKind
from helhet.portfolio.services.initiatives import initiative_create
from tests.conftest import unit_named
from tests.ideas.helpers import submit
from tests.maturity.matrix_catalogue import catalogue_service

pytestmark = pytest.mark.django_db


def test_words_shared_by_chance_or_the_unit_alone_do_not_make_ideas_alike(
    stavanger: Municipality,
) -> None:
    kultur = unit_named(stavanger, "Kultur")
    barnehage = catalogue_service(stavanger)
    one_word = initiative_create(
        actor=None,
        municipality=stavanger,
        name="Sensorer i bybussene",
        kind=InitiativeKind.IDEA,
        owning_unit=unit_named(stavanger, "Smartby"),
    )
    same_unit = submit(stavanger, title="Billetter til konserter", problem="Kø.", unit="Kultur")
    two_words = submit(
        stavanger, title="Sensorer i søppeldunker", problem="Fyllingsgrad ukjent.", unit="Skole"
    )
    on_service = submit(
        stavanger, title="Noe helt annet", problem="Kø.", unit="Skole", service=barnehage
    )

    found = similar_to(
        municipality_id=stavanger.pk,
        text="Sensorer som måler fyllingsgrad i søppeldunker for innbyggerne i kommunen",
        unit_id=kultur.pk,
        service_id=barnehage.pk,
    )

    ideas = {like.item.pk: like for like in found.ideas}
    assert set(ideas) == {two_words.pk, on_service.pk}
    assert ideas[two_words.pk].words == ["fyllingsgrad", "søppeldunker", "sensorer"]
    assert ideas[on_service.pk].same_service
    assert same_unit.pk not in ideas
    assert one_word.pk not in {like.item.pk for like in found.initiatives}
    assert "innbyggerne" not in significant_words("for innbyggerne i kommunen")


def test_an_idea_is_shown_the_lessons_like_it(stavanger: Municipality) -> None:
    lesson_write(
        actor=None,
        municipality=stavanger,
        title="Fyllingsgrad i søppeldunker",
        learned="Sensorer i søppeldunker må tåle frost.",
    )

    found = similar_to(
        municipality_id=stavanger.pk, text="Sensorer som måler fyllingsgrad i søppeldunker"
    )

    assert [like.item.title for like in found.lessons] == ["Fyllingsgrad i søppeldunker"]
