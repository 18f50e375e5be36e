"""/ideer/: the municipality's ideas, filtered by status and unit and sorted by any column,
in a number of queries that does not grow with the ideas; Bergen sees none of Stavanger's."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client

from helhet.ideas.models import Idea, IdeaStatus
from helhet.organization.models import Municipality
from tests.conftest import count_queries, unit_named
from tests.ideas.helpers import person, submit

pytestmark = pytest.mark.django_db


def _ideas(stavanger: Municipality, count: int) -> None:
    reader = person("leser")
    units = [unit_named(stavanger, name) for name in ("Smartby", "Kultur", "Skole")]
    Idea.objects.bulk_create(
        Idea(
            municipality=stavanger,
            title=f"Idé {index:03d}",
            problem="Et problem",
            unit=units[index % 3],
            submitted_by=reader,
            status=IdeaStatus.SCREENING if index % 2 else IdeaStatus.SUBMITTED,
            score=Decimal(1 + index % 5) if index % 2 else None,
        )
        for index in range(count)
    )


def test_the_list_sorts_by_score_and_filters_by_status_and_unit(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    best = submit(stavanger, title="Best", unit="Kultur")
    Idea.objects.filter(pk=best.pk).update(score=Decimal("4.80"), status=IdeaStatus.SCREENING)
    _ideas(stavanger, 6)
    reader = login("leser")

    by_score = reader.get("/ideer/?sort=-score").content.decode()
    assert by_score.index("Best") < by_score.index("Idé 001")
    assert 'aria-sort="descending"' in by_score
    kultur = unit_named(stavanger, "Kultur").pk
    filtered = reader.get(f"/ideer/?status=screening&unit={kultur}").content.decode()
    assert "Best" in filtered and "Idé 001" in filtered
    assert "Idé 002" not in filtered  # Skole
    assert "Idé 004" not in filtered  # Kultur, but submitted, not being screened
    assert reader.get("/ideer/?sort=nonsense&unit=x&status=y").status_code == 200
    assert "Best" not in login("bergen-admin").get("/ideer/").content.decode()


def test_the_list_and_my_ideas_take_the_same_queries_for_many_ideas_as_for_few(
    stavanger: Municipality, login: Callable[[str], Client]
) -> None:
    reader = login("leser")
    _ideas(stavanger, 3)
    few = (count_queries(reader, "/ideer/?sort=-score"), count_queries(reader, "/ideer/mine/"))
    _ideas(stavanger, 60)
    many = (count_queries(reader, "/ideer/?sort=-score"), count_queries(reader, "/ideer/mine/"))
    assert many == few
