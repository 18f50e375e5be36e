"""The demo's idea intake: ideas from different units at every status, Smartby's ideas screened
on Smartby's own three criteria, a promoted idea and its initiative leading to each other."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from helhet.demo.ideas import build_ideas_demo
from helhet.demo.maturity import build_maturity_demo
from helhet.demo.portfolio import build_portfolio_demo
from helhet.ideas.models import Idea, IdeaStatus
from helhet.organization.models import Municipality


def test_the_demo_has_ideas_from_different_units_at_every_status(
    stavanger: Municipality, bergen: Municipality, login: Callable[[str], Client]
) -> None:
    build_portfolio_demo(stavanger, bergen)
    build_maturity_demo(stavanger)

    ideas = build_ideas_demo(stavanger)

    assert {idea.status for idea in Idea.objects.all()} == set(IdeaStatus.values)
    assert len({idea.unit_id for idea in ideas}) == len(ideas)
    assert Idea.objects.filter(questions__answered_at__isnull=True).exists()
    smartby = Idea.objects.get(unit__name="Smartby")
    assert smartby.criteria_set is not None
    assert smartby.criteria_set.name == "Smartbys kriterier"
    assert smartby.scores.count() == 3
    promoted = Idea.objects.get(status=IdeaStatus.PROMOTED)
    assert promoted.initiative is not None
    page = login("leser").get(f"/portefolje/tiltak/{promoted.initiative.pk}/").content.decode()
    assert f'href="/ideer/{promoted.pk}/"' in page
    listed = login("portefolje").get("/ideer/?sort=-score")
    assert listed.status_code == 200
    assert "Digital innsjekk på legevakten" in listed.content.decode()
